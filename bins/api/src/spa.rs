//! The built web app (`IGNY8_WEB_DIR`, default `web/dist`) on the API's origin: every GET
//! outside `/api/` and `/metrics` answers a file of the build, or `index.html` for the app's own
//! routes (the app routes in the browser). Without a build, a short plain-text hint.

use crate::state::AppState;
use actix_web::http::{Method, StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use std::path::{Path, PathBuf};

/// Content security policy of the web app: its own scripts, styles and fonts only; images from
/// this origin or blob URLs (images are fetched with the access token and shown as blobs); calls
/// to this origin only; article previews in sandboxed `srcdoc` frames; nothing may frame it.
pub const WEB_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' blob: data:; font-src 'self'; connect-src 'self'; frame-src 'self'; \
    manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Whether a request is the web app's rather than the API's: a GET or HEAD outside `/api/` and
/// `/metrics`.
pub fn is_web_request(req: &HttpRequest) -> bool {
    let path = req.path();
    (req.method() == Method::GET || req.method() == Method::HEAD) && is_web_path(path)
}

/// A path the web app answers (everything but the API and the metrics path).
pub fn is_web_path(path: &str) -> bool {
    !(path == "/api" || path.starts_with("/api/") || path == "/metrics" || path == "/metrics/")
}

/// The file a path names inside the build, when every segment is a plain file name (no `..`,
/// no hidden files, no escapes); `None` for anything else, which the app routes itself.
fn file_in(root: &Path, path: &str) -> Option<PathBuf> {
    let mut out = root.to_path_buf();
    let mut any = false;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        let plain = !seg.starts_with('.')
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !plain {
            return None;
        }
        out.push(seg);
        any = true;
    }
    any.then_some(out)
}

/// The media type of a build file by its extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn plain(status: StatusCode, text: &'static str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text)
}

/// Answers a web-app request: the named file, `index.html` for an app route, 404 for a missing
/// file (a path whose last segment has an extension), or a hint when there is no build.
pub async fn serve(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let root = state.web_dir.to_path_buf();
    let index = root.join("index.html");
    let path = req.path().to_owned();
    let head = req.method() == Method::HEAD;
    let answer = web::block(
        move || -> Result<Option<(PathBuf, Vec<u8>)>, std::io::Error> {
            if !index.is_file() {
                return Ok(None);
            }
            let last = path.rsplit('/').next().unwrap_or("");
            let target = match file_in(&root, &path) {
                Some(f) if f.is_file() => f,
                // A file of the build that is not there: never answer a script request with HTML.
                _ if last.contains('.') => return Ok(Some((PathBuf::new(), Vec::new()))),
                _ => index,
            };
            let bytes = std::fs::read(&target)?;
            Ok(Some((target, bytes)))
        },
    )
    .await;
    match answer {
        Ok(Ok(None)) => plain(
            StatusCode::NOT_FOUND,
            "The web app is not built. Run `scripts/web.sh build` (or `make run`), or set \
             IGNY8_WEB_DIR to a built copy. The API is at /api/v1/, its docs at /api/docs/.\n",
        ),
        Ok(Ok(Some((target, _)))) if target.as_os_str().is_empty() => {
            plain(StatusCode::NOT_FOUND, "Not found.\n")
        }
        Ok(Ok(Some((target, bytes)))) => {
            // Hashed build assets never change; the page itself is revalidated every time.
            let immutable = target
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n == "assets");
            let mut res = HttpResponse::Ok();
            res.content_type(content_type(&target)).insert_header((
                header::CACHE_CONTROL,
                if immutable {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                },
            ));
            if head { res.finish() } else { res.body(bytes) }
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "web app: cannot read a file of the build");
            plain(StatusCode::INTERNAL_SERVER_ERROR, "Internal error.\n")
        }
        Err(e) => {
            tracing::error!(error = %e, "web app: blocking pool unavailable");
            plain(StatusCode::SERVICE_UNAVAILABLE, "Unavailable.\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_segments_name_files() {
        let root = Path::new("/srv/web");
        assert_eq!(
            file_in(root, "/assets/index-abc.js"),
            Some(PathBuf::from("/srv/web/assets/index-abc.js"))
        );
        assert_eq!(file_in(root, "/"), None);
        assert_eq!(file_in(root, "/../etc/passwd"), None);
        assert_eq!(file_in(root, "/assets/%2e%2e/x"), None);
        assert_eq!(file_in(root, "/.env"), None);
        assert_eq!(file_in(root, "/a\\b"), None);
    }

    #[test]
    fn api_and_metrics_are_not_the_app() {
        assert!(!is_web_path("/api/v1/nope/"));
        assert!(!is_web_path("/api"));
        assert!(!is_web_path("/metrics"));
        assert!(is_web_path("/"));
        assert!(is_web_path("/keywords"));
        assert!(is_web_path("/apiary"));
    }
}
