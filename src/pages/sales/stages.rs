//! Editing a pipeline below its board: its name and stages (rename, win probability, outcome,
//! reorder, add, remove: a stage that still holds deals is refused, never emptied silently), and
//! creating a new pipeline with the default stages.

use crate::components::save_outcome::{apply_outcome, one_change, SaveOutcome, SaveOutcomeView};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::sales::board::Board;
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::demo::default_pipeline;
use hearth_domain::pipeline::StageEditError;
use hearth_domain::{Pipeline, PipelineId, StageId, StageOutcome};
use leptos::prelude::*;
use std::sync::Arc;

/// A stage's outcome with its label, as the outcome menu offers them.
const OUTCOMES: [(StageOutcome, Msg); 3] = [
    (StageOutcome::Open, Msg::OutcomeOpen),
    (StageOutcome::Won, Msg::OutcomeWon),
    (StageOutcome::Lost, Msg::OutcomeLost),
];

/// Writes a pipeline over the stored revision (`add`: as a new record under its own id).
pub fn use_pipeline_save(add: bool) -> Action<Pipeline, SaveOutcome> {
    let workspace = use_workspace();
    Action::new_local(move |pipeline: &Pipeline| {
        let changes = one_change(|changes| {
            if add {
                changes.create(pipeline)
            } else {
                changes.put(pipeline)
            }
        });
        apply_outcome(workspace.store(), changes)
    })
}

/// What a refused stage edit says.
fn refusal(i18n: I18n, error: StageEditError, stage: &str) -> String {
    match error {
        StageEditError::InUse { deals } => i18n
            .t(Msg::StageInUse)
            .replace("{stage}", stage)
            .replace("{count}", &deals.to_string()),
        StageEditError::LastStage => i18n.t(Msg::LastStageKept).to_string(),
        StageEditError::Unnamed => i18n.t(Msg::StageNeedsName).to_string(),
        StageEditError::Missing => String::new(),
    }
}

/// The editor of the chosen `pipeline` (a copy edited until saved through `save`); `board` counts
/// the deals in each stage.
#[component]
pub fn StageEditor(
    pipeline: Memo<Option<Pipeline>>,
    board: RwSignal<Option<Arc<Board>>>,
    save: Action<Pipeline, SaveOutcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(
        pipeline
            .get_untracked()
            .unwrap_or_else(|| default_pipeline(now_utc())),
    );
    // Another pipeline chosen, or this one stored (here or elsewhere): edit that copy.
    Effect::new(move || {
        if let Some(pipeline) = pipeline.get() {
            draft.set(pipeline);
        }
    });
    let problem = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let new_probability = RwSignal::new(50u8);
    let deals_in = move |stage: StageId| {
        let id = draft.with_untracked(|d| d.id);
        board.with_untracked(|board| board.as_ref().map_or(0, |board| board.deals_in(id, stage)))
    };
    let remove = move |id: StageId, name: String| {
        let deals = deals_in(id);
        let removed = draft.try_update(|draft| draft.remove_stage(id, deals));
        problem.set(match removed {
            Some(Err(error)) => Some(refusal(i18n, error, &name)),
            _ => None,
        });
    };
    let rows = move || {
        draft.with(|pipeline| {
            pipeline
                .stages
                .iter()
                .map(|stage| {
                    let id = stage.id;
                    let name = stage.name.clone();
                    let label = |msg: Msg| i18n.t(msg).replace("{stage}", &name);
                    let outcomes = OUTCOMES
                        .iter()
                        .map(|(outcome, msg)| {
                            view! { <option value=format!("{outcome:?}") selected=*outcome == stage.outcome>{i18n.t(*msg)}</option> }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <td>
                                <input type="text" aria-label=label(Msg::StageNameOf) prop:value=name.clone()
                                    on:change=move |event| draft.update_untracked(|d| {
                                        if let Some(stage) = d.stages.iter_mut().find(|s| s.id == id) {
                                            stage.name = event_target_value(&event).trim().to_string();
                                        }
                                    })/>
                            </td>
                            <td>
                                <input type="number" min="0" max="100" aria-label=label(Msg::ProbabilityOf) prop:value=stage.probability_pct.to_string()
                                    on:change=move |event| draft.update_untracked(|d| {
                                        if let (Some(stage), Ok(pct)) = (d.stages.iter_mut().find(|s| s.id == id), event_target_value(&event).parse::<u8>()) {
                                            stage.probability_pct = pct.min(100);
                                        }
                                    })/>
                            </td>
                            <td>
                                <select aria-label=label(Msg::OutcomeOf) on:change=move |event| {
                                    let chosen = event_target_value(&event);
                                    draft.update_untracked(|d| {
                                        let outcome = OUTCOMES.iter().find(|(o, _)| format!("{o:?}") == chosen);
                                        if let (Some(stage), Some((outcome, _))) = (d.stages.iter_mut().find(|s| s.id == id), outcome) {
                                            stage.outcome = *outcome;
                                        }
                                    });
                                }>{outcomes}</select>
                            </td>
                            <td class="button-row">
                                <button type="button" aria-label=label(Msg::MoveStageUp) on:click=move |_| draft.update(|d| d.shift_stage(id, -1))>"↑"</button>
                                <button type="button" aria-label=label(Msg::MoveStageDown) on:click=move |_| draft.update(|d| d.shift_stage(id, 1))>"↓"</button>
                                <button type="button" aria-label=label(Msg::RemoveStage) on:click={
                                    let name = name.clone();
                                    move |_| remove(id, name.clone())
                                }>{i18n.text(Msg::Remove)}</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let add = move |_| {
        let name = new_name.get_untracked();
        if name.trim().is_empty() {
            problem.set(Some(refusal(i18n, StageEditError::Unnamed, "")));
            return;
        }
        draft.update(|d| {
            d.add_stage(name.trim(), new_probability.get_untracked());
        });
        new_name.set(String::new());
        problem.set(None);
    };
    let submit = move |_| {
        let mut pipeline = draft.get_untracked();
        let checked = board.with_untracked(|board| {
            let board = board.as_ref()?;
            let stored = board.pipelines.iter().find(|p| p.id == pipeline.id)?;
            Some(stored.check_edit(&pipeline, |stage| board.deals_in(pipeline.id, stage)))
        });
        if let Some(Err((stage, error))) = checked {
            problem.set(Some(refusal(i18n, error, &stage)));
            return;
        }
        problem.set(None);
        pipeline.updated_at = now_utc();
        save.dispatch(pipeline);
    };
    view! {
        <details class="card">
            <summary>{i18n.text(Msg::EditStages)}</summary>
            <div class="field">
                <label for="pipeline-name">{i18n.text(Msg::PipelineName)}</label>
                <input id="pipeline-name" type="text" prop:value=move || draft.with(|d| d.name.clone())
                    on:change=move |event| draft.update_untracked(|d| d.name = event_target_value(&event).trim().to_string())/>
            </div>
            <div class="table-scroll">
                <table class="records">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Msg::Stage)}</th>
                            <th scope="col">{i18n.text(Msg::WinProbability)}</th>
                            <th scope="col">{i18n.text(Msg::Outcome)}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <td><input type="text" aria-label=i18n.text(Msg::NewStageName) placeholder=i18n.text(Msg::NewStageName) bind:value=new_name/></td>
                            <td>
                                <input type="number" min="0" max="100" aria-label=i18n.text(Msg::WinProbability)
                                    prop:value=move || new_probability.get().to_string()
                                    on:change=move |event| {
                                        if let Ok(pct) = event_target_value(&event).parse::<u8>() {
                                            new_probability.set(pct.min(100));
                                        }
                                    }/>
                            </td>
                            <td></td>
                            <td><button type="button" on:click=add>{i18n.text(Msg::AddStage)}</button></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            {move || problem.get().map(|problem| view! { <p role="alert" class="error">{problem}</p> })}
            <button type="button" on:click=submit disabled=move || save.pending().get()>{i18n.text(Msg::SaveStages)}</button>
        </details>
    }
}

/// Creates a pipeline with the default stages under the next free id, then `on_created` with it.
#[component]
pub fn NewPipeline(
    board: RwSignal<Option<Arc<Board>>>,
    on_created: Callback<PipelineId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let create = use_pipeline_save(true);
    let created = StoredValue::new(None::<PipelineId>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = name.get_untracked();
        if chosen.trim().is_empty() {
            return;
        }
        let next = board.with_untracked(|board| {
            board.as_ref().map_or(1, |board| {
                board.pipelines.iter().map(|p| p.id.0).max().unwrap_or(0) + 1
            })
        });
        let mut pipeline = default_pipeline(now_utc());
        pipeline.id = PipelineId(next);
        pipeline.name = chosen.trim().to_string();
        created.set_value(Some(pipeline.id));
        create.dispatch(pipeline);
    };
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = create.value().get() {
            if let Some(id) = created.try_update_value(Option::take).flatten() {
                name.set(String::new());
                on_created.run(id);
            }
        }
    });
    view! {
        <form class="card" on:submit=submit aria-labelledby="new-pipeline-heading">
            <h2 id="new-pipeline-heading">{i18n.text(Msg::NewPipeline)}</h2>
            <div class="field">
                <label for="new-pipeline-name">{i18n.text(Msg::PipelineName)}</label>
                <input id="new-pipeline-name" type="text" required bind:value=name/>
            </div>
            <button type="submit">{i18n.text(Msg::CreatePipeline)}</button>
            <SaveOutcomeView action=create saved=Msg::PipelineCreated/>
        </form>
    }
}
