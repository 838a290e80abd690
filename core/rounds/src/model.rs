//! The documents of a rating round (spec §12.1): the public round, its secret key, a ballot and a
//! sealed ballot. Each derives its reader (every error located), writer and shape, as the
//! engine's documents do.

use cxzy_core::derive::{Describe, Read, Write};
use cxzy_core::{
    BallotSchema, FrameworkRef, Id, Period, Rating, RoundKeySchema, RoundSchema, SealedBallotSchema,
};
use std::collections::BTreeMap;

/// How a source of the framework takes part in a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Read, Write, Describe)]
#[cxzy(rename_all = "snake_case")]
pub enum Mode {
    /// 自评: one token per member, rating that member.
    #[cxzy(rename = "self")]
    Own,
    /// 互评: one token per member, rating every other member.
    Peer,
    /// 群众评议 / 民主测评: anonymous slips, each rating every member, tied to no one.
    Slips,
    /// 组织评价 / 上级点评: one token per named rater, rating every member.
    Named,
}

/// A member assessed in the round (or the branch itself, for organisation criteria).
#[derive(Clone, Debug, PartialEq, Eq, Read, Write, Describe)]
pub struct Member {
    /// Unique in the round.
    pub id: Id,
    pub name: String,
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
    pub ratings: BTreeMap<Id, Rating>,
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
