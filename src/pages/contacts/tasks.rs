//! The tasks page: overdue, today, upcoming, undated and recently done, everyone's or only mine,
//! each task ticked off (or reopened) in place.

use crate::app::{use_app_href, use_page_title, UserName};
use crate::components::save_outcome::{
    apply_outcome, one_change, use_save, SaveOutcome, SaveOutcomeView,
};
use crate::components::timeline::{local_time, parse_local_datetime};
use crate::i18n::{format_count, use_i18n, Msg};
use crate::routes;
use crate::store::StoreName;
use crate::tasks::load_agenda;
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::{DealId, PersonId, Task, TaskId};
use leptos::prelude::*;

/// Done tasks the page lists, newest first.
const DONE_SHOWN: usize = 20;

/// The page at `/tasks`.
#[component]
pub fn TasksPage() -> impl IntoView {
    use_page_title(Msg::NavTasks);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let UserName(user_name) = expect_context::<UserName>();
    let only_mine = RwSignal::new(false);
    let agenda = LocalResource::new(move || {
        workspace.track(&[StoreName::Tasks, StoreName::People]);
        let (store, mine) = (workspace.store(), only_mine.get().then(|| user_name.get()));
        async move {
            match store {
                Some(store) => load_agenda(&store, mine.as_deref()).await,
                None => Ok(Default::default()),
            }
        }
    });
    let toggle = Action::new_local(move |task: &Task| {
        let mut task = task.clone();
        let now = now_utc();
        task.done_at = if task.done_at.is_some() {
            None
        } else {
            Some(now)
        };
        task.updated_at = now;
        let written = apply_outcome(workspace.store(), one_change(|changes| changes.put(&task)));
        async move {
            let outcome = written.await;
            workspace.changed();
            outcome
        }
    });
    let person_href = use_app_href(&routes::record_prefix(routes::CUSTOMERS));
    let section = move |heading: Msg, tasks: Vec<Task>, empty: Msg| {
        let lang = i18n.lang.get_untracked();
        let id = format!("tasks-{}", heading as usize);
        let items = tasks
            .into_iter()
            .map(|task| {
                let label = format!(
                    "{} {}",
                    if task.done_at.is_some() { Msg::Reopen.text(lang) } else { Msg::MarkDone.text(lang) },
                    task.title
                );
                let person = task.person_id.map(|p| format!("{person_href}{}", p.0));
                let due = task.due_at.map(|due| local_time(due, lang));
                let done = task.done_at.is_some();
                let assignee = task.assignee.clone();
                let title = task.title.clone();
                view! {
                    <li class="task" class:done=done>
                        <input type="checkbox" aria-label=label prop:checked=done on:change=move |_| { toggle.dispatch(task.clone()); }/>
                        <span class="task-title">{title}</span>
                        {due.map(|due| view! { <time>{due}</time> })}
                        {(!assignee.is_empty()).then(|| view! { <span class="badge">{assignee.clone()}</span> })}
                        {person.map(|href| view! { <a href=href>{Msg::OpenRecord.text(lang)}</a> })}
                    </li>
                }
            })
            .collect::<Vec<_>>();
        let count = format_count(items.len() as u64);
        view! {
            <section aria-labelledby=id.clone()>
                <h2 id=id.clone()>{move || i18n.t(heading)} " " <span class="count">{count}</span></h2>
                {if items.is_empty() {
                    view! { <p class="empty">{move || i18n.t(empty)}</p> }.into_any()
                } else {
                    view! { <ul class="tasks">{items}</ul> }.into_any()
                }}
            </section>
        }
    };
    view! {
        <h1>{i18n.text(Msg::NavTasks)}</h1>
        <label class="check">
            <input type="checkbox" bind:checked=only_mine disabled=move || user_name.with(String::is_empty)/>
            {i18n.text(Msg::OnlyMyTasks)}
        </label>
        <Show when=move || user_name.with(String::is_empty)>
            <p class="hint">{i18n.text(Msg::SetYourNameHint)}</p>
        </Show>
        <NewTaskForm person=None/>
        {move || match agenda.get() {
            None => view! { <p>{i18n.text(Msg::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p role="alert">{i18n.text(Msg::ErrorPrefix)} " " {error.clone()}</p> }.into_any(),
            Some(Ok(agenda)) => {
                let mut done = agenda.done;
                done.truncate(DONE_SHOWN);
                view! {
                    {section(Msg::Overdue, agenda.overdue, Msg::NothingOverdue)}
                    {section(Msg::DueToday, agenda.today, Msg::NothingToday)}
                    {section(Msg::Upcoming, agenda.upcoming, Msg::NothingUpcoming)}
                    {section(Msg::NoDueDate, agenda.undated, Msg::NothingUndated)}
                    {section(Msg::RecentlyDone, done, Msg::NothingDone)}
                }
                .into_any()
            }
        }}
        <SaveOutcomeView action=toggle saved=Msg::TaskUpdated/>
    }
}

/// A new task, linked to `person` and `deal` when given, assigned to the user by default.
#[component]
pub fn NewTaskForm(
    person: Option<PersonId>,
    #[prop(optional_no_strip)] deal: Option<DealId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let UserName(user_name) = expect_context::<UserName>();
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let assignee = RwSignal::new(user_name.get_untracked());
    let add = use_save::<Task>(true);
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = add.value().get() {
            title.set(String::new());
            due.set(String::new());
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        add.dispatch(Ok(Task {
            uid: Default::default(),
            revision: 0,
            id: TaskId(0),
            title: title.get().trim().to_string(),
            due_at: parse_local_datetime(&due.get()),
            assignee: assignee.get().trim().to_string(),
            done_at: None,
            person_id: person,
            company_id: None,
            deal_id: deal,
            created_at: now_utc(),
            updated_at: now_utc(),
        }));
    };
    view! {
        <section class="card" aria-labelledby="new-task-heading">
            <h2 id="new-task-heading">{i18n.text(Msg::NewTask)}</h2>
            <form on:submit=on_submit class="form-grid" novalidate>
                <div class="field">
                    <label for="new-task-title">{i18n.text(Msg::TaskTitle)}</label>
                    <input id="new-task-title" type="text" bind:value=title/>
                </div>
                <div class="field">
                    <label for="new-task-due">{i18n.text(Msg::DueAt)}</label>
                    <input id="new-task-due" type="datetime-local" bind:value=due/>
                </div>
                <div class="field">
                    <label for="new-task-assignee">{i18n.text(Msg::Assignee)}</label>
                    <input id="new-task-assignee" type="text" bind:value=assignee/>
                </div>
                <div class="form-actions">
                    <button type="submit" disabled=move || add.pending().get()>{i18n.text(Msg::AddTask)}</button>
                </div>
            </form>
            <SaveOutcomeView action=add saved=Msg::TaskAdded/>
        </section>
    }
}
