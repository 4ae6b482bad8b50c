//! Responses the sandbox sends, and the errors handlers return, rendered with
//! Harvest's observed status codes and bodies (harvest-api.md §5).

use bytes::Bytes;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, StatusCode};
use serde::Serialize;

pub(crate) const JSON: &str = "application/json; charset=utf-8";
pub(crate) const HTML: &str = "text/html; charset=utf-8";
pub(crate) const TEXT: &str = "text/plain; charset=utf-8";

/// The body of every 401 from api.harvestapp.com (recorded 2019).
pub(crate) const INVALID_TOKEN_BODY: &str = r#"{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}"#;
pub(crate) const INVALID_TOKEN_CHALLENGE: &str = r#"Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token", error_description="The access token provided is expired, revoked, malformed or invalid for other reasons.""#;

/// Rails' stock 404 page, which Harvest serves for paths no route matches.
const ROUTE_NOT_FOUND_PAGE: &str = "<!DOCTYPE html>\n<html>\n<head>\n  <title>The page you were looking for doesn't exist (404)</title>\n  <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n</head>\n<body>\n  <div class=\"dialog\">\n    <h1>The page you were looking for doesn't exist.</h1>\n    <p>You may have mistyped the address or the page may have moved.</p>\n  </div>\n</body>\n</html>\n";

/// A complete response, before transfer encoding (gzip) is decided.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub content_type: HeaderValue,
    pub body: Bytes,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// False when the body must go out byte-for-byte (fault injection).
    pub may_compress: bool,
}

impl Reply {
    pub(crate) fn new(
        status: StatusCode,
        content_type: &'static str,
        body: impl Into<Bytes>,
    ) -> Reply {
        Reply {
            status,
            content_type: HeaderValue::from_static(content_type),
            body: body.into(),
            headers: Vec::new(),
            may_compress: true,
        }
    }

    pub(crate) fn json<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply::new(status, JSON, body),
            Err(err) => ApiError::Internal(err.to_string()).into_reply(),
        }
    }

    pub(crate) fn ok_json<T: Serialize + ?Sized>(value: &T) -> Reply {
        Reply::json(StatusCode::OK, value)
    }

    pub(crate) fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Reply {
        self.headers.push((name, value));
        self
    }

    pub(crate) fn unauthorized() -> Reply {
        Reply::new(StatusCode::UNAUTHORIZED, JSON, INVALID_TOKEN_BODY).with_header(
            hyper::header::WWW_AUTHENTICATE,
            HeaderValue::from_static(INVALID_TOKEN_CHALLENGE),
        )
    }

    pub(crate) fn route_not_found() -> Reply {
        Reply::new(StatusCode::NOT_FOUND, HTML, ROUTE_NOT_FOUND_PAGE)
    }
}

/// What a route handler can fail with.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// Unknown record id: `{"status":404,"error":"Not Found"}`.
    NotFound,
    /// No route for the path (or a malformed id segment): Rails' HTML 404 page.
    RouteNotFound,
    /// The path exists but not for this method.
    MethodNotAllowed(Vec<Method>),
    /// Validation failure: `{"message":"..."}` with 422.
    Unprocessable(String),
    /// Malformed request: `{"message":"..."}` with 400.
    BadRequest(String),
    /// A bug in the sandbox; reported as a 500 rather than a panic.
    Internal(String),
}

impl ApiError {
    pub(crate) fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::Unprocessable(message.into())
    }

    pub(crate) fn into_reply(self) -> Reply {
        match self {
            ApiError::NotFound => Reply::new(
                StatusCode::NOT_FOUND,
                JSON,
                r#"{"status":404,"error":"Not Found"}"#,
            ),
            ApiError::RouteNotFound => Reply::route_not_found(),
            ApiError::MethodNotAllowed(allowed) => {
                let allow = allowed
                    .iter()
                    .map(Method::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                let reply = Reply::new(
                    StatusCode::METHOD_NOT_ALLOWED,
                    JSON,
                    r#"{"status":405,"error":"Method Not Allowed"}"#,
                );
                match HeaderValue::from_str(&allow) {
                    Ok(value) => reply.with_header(hyper::header::ALLOW, value),
                    Err(_) => reply,
                }
            }
            ApiError::Unprocessable(message) => {
                message_reply(StatusCode::UNPROCESSABLE_ENTITY, &message)
            }
            ApiError::BadRequest(message) => message_reply(StatusCode::BAD_REQUEST, &message),
            ApiError::Internal(message) => {
                log::error!("sandbox internal error: {message}");
                message_reply(StatusCode::INTERNAL_SERVER_ERROR, &message)
            }
        }
    }
}

fn message_reply(status: StatusCode, message: &str) -> Reply {
    Reply::json(status, &serde_json::json!({ "message": message }))
}
