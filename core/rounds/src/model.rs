//! The documents of a rating round (spec §12.1): the public round, its secret key, a ballot and a
//! sealed ballot. Each derives its reader (every error located), writer and shape, as the
//! engine's documents do.

use cxzy_core::derive::{Describe, Read, Write};
use cxzy_core::{
    BallotSchema, Date, FrameworkRef, Id, InvitationSchema, Period, Rating, RoundArchiveSchema,
    RoundKeySchema, RoundSchema, SealedBallotSchema,
};
use std::collections::BTreeMap;

/// The most members and tokens a round may have (a branch has dozens; a county runs several).
pub const MAX_MEMBERS: usize = 1_000;
pub const MAX_TOKENS: usize = 10_000;

/// How a source of the framework takes part in a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Mode {
    /// 自评: one token per member, rating that member.
    #[cxzy(rename = "self")]
    Own,
    /// 互评: one token per member, rating every other member (of the same 党小组, where the
    /// members' groups are given).
    Peer,
    /// 群众评议 / 民主测评: anonymous slips, each rating every member, tied to no one.
    Slips,
    /// 组织评价 / 上级点评: one token per named rater, rating every member.
    Named,
    /// Open to whoever holds the round (a training workshop): no token is issued; each rater
    /// makes their own ([`Round::open_invitation`]) and rates every member. One person can take
    /// part twice with two tokens: never for a real 民主测评 (spec §12.6).
    Open,
}

/// A member assessed in the round (or the branch itself, for organisation criteria).
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct Member {
    /// Unique in the round.
    pub id: Id,
    pub name: String,
    /// The 党小组 the member belongs to: where groups are given, 互评 is within the group.
    pub group: Option<String>,
}

/// A source of the framework in the round.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct RoundSource {
    /// A source id of the framework.
    pub source: Id,
    pub mode: Mode,
}

/// A token issued: its id (never its secret), the source it rates as, the members it rates.
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct IssuedToken {
    /// 32 lowercase hex: the first 16 bytes of SHA-256 of the token's secret.
    pub id: String,
    pub source: Id,
    /// Member ids, in the round's order.
    pub rates: Vec<Id>,
}

/// `cxzy/round@1`: what raters and rooms see of a round. It names no secret.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Round {
    pub schema: RoundSchema,
    /// 32 lowercase hex, random.
    pub id: String,
    pub title: Option<String>,
    /// The criteria, with their digest (ballots are read against exactly these).
    pub framework: FrameworkRef,
    pub period: Period,
    pub members: Vec<Member>,
    pub sources: Vec<RoundSource>,
    pub tokens: Vec<IssuedToken>,
    /// The round's X25519 public key, base64url without padding.
    pub public_key: String,
}

/// A token's secret, kept by the round's owner (invitations carry it to the rater).
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct TokenSecret {
    pub id: String,
    /// 22 characters of base64url: 16 random bytes.
    pub secret: String,
    /// Who it was given to (self, peer and named raters); absent for anonymous slips.
    pub rater: Option<String>,
}

/// `cxzy/round-key@1`: the owner's whole round — the public round, the key that opens the
/// ballots, and the tokens' secrets for the invitations. Losing it loses the ballots.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct RoundKey {
    pub schema: RoundKeySchema,
    /// The public round (`cxzy/round@1`), as it was given out.
    pub round: Round,
    /// The X25519 secret key, base64url without padding.
    pub secret_key: String,
    pub tokens: Vec<TokenSecret>,
}

/// One member's sheet in a ballot.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct BallotSheet {
    /// A member id of the round.
    pub member: Id,
    /// Indicator id → rating, as in an assessment's sheet (spec §2.3).
    pub ratings: cxzy_core::IdMap<Rating>,
    #[cxzy(default)]
    pub notes: BTreeMap<Id, String>,
}

/// `cxzy/ballot@1`: what a rater filled in, before it is sealed.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Ballot {
    pub schema: BallotSchema,
    /// The round's id.
    pub round: String,
    /// The token's secret (it never travels outside the sealed box).
    pub token: String,
    /// The source the token rates as.
    pub source: Id,
    pub sheets: Vec<BallotSheet>,
}

/// `cxzy/sealed-ballot@1`: a ballot as it travels (QR code, link, file, a room).
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct SealedBallot {
    pub schema: SealedBallotSchema,
    /// The round's id.
    pub round: String,
    /// The token's id (not its secret).
    pub token: String,
    /// The ballot's JSON text in a NaCl sealed box to the round's public key, base64url.
    pub sealed: String,
}

/// `cxzy/invitation@1`: what one rater is given (a link, a QR code, a printed slip) — whom to
/// rate and as which source, the round's public key to seal to, and the token's secret. It names
/// no other token and no other rater.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Invitation {
    pub schema: InvitationSchema,
    /// The round's id.
    pub round: String,
    pub title: Option<String>,
    pub framework: FrameworkRef,
    pub period: Period,
    pub source: Id,
    pub mode: Mode,
    /// The members this token rates, in the round's order.
    pub members: Vec<Member>,
    /// Whom it was given to (self, peer and named raters); absent for anonymous slips.
    pub rater: Option<String>,
    /// The round's X25519 public key, base64url.
    pub public_key: String,
    /// The token's secret.
    pub token: String,
}

/// What the branch decided for one member (组织评定): the grade, and why where it differs from
/// the computed one (「不唯票数」: the numbers advise, the branch decides).
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct Decision {
    /// A member id of the round.
    pub member: Id,
    /// A grade id of the criteria.
    pub grade: Id,
    /// Required where the grade differs from the computed one.
    pub reason: Option<String>,
}

/// `cxzy/round-archive@1`: a whole round as its owner keeps it — the key (the round, its secret
/// key, the tokens' secrets), the sealed ballots accepted so far in the order received, and the
/// branch's decisions. It is the round's backup: whoever holds it can open every ballot.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct RoundArchive {
    pub schema: RoundArchiveSchema,
    pub key: RoundKey,
    #[cxzy(default)]
    pub ballots: Vec<SealedBallot>,
    #[cxzy(default)]
    pub decisions: Vec<Decision>,
    /// When the owner last saved this archive outside the device (the app asks for a backup
    /// before the first invitation goes out).
    pub backed_up: Option<Date>,
}

impl RoundKey {
    /// Every token's invitation, in the order issued (each rater's, then the slips').
    pub fn invitations(&self) -> Vec<Invitation> {
        let round = &self.round;
        self.tokens
            .iter()
            .filter_map(|secret| {
                let issued = round.tokens.iter().find(|t| t.id == secret.id)?;
                let mode = round
                    .sources
                    .iter()
                    .find(|s| s.source == issued.source)?
                    .mode;
                Some(Invitation {
                    schema: InvitationSchema::V1,
                    round: round.id.clone(),
                    title: round.title.clone(),
                    framework: round.framework.clone(),
                    period: round.period.clone(),
                    source: issued.source.clone(),
                    mode,
                    members: round
                        .members
                        .iter()
                        .filter(|m| issued.rates.contains(&m.id))
                        .cloned()
                        .collect(),
                    rater: secret.rater.clone(),
                    public_key: round.public_key.clone(),
                    token: secret.secret.clone(),
                })
            })
            .collect()
    }
}

/// The letters and digits of a room's code on `cxzy serve` (spec §13.2): none misread from a
/// projector (no 0/O, 1/I/L).
pub const ROOM_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// How many characters a room's code has.
pub const ROOM_CODE_LEN: usize = 6;

/// A room's code as written (any case), in capitals; `None` when it is not one.
pub fn room_code(text: &str) -> Option<String> {
    let code = text.to_ascii_uppercase();
    (code.len() == ROOM_CODE_LEN && code.bytes().all(|b| ROOM_ALPHABET.contains(&b)))
        .then_some(code)
}

/// Whether a text is a token's id as [`crate::token_id`] makes them: 32 lowercase hex.
pub fn is_token_id(token: &str) -> bool {
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Round {
    /// What a room checks of a round it is given beyond its shape (a room holds it, checks
    /// every ballot against it and keeps its token ids in memory): at most 1,000 members and
    /// 10,000 tokens, every token id well-formed and once, every member a token rates in the
    /// round, the public key 32 bytes of base64url; the round's id 32 lowercase hex. Every
    /// problem, located.
    pub fn check(&self) -> Vec<cxzy_core::Diagnostic> {
        use cxzy_core::{Code, Diagnostic};
        let mut errors = Vec::new();
        if !is_token_id(&self.id) {
            errors.push(Diagnostic::new(
                Code::InvalidValue,
                "/id",
                "a round's id is 32 lowercase hex",
                "评议轮次的编号应为 32 位小写十六进制",
            ));
        }
        if self.members.len() > MAX_MEMBERS {
            errors.push(Diagnostic::new(
                Code::TooMany,
                "/members",
                format!("{} members; at most {}", self.members.len(), MAX_MEMBERS),
                format!(
                    "共 {} 名评议对象,最多 {} 名",
                    self.members.len(),
                    MAX_MEMBERS
                ),
            ));
        }
        if self.tokens.len() > MAX_TOKENS {
            errors.push(Diagnostic::new(
                Code::TooMany,
                "/tokens",
                format!("{} tokens; at most {}", self.tokens.len(), MAX_TOKENS),
                format!("共 {} 张票,最多 {} 张", self.tokens.len(), MAX_TOKENS),
            ));
            return errors;
        }
        let members: std::collections::BTreeSet<&str> =
            self.members.iter().map(|m| &*m.id).collect();
        let mut seen = std::collections::BTreeSet::new();
        for (k, t) in self.tokens.iter().enumerate() {
            if !is_token_id(&t.id) || !seen.insert(t.id.as_str()) {
                errors.push(Diagnostic::new(
                    Code::InvalidValue,
                    format!("/tokens/{k}/id"),
                    "a token's id is 32 lowercase hex, once in the round",
                    "凭证编号应为 32 位小写十六进制,且在本轮中唯一",
                ));
            }
            if let Some(j) = t.rates.iter().position(|m| !members.contains(&**m)) {
                errors.push(Diagnostic::new(
                    Code::UnknownReference,
                    format!("/tokens/{k}/rates/{j}"),
                    "the token rates someone who is not a member of the round",
                    "凭证所评对象不是本轮的评议对象",
                ));
            }
        }
        if crate::crypto::unb64(&self.public_key).map(|b| b.len()) != Some(32) {
            errors.push(Diagnostic::new(
                Code::InvalidValue,
                "/public_key",
                "the round's public key is not 32 bytes of base64url",
                "评议轮次的公钥不是 32 字节的 base64url",
            ));
        }
        errors
    }

    /// The mode of one of the round's sources.
    pub fn mode(&self, source: &str) -> Option<Mode> {
        self.sources
            .iter()
            .find(|s| &*s.source == source)
            .map(|s| s.mode)
    }

    /// Whether a ballot may come with this token id: one issued, or any well-formed id where a
    /// source is open (a room checks this before it stores a ballot; opening checks the rest).
    pub fn may_use(&self, token: &str) -> bool {
        self.tokens.iter().any(|t| t.id == token)
            || (self.sources.iter().any(|s| s.mode == Mode::Open) && is_token_id(token))
    }

    /// A rater's own invitation to an open source (spec §12.6): the token's secret made here,
    /// from the caller's randomness; every member to rate. `None` when the source is not open.
    pub fn open_invitation(
        &self,
        source: &str,
        rng: &mut impl crypto_box::aead::rand_core::CryptoRngCore,
    ) -> Option<Invitation> {
        let s = self
            .sources
            .iter()
            .find(|s| &*s.source == source && s.mode == Mode::Open)?;
        Some(Invitation {
            schema: InvitationSchema::V1,
            round: self.id.clone(),
            title: self.title.clone(),
            framework: self.framework.clone(),
            period: self.period.clone(),
            source: s.source.clone(),
            mode: Mode::Open,
            members: self.members.clone(),
            rater: None,
            public_key: self.public_key.clone(),
            token: crate::crypto::token_secret(rng),
        })
    }
}

impl Invitation {
    /// The round as far as sealing needs it (its id and public key).
    pub fn seal_to(&self) -> Round {
        Round {
            schema: RoundSchema::V1,
            id: self.round.clone(),
            title: None,
            framework: self.framework.clone(),
            period: self.period.clone(),
            members: Vec::new(),
            sources: Vec::new(),
            tokens: Vec::new(),
            public_key: self.public_key.clone(),
        }
    }
}

impl SealedBallot {
    /// The ballot's compact text (spec §12.4), for a link or a QR code:
    /// `b1.<round>.<token>.<sealed>` — every character safe in a URL.
    pub fn compact(&self) -> String {
        format!("b1.{}.{}.{}", self.round, self.token, self.sealed)
    }

    /// Reads a compact text back; `None` when it is not one (the parts are checked when the
    /// ballot is opened: another round, an unknown token, a changed byte).
    pub fn from_compact(text: &str) -> Option<SealedBallot> {
        let mut parts = text.trim().split('.');
        let (Some("b1"), Some(round), Some(token), Some(sealed), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return None;
        };
        let url_safe = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if !(url_safe(round) && url_safe(token) && url_safe(sealed)) {
            return None;
        }
        Some(SealedBallot {
            schema: SealedBallotSchema::V1,
            round: round.into(),
            token: token.into(),
            sealed: sealed.into(),
        })
    }
}
