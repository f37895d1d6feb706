//! Checks of every message set of the app (the shell's and each feature's) together.

use crate::components::chart::strings::ChartMsg;
use crate::i18n::{placeholders, Msg, Text};
use crate::pages::admin::strings::AdminMsg;
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::dashboard::strings::DashboardMsg;
use crate::pages::duties::strings::DutiesMsg;
use crate::pages::fraud::strings::FraudMsg;
use crate::pages::plans::strings::PlanMsg;
use crate::pages::required_info::strings::RequiredInfoMsg;
use crate::pages::royalties::strings::RoyaltyMsg;
use crate::pages::spokesperson::strings::SpokespersonMsg;
use crate::pages::stats::strings::StatsMsg;
use crate::pages::workflow::strings::WorkflowMsg;

/// Every string of every set: (name, Vietnamese, English).
fn every_message() -> Vec<(String, &'static str, &'static str)> {
    fn of<M: Text>(all: &[M]) -> impl Iterator<Item = (String, &'static str, &'static str)> + '_ {
        all.iter().map(|m| (format!("{m:?}"), m.vi(), m.en()))
    }
    of(Msg::ALL)
        .chain(of(DashboardMsg::ALL))
        .chain(of(WorkflowMsg::ALL))
        .chain(of(ArticleMsg::ALL))
        .chain(of(AdminMsg::ALL))
        .chain(of(StatsMsg::ALL))
        .chain(of(ChartMsg::ALL))
        .chain(of(PlanMsg::ALL))
        .chain(of(SpokespersonMsg::ALL))
        .chain(of(DutiesMsg::ALL))
        .chain(of(FraudMsg::ALL))
        .chain(of(RoyaltyMsg::ALL))
        .chain(of(RequiredInfoMsg::ALL))
        .collect()
}

#[test]
fn every_message_exists_in_both_languages() {
    let all = every_message();
    assert!(all.len() > 900, "{} messages", all.len());
    for (name, vi, en) in all {
        for (lang, text) in [("vi", vi), ("en", en)] {
            assert!(!text.trim().is_empty(), "{name} is empty in {lang}");
            assert_eq!(text, text.trim(), "{name} has stray spaces in {lang}");
        }
    }
}

#[test]
fn message_names_are_unique_across_sets() {
    let mut names: Vec<String> = every_message().into_iter().map(|m| m.0).collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count);
}

#[test]
fn placeholders_match_between_languages() {
    for (name, vi, en) in every_message() {
        let mut vi = placeholders(vi);
        let mut en = placeholders(en);
        vi.sort();
        en.sort();
        assert_eq!(vi, en, "{name}");
    }
}

#[test]
fn vietnamese_is_really_vietnamese() {
    // A forgotten translation shows as the English text copied into the Vietnamese column.
    let allowed = ["Menu", "—"];
    for (name, vi, en) in every_message() {
        assert!(
            vi != en || allowed.contains(&vi),
            "untranslated: {name} {vi}"
        );
    }
}
