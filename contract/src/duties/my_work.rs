//! "Việc của tôi": the articles waiting for the signed-in user's action.

use crate::{ArticleSummary, Role, Stage, Workflow};
use serde::{Deserialize, Serialize};

/// Items listed per stage when the client does not ask for another number.
pub const MY_WORK_DEFAULT_ITEMS: u32 = 5;
/// Most items listed per stage.
pub const MY_WORK_MAX_ITEMS: u32 = 50;

/// The articles of one stage that wait for this user, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyWorkGroup {
    pub stage: Stage,
    /// The actions this user may take there (`submit`, `approve`, …), in the workflow's order.
    pub actions: Vec<String>,
    /// How many wait (the list may hold fewer).
    pub total: u64,
    /// The longest-waiting first (by when they entered the stage).
    pub items: Vec<ArticleSummary>,
}

/// `GET /my-work`: every stage where this user acts, in workflow order, including empty ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyWork {
    pub groups: Vec<MyWorkGroup>,
    pub total: u64,
}

/// Whose articles of `stage` wait for a holder of `roles`:
/// - `None`: the user has nothing to do there;
/// - `Some(true)`: only the articles the user created (a draft is its author's work in
///   progress, even when an editor could also submit it);
/// - `Some(false)`: every article in the stage.
///
/// A published article is not waiting for anyone (a removal request is a choice, not a task),
/// and neither is a removed one.
pub fn waiting_scope(workflow: &Workflow, stage: Stage, roles: &[Role]) -> Option<bool> {
    if matches!(stage, Stage::Published | Stage::Removed) {
        return None;
    }
    if stage == Stage::Draft {
        return workflow.allowed_from(stage, roles).next().map(|_| true);
    }
    let others = workflow
        .transitions
        .iter()
        .filter(|t| t.from == stage)
        .any(|t| {
            t.roles
                .iter()
                .any(|r| *r != Role::Author && roles.contains(r))
        });
    others.then_some(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_workflow;

    fn stages_of(roles: &[Role]) -> Vec<(Stage, bool)> {
        let wf = default_workflow();
        Stage::ALL
            .iter()
            .filter_map(|s| waiting_scope(&wf, *s, roles).map(|own| (*s, own)))
            .collect()
    }

    #[test]
    fn each_role_waits_on_the_stages_of_the_default_workflow() {
        use Stage::*;
        assert_eq!(stages_of(&[Role::Author]), vec![(Draft, true)]);
        assert_eq!(
            stages_of(&[Role::Editor]),
            vec![(Draft, true), (Editing, false)]
        );
        assert_eq!(
            stages_of(&[Role::Secretary]),
            vec![(Review, false), (Approved, false)]
        );
        assert_eq!(
            stages_of(&[Role::ChiefEditor]),
            vec![
                (PendingApproval, false),
                (Approved, false),
                (RemovalRequested, false)
            ]
        );
        assert!(stages_of(&[Role::Director]).is_empty());
        assert!(stages_of(&[Role::Admin]).is_empty());
        assert_eq!(
            stages_of(&[Role::Author, Role::Secretary]),
            vec![(Draft, true), (Review, false), (Approved, false)]
        );
    }
}
