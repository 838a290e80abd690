//! Creating a round (spec §12.1): its key pair, and a token per rater — one per member for 自评
//! and 互评, one per named rater, N anonymous slips — each rating the members it may rate.

use crate::crypto::{key_pair, random_hex, token_id, token_secret};
use crate::model::{IssuedToken, Member, Mode, Round, RoundKey, RoundSource, TokenSecret};
use crypto_box::aead::rand_core::CryptoRngCore;
use cxzy_core::derive::{Describe, Read, Write};
use cxzy_core::{
    Code, Diagnostic, FrameworkRef, Id, Period, Prepared, RoundKeySchema, RoundSchema,
    RoundSetupSchema,
};

pub use crate::model::{MAX_MEMBERS, MAX_TOKENS};

/// How a source takes part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// 自评
    Own,
    /// 互评
    Peer,
    /// 群众评议: this many anonymous slips.
    Slips(u32),
    /// 组织评价 / 上级点评: these raters, by name.
    Named(Vec<String>),
    /// A workshop: open to whoever holds the round, no token issued (spec §12.6).
    Open,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePlan {
    pub source: Id,
    pub plan: Plan,
}

/// What the owner chooses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    pub title: Option<String>,
    pub period: Period,
    pub members: Vec<Member>,
    pub sources: Vec<SourcePlan>,
}

fn err(code: Code, path: String, en: String, zh: String) -> Diagnostic {
    Diagnostic::new(code, path, en, zh)
}

/// A source in `cxzy/round-setup@1`: its mode, with the number of slips or the raters' names.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct SetupSource {
    pub source: Id,
    pub mode: crate::model::Mode,
    /// For `slips`: how many (1–10,000).
    #[cxzy(min = 1, max = 10_000)]
    pub slips: Option<u32>,
    /// For `named`: who rates, by name.
    pub raters: Option<Vec<String>>,
}

/// `cxzy/round-setup@1`: a round as its owner chooses it (`cxzy round create`).
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct SetupDocument {
    pub schema: RoundSetupSchema,
    pub title: Option<String>,
    pub period: Period,
    pub members: Vec<Member>,
    pub sources: Vec<SetupSource>,
}

impl SetupDocument {
    /// The setup it describes; a mode without its count or names is an error at its path.
    pub fn setup(&self) -> Result<Setup, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut sources = Vec::new();
        for (k, s) in self.sources.iter().enumerate() {
            let plan = match s.mode {
                crate::model::Mode::Own => Plan::Own,
                crate::model::Mode::Peer => Plan::Peer,
                crate::model::Mode::Slips => match s.slips {
                    Some(n) => Plan::Slips(n),
                    None => {
                        errors.push(err(
                            Code::MissingField,
                            format!("/sources/{k}/slips"),
                            "slips need a number".into(),
                            "群众评议需要给出票数".into(),
                        ));
                        continue;
                    }
                },
                crate::model::Mode::Open => Plan::Open,
                crate::model::Mode::Named => match &s.raters {
                    Some(names) => Plan::Named(names.clone()),
                    None => {
                        errors.push(err(
                            Code::MissingField,
                            format!("/sources/{k}/raters"),
                            "named raters need their names".into(),
                            "具名评价需要给出评价人".into(),
                        ));
                        continue;
                    }
                },
            };
            sources.push(SourcePlan {
                source: s.source.clone(),
                plan,
            });
        }
        if errors.is_empty() {
            Ok(Setup {
                title: self.title.clone(),
                period: self.period.clone(),
                members: self.members.clone(),
                sources,
            })
        } else {
            Err(errors)
        }
    }
}

/// The round and its key, or every problem of the setup (paths into [`Setup`] as JSON:
/// `/members/k/id`, `/sources/k/source` …).
pub fn create(
    framework: &Prepared,
    setup: &Setup,
    rng: &mut impl CryptoRngCore,
) -> Result<(Round, RoundKey), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if setup.members.is_empty() {
        errors.push(err(
            Code::Empty,
            "/members".into(),
            "a round needs at least one member".into(),
            "评议轮次至少需要一名评议对象".into(),
        ));
    }
    if setup.members.len() > MAX_MEMBERS {
        errors.push(err(
            Code::TooMany,
            "/members".into(),
            format!("{} members; at most {MAX_MEMBERS}", setup.members.len()),
            format!(
                "共 {} 名评议对象,最多 {MAX_MEMBERS} 名",
                setup.members.len()
            ),
        ));
    }
    for (k, m) in setup.members.iter().enumerate() {
        if setup.members.iter().take(k).any(|x| x.id == m.id) {
            errors.push(err(
                Code::DuplicateId,
                format!("/members/{k}/id"),
                format!("member id \"{}\" is given twice", m.id),
                format!("评议对象编号「{}」重复", m.id),
            ));
        }
    }
    if setup.sources.is_empty() {
        errors.push(err(
            Code::Empty,
            "/sources".into(),
            "a round needs at least one source".into(),
            "评议轮次至少需要一个评议主体".into(),
        ));
    }
    for (k, s) in setup.sources.iter().enumerate() {
        if !framework
            .framework()
            .sources
            .iter()
            .any(|f| f.id == s.source)
        {
            errors.push(err(
                Code::UnknownSource,
                format!("/sources/{k}/source"),
                format!("the criteria have no source \"{}\"", s.source),
                format!("评价标准中没有评议主体「{}」", s.source),
            ));
        }
        if setup.sources.iter().take(k).any(|x| x.source == s.source) {
            errors.push(err(
                Code::DuplicateId,
                format!("/sources/{k}/source"),
                format!("source \"{}\" is given twice", s.source),
                format!("评议主体「{}」重复", s.source),
            ));
        }
        match &s.plan {
            Plan::Slips(0) => errors.push(err(
                Code::OutOfRange,
                format!("/sources/{k}/slips"),
                "at least one slip".into(),
                "至少一张测评票".into(),
            )),
            Plan::Named(names) if names.is_empty() => errors.push(err(
                Code::Empty,
                format!("/sources/{k}/raters"),
                "at least one named rater".into(),
                "至少一名评价人".into(),
            )),
            _ => {}
        }
    }
    // One open source at most: a participant's own token names no source until it is opened.
    let open: Vec<usize> = (setup.sources.iter().enumerate())
        .filter(|(_, s)| s.plan == Plan::Open)
        .map(|(k, _)| k)
        .collect();
    for k in open.iter().skip(1) {
        errors.push(err(
            Code::TooMany,
            format!("/sources/{k}/mode"),
            "a round has at most one open source".into(),
            "一个评议轮次至多一个公开参与的评议主体".into(),
        ));
    }
    let issued: usize = setup
        .sources
        .iter()
        .map(|s| match &s.plan {
            Plan::Own | Plan::Peer => setup.members.len(),
            Plan::Slips(n) => *n as usize,
            Plan::Named(names) => names.len(),
            Plan::Open => 0,
        })
        .sum();
    if issued > MAX_TOKENS {
        errors.push(err(
            Code::TooMany,
            "/sources".into(),
            format!("{issued} tokens; at most {MAX_TOKENS}"),
            format!("共 {issued} 张票,最多 {MAX_TOKENS} 张",),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let id = random_hex(rng, 16);
    let (secret_key, public_key) = key_pair(rng);
    let everyone: Vec<Id> = setup.members.iter().map(|m| m.id.clone()).collect();
    let grouped = setup.members.iter().any(|m| m.group.is_some());
    let mut tokens = Vec::new();
    let mut secrets = Vec::new();
    let mut issue =
        |rng: &mut dyn FnMut() -> String, source: &Id, rates: Vec<Id>, rater: Option<String>| {
            let secret = rng();
            let tid = token_id(&secret);
            tokens.push(IssuedToken {
                id: tid.clone(),
                source: source.clone(),
                rates,
            });
            secrets.push(TokenSecret {
                id: tid,
                secret,
                rater,
            });
        };
    let mut next = || token_secret(rng);
    let mut sources = Vec::new();
    for s in &setup.sources {
        let mode = match &s.plan {
            Plan::Own => {
                for m in &setup.members {
                    issue(
                        &mut next,
                        &s.source,
                        vec![m.id.clone()],
                        Some(m.name.clone()),
                    );
                }
                Mode::Own
            }
            Plan::Peer => {
                for m in &setup.members {
                    // Within the member's 党小组 where groups are given (no group: those without).
                    let others: Vec<Id> = setup
                        .members
                        .iter()
                        .filter(|x| x.id != m.id && (!grouped || x.group == m.group))
                        .map(|x| x.id.clone())
                        .collect();
                    if !others.is_empty() {
                        issue(&mut next, &s.source, others, Some(m.name.clone()));
                    }
                }
                Mode::Peer
            }
            Plan::Slips(n) => {
                for _ in 0..*n {
                    issue(&mut next, &s.source, everyone.clone(), None);
                }
                Mode::Slips
            }
            Plan::Named(names) => {
                for name in names {
                    issue(&mut next, &s.source, everyone.clone(), Some(name.clone()));
                }
                Mode::Named
            }
            Plan::Open => Mode::Open,
        };
        sources.push(RoundSource {
            source: s.source.clone(),
            mode,
        });
    }
    let fw = framework.framework();
    let round = Round {
        schema: RoundSchema::V1,
        id: id.clone(),
        title: setup.title.clone(),
        framework: FrameworkRef {
            id: fw.id.clone(),
            version: fw.version.clone(),
            digest: Some(framework.digest().to_owned()),
        },
        period: setup.period.clone(),
        members: setup.members.clone(),
        sources,
        tokens,
        public_key,
    };
    let key = RoundKey {
        schema: RoundKeySchema::V1,
        round: round.clone(),
        secret_key,
        tokens: secrets,
    };
    Ok((round, key))
}
