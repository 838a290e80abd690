//! What the round pages do with a round, without the browser (tested natively): read a stored
//! round, create one, receive ballots (from anything pasted, dropped or scanned), count them per
//! source, tally them into results and the branch view, and write the 公示's CSV. Every number
//! comes from `cxzy-rounds` and the engine.

use crate::model::engine::Engine;
use cxzy_core::read::document_from_value;
use cxzy_core::{
    branch, BranchView, Code, Date, Diagnostic, Id, Indicator, Lang, Prepared, Scale, ScoreOptions,
    ScoreResult,
};
use cxzy_rounds::rand_core::{CryptoRngCore, RngCore};
use cxzy_rounds::{
    Ballot, BallotSheet, Decision, Invitation, Mode, Opened, RoundArchive, RoundKey, SealedBallot,
    Setup,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// The browser's randomness (crypto.getRandomValues; present on plain HTTP too).
pub fn rng() -> impl CryptoRngCore {
    rand_core::OsRng
}

/// A stored round, read (every problem located, as for any document).
pub fn read(value: &Value) -> Result<RoundArchive, Vec<Diagnostic>> {
    document_from_value::<RoundArchive>(value)
}

/// The value stored for a round.
pub fn to_value(archive: &RoundArchive) -> Value {
    serde_json::to_value(archive).unwrap_or(Value::Null)
}

/// A new round of these criteria: its key pair and tokens, no ballot yet.
pub fn create(
    engine: &Prepared,
    setup: &Setup,
    rng: &mut impl CryptoRngCore,
) -> Result<RoundArchive, Vec<Diagnostic>> {
    let (_, key) = cxzy_rounds::create(engine, setup, rng)?;
    Ok(RoundArchive {
        schema: cxzy_core::RoundArchiveSchema::V1,
        key,
        ballots: Vec::new(),
        decisions: Vec::new(),
        backed_up: None,
    })
}

/// The most ballots read from one paste or file (a county's round has thousands of tokens).
pub const MAX_PIECES: usize = 20_000;

/// Every ballot in what a collector was given: links or compact texts (`b1.…`) anywhere in
/// pasted text, or a `cxzy/sealed-ballot@1` document (or a list of them) as a file. A piece that
/// looks like a ballot but cannot be read is an error, located by its place in the input.
pub fn ballots_in(input: &str) -> Vec<Result<SealedBallot, Diagnostic>> {
    let trimmed = input.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Array(list)) => list
                .iter()
                .take(MAX_PIECES)
                .enumerate()
                .map(|(i, v)| {
                    document_from_value::<SealedBallot>(v).map_err(|e| first(e, &format!("/{i}")))
                })
                .collect(),
            Ok(v) => vec![document_from_value::<SealedBallot>(&v).map_err(|e| first(e, ""))],
            Err(e) => vec![Err(Diagnostic::new(
                Code::JsonSyntax,
                "",
                format!("not JSON: {e}"),
                format!("不是 JSON:{e}"),
            ))],
        };
    }
    let mut out = Vec::new();
    let mut rest = input;
    let in_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_');
    while let Some(at) = rest.find("b1.") {
        if out.len() >= MAX_PIECES {
            break;
        }
        // Only where a text begins ("web1.example" is a host name, not a ballot).
        if rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| in_word(c) || c == '.')
        {
            rest = &rest[at + 3..];
            continue;
        }
        let piece = &rest[at..];
        let end = piece
            .find(|c: char| !(in_word(c) || c == '.'))
            .unwrap_or(piece.len());
        // A link at the end of a sentence: its full stop is not part of it.
        let text = piece[..end].trim_end_matches('.');
        let place = out.len();
        out.push(SealedBallot::from_compact(text).ok_or_else(|| {
            Diagnostic::new(
                Code::InvalidValue,
                format!("/{place}"),
                format!("ballot {} is cut short or damaged", place + 1),
                format!("第 {} 张选票不完整或已损坏", place + 1),
            )
        }));
        rest = &piece[end.max(3)..];
    }
    out
}

fn first(mut errors: Vec<Diagnostic>, prefix: &str) -> Diagnostic {
    if errors.is_empty() {
        return Diagnostic::new(Code::Internal, prefix, "unreadable", "无法读取");
    }
    errors.swap_remove(0).within(prefix)
}

/// What became of one ballot given to the collector.
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    Accepted(Id),
    /// The very same ballot was received before (sent twice): nothing changes.
    Again,
    Refused(Vec<Diagnostic>),
}

/// Receives ballots into a round: each is opened with the round's key together with those held
/// (the same checks as `cxzy round open`), and kept only when accepted. An anonymous source's
/// ballot takes a random place among those held, so that the order ballots arrived in (at a
/// kiosk, say) cannot tell whose is whose.
pub fn receive(
    engine: &Prepared,
    archive: &mut RoundArchive,
    incoming: Vec<SealedBallot>,
    rng: &mut impl RngCore,
) -> Vec<Received> {
    let mut texts: Vec<String> = archive.ballots.iter().map(text_of).collect();
    let held = texts.len();
    let mut fresh: Vec<(usize, SealedBallot)> = Vec::new();
    let mut out: Vec<Option<Received>> = vec![None; incoming.len()];
    for (k, b) in incoming.into_iter().enumerate() {
        let text = text_of(&b);
        if texts.contains(&text) {
            out[k] = Some(Received::Again);
            continue;
        }
        texts.push(text);
        fresh.push((k, b));
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let opened = cxzy_rounds::open(engine, &archive.key.round, &archive.key, &refs);
    let refused: BTreeMap<usize, Vec<Diagnostic>> = match opened {
        Ok(o) => o.refused.into_iter().map(|r| (r.index, r.errors)).collect(),
        Err(errors) => (held..texts.len()).map(|i| (i, errors.clone())).collect(),
    };
    for (n, (k, b)) in fresh.into_iter().enumerate() {
        match refused.get(&(held + n)) {
            Some(errors) => out[k] = Some(Received::Refused(errors.clone())),
            None => {
                // An issued token's source; a token no one issued is of the open source
                // (spec §12.6: opening accepted it, so the round has one).
                let round = &archive.key.round;
                let source = round
                    .tokens
                    .iter()
                    .find(|t| t.id == b.token)
                    .map(|t| t.source.clone())
                    .or_else(|| {
                        round
                            .sources
                            .iter()
                            .find(|s| s.mode == Mode::Open)
                            .map(|s| s.source.clone())
                    })
                    .unwrap_or_else(|| "".into());
                let anonymous = mode_of(&archive.key, &source) == Some(Mode::Slips);
                let at = if anonymous {
                    (rng.next_u32() as usize) % (archive.ballots.len() + 1)
                } else {
                    archive.ballots.len()
                };
                archive.ballots.insert(at, b);
                out[k] = Some(Received::Accepted(source));
            }
        }
    }
    out.into_iter()
        .map(|r| r.unwrap_or(Received::Again))
        .collect()
}

fn text_of(b: &SealedBallot) -> String {
    serde_json::to_string(b).unwrap_or_default()
}

/// How a source takes part in the round.
pub fn mode_of(key: &RoundKey, source: &str) -> Option<Mode> {
    key.round
        .sources
        .iter()
        .find(|s| *s.source == *source)
        .map(|s| s.mode)
}

/// Per source of the round: (source, ballots received, tokens issued).
pub fn counts(key: &RoundKey, accepted: &BTreeMap<Id, usize>) -> Vec<(Id, usize, usize)> {
    key.round
        .sources
        .iter()
        .map(|s| {
            let issued = key
                .round
                .tokens
                .iter()
                .filter(|t| t.source == s.source)
                .count();
            (
                s.source.clone(),
                accepted.get(&s.source).copied().unwrap_or(0),
                issued,
            )
        })
        .collect()
}

/// Everything the tally pages show: the ballots opened, each member's result, the branch view.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub opened: Opened,
    /// One per member, in the round's order.
    pub results: Vec<Result<ScoreResult, Vec<Diagnostic>>>,
    pub branch: Result<BranchView, Vec<Diagnostic>>,
    /// For each result the branch view was given (its `index`), the member's place in the round:
    /// a member whose result could not be scored is not among them.
    pub ranked: Vec<usize>,
}

impl Tally {
    /// The member place of a branch view's `index`.
    pub fn member_of(&self, index: u32) -> Option<usize> {
        self.ranked.get(index as usize).copied()
    }
}

/// The usual quota of 优秀: at most one third of those ranked.
pub const USUAL_QUOTA: &str = "1/3";

/// Opens every ballot held and scores each member's assessment, then ranks the branch
/// (`cxzy round open` | `cxzy score` | `cxzy branch --excellent-quota 1/3`, in one place).
pub fn tally(
    engine: &Engine,
    archive: &RoundArchive,
    today: Date,
) -> Result<Tally, Vec<Diagnostic>> {
    let texts: Vec<String> = archive.ballots.iter().map(text_of).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let opened = cxzy_rounds::open(engine, &archive.key.round, &archive.key, &refs)?;
    let results: Vec<_> = opened
        .assessments
        .iter()
        .map(|a| engine.score(a, today))
        .collect();
    let ranked: Vec<usize> = (0..results.len())
        .filter(|k| results.get(*k).is_some_and(|r| r.is_ok()))
        .collect();
    let summaries: Vec<_> = results
        .iter()
        .filter_map(|r| r.as_ref().ok().map(ScoreResult::summary))
        .collect();
    let quota = cxzy_core::parse_quota(USUAL_QUOTA);
    let branch = branch(engine, &summaries, quota.as_ref());
    Ok(Tally {
        opened,
        results,
        branch,
        ranked,
    })
}

/// The round held before this one for the same criteria: the latest whose period ended before
/// this one's began (the previous half-year's 民主评议), if this device holds it.
pub fn previous_round<'a>(
    rounds: impl Iterator<Item = &'a RoundArchive>,
    this: &RoundArchive,
) -> Option<&'a RoundArchive> {
    let r = &this.key.round;
    rounds
        .filter(|p| {
            p.key.round.framework.id == r.framework.id && p.key.round.period.end < r.period.start
        })
        .max_by_key(|p| p.key.round.period.end)
}

/// Each member's change of total since the previous round (matched by name), from the engine's
/// trend (spec §7): in the round's member order, `None` where there is nothing to compare.
pub fn changes(
    engine: &Engine,
    now: &Tally,
    before: &Tally,
    members: &[cxzy_rounds::Member],
    previous_members: &[cxzy_rounds::Member],
) -> Vec<Option<cxzy_core::Trend>> {
    members
        .iter()
        .zip(&now.results)
        .map(|(m, r)| {
            let current = r.as_ref().ok()?;
            let k = previous_members.iter().position(|p| p.name == m.name)?;
            let previous = before.results.get(k)?.as_ref().ok()?;
            cxzy_core::trend(engine.framework(), &previous.summary(), &current.summary()).ok()
        })
        .collect()
}

/// `cxzy score`'s options for a round's results (no commitments in a ballot: today changes
/// nothing, but it is the same call).
pub fn score_options(today: Date) -> ScoreOptions {
    ScoreOptions { today: Some(today) }
}

/// The items a source rates, in the framework's order: an item with sub-items is rated by its
/// sub-items (a sub-item naming no sources is rated by its item's).
pub fn items_for<'a>(engine: &'a Prepared, source: &str) -> Vec<&'a Indicator> {
    let rates = |sources: Option<&Vec<Id>>| match sources {
        Some(list) => list.iter().any(|s| &**s == source),
        None => true,
    };
    let mut out = Vec::new();
    for (_, ind) in engine.framework().indicators() {
        match &ind.scale {
            Scale::Items { items } => {
                for sub in items {
                    if rates(sub.sources.as_ref().or(ind.sources.as_ref())) {
                        out.push(sub);
                    }
                }
            }
            _ => {
                if rates(ind.sources.as_ref()) {
                    out.push(ind);
                }
            }
        }
    }
    out
}

/// The ballot a rater fills in, before it is sealed: a sheet per member the invitation names.
pub fn blank_ballot(inv: &Invitation) -> Ballot {
    Ballot {
        schema: cxzy_core::BallotSchema::V1,
        round: inv.round.clone(),
        token: inv.token.clone(),
        source: inv.source.clone(),
        sheets: inv
            .members
            .iter()
            .map(|m| BallotSheet {
                member: m.id.clone(),
                ratings: cxzy_core::IdMap::new(),
                notes: BTreeMap::new(),
            })
            .collect(),
    }
}

/// How many of a ballot's ratings are given, of how many asked.
pub fn progress(engine: &Prepared, ballot: &Ballot) -> (usize, usize) {
    let items = items_for(engine, &ballot.source);
    let given = ballot
        .sheets
        .iter()
        .map(|s| {
            items
                .iter()
                .filter(|i| s.ratings.contains_key(&i.id))
                .count()
        })
        .sum();
    (given, items.len() * ballot.sheets.len())
}

/// A round's archive restored onto the same round held here: nothing either holds is lost. The
/// ballots are the union (each token once, the device's first: both were accepted by this round's
/// key); the decisions are the device's, with the file's for members the device has none for; the
/// later backup date.
pub fn merge(held: &RoundArchive, file: &RoundArchive) -> RoundArchive {
    let mut out = held.clone();
    for b in &file.ballots {
        if !out.ballots.iter().any(|h| h.token == b.token) {
            out.ballots.push(b.clone());
        }
    }
    for d in &file.decisions {
        if decision(&out, &d.member).is_none() {
            out.decisions.push(d.clone());
        }
    }
    out.backed_up = held.backed_up.max(file.backed_up);
    out
}

/// A member's own assessment to hand back: every sheet the tally holds (the member's app scores
/// it as the branch did), but nothing that could point at one rater — no note on a sheet of an
/// anonymous source (slips), and within each source other than 自评 the sheets in a random
/// order (their order of arrival, at a kiosk say, would tell whose is whose).
pub fn hand_back(
    archive: &RoundArchive,
    assessment: &cxzy_core::Assessment,
    rng: &mut impl RngCore,
) -> cxzy_core::Assessment {
    let mut a = assessment.clone();
    let mode = |source: &str| mode_of(&archive.key, source);
    for sheet in &mut a.sheets {
        if mode(&sheet.source) == Some(Mode::Slips) {
            sheet.notes.clear();
        }
    }
    // Within each source (but 自评), the sheets shuffled among that source's places.
    let mut sources: Vec<Id> = a.sheets.iter().map(|s| s.source.clone()).collect();
    sources.dedup();
    sources.sort();
    sources.dedup();
    for source in sources.into_iter().filter(|s| mode(s) != Some(Mode::Own)) {
        let places: Vec<usize> = (0..a.sheets.len())
            .filter(|k| a.sheets.get(*k).is_some_and(|s| s.source == source))
            .collect();
        let mut sheets: Vec<_> = places
            .iter()
            .filter_map(|k| a.sheets.get(*k).cloned())
            .collect();
        for i in (1..sheets.len()).rev() {
            let j = (rng.next_u32() as usize) % (i + 1);
            sheets.swap(i, j);
        }
        for (k, sheet) in places.into_iter().zip(sheets) {
            if let Some(slot) = a.sheets.get_mut(k) {
                *slot = sheet;
            }
        }
    }
    a
}

/// The decision recorded for a member, if any.
pub fn decision<'a>(archive: &'a RoundArchive, member: &str) -> Option<&'a Decision> {
    archive.decisions.iter().find(|d| *d.member == *member)
}

/// Records (or, with `None`, withdraws) the branch's decision for a member. A grade other than
/// the computed one needs a reason: `Err` says so, and nothing changes.
pub fn decide(
    archive: &mut RoundArchive,
    member: &Id,
    grade: Option<(Id, String)>,
    computed: Option<&Id>,
) -> Result<(), &'static str> {
    if let Some((grade, reason)) = grade {
        let reason = reason.trim().to_owned();
        if Some(&grade) != computed && reason.is_empty() {
            return Err("reason");
        }
        archive.decisions.retain(|d| d.member != *member);
        archive.decisions.push(Decision {
            member: member.clone(),
            grade,
            reason: (!reason.is_empty()).then_some(reason),
        });
    } else {
        archive.decisions.retain(|d| d.member != *member);
    }
    Ok(())
}

/// The grade that stands for each ranked member: the branch's decision where recorded, else the
/// computed one (`None`: incomplete and undecided). In the branch view's order.
pub fn standing(archive: &RoundArchive, tally: &Tally, view: &BranchView) -> Vec<Option<Id>> {
    view.ranking
        .iter()
        .map(|entry| {
            tally
                .member_of(entry.index)
                .and_then(|k| archive.key.round.members.get(k))
                .and_then(|m| decision(archive, &m.id))
                .map(|d| d.grade.clone())
                .or_else(|| entry.grade.clone())
        })
        .collect()
}

/// How many members stand at each grade of the criteria (best first), decisions included.
pub fn decided_distribution(
    engine: &Prepared,
    archive: &RoundArchive,
    tally: &Tally,
    view: &BranchView,
) -> Vec<(Id, usize)> {
    let standing = standing(archive, tally, view);
    engine
        .framework()
        .grades
        .iter()
        .map(|g| {
            let n = standing
                .iter()
                .filter(|s| s.as_ref() == Some(&g.id))
                .count();
            (g.id.clone(), n)
        })
        .collect()
}

/// The 公示 as CSV for Excel (UTF-8 with a byte-order mark): ranking, computed and decided
/// grades with the reasons, the distribution and the 共性问题 — no single ballot.
pub fn report_csv(engine: &Prepared, archive: &RoundArchive, tally: &Tally, lang: Lang) -> String {
    let t = super::text::text(lang);
    let fw = engine.framework();
    let grade_label = |id: &str| {
        fw.grades
            .iter()
            .find(|g| &*g.id == id)
            .map(|g| g.label.get(lang).to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    let mut rows: Vec<Vec<String>> = vec![vec![
        t.col_rank.into(),
        t.col_member.into(),
        t.col_total.into(),
        t.col_computed.into(),
        t.col_decided.into(),
        t.col_reason.into(),
    ]];
    let Ok(view) = &tally.branch else {
        return String::new();
    };
    for entry in &view.ranking {
        let member = tally
            .member_of(entry.index)
            .and_then(|k| archive.key.round.members.get(k));
        let decided = member.and_then(|m| decision(archive, &m.id));
        rows.push(vec![
            entry
                .rank
                .map(|r| r.to_string())
                .unwrap_or_else(|| "—".into()),
            entry.subject.name.clone().unwrap_or_default(),
            entry.total.to_fixed2(),
            entry.grade.as_deref().map(grade_label).unwrap_or_default(),
            decided
                .map(|d| grade_label(&d.grade))
                .or_else(|| entry.grade.as_deref().map(grade_label))
                .unwrap_or_default(),
            decided.and_then(|d| d.reason.clone()).unwrap_or_default(),
        ]);
    }
    rows.push(Vec::new());
    rows.push(vec![t.col_grade.into(), t.col_count.into()]);
    for (g, n) in decided_distribution(engine, archive, tally, view) {
        rows.push(vec![grade_label(&g), n.to_string()]);
    }
    rows.push(Vec::new());
    rows.push(vec![
        t.col_item.into(),
        t.col_mean.into(),
        t.col_below.into(),
    ]);
    for w in &view.common_weaknesses {
        let title = engine
            .indicator(&w.indicator)
            .map(|i| i.title.get(lang).to_owned())
            .unwrap_or_else(|| w.indicator.to_string());
        rows.push(vec![
            title,
            format!("{}%", w.mean_attainment.to_fixed2()),
            format!("{}%", w.below_60_share.to_fixed2()),
        ]);
    }
    let mut out = String::from(cxzy_core::csv::BOM);
    for row in rows {
        out.push_str(&cxzy_core::csv::row(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxzy_core::{Period, Rating};
    use cxzy_rounds::rand_core::SeedableRng;
    use cxzy_rounds::{Member, Plan, SourcePlan};

    pub(crate) fn engine() -> Engine {
        let text = |s: &str| serde_json::json!({"zh-Hans": s});
        Engine::new(
            Prepared::from_value(&serde_json::json!({
                "schema": "cxzy/framework@2", "id": "round-test", "version": "1", "subject": "member",
                "title": text("测试"),
                "dimensions": [{"id": "d", "title": text("带头"), "indicators": [
                    {"id": "study", "title": text("学习"), "points": 10, "scale": {"kind": "levels", "levels": [
                        {"id": "good", "label": text("好"), "percent": 100},
                        {"id": "poor", "label": text("差"), "percent": 0}]}},
                    {"id": "dues", "title": text("党费"), "points": 5, "scale": {"kind": "check"}, "sources": ["org"]}]}],
                "grades": [{"id": "best", "label": text("优秀"), "min_total": 12},
                           {"id": "ok", "label": text("合格"), "min_total": 0}],
                "sources": [
                    {"id": "self", "label": text("自评"), "weight": 20, "aggregate": "mean", "min_raters": 1},
                    {"id": "mass", "label": text("群众评议"), "weight": 50, "aggregate": "mean", "min_raters": 1, "anonymous_min": 2},
                    {"id": "org", "label": text("组织评价"), "weight": 30, "aggregate": "mean", "min_raters": 1}]
            }))
            .unwrap(),
        )
    }

    fn round(engine: &Engine, rng: &mut rand_chacha::ChaCha20Rng) -> RoundArchive {
        let setup = Setup {
            title: Some("一支部".into()),
            period: Period {
                start: "2026-07-01".parse().unwrap(),
                end: "2026-12-31".parse().unwrap(),
                label: None,
            },
            members: vec![
                Member {
                    id: "a".into(),
                    name: "张三".into(),
                    group: None,
                },
                Member {
                    id: "b".into(),
                    name: "李四".into(),
                    group: None,
                },
            ],
            sources: vec![
                SourcePlan {
                    source: "self".into(),
                    plan: Plan::Own,
                },
                SourcePlan {
                    source: "mass".into(),
                    plan: Plan::Slips(3),
                },
                SourcePlan {
                    source: "org".into(),
                    plan: Plan::Named(vec!["书记".into()]),
                },
            ],
        };
        create(engine, &setup, rng).unwrap()
    }

    fn fill(engine: &Prepared, inv: &Invitation, good: bool) -> Ballot {
        let mut b = blank_ballot(inv);
        for s in &mut b.sheets {
            for i in items_for(engine, &inv.source) {
                let r = match &i.scale {
                    Scale::Check => Rating::Check(good),
                    _ => Rating::Level((if good { "good" } else { "poor" }).into()),
                };
                s.ratings.insert(i.id.clone(), r);
            }
        }
        b
    }

    #[test]
    fn ballots_are_received_counted_and_tallied_and_refusals_say_why() {
        let engine = engine();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let mut archive = round(&engine, &mut rng);
        let invitations = archive.key.invitations();
        assert_eq!(invitations.len(), 2 + 3 + 1);
        // Each source rates only its items.
        assert_eq!(items_for(&engine, "org").len(), 2);
        assert_eq!(items_for(&engine, "self").len(), 1);
        let sealed: Vec<SealedBallot> = invitations
            .iter()
            .map(|inv| {
                let b = fill(
                    &engine,
                    inv,
                    &*inv.source != "mass" || inv.token.as_bytes()[0] % 2 == 0,
                );
                assert_eq!(progress(&engine, &b).0, progress(&engine, &b).1);
                cxzy_rounds::seal(&inv.seal_to(), &b, &mut rng).unwrap()
            })
            .collect();
        // Pasted as links, mixed with other text.
        let pasted = format!(
            "看这里 https://x.example/editor.html#/in/{} 和 {}\n{}",
            sealed[0].compact(),
            sealed[1].compact(),
            sealed[2].compact()
        );
        let found: Vec<_> = ballots_in(&pasted)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(found, sealed[..3].to_vec());
        let got = receive(&engine, &mut archive, found, &mut rng);
        assert_eq!(
            got,
            vec![
                Received::Accepted("self".into()),
                Received::Accepted("self".into()),
                Received::Accepted("mass".into())
            ]
        );
        // A file with the rest, one of them twice; then the same again.
        let file = serde_json::to_string(&sealed[2..]).unwrap();
        let got = receive(
            &engine,
            &mut archive,
            ballots_in(&file).into_iter().map(Result::unwrap).collect(),
            &mut rng,
        );
        assert_eq!(got[0], Received::Again);
        assert!(got[1..].iter().all(|r| matches!(r, Received::Accepted(_))));
        let got = receive(&engine, &mut archive, vec![sealed[5].clone()], &mut rng);
        assert_eq!(got, vec![Received::Again]);
        assert_eq!(archive.ballots.len(), 6);
        // A changed byte: refused with why, nothing kept.
        let mut changed = sealed[5].clone();
        changed.sealed.replace_range(
            10..11,
            if &changed.sealed[10..11] == "A" {
                "B"
            } else {
                "A"
            },
        );
        let got = receive(&engine, &mut archive, vec![changed], &mut rng);
        match &got[0] {
            Received::Refused(e) => assert!(e
                .iter()
                .any(|d| d.code == Code::TokenUsed || d.code == Code::UnreadableBallot)),
            other => panic!("{other:?}"),
        }
        assert_eq!(archive.ballots.len(), 6);
        let counts = counts(
            &archive.key,
            &tally(&engine, &archive, "2026-12-31".parse().unwrap())
                .unwrap()
                .opened
                .accepted,
        );
        assert_eq!(
            counts,
            vec![
                ("self".into(), 2, 2),
                ("mass".into(), 3, 3),
                ("org".into(), 1, 1)
            ]
        );
        // The tally equals opening, scoring and ranking by hand.
        let today: Date = "2026-12-31".parse().unwrap();
        let t = tally(&engine, &archive, today).unwrap();
        assert_eq!(t.results.len(), 2);
        let view = t.branch.as_ref().unwrap();
        assert_eq!(view.count, 2);
        let texts: Vec<String> = archive.ballots.iter().map(text_of).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let by_hand = cxzy_rounds::open(&engine, &archive.key.round, &archive.key, &refs).unwrap();
        let first = engine.score(&by_hand.assessments[0], today).unwrap();
        assert_eq!(t.results[0].as_ref().unwrap(), &first);
        // The 公示's CSV names members and grades, never a ballot.
        let csv = report_csv(&engine, &archive, &t, Lang::ZhHans);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("张三") && csv.contains("李四"));
        assert!(!csv.contains(&archive.ballots[0].sealed[..20]));
        // A stored round reads back.
        assert_eq!(read(&to_value(&archive)).unwrap(), archive);
    }

    #[test]
    fn a_decision_other_than_the_computed_grade_needs_a_reason() {
        let engine = engine();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
        let mut archive = round(&engine, &mut rng);
        let (a, best, ok): (Id, Id, Id) = ("a".into(), "best".into(), "ok".into());
        assert_eq!(
            decide(
                &mut archive,
                &a,
                Some((best.clone(), " ".into())),
                Some(&ok)
            ),
            Err("reason")
        );
        assert!(archive.decisions.is_empty());
        decide(
            &mut archive,
            &a,
            Some((ok.clone(), String::new())),
            Some(&ok),
        )
        .unwrap();
        assert_eq!(decision(&archive, "a").unwrap().reason, None);
        decide(
            &mut archive,
            &a,
            Some((best.clone(), "群众公认".into())),
            Some(&ok),
        )
        .unwrap();
        assert_eq!(archive.decisions.len(), 1);
        assert_eq!(decision(&archive, "a").unwrap().grade, best);
        decide(&mut archive, &a, None, Some(&ok)).unwrap();
        assert!(archive.decisions.is_empty());
    }

    #[test]
    fn what_is_not_a_ballot_is_said_so_and_csv_cells_are_inert() {
        let got = ballots_in("b1.abc.def");
        assert_eq!(got.len(), 1);
        assert!(got[0].is_err());
        assert!(ballots_in("nothing here").is_empty());
        assert_eq!(ballots_in("{oops").len(), 1);
        let file = ballots_in(
            r#"[{"schema":"cxzy/sealed-ballot@1","round":"r","token":"t","sealed":"s"},{"schema":"x"}]"#,
        );
        assert!(file[0].is_ok());
        assert_eq!(file[1].as_ref().unwrap_err().path, "/1/schema");
        assert_eq!(cxzy_core::csv::cell("=1+1"), "'=1+1");
        assert_eq!(cxzy_core::csv::cell("-3.5"), "-3.5");
        assert_eq!(cxzy_core::csv::cell("a,\"b\""), "\"a,\"\"b\"\"\"");
    }

    #[test]
    fn anonymous_ballots_are_not_kept_in_the_order_they_arrived() {
        let engine = engine();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(4);
        let setup = Setup {
            title: None,
            period: Period {
                start: "2026-07-01".parse().unwrap(),
                end: "2026-12-31".parse().unwrap(),
                label: None,
            },
            members: vec![Member {
                id: "a".into(),
                name: "张三".into(),
                group: None,
            }],
            sources: vec![
                SourcePlan {
                    source: "self".into(),
                    plan: Plan::Own,
                },
                SourcePlan {
                    source: "mass".into(),
                    plan: Plan::Slips(12),
                },
            ],
        };
        let mut archive = create(&engine, &setup, &mut rng).unwrap();
        let invitations = archive.key.invitations();
        // One at a time, as at a kiosk: the self ballot first, then the slips in turn.
        let mut arrived = Vec::new();
        for (k, inv) in invitations.iter().enumerate() {
            let b = fill(&engine, inv, k % 2 == 0);
            let sealed = cxzy_rounds::seal(&inv.seal_to(), &b, &mut rng).unwrap();
            arrived.push(sealed.token.clone());
            let got = receive(&engine, &mut archive, vec![sealed], &mut rng);
            assert!(matches!(got[0], Received::Accepted(_)));
        }
        let held: Vec<String> = archive.ballots.iter().map(|b| b.token.clone()).collect();
        let slips = |list: &[String]| -> Vec<String> {
            list.iter().filter(|t| **t != arrived[0]).cloned().collect()
        };
        assert_ne!(
            slips(&held),
            slips(&arrived),
            "the slips' order says nothing of when each came"
        );
        // The named ballot keeps its place among the named (it is not anonymous).
        let mut sorted = held.clone();
        sorted.sort();
        let mut all = arrived.clone();
        all.sort();
        assert_eq!(sorted, all, "every ballot is held once");
    }

    #[test]
    fn the_previous_round_gives_each_member_their_change() {
        let engine = engine();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(6);
        let mut make = |start: &str, end: &str, good: bool| {
            let mut a = round(&engine, &mut rng);
            a.key.round.period.start = start.parse().unwrap();
            a.key.round.period.end = end.parse().unwrap();
            a.key.round.id = format!("{start}{good}");
            for inv in a.key.invitations() {
                let inv = Invitation {
                    round: a.key.round.id.clone(),
                    ..inv
                };
                let b = fill(&engine, &inv, good);
                let sealed = cxzy_rounds::seal(&inv.seal_to(), &b, &mut rng).unwrap();
                let got = receive(&engine, &mut a, vec![sealed], &mut rng);
                assert!(matches!(got[0], Received::Accepted(_)), "{got:?}");
            }
            a
        };
        let before = make("2026-01-01", "2026-06-30", false);
        let now = make("2026-07-01", "2026-12-31", true);
        let later = make("2027-01-01", "2027-06-30", false);
        let all = [later.clone(), before.clone(), now.clone()];
        let found = previous_round(
            all.iter().filter(|r| r.key.round.id != now.key.round.id),
            &now,
        )
        .unwrap();
        assert_eq!(
            found.key.round.id, before.key.round.id,
            "the latest that ended before this one began"
        );
        assert!(previous_round(std::iter::once(&later), &now).is_none());
        let today = "2026-12-31".parse().unwrap();
        let (t_now, t_before) = (
            tally(&engine, &now, today).unwrap(),
            tally(&engine, &before, today).unwrap(),
        );
        let changes = changes(
            &engine,
            &t_now,
            &t_before,
            &now.key.round.members,
            &before.key.round.members,
        );
        assert_eq!(changes.len(), 2);
        let c = changes[0].as_ref().unwrap();
        assert_eq!(
            c.total.previous,
            t_before.results[0].as_ref().unwrap().total
        );
        assert_eq!(c.total.current, t_now.results[0].as_ref().unwrap().total);
        assert!(c.total.change.is_positive());
    }

    #[test]
    fn a_restored_archive_merges_with_the_round_held_and_loses_nothing() {
        let engine = engine();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
        let mut held = round(&engine, &mut rng);
        let invitations = held.key.invitations();
        let seal = |k: usize, rng: &mut rand_chacha::ChaCha20Rng| {
            cxzy_rounds::seal(
                &invitations[k].seal_to(),
                &fill(&engine, &invitations[k], true),
                rng,
            )
            .unwrap()
        };
        let (b0, b1, b2) = (seal(0, &mut rng), seal(1, &mut rng), seal(2, &mut rng));
        receive(&engine, &mut held, vec![b0.clone(), b1.clone()], &mut rng);
        // The file: an older backup with b0 and another device's b2, and a decision.
        let mut file = held.clone();
        file.ballots = vec![b0.clone(), b2.clone()];
        file.decisions.clear();
        decide(
            &mut file,
            &"b".into(),
            Some(("ok".into(), String::new())),
            Some(&"ok".into()),
        )
        .unwrap();
        decide(
            &mut held,
            &"a".into(),
            Some(("best".into(), "群众公认".into())),
            Some(&"ok".into()),
        )
        .unwrap();
        file.backed_up = Some("2026-09-01".parse().unwrap());
        let merged = merge(&held, &file);
        let tokens: Vec<&str> = merged.ballots.iter().map(|b| b.token.as_str()).collect();
        assert_eq!(tokens.len(), 3, "the union, each token once");
        assert!(tokens.contains(&b2.token.as_str()));
        assert_eq!(
            decision(&merged, "a").unwrap().grade,
            Id::from("best"),
            "the device's decision stays"
        );
        assert_eq!(
            decision(&merged, "b").unwrap().grade,
            Id::from("ok"),
            "the file's is added"
        );
        assert_eq!(merged.backed_up, file.backed_up);
        // Every merged ballot opens.
        let t = tally(&engine, &merged, "2026-12-31".parse().unwrap()).unwrap();
        assert!(t.opened.refused.is_empty());
    }

    #[test]
    fn a_handed_back_assessment_scores_the_same_and_says_nothing_of_one_rater() {
        let engine = engine();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
        let mut archive = round(&engine, &mut rng);
        for (k, inv) in archive.key.invitations().into_iter().enumerate() {
            let mut b = fill(&engine, &inv, k % 2 == 0);
            for s in &mut b.sheets {
                s.notes.insert("study".into(), format!("note {k}"));
            }
            let sealed = cxzy_rounds::seal(&inv.seal_to(), &b, &mut rng).unwrap();
            receive(&engine, &mut archive, vec![sealed], &mut rng);
        }
        let today = "2026-12-31".parse().unwrap();
        let t = tally(&engine, &archive, today).unwrap();
        let a = &t.opened.assessments[0];
        let back = hand_back(&archive, a, &mut rng);
        assert_eq!(
            engine.score(&back, today).unwrap().total,
            t.results[0].as_ref().unwrap().total
        );
        assert!(back
            .sheets
            .iter()
            .filter(|s| &*s.source == "mass")
            .all(|s| s.notes.is_empty()));
        assert!(
            back.sheets
                .iter()
                .filter(|s| &*s.source == "self")
                .all(|s| !s.notes.is_empty()),
            "a member's own notes stay"
        );
        let count = |x: &cxzy_core::Assessment, src: &str| {
            x.sheets.iter().filter(|s| &*s.source == src).count()
        };
        for src in ["self", "mass", "org"] {
            assert_eq!(count(&back, src), count(a, src));
        }
    }

    #[test]
    fn ballots_in_text_are_found_only_where_a_text_begins() {
        let b = "b1.ab12.cd34.x-y_Z09";
        let found = ballots_in(&format!(
            "see https://web1.example/editor.html#/in/{b}. Thanks"
        ));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].as_ref().unwrap().compact(), b);
    }
}
