//! The kanban board's pure logic, free of the DOM so it can be tested: filters kept in the URL,
//! the moves a user may make, the card model merged from `/board` and `/changes`, and the
//! keyboard move state machine.
//!
//! ```ignore
//! let mut model = BoardModel::new(&workflow, board.cards);
//! let filter = BoardFilter::from_url(|k| query.get(k)).compile();
//! let shown = model.visible(Stage::Draft, &filter, me);
//! ```

use crate::api::query::encode_pairs;
use portal_contract::format::fold_vi;
use portal_contract::{ArticleSummary, Kind, Requirement, Role, Stage, Topic, Workflow};
use std::collections::HashMap;

/// What the board shows: the filters of the toolbar, as written in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardFilter {
    /// Only cards the user created or is listed as an author of.
    pub mine: bool,
    pub kind: Option<Kind>,
    pub topic: Option<Topic>,
    pub section: Option<String>,
    /// An author's name as the cards list it.
    pub author: Option<String>,
    /// Search words, matched without diacritics.
    pub q: String,
}

impl BoardFilter {
    /// Reads `?mine=1&kind=&topic=&section=&author=&q=`; unknown values are ignored.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> BoardFilter {
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        BoardFilter {
            mine: matches!(get("mine").as_deref(), Some("1" | "true")),
            kind: get("kind").and_then(|v| Kind::parse(&v)),
            topic: get("topic").and_then(|v| Topic::parse(&v)),
            section: text("section"),
            author: text("author"),
            q: get("q").unwrap_or_default(),
        }
    }

    /// The URL's query string, `?`-prefixed; empty when nothing is filtered.
    pub fn to_url_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.mine {
            pairs.push(("mine", "1".into()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().into()));
        }
        if let Some(t) = self.topic {
            pairs.push(("topic", t.as_str().into()));
        }
        if let Some(s) = &self.section {
            pairs.push(("section", s.clone()));
        }
        if let Some(a) = &self.author {
            pairs.push(("author", a.clone()));
        }
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.trim().to_string()));
        }
        encode_pairs(&pairs)
    }

    pub fn is_active(&self) -> bool {
        self.compile().is_active()
    }

    /// The filter ready to test cards: the search folded once, split into words.
    pub fn compile(&self) -> CompiledFilter {
        CompiledFilter {
            mine: self.mine,
            kind: self.kind,
            topic: self.topic,
            section: self.section.clone(),
            author: self.author.clone(),
            words: fold_vi(&self.q)
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        }
    }
}

/// A [`BoardFilter`] with its search words folded (see [`fold_vi`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompiledFilter {
    pub mine: bool,
    pub kind: Option<Kind>,
    pub topic: Option<Topic>,
    pub section: Option<String>,
    pub author: Option<String>,
    pub words: Vec<String>,
}

impl CompiledFilter {
    pub fn is_active(&self) -> bool {
        self.mine
            || self.kind.is_some()
            || self.topic.is_some()
            || self.section.is_some()
            || self.author.is_some()
            || !self.words.is_empty()
    }

    /// Whether `card`, whose precomputed [`search_key`] is `key`, passes for user `me`.
    pub fn matches(&self, card: &ArticleSummary, key: &str, me: i64) -> bool {
        (!self.mine || is_mine(card, me))
            && self.kind.is_none_or(|k| card.kind == k)
            && self.topic.is_none_or(|t| card.topics.contains(&t))
            && self.section.as_ref().is_none_or(|s| card.section == *s)
            && self
                .author
                .as_ref()
                .is_none_or(|a| card.authors.iter().any(|x| x.name == *a))
            && self.words.iter().all(|w| key.contains(w.as_str()))
    }
}

/// "Của tôi": the user created the article or is one of its listed authors.
pub fn is_mine(card: &ArticleSummary, me: i64) -> bool {
    card.created_by == me || card.authors.iter().any(|a| a.user_id == Some(me))
}

/// What the search looks through, folded once per card version: title, section, authors.
pub fn search_key(card: &ArticleSummary) -> String {
    let mut raw = String::with_capacity(card.title.len() + card.section.len() + 32);
    raw.push_str(&card.title);
    raw.push('\n');
    raw.push_str(&card.section);
    for a in &card.authors {
        raw.push('\n');
        raw.push_str(&a.name);
    }
    fold_vi(&raw)
}

/// The stages of the workflow in its order.
pub fn ordered_stages(workflow: &Workflow) -> Vec<Stage> {
    let mut stages: Vec<_> = workflow.stages.iter().collect();
    crate::sort::sort_small_by_key(&mut stages, |s| s.order);
    stages.into_iter().map(|s| s.id).collect()
}

/// A move this user may make with a card: the target stage and what the server wants with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedMove {
    pub to: Stage,
    pub action: String,
    pub label_vi: String,
    pub label_en: String,
    pub requires: Requirement,
}

/// The moves the server would accept from this user for `card`, in the workflow's column
/// order (what the drag highlights, the menu lists and the arrows step through).
pub fn allowed_moves(
    workflow: &Workflow,
    card: &ArticleSummary,
    me: i64,
    roles: &[Role],
) -> Vec<AllowedMove> {
    let order = |s: Stage| {
        workflow
            .stages
            .iter()
            .find(|x| x.id == s)
            .map_or(u32::MAX, |x| x.order)
    };
    let mut moves: Vec<AllowedMove> = workflow
        .moves_for(card.stage, card.created_by, me, roles)
        .map(|t| AllowedMove {
            to: t.to,
            action: t.action.clone(),
            label_vi: t.label_vi.clone(),
            label_en: t.label_en.clone(),
            requires: t.requires,
        })
        .collect();
    crate::sort::sort_small_by_key(&mut moves, |m| order(m.to));
    moves
}

/// A card and its folded search key.
#[derive(Debug, Clone, PartialEq)]
pub struct CardEntry {
    pub card: ArticleSummary,
    pub key: String,
}

/// What [`BoardModel::upsert`] did to the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// An older version than the one held: nothing changed.
    Stale,
    /// A card not seen before, now at the top of `to`.
    Added { to: Stage },
    /// The card changed but stayed in its column.
    Updated { stage: Stage },
    /// The card left `from` for the top of `to`.
    Moved { from: Stage, to: Stage },
}

/// Every card of the board and the order of each column (ids, newest change first).
#[derive(Debug, Clone, Default)]
pub struct BoardModel {
    pub cards: HashMap<i64, CardEntry>,
    pub columns: HashMap<Stage, Vec<i64>>,
}

impl BoardModel {
    /// Columns for every stage of `workflow`, cards sorted by last update, newest first.
    pub fn new(workflow: &Workflow, mut cards: Vec<ArticleSummary>) -> BoardModel {
        cards.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        let mut model = BoardModel {
            cards: HashMap::with_capacity(cards.len()),
            columns: ordered_stages(workflow)
                .into_iter()
                .map(|s| (s, Vec::new()))
                .collect(),
        };
        for card in cards {
            model.columns.entry(card.stage).or_default().push(card.id);
            let key = search_key(&card);
            model.cards.insert(card.id, CardEntry { card, key });
        }
        model
    }

    pub fn card(&self, id: i64) -> Option<&ArticleSummary> {
        self.cards.get(&id).map(|e| &e.card)
    }

    /// Puts `card` in the model; a version older than the one held is ignored.
    pub fn upsert(&mut self, card: ArticleSummary) -> Upsert {
        let id = card.id;
        let to = card.stage;
        let from = match self.cards.get(&id) {
            Some(old) if old.card.version > card.version => return Upsert::Stale,
            Some(old) => Some(old.card.stage),
            None => None,
        };
        let key = search_key(&card);
        self.cards.insert(id, CardEntry { card, key });
        match from {
            Some(from) if from == to => Upsert::Updated { stage: to },
            Some(from) => {
                if let Some(col) = self.columns.get_mut(&from) {
                    col.retain(|x| *x != id);
                }
                self.columns.entry(to).or_default().insert(0, id);
                Upsert::Moved { from, to }
            }
            None => {
                self.columns.entry(to).or_default().insert(0, id);
                Upsert::Added { to }
            }
        }
    }

    /// Applies a `/changes` answer (oldest first); returns what happened to each card.
    pub fn merge(&mut self, changes: Vec<ArticleSummary>) -> Vec<(i64, Upsert)> {
        changes
            .into_iter()
            .map(|c| {
                let id = c.id;
                (id, self.upsert(c))
            })
            .collect()
    }

    /// Ids of the cards of `stage` passing `filter`, in column order.
    pub fn visible(&self, stage: Stage, filter: &CompiledFilter, me: i64) -> Vec<i64> {
        let Some(ids) = self.columns.get(&stage) else {
            return Vec::new();
        };
        if !filter.is_active() {
            return ids.clone();
        }
        ids.iter()
            .copied()
            .filter(|id| {
                self.cards
                    .get(id)
                    .is_some_and(|e| filter.matches(&e.card, &e.key, me))
            })
            .collect()
    }

    pub fn column_len(&self, stage: Stage) -> usize {
        self.columns.get(&stage).map_or(0, Vec::len)
    }

    /// Distinct sections and author names of the cards, sorted (the filter choices).
    pub fn sections_and_authors(&self) -> (Vec<String>, Vec<String>) {
        let mut sections: Vec<String> = Vec::new();
        let mut authors: Vec<String> = Vec::new();
        for e in self.cards.values() {
            if !e.card.section.is_empty() {
                sections.push(e.card.section.clone());
            }
            authors.extend(e.card.authors.iter().map(|a| a.name.clone()));
        }
        for list in [&mut sections, &mut authors] {
            list.sort_by_cached_key(|s| fold_vi(s));
            list.dedup();
        }
        (sections, authors)
    }
}

/// Whole days between `since` and `now` (never negative).
pub fn days_in_stage(
    since: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> i64 {
    (now - since).num_days().max(0)
}

/// The keyboard move: Space picks a card up, Left/Right choose among the allowed columns,
/// Enter or Space drops, Esc cancels.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum KeyMove {
    #[default]
    Idle,
    Holding {
        card: i64,
        from: Stage,
        /// The allowed targets in column order.
        targets: Vec<Stage>,
        /// How many of `targets` come before `from` (where Left/Right start from).
        before: usize,
        /// The chosen target, an index into `targets`.
        chosen: Option<usize>,
    },
}

/// What a key did, for the board to act on and announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOutcome {
    /// Not a key of the move mode: let the browser handle it.
    Ignored,
    /// The card was picked up; `targets` is how many columns it may go to.
    PickedUp {
        card: i64,
        targets: usize,
    },
    /// The card may go nowhere: nothing was picked up.
    NoTargets {
        card: i64,
    },
    /// A target column was chosen (`position` of `of`, from 1).
    Chose {
        to: Stage,
        position: usize,
        of: usize,
    },
    /// Enter/Space before choosing a column.
    ChooseFirst,
    /// Drop on `to`: the board now asks the server.
    Drop {
        card: i64,
        from: Stage,
        to: Stage,
    },
    Cancelled {
        card: i64,
    },
}

impl KeyMove {
    pub fn is_holding(&self) -> bool {
        matches!(self, KeyMove::Holding { .. })
    }

    /// The chosen target column, if any.
    pub fn chosen(&self) -> Option<Stage> {
        match self {
            KeyMove::Holding {
                targets, chosen, ..
            } => chosen.map(|i| targets[i]),
            KeyMove::Idle => None,
        }
    }

    /// Handles `key` (a `KeyboardEvent.key`) pressed on card `card` in `from`, whose allowed
    /// targets in column order are `targets`, and whose column comes after `before` of them.
    pub fn key(
        &mut self,
        key: &str,
        card: i64,
        from: Stage,
        targets: &[Stage],
        before: usize,
    ) -> KeyOutcome {
        match self {
            KeyMove::Idle => {
                if key != " " && key != "Spacebar" {
                    return KeyOutcome::Ignored;
                }
                if targets.is_empty() {
                    return KeyOutcome::NoTargets { card };
                }
                *self = KeyMove::Holding {
                    card,
                    from,
                    targets: targets.to_vec(),
                    before: before.min(targets.len()),
                    chosen: None,
                };
                KeyOutcome::PickedUp {
                    card,
                    targets: targets.len(),
                }
            }
            KeyMove::Holding {
                card: held,
                from: held_from,
                targets: held_targets,
                before: held_before,
                chosen,
            } => {
                let n = held_targets.len();
                match key {
                    "ArrowRight" | "Right" | "ArrowLeft" | "Left" => {
                        let right = key.ends_with("Right");
                        let next = match (*chosen, right) {
                            (Some(i), true) => (i + 1) % n,
                            (Some(i), false) => (i + n - 1) % n,
                            (None, true) => {
                                if *held_before < n {
                                    *held_before
                                } else {
                                    0
                                }
                            }
                            (None, false) => {
                                if *held_before > 0 {
                                    *held_before - 1
                                } else {
                                    n - 1
                                }
                            }
                        };
                        *chosen = Some(next);
                        KeyOutcome::Chose {
                            to: held_targets[next],
                            position: next + 1,
                            of: n,
                        }
                    }
                    "Enter" | " " | "Spacebar" => match *chosen {
                        Some(i) => {
                            let out = KeyOutcome::Drop {
                                card: *held,
                                from: *held_from,
                                to: held_targets[i],
                            };
                            *self = KeyMove::Idle;
                            out
                        }
                        None => KeyOutcome::ChooseFirst,
                    },
                    "Escape" | "Esc" => {
                        let out = KeyOutcome::Cancelled { card: *held };
                        *self = KeyMove::Idle;
                        out
                    }
                    _ => KeyOutcome::Ignored,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::query::tests::percent_decode;

    #[test]
    fn filters_round_trip_through_the_url() {
        let f = BoardFilter {
            mine: true,
            kind: Some(Kind::News),
            topic: Some(Topic::Bhyt),
            section: Some("Tin tức & sự kiện".into()),
            author: Some("Trần Văn B".into()),
            q: "bảo hiểm".into(),
        };
        let url = f.to_url_query();
        let pairs: Vec<(String, String)> = url
            .trim_start_matches('?')
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), percent_decode(v)))
            .collect();
        let back =
            BoardFilter::from_url(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
        assert_eq!(back, f);
        assert_eq!(BoardFilter::default().to_url_query(), "");
    }
}
