//! The rating rounds' functions (spec §12), in the `cxzy/rounds` module of the npm package only
//! (feature `rounds`): `createRound`, `invitations`, `sealBallot`, `compactBallot`,
//! `openBallots`. The same documents, codes and paths as `cxzy round create|seal|open`; the
//! randomness is `crypto.getRandomValues` (browsers, and Node's `globalThis.crypto`).

use super::{call, json_text, or_undefined, prepared, to_js, Input, Refusal};
use cxzy_core::read::{document, document_from_value};
use cxzy_core::{en, zh};
use cxzy_core::{parse_json, Code, Diagnostic, Id};
use cxzy_rounds::{Ballot, Invitation, Round, RoundKey, SealedBallot, SetupDocument};
use js_sys::Reflect;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The most sealed ballots one call opens (a county's round, several branches).
const MAX_BALLOTS: usize = 100_000;

fn read_doc<T: cxzy_core::read::Read>(value: &JsValue, input: Input) -> Result<T, Refusal> {
    let text = json_text(value, input, "")?;
    document::<T>(&text).map_err(|e| Refusal::new(input, e))
}

/// Creates a round: its key pair and a token per rater, from a `cxzy/round-setup@1`. Returns the
/// `cxzy/round-key@1` (the public round is its `round`): keep it, it alone opens the ballots.
#[wasm_bindgen(js_name = createRound, skip_typescript)]
pub fn create_round(
    framework: JsValue,
    setup: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        let scorer = prepared(&framework)?;
        let doc: SetupDocument = read_doc(&setup, Input::Setup)?;
        let setup = doc.setup().map_err(|e| Refusal::new(Input::Setup, e))?;
        let (_, key) = cxzy_rounds::create(&scorer, &setup, &mut rand_core::OsRng)
            .map_err(|e| Refusal::new(Input::Setup, e))?;
        to_js(&key)
    })
}

/// Every token's invitation (`cxzy/invitation@1`), in the order issued.
#[wasm_bindgen(skip_typescript)]
pub fn invitations(key: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        let key: RoundKey = read_doc(&key, Input::Key)?;
        to_js(&key.invitations())
    })
}

/// What a ballot is sealed to: a round, its key, or an invitation (by its `schema`).
fn seal_target(value: &JsValue) -> Result<Round, Refusal> {
    let text = json_text(value, Input::Round, "")?;
    let v = parse_json(&text).map_err(|e| Refusal::new(Input::Round, e))?;
    let schema = v.get("schema").and_then(Value::as_str).unwrap_or("");
    let read = |errors: Vec<Diagnostic>| Refusal::new(Input::Round, errors);
    match schema {
        "cxzy/round-key@1" => Ok(document_from_value::<RoundKey>(&v).map_err(read)?.round),
        "cxzy/invitation@1" => Ok(document_from_value::<Invitation>(&v)
            .map_err(read)?
            .seal_to()),
        _ => document_from_value::<Round>(&v).map_err(read),
    }
}

/// Seals a `cxzy/ballot@1` to its round (a `cxzy/round@1`, `cxzy/round-key@1` or
/// `cxzy/invitation@1`): the `cxzy/sealed-ballot@1` that travels.
#[wasm_bindgen(js_name = sealBallot, skip_typescript)]
pub fn seal_ballot(
    round: JsValue,
    ballot: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        let target = seal_target(&round)?;
        let ballot: Ballot = read_doc(&ballot, Input::Ballot)?;
        let sealed = cxzy_rounds::seal(&target, &ballot, &mut rand_core::OsRng)
            .map_err(|d| Refusal::new(Input::Round, vec![d]))?;
        to_js(&sealed)
    })
}

/// A sealed ballot's compact text `b1.<round>.<token>.<sealed>` (for a link or a QR code).
#[wasm_bindgen(js_name = compactBallot, skip_typescript)]
pub fn compact_ballot(sealed: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |_| {
        let b: SealedBallot = read_doc(&sealed, Input::Ballot)?;
        Ok(JsValue::from_str(&b.compact()))
    })
}

/// A ballot refused, as handed to JS.
#[derive(Serialize)]
struct RefusalOut<'a> {
    index: usize,
    errors: Vec<cxzy_core::diag::Localized<'a>>,
}

#[derive(Serialize)]
struct OpenedOut<'a> {
    assessments: &'a [cxzy_core::Assessment],
    refused: Vec<RefusalOut<'a>>,
    accepted: &'a BTreeMap<Id, usize>,
}

/// One sealed ballot's JSON text: a document (object or JSON text), or its compact text.
fn sealed_text(item: &JsValue, index: u32) -> Result<String, Refusal> {
    let path = format!("/{index}");
    if let Some(s) = item.as_string() {
        if s.trim_start().starts_with("b1.") {
            return SealedBallot::from_compact(&s)
                .and_then(|b| serde_json::to_string(&b).ok())
                .ok_or_else(|| {
                    Refusal::one(
                        Input::Ballots,
                        Code::InvalidValue,
                        &path,
                        en!("not a whole compact ballot (b1.<round>.<token>.<sealed>)".to_owned()),
                        zh!("不是完整的选票文本(b1.<轮次>.<凭证>.<密文>)".to_owned()),
                    )
                });
        }
    }
    json_text(item, Input::Ballots, &path)
}

/// Opens sealed ballots with the round's key (`cxzy/round-key@1`) and tallies the accepted:
/// `{assessments, refused: [{index, errors}], accepted: {source: count}}`, as `cxzy round open`.
#[wasm_bindgen(js_name = openBallots, skip_typescript)]
pub fn open_ballots(
    framework: JsValue,
    key: JsValue,
    ballots: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(&or_undefined(options), &[], |options| {
        let lang = options.lang;
        let scorer = prepared(&framework)?;
        let key: RoundKey = read_doc(&key, Input::Key)?;
        let not_a_list = || {
            Refusal::one(
                Input::Ballots,
                Code::WrongType,
                "",
                en!("ballots must be an array of sealed ballots".to_owned()),
                zh!("选票应为密封选票的数组".to_owned()),
            )
        };
        if !js_sys::Array::is_array(&ballots) {
            return Err(not_a_list());
        }
        let length = Reflect::get(&ballots, &JsValue::from_str("length"))
            .ok()
            .and_then(|n| n.as_f64())
            .ok_or_else(not_a_list)?;
        if length > MAX_BALLOTS as f64 {
            return Err(Refusal::one(
                Input::Ballots,
                Code::TooMany,
                "",
                en!(format!("more than {MAX_BALLOTS} ballots")),
                zh!(format!("选票超过 {MAX_BALLOTS} 张的上限")),
            ));
        }
        let mut texts = Vec::new();
        for i in 0..length as u32 {
            let item = Reflect::get_u32(&ballots, i).map_err(|_| {
                Refusal::one(
                    Input::Ballots,
                    Code::WrongType,
                    &format!("/{i}"),
                    en!("this ballot cannot be read".to_owned()),
                    zh!("无法读取该选票".to_owned()),
                )
            })?;
            texts.push(sealed_text(&item, i)?);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let opened = cxzy_rounds::open(&scorer, &key.round, &key, &refs)
            .map_err(|e| Refusal::new(Input::Key, e))?;
        to_js(&OpenedOut {
            assessments: &opened.assessments,
            refused: opened
                .refused
                .iter()
                .map(|r| RefusalOut {
                    index: r.index,
                    errors: r.errors.iter().map(|d| d.localized(lang)).collect(),
                })
                .collect(),
            accepted: &opened.accepted,
        })
    })
}

#[wasm_bindgen(typescript_custom_section)]
const ROUNDS: &'static str = r#"
import type { Ballot, Invitation, Round, RoundKey, SetupDocument, SealedBallot } from "../documents.js";

/** A ballot refused by `openBallots`: its place in the input and why. */
export interface BallotRefusal {
  index: number;
  errors: ErrorEntry[];
}

/** What `openBallots` gives: one assessment per member (the round's order), the ballots refused, how many were accepted per source. */
export interface OpenedBallots {
  assessments: Assessment[];
  refused: BallotRefusal[];
  accepted: Record<string, number>;
}

/** Creates a round (its key pair and tokens) from a cxzy/round-setup@1: the cxzy/round-key@1 — keep it, it alone opens the ballots. */
export function createRound(framework: Framework | string, setup: SetupDocument | string, options?: LangOptions): RoundKey;

/** Every token's invitation, in the order issued. */
export function invitations(key: RoundKey | string, options?: LangOptions): Invitation[];

/** Seals a ballot to its round (the round, its key, or an invitation). */
export function sealBallot(round: Round | RoundKey | Invitation | string, ballot: Ballot | string, options?: LangOptions): SealedBallot;

/** A sealed ballot's compact text, b1.<round>.<token>.<sealed>. */
export function compactBallot(sealed: SealedBallot | string, options?: LangOptions): string;

/** Opens sealed ballots (documents, JSON texts or compact texts) with the round's key and tallies the accepted ones. */
export function openBallots(framework: Framework | string, key: RoundKey | string, ballots: (SealedBallot | string)[], options?: LangOptions): OpenedBallots;
"#;
