//! `/workflow` (Quy trình biên tập): a read-only overview, one column per stage of the
//! workflow the server serves. (The drag-and-drop board comes later.)

use crate::api::{self, ApiError};
use crate::components::{ErrorState, SkeletonBlock};
use crate::i18n::{use_i18n, Lang, Msg};
use crate::pages::dashboard::stage_list_href;
use crate::pages::{use_page_title, RequirePermission};
use futures::future::join_all;
use leptos::prelude::*;
use portal_contract::format::{date_vn, number_vn};
use portal_contract::{ArticleSummary, Page, Permission, StageInfo};

/// Titles listed per column.
const COLUMN_SIZE: u32 = 10;

#[derive(Debug, Clone, PartialEq)]
struct Column {
    stage: StageInfo,
    page: Page<ArticleSummary>,
}

async fn load_board() -> Result<Vec<Column>, ApiError> {
    let workflow = api::workflow::get().await?;
    let mut stages = workflow.stages;
    stages.sort_by_key(|s| s.order);
    let pages = join_all(
        stages
            .iter()
            .map(|s| api::articles::recent_in_stage(s.id, COLUMN_SIZE)),
    )
    .await;
    stages
        .into_iter()
        .zip(pages)
        .map(|(stage, page)| page.map(|page| Column { stage, page }))
        .collect()
}

fn stage_info_label(s: &StageInfo, lang: Lang) -> String {
    match lang {
        Lang::Vi => s.label_vi.clone(),
        Lang::En => s.label_en.clone(),
    }
}

#[component]
pub fn WorkflowPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::WorkflowView>
            <WorkflowOverview/>
        </RequirePermission>
    }
}

#[component]
fn WorkflowOverview() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::WorkflowTitle);
    let board = LocalResource::new(load_board);
    view! {
        <div class="page page-workflow">
            <h1>{i18n.tr(Msg::WorkflowTitle)}</h1>
            <p class="page-intro">{i18n.tr(Msg::WorkflowIntro)}</p>
            <Transition fallback=|| view! { <SkeletonBlock lines=6/> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(columns) => {
                            view! {
                                <div class="workflow-board">
                                    {columns
                                        .into_iter()
                                        .map(|c| view! { <StageColumn column=c/> })
                                        .collect_view()}
                                </div>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <ErrorState error=Signal::stored(e) on_retry=move |_| board.refetch()/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn StageColumn(column: Column) -> impl IntoView {
    let i18n = use_i18n();
    let Column { stage, page } = column;
    let heading_id = format!("stage-{}", stage.id.as_str());
    let labelled_by = heading_id.clone();
    let href = stage_list_href(stage.id);
    let total = page.total;
    let label = {
        let stage = stage.clone();
        move || stage_info_label(&stage, i18n.lang())
    };
    let items = page.items;
    let list = if items.is_empty() {
        view! { <p class="column-empty">{i18n.tr(Msg::WorkflowColumnEmpty)}</p> }.into_any()
    } else {
        view! {
            <ol class="column-list">
                {items
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li>
                                <a href=format!("/articles/{}", a.id)>{a.title}</a>
                                <time datetime=a.updated_at.to_rfc3339()>{date_vn(a.updated_at)}</time>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section
            class="stage-column"
            data-stage=stage.id.as_str()
            aria-labelledby=labelled_by
        >
            <h2 id=heading_id>
                <span class="column-label">{label}</span>
                <span class="column-count">{number_vn(total as i64)}</span>
            </h2>
            {list}
            <a class="column-all" href=href>
                {move || i18n.f(Msg::SeeAllInStage, &[("n", &number_vn(total as i64))])}
            </a>
        </section>
    }
}
