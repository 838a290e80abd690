//! cxzy-rounds: rating rounds (评议轮次, spec §12). 创先争优 is judged collectively — 自评, 互评,
//! 群众评议 (anonymous), 组织评价 — and the branch decides. A round names the criteria, the
//! period, the members and which sources rate whom; every rater's ballot is sealed on the
//! rater's device to the round's public key (NaCl's sealed box), travels by QR code, link, file
//! or a room, and only the round's owner, holding its secret key, opens them. Opening refuses,
//! with the reason, a ballot of another round, a token never issued or used twice, one that does
//! not open or was changed; the accepted ones become one assessment per member, which the engine
//! scores and `cxzy branch` ranks as before.
//!
//! Like the engine, this crate does no I/O and reads no clock; randomness (keys, tokens, the
//! sealed box's ephemeral key) comes from the caller's `CryptoRngCore`. It never panics on
//! input: the lints below hold it to that, and every refusal is a located `Diagnostic`.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod crypto;
pub mod model;
pub mod open;
pub mod setup;

pub use crypto::{b64, token_id};
pub use crypto_box::aead::rand_core;
pub use model::{
    is_token_id, room_code, Ballot, BallotSheet, Decision, Invitation, IssuedToken, Member, Mode,
    Round, RoundArchive, RoundKey, RoundSource, SealedBallot, TokenSecret, ROOM_ALPHABET,
    ROOM_CODE_LEN,
};
pub use open::{open, Opened, Refusal};
pub use setup::{create, Plan, Setup, SetupDocument, SetupSource, SourcePlan};

use crypto_box::aead::rand_core::CryptoRngCore;
use cxzy_core::{Code, Diagnostic, SealedBallotSchema};

/// Seals a ballot to its round: the envelope names the round and the token's id in clear (a room
/// refuses a token used twice without reading anything), the ballot itself only the round's
/// owner can read.
pub fn seal(
    round: &Round,
    ballot: &Ballot,
    rng: &mut impl CryptoRngCore,
) -> Result<SealedBallot, Diagnostic> {
    let text = serde_json::to_string(ballot).map_err(|e| {
        Diagnostic::new(
            Code::Internal,
            "",
            format!("the ballot could not be written: {e}"),
            "选票无法写出",
        )
    })?;
    // Deflated first: the JSON of 11 members × 22 items is ~6 KB, deflated ~0.8 KB (one QR code).
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    let sealed = crypto::seal(rng, &round.public_key, &packed).ok_or_else(|| {
        Diagnostic::new(
            Code::InvalidValue,
            "/public_key",
            "the round's public key is not 32 bytes of base64url",
            "评议轮次的公钥不是 32 字节的 base64url",
        )
    })?;
    Ok(SealedBallot {
        schema: SealedBallotSchema::V1,
        round: round.id.clone(),
        token: token_id(&ballot.token),
        sealed,
    })
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn a_compact_ballot_reads_back_and_anything_else_is_refused() {
        let b = SealedBallot {
            schema: SealedBallotSchema::V1,
            round: "ab12".into(),
            token: "cd34".into(),
            sealed: "x-y_Z09".into(),
        };
        let text = b.compact();
        assert_eq!(text, "b1.ab12.cd34.x-y_Z09");
        assert_eq!(SealedBallot::from_compact(&text), Some(b.clone()));
        assert_eq!(SealedBallot::from_compact(&format!(" {text}\n")), Some(b));
        for bad in [
            "",
            "b2.ab.cd.ef",
            "b1.ab.cd",
            "b1.ab.cd.ef.gh",
            "b1..cd.ef",
            "b1.ab.cd.e+f",
            "b1.ab.c d.ef",
        ] {
            assert_eq!(SealedBallot::from_compact(bad), None, "{bad}");
        }
    }
}
