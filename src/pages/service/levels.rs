//! Settings → Service levels: each priority's first-response and resolution targets, whether
//! they count working hours only and whether pending pauses resolution, and the team's working
//! days, hours, time zone and holidays. Kept with the workspace (`meta`), so the worker's
//! service report counts by them too.

use crate::i18n::{key_text, use_i18n, Lang, Msg};
use crate::sla::BrowserZone;
use crate::workspace::use_workspace;
use chrono::{NaiveDate, NaiveTime};
use hearth_domain::entity::TICKET_PRIORITY_KEYS;
use hearth_domain::sla::{SlaPolicy, SlaSettings, PRIORITIES};
use hearth_domain::FieldError;
use leptos::prelude::*;

/// Weekday names, Monday first, as the working-days checkboxes label them.
const WEEKDAYS: [Msg; 7] = [
    Msg::Monday,
    Msg::Tuesday,
    Msg::Wednesday,
    Msg::Thursday,
    Msg::Friday,
    Msg::Saturday,
    Msg::Sunday,
];

/// One priority's row of the form, as typed.
#[derive(Clone, Copy)]
struct PolicyInputs {
    first_response_hours: RwSignal<String>,
    resolution_hours: RwSignal<String>,
    business_hours: RwSignal<bool>,
    pause_when_pending: RwSignal<bool>,
}

/// The whole form, as typed.
#[derive(Clone, Copy)]
struct Inputs {
    policies: [PolicyInputs; 4],
    weekdays: [RwSignal<bool>; 7],
    opens: RwSignal<String>,
    closes: RwSignal<String>,
    zone: RwSignal<String>,
    holidays: RwSignal<String>,
}

/// Minutes as hours the way a person types them: `4`, `0.5`, `1.25`.
fn hours_text(minutes: u32) -> String {
    let hours = f64::from(minutes) / 60.0;
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Inputs {
    fn new() -> Inputs {
        Inputs {
            policies: [(); 4].map(|()| PolicyInputs {
                first_response_hours: RwSignal::new(String::new()),
                resolution_hours: RwSignal::new(String::new()),
                business_hours: RwSignal::new(false),
                pause_when_pending: RwSignal::new(true),
            }),
            weekdays: [(); 7].map(|()| RwSignal::new(false)),
            opens: RwSignal::new(String::new()),
            closes: RwSignal::new(String::new()),
            zone: RwSignal::new(String::new()),
            holidays: RwSignal::new(String::new()),
        }
    }

    /// Shows `settings` in the form.
    fn show(&self, settings: &SlaSettings) {
        for (inputs, priority) in self.policies.iter().zip(PRIORITIES) {
            let policy = settings.policy(priority);
            inputs
                .first_response_hours
                .set(hours_text(policy.first_response_minutes));
            inputs
                .resolution_hours
                .set(hours_text(policy.resolution_minutes));
            inputs.business_hours.set(policy.business_hours);
            inputs.pause_when_pending.set(policy.pause_when_pending);
        }
        for (input, works) in self.weekdays.iter().zip(settings.hours.weekdays) {
            input.set(works);
        }
        self.opens
            .set(settings.hours.opens.format("%H:%M").to_string());
        self.closes
            .set(settings.hours.closes.format("%H:%M").to_string());
        self.zone.set(settings.zone.clone());
        let holidays: Vec<String> = settings
            .hours
            .holidays
            .iter()
            .map(|day| day.format("%Y-%m-%d").to_string())
            .collect();
        self.holidays.set(holidays.join("\n"));
    }

    /// The settings the form says, or what is wrong with it in `lang`, naming the input.
    fn read(&self, lang: Lang) -> Result<SlaSettings, String> {
        let mut settings = SlaSettings::default();
        let wrong = |input: String, problem: Msg| format!("{input}: {}", problem.text(lang));
        settings.policies = Vec::new();
        for (inputs, priority) in self.policies.iter().zip(PRIORITIES) {
            let minutes = |text: RwSignal<String>, column: Msg| {
                let text = text.get_untracked();
                let hours: f64 = text
                    .trim()
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| wrong(policy_input(priority, column, lang), Msg::NotAHours))?;
                if !(hours > 0.0 && hours <= 366.0 * 24.0) {
                    return Err(wrong(policy_input(priority, column, lang), Msg::HoursRange));
                }
                Ok((hours * 60.0).round().max(1.0) as u32)
            };
            settings.policies.push(SlaPolicy {
                priority,
                first_response_minutes: minutes(
                    inputs.first_response_hours,
                    Msg::FirstResponseHours,
                )?,
                resolution_minutes: minutes(inputs.resolution_hours, Msg::ResolutionHours)?,
                business_hours: inputs.business_hours.get_untracked(),
                pause_when_pending: inputs.pause_when_pending.get_untracked(),
            });
        }
        settings.hours.weekdays = self.weekdays.map(|day| day.get_untracked());
        let time = |text: RwSignal<String>, label: Msg| {
            NaiveTime::parse_from_str(text.get_untracked().trim(), "%H:%M")
                .map_err(|_| wrong(label.text(lang).to_string(), Msg::NotATime))
        };
        settings.hours.opens = time(self.opens, Msg::Opens)?;
        settings.hours.closes = time(self.closes, Msg::Closes)?;
        settings.zone = self.zone.get_untracked().trim().to_string();
        BrowserZone::named(&settings.zone)
            .map_err(|_| wrong(Msg::TimeZone.text(lang).to_string(), Msg::UnknownZone))?;
        let holidays = self.holidays.get_untracked();
        for (at, line) in holidays.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let day = NaiveDate::parse_from_str(line, "%Y-%m-%d").map_err(|_| {
                format!(
                    "{} {}: {}",
                    Msg::Holidays.text(lang),
                    at + 1,
                    Msg::NotADay.text(lang)
                )
            })?;
            settings.hours.holidays.push(day);
        }
        settings.hours.holidays.sort_unstable();
        settings.hours.holidays.dedup();
        settings
            .validate()
            .map_err(|errors| settings_errors(&errors, lang))?;
        Ok(settings)
    }
}

/// "Urgent · First response (hours)".
fn policy_input(priority: hearth_domain::TicketPriority, column: Msg, lang: Lang) -> String {
    let key = TICKET_PRIORITY_KEYS
        .get(PRIORITIES.iter().position(|p| *p == priority).unwrap_or(0))
        .copied()
        .unwrap_or_default();
    format!("{} · {}", key_text(key, lang), column.text(lang))
}

/// What [`SlaSettings::validate`] found, in `lang`, each naming its input.
fn settings_errors(errors: &[FieldError], lang: Lang) -> String {
    errors
        .iter()
        .map(|error| {
            let input = match error.field.as_str() {
                "hours.closes" => Msg::Closes.text(lang).to_string(),
                "hours.weekdays" => Msg::WorkingDays.text(lang).to_string(),
                field => field.to_string(),
            };
            format!("{input}: {}", Msg::for_problem(&error.problem).text(lang))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The service-level section of Settings.
#[component]
pub fn ServiceLevelSettings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let inputs = Inputs::new();
    let outcome = RwSignal::new(None::<Result<(), String>>);
    // Shown once read; a save writes what the form says, so the form is not read again after it.
    let loaded = LocalResource::new(move || {
        let store = workspace.store();
        async move {
            let store = store?;
            store.meta::<SlaSettings>(SlaSettings::KEY).await.ok()
        }
    });
    Effect::new(move |shown: Option<bool>| {
        if shown == Some(true) {
            return true;
        }
        match loaded.get() {
            Some(settings) => {
                inputs.show(&settings.flatten().unwrap_or_default());
                true
            }
            None => false,
        }
    });
    let save = Action::new_local(move |settings: &SlaSettings| {
        let settings = settings.clone();
        async move {
            let store = workspace.store().ok_or("storage is not open")?;
            store
                .put_meta(SlaSettings::KEY, settings)
                .await
                .map_err(|e| e.to_string())
        }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            outcome.set(Some(result));
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match inputs.read(i18n.lang.get_untracked()) {
            Ok(settings) => {
                outcome.set(None);
                save.dispatch(settings);
            }
            Err(problem) => outcome.set(Some(Err(problem))),
        }
    };
    let browser_zone = BrowserZone::browser_zone_name();
    let rows = move || {
        let lang = i18n.lang.get();
        inputs
            .policies
            .iter()
            .zip(TICKET_PRIORITY_KEYS)
            .map(|(policy, key)| {
                let name = key_text(key, lang);
                let label = |column: Msg| format!("{name} · {}", column.text(lang));
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        <td><input type="text" inputmode="decimal" size="5" aria-label=label(Msg::FirstResponseHours) bind:value=policy.first_response_hours/></td>
                        <td><input type="text" inputmode="decimal" size="5" aria-label=label(Msg::ResolutionHours) bind:value=policy.resolution_hours/></td>
                        <td><input type="checkbox" aria-label=label(Msg::CountBusinessHours) bind:checked=policy.business_hours/></td>
                        <td><input type="checkbox" aria-label=label(Msg::PauseWhenPending) bind:checked=policy.pause_when_pending/></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="sla-settings-heading" class="card">
            <h2 id="sla-settings-heading">{i18n.text(Msg::ServiceLevels)}</h2>
            <p class="hint">{i18n.text(Msg::ServiceLevelsHint)}</p>
            <form on:submit=submit>
                <div class="table-scroll">
                    <table class="report sla-policies">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.text(Msg::Priority)}</th>
                                <th scope="col">{i18n.text(Msg::FirstResponseHours)}</th>
                                <th scope="col">{i18n.text(Msg::ResolutionHours)}</th>
                                <th scope="col">{i18n.text(Msg::CountBusinessHours)}</th>
                                <th scope="col">{i18n.text(Msg::PauseWhenPending)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <fieldset class="weekdays">
                    <legend>{i18n.text(Msg::WorkingDays)}</legend>
                    {WEEKDAYS
                        .into_iter()
                        .zip(inputs.weekdays)
                        .map(|(day, works)| view! {
                            <label><input type="checkbox" bind:checked=works/>{move || i18n.t(day)}</label>
                        })
                        .collect_view()}
                </fieldset>
                <div class="form-grid">
                    <div class="field">
                        <label for="sla-opens">{i18n.text(Msg::Opens)}</label>
                        <input id="sla-opens" type="time" bind:value=inputs.opens/>
                    </div>
                    <div class="field">
                        <label for="sla-closes">{i18n.text(Msg::Closes)}</label>
                        <input id="sla-closes" type="time" bind:value=inputs.closes/>
                    </div>
                    <div class="field">
                        <label for="sla-zone">{i18n.text(Msg::TimeZone)}</label>
                        <input id="sla-zone" type="text" placeholder=browser_zone bind:value=inputs.zone/>
                    </div>
                </div>
                <div class="field wide">
                    <label for="sla-holidays">{i18n.text(Msg::Holidays)}</label>
                    <textarea id="sla-holidays" rows="3" placeholder="2026-12-25" bind:value=inputs.holidays></textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" disabled=move || save.pending().get()>{i18n.text(Msg::SaveServiceLevels)}</button>
                </div>
            </form>
            {move || outcome.get().map(|result| match result {
                Ok(()) => view! { <p role="status">{i18n.t(Msg::ServiceLevelsSaved)}</p> }.into_any(),
                Err(problem) => view! { <p role="alert" class="error">{problem}</p> }.into_any(),
            })}
        </section>
    }
}
