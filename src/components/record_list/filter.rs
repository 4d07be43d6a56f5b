//! The filter builder: conditions joined by AND or OR, and nested groups.

use super::*;

/// The filter group a builder part edits: the top level, or one of its nested groups.
pub(super) type GroupAt = Option<usize>;

/// The group at `at` of `filter`, if it exists.
pub(super) fn group_mut(filter: &mut Filter, at: GroupAt) -> Option<&mut Filter> {
    match at {
        None => Some(filter),
        Some(g) => filter.groups.get_mut(g),
    }
}

pub(super) fn group_ref(filter: &Filter, at: GroupAt) -> Option<&Filter> {
    match at {
        None => Some(filter),
        Some(g) => filter.groups.get(g),
    }
}

/// "Filter field 2" at the top level, "Group 1 filter field 2" inside a group.
pub(super) fn control_label(
    i18n: crate::i18n::I18n,
    group: GroupAt,
    what: Msg,
    number: usize,
) -> String {
    match group {
        None => format!("{} {number}", i18n.t(what)),
        Some(g) => format!(
            "{} {} {} {number}",
            i18n.t(Msg::Group),
            g + 1,
            i18n.t(what).to_lowercase()
        ),
    }
}

/// The filter builder: conditions (field, operator, value) joined by AND or OR, and groups of
/// conditions with their own join, for mixed logic such as (A and B) or C.
pub(super) fn filter_builder(
    query: RwSignal<ListQuery>,
    fields: Arc<Vec<(Field, Label)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add_group = move |_| {
        query.update(|q| {
            q.filter.groups.push(Filter {
                conditions: vec![new_condition()],
                ..Filter::default()
            })
        })
    };
    let groups = {
        let fields = fields.clone();
        move || {
            let count = query.with(|q| q.filter.groups.len());
            (0..count)
                .map(|g| {
                    let legend = format!("{} {}", i18n.t(Msg::Group), g + 1);
                    let remove_label = format!("{} {}", i18n.t(Msg::RemoveGroup), g + 1);
                    view! {
                        <li>
                            <fieldset class="filter-group">
                                <legend>{legend}</legend>
                                {group_editor(query, Some(g), fields.clone())}
                                <button
                                    type="button"
                                    class="quiet"
                                    on:click=move |_| query.update(|q| {
                                        if g < q.filter.groups.len() {
                                            q.filter.groups.remove(g);
                                        }
                                    })
                                >
                                    {remove_label}
                                </button>
                            </fieldset>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <fieldset class="filter-builder">
            <legend>{i18n.text(Msg::Filters)}</legend>
            {group_editor(query, None, fields)}
            <ol class="filter-groups">{groups}</ol>
            <button type="button" class="quiet" on:click=add_group>{i18n.text(Msg::AddGroup)}</button>
        </fieldset>
    }
}

pub(super) fn new_condition() -> Condition {
    Condition {
        field: Field::NAME,
        operator: Operator::Contains,
        value: String::new(),
    }
}

/// One group's join, its conditions, and a button adding a condition.
pub(super) fn group_editor(
    query: RwSignal<ListQuery>,
    group: GroupAt,
    fields: Arc<Vec<(Field, Label)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let match_all = move || query.with(|q| group_ref(&q.filter, group).is_none_or(|f| f.match_all));
    let set_join = move |ev: leptos::ev::Event| {
        let all = event_target_value(&ev) == "all";
        query.update(|q| {
            if let Some(filter) = group_mut(&mut q.filter, group) {
                filter.match_all = all;
            }
        });
    };
    let add = move |_| {
        query.update(|q| {
            if let Some(filter) = group_mut(&mut q.filter, group) {
                filter.conditions.push(new_condition());
            }
        })
    };
    let conditions = move || {
        let count = query.with(|q| group_ref(&q.filter, group).map_or(0, |f| f.conditions.len()));
        (0..count)
            .map(|at| {
                let fields = fields.clone();
                view! { <ConditionRow group at query fields/> }
            })
            .collect_view()
    };
    let join_id = match group {
        None => "filter-join".to_string(),
        Some(g) => format!("filter-join-{g}"),
    };
    view! {
        <div class="filter-join">
            <label for=join_id.clone()>{i18n.text(Msg::Match)}</label>
            <select id=join_id on:change=set_join>
                <option value="all" selected=match_all>{i18n.text(Msg::MatchAll)}</option>
                <option value="any" selected=move || !match_all()>{i18n.text(Msg::MatchAny)}</option>
            </select>
        </div>
        <ol class="conditions">{conditions}</ol>
        <button type="button" on:click=add>{i18n.text(Msg::AddFilter)}</button>
    }
}

#[component]
pub(super) fn ConditionRow(
    group: GroupAt,
    at: usize,
    query: RwSignal<ListQuery>,
    fields: Arc<Vec<(Field, Label)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let condition = move || {
        query.with(|q| group_ref(&q.filter, group).and_then(|f| f.conditions.get(at).cloned()))
    };
    let edit = move |change: &dyn Fn(&mut Condition)| {
        query.update(|q| {
            if let Some(condition) =
                group_mut(&mut q.filter, group).and_then(|f| f.conditions.get_mut(at))
            {
                change(condition);
            }
        })
    };
    let number = at + 1;
    let label = move |what: Msg| control_label(i18n, group, what, number);
    let field_options = fields
        .iter()
        .map(|(field, label)| {
            let key = field_key(field);
            let selected_field = field.clone();
            let label = label.clone();
            view! {
                <option value=key selected=move || condition().is_some_and(|c| c.field == selected_field)>
                    {move || label_text(&label, i18n.lang.get())}
                </option>
            }
        })
        .collect_view();
    let operator_options = OPERATORS
        .iter()
        .map(|&(operator, msg)| {
            let key = serde_json::to_string(&operator).unwrap_or_default();
            view! {
                <option value=key selected=move || condition().is_some_and(|c| c.operator == operator)>
                    {move || i18n.t(msg)}
                </option>
            }
        })
        .collect_view();
    let needs_value = move || {
        condition().is_some_and(|c| !matches!(c.operator, Operator::IsEmpty | Operator::IsNotEmpty))
    };
    view! {
        <li class="condition">
            <select
                aria-label=move || label(Msg::FilterField)
                on:change=move |ev| {
                    if let Some(field) = field_from_key(&event_target_value(&ev)) {
                        edit(&|c| c.field = field.clone());
                    }
                }
            >
                {field_options}
            </select>
            <select
                aria-label=move || label(Msg::FilterOperator)
                on:change=move |ev| {
                    if let Ok(operator) = serde_json::from_str::<Operator>(&event_target_value(&ev)) {
                        edit(&|c| c.operator = operator);
                    }
                }
            >
                {operator_options}
            </select>
            <Show when=needs_value>
                <input
                    type="text"
                    aria-label=move || label(Msg::FilterValue)
                    prop:value=move || condition().map(|c| c.value).unwrap_or_default()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|c| c.value = value.clone());
                    }
                />
            </Show>
            <button
                type="button"
                aria-label=move || label(Msg::RemoveFilter)
                on:click=move |_| query.update(|q| {
                    if let Some(filter) = group_mut(&mut q.filter, group) {
                        if at < filter.conditions.len() {
                            filter.conditions.remove(at);
                        }
                    }
                })
            >
                "×"
            </button>
        </li>
    }
}
