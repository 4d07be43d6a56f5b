//! The table: the preview while a large list loads, the virtual table (only the rows in view in
//! the DOM), keyboard moves between rows, and the column chooser.

use super::*;

/// Resolves once the browser has painted a frame: a long read started after it cannot delay
/// what is already on screen.
pub(super) async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The newest rows in a plain table, shown until the whole list has loaded; `record_href` is
/// the address of a record's page before its id.
pub(super) fn preview_table(
    model: Arc<dyn ListModel>,
    rows: usize,
    columns: RwSignal<Vec<Field>>,
    record_href: String,
) -> AnyView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let columns = model.columns(&columns.get_untracked());
    let header = columns
        .iter()
        .map(|column| view! { <th scope="col">{label_text(&column.label, lang)}</th> })
        .collect_view();
    let body = (0..rows)
        .map(|at| {
            let href = format!("{record_href}{}", model.id(at));
            view! { <tr><td class="select"></td>{row_cells(&*model, at, &columns, lang, &href)}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-viewport" style=format!("height:{VIEWPORT_HEIGHT}px")>
            <table class="records virtual">
                <thead>
                    <tr><th class="select"></th>{header}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <p class="list-footer" role="status">{i18n.text(Msg::LoadingEveryone)}</p>
    }
    .into_any()
}

/// The fields `columns` name that `E` has (a saved view may name a custom field since deleted).
pub(super) fn resolved<E: Entity>(
    columns: &[Field],
    custom_fields: &[CustomFieldDef],
) -> Vec<FieldRef<E>> {
    columns
        .iter()
        .filter_map(|field| field_of::<E>(field, custom_fields))
        .collect()
}

/// The cells of the row at `at` for `columns`; the name links to the record's page at `href`
/// (as `#id` when it is empty: an order entered here has no number).
pub(super) fn row_cells(
    model: &dyn ListModel,
    at: usize,
    columns: &[Column],
    lang: Lang,
    href: &str,
) -> AnyView {
    let name = model.name_field();
    model
        .cells(at, columns, lang)
        .into_iter()
        .zip(columns)
        .map(|(text, column)| {
            if column.field == name {
                let text = if text.is_empty() {
                    format!("#{}", model.id(at))
                } else {
                    text
                };
                view! { <td><a href=href.to_string()>{text}</a></td> }.into_any()
            } else {
                view! { <td>{text}</td> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The table: a sticky header with sort buttons, and only the rows within the viewport (plus
/// [`OVERSCAN`]) in the DOM, between two spacer rows that keep the scrollbar true.
pub(super) fn virtual_table(
    model: Arc<dyn ListModel>,
    results: Memo<Arc<Vec<usize>>>,
    query: RwSignal<ListQuery>,
    columns: RwSignal<Vec<Field>>,
    selection: RwSignal<HashSet<u32>>,
    (table_label, select_all): (Msg, Msg),
    record_href: String,
) -> AnyView {
    let i18n = use_i18n();
    let scroll_top = RwSignal::new(0.0f64);
    // The record whose checkbox was clicked last: shift-click selects from there while it is among
    // the results (a search may have narrowed them since).
    let anchor = RwSignal::new(None::<u32>);
    let all_selected =
        move || results.with(|r| !r.is_empty() && selection.with(|s| s.len() == r.len()));
    let toggle_all = {
        let model = model.clone();
        move |_| {
            if all_selected() {
                selection.set(HashSet::new());
            } else {
                let ids = results.with(|r| r.iter().map(|&i| model.id(i)).collect());
                selection.set(ids);
            }
        }
    };
    let window = Memo::new(move |_| {
        let count = results.with(|r| r.len());
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let visible = (VIEWPORT_HEIGHT / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        (first.min(count), (first + visible).min(count))
    });
    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some(element) = event_target::<web_sys::Element>(&ev).into() {
            scroll_top.set(element.scroll_top());
        }
    };
    let header = {
        let model = model.clone();
        move || {
            // The same columns the body shows (a saved view's deleted custom field drops out of
            // both).
            model
                .columns(&columns.get())
                .into_iter()
                .map(|column| {
                    let sortable = column.sortable;
                    let label = {
                        let label = column.label;
                        move || label_text(&label, i18n.lang.get())
                    };
                    let field = column.field;
                    if !sortable {
                        return view! { <th scope="col">{label}</th> }.into_any();
                    }
                    let sorted = {
                        let field = field.clone();
                        move || {
                            query.with(|q| match &q.sort {
                                Some(sort) if sort.field == field => {
                                    if sort.descending {
                                        "descending"
                                    } else {
                                        "ascending"
                                    }
                                }
                                _ => "none",
                            })
                        }
                    };
                    // Ascending, descending, then back to the default order.
                    let toggle = move |_| {
                        query.update(|q| {
                            q.sort = match q.sort.take() {
                                Some(sort) if sort.field == field && !sort.descending => {
                                    Some(Sort {
                                        field: field.clone(),
                                        descending: true,
                                    })
                                }
                                Some(sort) if sort.field == field => None,
                                _ => Some(Sort {
                                    field: field.clone(),
                                    descending: false,
                                }),
                            }
                        })
                    };
                    view! {
                        <th scope="col" aria-sort=sorted>
                            <button type="button" class="sort-button" on:click=toggle>
                                {label}
                            </button>
                        </th>
                    }
                    .into_any()
                })
                .collect_view()
        }
    };
    let body = move || {
        let (first, last) = window.get();
        let results = results.get();
        let columns = model.columns(&columns.get());
        let lang = i18n.lang.get();
        let top = first as f64 * ROW_HEIGHT;
        let bottom = (results.len() - last) as f64 * ROW_HEIGHT;
        let spacer = |height: f64| {
            (height > 0.0).then(|| {
                view! { <tr class="spacer" aria-hidden="true" style=format!("height:{height}px")></tr> }
            })
        };
        let rows = results[first..last]
            .iter()
            .enumerate()
            .map(|(offset, &index)| {
                let id = model.id(index);
                let position = first + offset;
                let href = format!("{record_href}{id}");
                let select_label = format!("{} {}", Msg::Select.text(lang), model.name(index));
                let results = results.clone();
                let rows = model.clone();
                let on_click = move |ev: leptos::ev::MouseEvent| {
                    let select = !selection.with(|s| s.contains(&id));
                    let id_of = |i: usize| rows.id(results[i]);
                    let span = click_span(
                        results.len(),
                        id_of,
                        anchor.get_untracked(),
                        position,
                        ev.shift_key(),
                    );
                    selection.update(|s| {
                        for i in span {
                            if select {
                                s.insert(id_of(i));
                            } else {
                                s.remove(&id_of(i));
                            }
                        }
                    });
                    anchor.set(Some(id));
                };
                let select_cell = view! {
                    <td class="select">
                        <input
                            type="checkbox"
                            aria-label=select_label
                            prop:checked=move || selection.with(|s| s.contains(&id))
                            on:click=on_click
                        />
                    </td>
                };
                let cells = row_cells(&*model, index, &columns, lang, &href);
                view! { <tr aria-rowindex=first + offset + 2>{select_cell}{cells}</tr> }
            })
            .collect_view();
        view! { {spacer(top)} {rows} {spacer(bottom)} }
    };

    view! {
        <div
            class="table-viewport"
            style=format!("height:{VIEWPORT_HEIGHT}px")
            on:scroll=on_scroll
            on:keydown=move_between_rows
            tabindex="0"
            role="region"
            aria-label=move || i18n.t(table_label)
        >
            <table class="records virtual" aria-rowcount=move || results.with(|r| r.len()) + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="select">
                            <input
                                type="checkbox"
                                aria-label=move || i18n.t(select_all)
                                prop:checked=all_selected
                                on:change=toggle_all
                            />
                        </th>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// ↑ and ↓ on a row's link move the focus to the link of the row above or below (the viewport
/// scrolls along, and the virtual window follows the scroll).
pub(super) fn move_between_rows(ev: web_sys::KeyboardEvent) {
    let down = match ev.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let Some(row) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.tag_name() == "A")
        .and_then(|link| link.closest("tr").ok().flatten())
    else {
        return;
    };
    let next = if down {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    let link = next
        .and_then(|r| r.query_selector("a").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        ev.prevent_default();
        let _ = link.focus();
    }
}

/// Checkboxes choosing which columns the table shows, open while `open` says so.
pub(super) fn column_chooser(
    choices: Vec<(Field, Label)>,
    columns: RwSignal<Vec<Field>>,
    open: RwSignal<bool>,
) -> AnyView {
    let i18n = use_i18n();
    view! {
        <details
            class="column-chooser"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                if let Some(details) = ev
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                {
                    open.set(details.open());
                }
            }
        >
            <summary>{i18n.text(Msg::Columns)}</summary>
            <fieldset aria-label=i18n.text(Msg::Columns)>
                {choices
                    .into_iter()
                    .map(|(field, label)| {
                        let checked_field = field.clone();
                        let toggle = move |_| {
                            columns.update(|columns| {
                                if let Some(at) = columns.iter().position(|c| *c == field) {
                                    if columns.len() > 1 {
                                        columns.remove(at);
                                    }
                                } else {
                                    columns.push(field.clone());
                                }
                            })
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || columns.with(|c| c.contains(&checked_field))
                                    on:change=toggle
                                />
                                {move || label_text(&label, i18n.lang.get())}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </details>
    }
    .into_any()
}
