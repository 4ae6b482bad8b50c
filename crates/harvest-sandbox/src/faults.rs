//! Scripted failures, consumed one per `/v2` request (FIFO), to exercise a
//! client's retry, timeout and decoding paths.

use bytes::Bytes;
use hyper::header::{HeaderValue, CONTENT_ENCODING, RETRY_AFTER};
use hyper::StatusCode;

use super::reply::Reply;

/// One scripted failure; see [`super::Sandbox::push_faults`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status and body instead of handling the request.
    /// `retry_after` becomes the `Retry-After` header when given.
    Status {
        status: u16,
        body: String,
        content_type: String,
        retry_after: Option<String>,
    },
    /// Accept the request but never answer (until the sandbox shuts down).
    Hang,
    /// Drop the connection without sending any response.
    CloseConnection,
    /// A malformed response: invalid JSON, HTML with 200, a truncated body…
    /// With `gzip_header_without_gzip` the response claims
    /// `Content-Encoding: gzip` but the body is sent as is.
    Body {
        status: u16,
        body: Vec<u8>,
        content_type: String,
        gzip_header_without_gzip: bool,
    },
}

impl Fault {
    /// A Harvest-like throttling answer: 429, empty HTML body, `Retry-After`.
    pub fn too_many_requests(retry_after_secs: u64) -> Fault {
        Fault::Status {
            status: 429,
            body: String::new(),
            content_type: "text/html".to_owned(),
            retry_after: Some(retry_after_secs.to_string()),
        }
    }

    /// A JSON error answer with the given status (e.g. 500, 502, 503).
    pub fn json_status(status: u16, body: &str) -> Fault {
        Fault::Status {
            status,
            body: body.to_owned(),
            content_type: "application/json; charset=utf-8".to_owned(),
            retry_after: None,
        }
    }
}

/// What the server does for a consumed fault.
pub(crate) enum FaultAction {
    Respond(Reply),
    Hang,
    CloseConnection,
}

fn status_or_500(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn content_type(value: &str) -> HeaderValue {
    HeaderValue::from_str(value)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

pub(crate) fn action(fault: Fault) -> FaultAction {
    match fault {
        Fault::Hang => FaultAction::Hang,
        Fault::CloseConnection => FaultAction::CloseConnection,
        Fault::Status {
            status,
            body,
            content_type: kind,
            retry_after,
        } => {
            let mut reply = Reply {
                status: status_or_500(status),
                content_type: content_type(&kind),
                body: Bytes::from(body),
                headers: Vec::new(),
                may_compress: true,
            };
            if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
                reply.headers.push((RETRY_AFTER, value));
            }
            FaultAction::Respond(reply)
        }
        Fault::Body {
            status,
            body,
            content_type: kind,
            gzip_header_without_gzip,
        } => {
            let mut reply = Reply {
                status: status_or_500(status),
                content_type: content_type(&kind),
                body: Bytes::from(body),
                headers: Vec::new(),
                may_compress: !gzip_header_without_gzip,
            };
            if gzip_header_without_gzip {
                reply
                    .headers
                    .push((CONTENT_ENCODING, HeaderValue::from_static("gzip")));
            }
            FaultAction::Respond(reply)
        }
    }
}
