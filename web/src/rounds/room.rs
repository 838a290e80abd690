//! The client of a room on `cxzy serve` (spec §13.2), for the pages served by it: requests
//! relative to the page (`api/v1/…`), answers with their status, a refusal's first message.

use serde_json::Value;

/// Whether `cxzy serve` served this page (its pages carry `<meta name="cxzy-serve">`): rooms are
/// there. A static host has none, and is not asked.
pub fn served_by_cxzy() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=cxzy-serve]").ok().flatten())
        .is_some()
}

/// A text fetched beside the app, with its HTTP status.
pub async fn get_text(url: &str, secret: Option<&str>) -> Result<(u16, String), String> {
    let mut req = gloo_net::http::Request::get(url);
    if let Some(s) = secret {
        req = req.header("Authorization", &format!("Bearer {s}"));
    }
    let res = req.send().await.map_err(|e| e.to_string())?;
    let status = res.status();
    Ok((status, res.text().await.map_err(|e| e.to_string())?))
}

pub async fn send(
    method: &str,
    url: &str,
    secret: Option<&str>,
    body: String,
) -> Result<(u16, String), String> {
    let mut req = match method {
        "PUT" => gloo_net::http::Request::put(url),
        "DELETE" => gloo_net::http::Request::delete(url),
        _ => gloo_net::http::Request::post(url),
    };
    if let Some(s) = secret {
        req = req.header("Authorization", &format!("Bearer {s}"));
    }
    let res = req
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status();
    Ok((status, res.text().await.unwrap_or_default()))
}

/// A room's first error message, or the status.
pub fn api_error(status: u16, body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    match v["errors"][0]["message"].as_str() {
        Some(m) => format!("{status}: {m}"),
        None => format!("HTTP {status}"),
    }
}

/// Sends a sealed ballot to its room: `Ok` once the room holds this very ballot.
pub async fn post_ballot(room: &str, ballot: &cxzy_rounds::SealedBallot) -> Result<(), String> {
    let body = serde_json::to_string(ballot).map_err(|e| e.to_string())?;
    let (status, answer) =
        send("POST", &format!("api/v1/rooms/{room}/ballots"), None, body).await?;
    match status {
        // Taken now, or (200) this very ballot found there: a resend after a lost answer.
        201 | 200 => Ok(()),
        _ => Err(api_error(status, &answer)),
    }
}

/// What a rater sees of a ballot sent to a room.
pub struct RoomText {
    pub sent: &'static str,
    pub send_failed: &'static str,
    pub send_again: &'static str,
    pub sending: &'static str,
}

pub fn text(lang: cxzy_core::Lang) -> &'static RoomText {
    match lang {
        cxzy_core::Lang::ZhHans => &RoomText {
            sent: "已提交到评议室。谢谢！",
            send_failed: "提交到评议室未成功：",
            send_again: "重新提交",
            sending: "正在提交……",
        },
        cxzy_core::Lang::ZhHant => &RoomText {
            sent: "已提交到評議室。謝謝！",
            send_failed: "提交到評議室未成功：",
            send_again: "重新提交",
            sending: "正在提交……",
        },
        cxzy_core::Lang::En => &RoomText {
            sent: "Sent to the room. Thank you!",
            send_failed: "Sending to the room failed: ",
            send_again: "Send again",
            sending: "Sending…",
        },
    }
}
