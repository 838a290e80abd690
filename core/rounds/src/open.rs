//! Opening a round's sealed ballots and tallying them into one assessment per member
//! (spec §12.3). Every ballot is refused or accepted whole; a refusal says why, located in the
//! envelope (`/round`, `/token`, `/sealed`) or in the opened ballot (`/ballot/...`).

use crate::crypto::{token_id, unseal};
use crate::model::{Ballot, IssuedToken, Mode, Round, RoundKey, SealedBallot};
use cxzy_core::read::document;
use cxzy_core::{
    Assessment, AssessmentSchema, Code, Diagnostic, Id, Prepared, RaterCount, Sheet, SubjectInfo,
};
use std::collections::{BTreeMap, BTreeSet};

/// The largest ballot read once opened and inflated (a branch's ballot is a few KB).
pub const MAX_BALLOT_BYTES: usize = 1024 * 1024;

/// A ballot refused: its place in the input and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub index: usize,
    pub errors: Vec<Diagnostic>,
}

/// What opening gave: one assessment per member (the round's order), the ballots refused, and
/// how many were accepted per source.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub assessments: Vec<Assessment>,
    pub refused: Vec<Refusal>,
    pub accepted: BTreeMap<Id, usize>,
}

fn err(code: Code, path: &str, en: String, zh: String) -> Diagnostic {
    Diagnostic::new(code, path, en, zh)
}

/// Checks that the round, its key and the framework belong together.
fn fits(framework: &Prepared, round: &Round, key: &RoundKey) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let fw = framework.framework();
    let r = &round.framework;
    if r.id != fw.id
        || r.version != fw.version
        || r.digest.as_deref().is_some_and(|d| d != framework.digest())
    {
        errors.push(err(
            Code::FrameworkMismatch,
            "/framework",
            format!(
                "the round is for \"{}\" {}, these criteria are \"{}\" {}",
                r.id, r.version, fw.id, fw.version
            ),
            format!(
                "评议轮次所用标准为「{}」{},所给标准为「{}」{}",
                r.id, r.version, fw.id, fw.version
            ),
        ));
    }
    if key.round != *round {
        errors.push(err(
            Code::OtherRound,
            "/round",
            format!("the key is of round {}, not {}", key.round.id, round.id),
            format!("密钥属于评议轮次 {},不是 {}", key.round.id, round.id),
        ));
    }
    errors
}

/// Opens every sealed ballot (each a JSON text) with the round's key, in order, and tallies
/// the accepted ones. `Err` when the round, its key and the framework do not belong together.
pub fn open(
    framework: &Prepared,
    round: &Round,
    key: &RoundKey,
    sealed: &[&str],
) -> Result<Opened, Vec<Diagnostic>> {
    let wrong = fits(framework, round, key);
    if !wrong.is_empty() {
        return Err(wrong);
    }
    // Looked up once, not per ballot: a county's round has thousands of tokens and ballots.
    let cx = Context {
        framework,
        round,
        key,
        tokens: round.tokens.iter().map(|t| (t.id.as_str(), t)).collect(),
        blanks: blanks(framework, round),
        everyone: round.members.iter().map(|m| m.id.clone()).collect(),
    };
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut refused = Vec::new();
    let mut accepted: Vec<Ballot> = Vec::new();
    for (index, text) in sealed.iter().enumerate() {
        match open_one(&cx, text, &used) {
            Ok((ballot, token)) => {
                used.insert(token);
                accepted.push(ballot);
            }
            Err(errors) => refused.push(Refusal { index, errors }),
        }
    }
    let mut per_source: BTreeMap<Id, usize> = BTreeMap::new();
    for b in &accepted {
        *per_source.entry(b.source.clone()).or_default() += 1;
    }
    Ok(Opened {
        assessments: tally(&cx, &accepted),
        refused,
        accepted: per_source,
    })
}

/// What opening looks up: the round's tokens by id, and each member's assessment before any
/// sheet (name, framework, period, rater counts), made once.
struct Context<'a> {
    framework: &'a Prepared,
    round: &'a Round,
    key: &'a RoundKey,
    tokens: BTreeMap<&'a str, &'a IssuedToken>,
    blanks: BTreeMap<&'a Id, Assessment>,
    /// Every member's id: what a token of an open source rates.
    everyone: Vec<Id>,
}

impl Context<'_> {
    /// A member's assessment holding these sheets.
    fn assessment(&self, member: &Id, sheets: Vec<Sheet>) -> Assessment {
        let mut a = self
            .blanks
            .get(member)
            .cloned()
            .unwrap_or_else(|| blank(self.framework, self.round, member, &BTreeMap::new()));
        a.sheets = sheets;
        a
    }
}

/// The accepted ballot and its token's id, or why it is refused.
fn open_one(
    cx: &Context,
    text: &str,
    used: &BTreeSet<String>,
) -> Result<(Ballot, String), Vec<Diagnostic>> {
    let (framework, round, key) = (cx.framework, cx.round, cx.key);
    let env: SealedBallot = document(text)?;
    if env.round != round.id {
        return Err(vec![err(
            Code::OtherRound,
            "/round",
            format!("a ballot of round {}, not {}", env.round, round.id),
            format!("这是评议轮次 {} 的选票,不是 {}", env.round, round.id),
        )]);
    }
    // An issued token, or (where a source is open) one the rater made: known once opened.
    let issued = cx.tokens.get(env.token.as_str()).copied();
    if issued.is_none() && !round.may_use(&env.token) {
        return Err(vec![err(
            Code::UnknownToken,
            "/token",
            "this ballot's token was never issued in the round".into(),
            "此选票的凭证不是本轮发出的".into(),
        )]);
    }
    if used.contains(env.token.as_str()) {
        return Err(vec![err(
            Code::TokenUsed,
            "/token",
            "a ballot with this token was already accepted".into(),
            "使用此凭证的选票已经收到过".into(),
        )]);
    }
    let Some(plain) = unseal(&key.secret_key, &env.sealed) else {
        return Err(vec![err(
            Code::UnreadableBallot,
            "/sealed",
            "the ballot does not open with the round's key: it was changed, or sealed to another round".into(),
            "选票无法用本轮密钥打开:内容被改动,或不是封给本轮的".into(),
        )]);
    };
    let plain = miniz_oxide::inflate::decompress_to_vec_with_limit(&plain, MAX_BALLOT_BYTES)
        .map_err(|e| {
            vec![match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    cxzy_core::too_large(MAX_BALLOT_BYTES + 1).within("/sealed")
                }
                _ => err(
                    Code::UnreadableBallot,
                    "/sealed",
                    "the opened ballot is not deflated data".into(),
                    "打开的选票不是压缩数据".into(),
                ),
            }]
        })?;
    let text = String::from_utf8(plain).map_err(|_| {
        vec![err(
            Code::UnreadableBallot,
            "/sealed",
            "the opened ballot is not text".into(),
            "打开的选票不是文本".into(),
        )]
    })?;
    let ballot: Ballot = document(&text).map_err(|errors| {
        errors
            .into_iter()
            .map(|d| d.within("/ballot"))
            .collect::<Vec<_>>()
    })?;
    let mut errors = Vec::new();
    if token_id(&ballot.token) != env.token {
        errors.push(err(
            Code::BallotMismatch,
            "/ballot/token",
            "the ballot's token is not the envelope's".into(),
            "选票内的凭证与封套上的不一致".into(),
        ));
    }
    if ballot.round != round.id {
        errors.push(err(
            Code::BallotMismatch,
            "/ballot/round",
            "the ballot names another round than its envelope".into(),
            "选票内的评议轮次与封套上的不一致".into(),
        ));
    }
    // What the token may rate: as issued, or every member as the open source it names.
    let (source, rates): (&Id, &[Id]) = match issued {
        Some(t) => (&t.source, &t.rates),
        None => match round.mode(&ballot.source) {
            Some(Mode::Open) => (&ballot.source, &cx.everyone),
            _ => {
                errors.push(err(
                    Code::UnknownToken,
                    "/ballot/source",
                    format!(
                        "the token was never issued, and \"{}\" is not open to everyone",
                        ballot.source
                    ),
                    format!(
                        "凭证不是本轮发出的,且评议主体「{}」不是公开参与",
                        ballot.source
                    ),
                ));
                return Err(errors);
            }
        },
    };
    if ballot.source != *source {
        errors.push(err(
            Code::BallotMismatch,
            "/ballot/source",
            format!(
                "the token rates as \"{}\", the ballot as \"{}\"",
                source, ballot.source
            ),
            format!("凭证的评议主体为「{}」,选票为「{}」", source, ballot.source),
        ));
    }
    // A ballot that does not match its envelope says nothing more worth reading.
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut seen: Vec<&Id> = Vec::new();
    for (k, sheet) in ballot.sheets.iter().enumerate() {
        let path = format!("/ballot/sheets/{k}");
        if !rates.contains(&sheet.member) || seen.contains(&&sheet.member) {
            errors.push(err(
                Code::NotInvited,
                &format!("{path}/member"),
                format!(
                    "this token does not rate \"{}\" (or rates them once)",
                    sheet.member
                ),
                format!("此凭证不能评价「{}」(或已评价过)", sheet.member),
            ));
            continue;
        }
        seen.push(&sheet.member);
        // The ratings, as the framework reads them (spec §4.3): one sheet of this source.
        let one = cx.assessment(
            &sheet.member,
            vec![Sheet {
                source: ballot.source.clone(),
                rater: None,
                submitted: None,
                ratings: sheet.ratings.clone(),
                notes: sheet.notes.clone(),
            }],
        );
        for mut d in framework.check(&one) {
            if let Some(rest) = d.path.strip_prefix("/sheets/0") {
                d.path = format!("{path}{rest}");
                errors.push(d);
            }
        }
    }
    if errors.is_empty() {
        Ok((ballot, env.token))
    } else {
        Err(errors)
    }
}

/// Every member's assessment before any sheet, the rater counts made in one pass over the tokens.
fn blanks<'a>(framework: &Prepared, round: &'a Round) -> BTreeMap<&'a Id, Assessment> {
    let mut counts: BTreeMap<(&Id, &Id), u32> = BTreeMap::new();
    for t in &round.tokens {
        for m in &t.rates {
            *counts.entry((m, &t.source)).or_default() += 1;
        }
    }
    round
        .members
        .iter()
        .map(|m| (&m.id, blank(framework, round, &m.id, &counts)))
        .collect()
}

/// One member's assessment with no sheet: the round's framework, period and member; for a
/// framework of version 2, how many tokens of each source rate the member (spec §11.4).
fn blank(
    framework: &Prepared,
    round: &Round,
    member: &Id,
    counts: &BTreeMap<(&Id, &Id), u32>,
) -> Assessment {
    let version = framework.framework().schema.version();
    let name = round
        .members
        .iter()
        .find(|m| m.id == *member)
        .map(|m| m.name.clone());
    let raters = if version >= 2 {
        round
            .sources
            .iter()
            .filter_map(|s| {
                let n = *counts.get(&(member, &s.source)).filter(|n| **n > 0)?;
                Some((
                    s.source.clone(),
                    RaterCount {
                        eligible: Some(n),
                        issued: Some(n),
                    },
                ))
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    Assessment {
        schema: AssessmentSchema::of_version(version).unwrap_or_default(),
        framework: round.framework.clone(),
        subject: SubjectInfo {
            name,
            unit: round.title.clone(),
        },
        period: round.period.clone(),
        as_of: None,
        sheets: Vec::new(),
        bonus: Vec::new(),
        deductions: Vec::new(),
        vetoes: Vec::new(),
        commitments: Vec::new(),
        adjustments: Vec::new(),
        raters,
    }
}

/// One assessment per member: every accepted ballot's sheet for the member, in the order the
/// ballots were accepted, with no rater named (a ballot says how, never who).
fn tally(cx: &Context, accepted: &[Ballot]) -> Vec<Assessment> {
    cx.round
        .members
        .iter()
        .map(|m| {
            let sheets = accepted
                .iter()
                .flat_map(|b| {
                    b.sheets.iter().filter(|s| s.member == m.id).map(|s| Sheet {
                        source: b.source.clone(),
                        rater: None,
                        submitted: None,
                        ratings: s.ratings.clone(),
                        notes: s.notes.clone(),
                    })
                })
                .collect();
            cx.assessment(&m.id, sheets)
        })
        .collect()
}
