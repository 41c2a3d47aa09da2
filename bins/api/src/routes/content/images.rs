//! `/api/v1/writer/images/`: image rows, hand uploads (multipart) and stored files.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_multipart::{Field, Multipart};
use actix_web::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use content::images::{
    IMAGE_DEFAULT_ORDER, IMAGE_ORDERING, ImageFilter, ImageUpload, MAX_IMAGE_BYTES,
};
use content::model::{ImageStatus, ImageType};
use futures_util::StreamExt;
use kernel::{ContentId, FieldErrors, ImageId, SiteId};
use serde::Deserialize;

/// Image list filters (an empty value means "All").
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImageQuery {
    /// Only this site.
    #[serde(default, deserialize_with = "empty_none")]
    pub site_id: Option<i64>,
    /// Content item.
    #[serde(default, deserialize_with = "empty_none")]
    pub content_id: Option<i64>,
    /// `featured` or `in_article`.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_image_type)]
    pub image_type: Option<ImageType>,
    /// Status.
    #[serde(default, deserialize_with = "empty_none")]
    #[param(schema_with = crate::contract::blank_or_image_status)]
    pub status: Option<ImageStatus>,
}

impl ImageQuery {
    fn filter(self) -> ImageFilter {
        ImageFilter {
            site_id: self.site_id.map(SiteId),
            content_id: self.content_id.map(ContentId),
            image_type: self.image_type,
            status: self.status,
        }
    }
}

/// Distinct `image_type` and `status` values among images matching the other filters, each
/// led by "All".
#[utoipa::path(tag = "images", security(("bearer" = [])), params(ImageQuery), responses((status = 200)))]
#[get("/images/filter_options/")]
pub async fn image_filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<ImageQuery>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let f = q.0.filter();
    let o = db(&state, move |c, _| {
        Ok(content::images::image_filter_options(c, &scope, &f)?)
    })
    .await?;
    Ok(envelope::ok(super::filter_options_body(o)))
}

crate::list_params!(
    ImageList,
    crate::contract::ordering_values(content::images::IMAGE_ORDERING)
);

/// Lists images. Ordering: `position` (default: by content, featured first), `created_at`,
/// `id`.
#[utoipa::path(tag = "images", security(("bearer" = [])), params(ImageQuery, ImageList), responses((status = 200, body = [ImageDto])))]
#[get("/images/")]
pub async fn list_images(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<ImageQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(IMAGE_ORDERING, IMAGE_DEFAULT_ORDER)?;
    let page = lp.page();
    let scope = auth.scope;
    let f = q.0.filter();
    let p = db(&state, move |c, _| {
        Ok(content::images::list_images(c, &scope, &f, order, page)?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(ImageDto::from)))
}

/// One image.
#[utoipa::path(tag = "images", security(("bearer" = [])), responses((status = 200, body = ImageDto), (status = 404)))]
#[get("/images/{id}/")]
pub async fn get_image(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ImageId(id.into_inner());
    let i = db(&state, move |c, _| {
        Ok(content::images::get_image(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(ImageDto::from(i)))
}

/// Deletes an image row (editor+). The file stays: names are content hashes and may be shared.
#[utoipa::path(tag = "images", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/images/{id}/")]
pub async fn delete_image(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ImageId(id.into_inner());
    db(&state, move |c, _| {
        Ok(content::images::delete_image(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Caching of stored files: their names are content hashes, so a URL's bytes never change.
const FILE_CACHE_CONTROL: &str = "private, max-age=31536000, immutable";

/// Serves an image's stored file with its content type, length, a long private cache and the
/// SHA-256 as ETag (`If-None-Match` answers 304). Another account's image is 404.
#[utoipa::path(tag = "images", security(("bearer" = [])), responses(
    (status = 200, description = "the file", content_type = "image/*"), (status = 304), (status = 404)))]
#[get("/images/{id}/file/")]
pub async fn image_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope = auth.scope;
    let id = ImageId(id.into_inner());
    let f = db(&state, move |c, st| {
        Ok(content::images::image_file(
            c,
            &scope,
            st.media.as_ref(),
            id,
        )?)
    })
    .await?;
    let etag = format!("\"{}\"", f.sha256);
    let matches = req
        .headers()
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok(HttpResponse::NotModified()
            .insert_header((ETAG, etag))
            .insert_header((CACHE_CONTROL, FILE_CACHE_CONTROL))
            .finish());
    }
    // actix writes the length of a sized body itself; stating it keeps it visible to the
    // in-process test client and to middleware too
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, f.format.mime()))
        .insert_header((CONTENT_LENGTH, f.bytes.len()))
        .insert_header((CACHE_CONTROL, FILE_CACHE_CONTROL))
        .insert_header((ETAG, etag))
        .insert_header(("x-content-type-options", "nosniff"))
        .body(f.bytes))
}

/// Room for the form's other fields and multipart framing beyond the file itself.
const FORM_OVERHEAD: usize = 64 * 1024;
/// Largest non-file field.
const FIELD_LIMIT: usize = 1024;

fn malformed(e: impl std::fmt::Display) -> ApiError {
    ApiError::Validation(FieldErrors::single(
        "file",
        format!("The multipart body could not be read: {e}"),
    ))
}

/// Reads a field up to `limit` bytes; `None` when it is longer.
async fn read_field(field: &mut Field, limit: usize) -> ApiResult<Option<Vec<u8>>> {
    let mut out = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(malformed)?;
        if out.len() + chunk.len() > limit {
            return Ok(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Some(out))
}

/// Streams the form: the file part with a hard 10 MiB cap, the small text fields with 1 KiB.
async fn read_upload(req: &HttpRequest, payload: web::Payload) -> ApiResult<ImageUpload> {
    let essence = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if essence != "multipart/form-data" {
        return Err(ApiError::UnsupportedMediaType(format!(
            "Unsupported media type \"{essence}\"; send multipart/form-data with a file part \"file\"."
        )));
    }
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_IMAGE_BYTES + FORM_OVERHEAD) {
        return Err(content::Error::ImageTooLarge {
            limit: MAX_IMAGE_BYTES,
        }
        .into());
    }
    let mut form = Multipart::new(req.headers(), payload);
    let mut file: Option<Vec<u8>> = None;
    let mut text: Vec<(String, String)> = Vec::new();
    let mut e = FieldErrors::new();
    while let Some(field) = form.next().await {
        let mut field = field.map_err(malformed)?;
        let name = field.name().unwrap_or_default().to_owned();
        if !["file", "content_id", "image_type", "position"].contains(&name.as_str()) {
            e.add(
                name,
                "Unknown field: the form takes content_id, image_type, position and file.",
            );
            continue;
        }
        if name == "file" {
            match read_field(&mut field, MAX_IMAGE_BYTES).await? {
                Some(bytes) => file = Some(bytes),
                None => {
                    return Err(content::Error::ImageTooLarge {
                        limit: MAX_IMAGE_BYTES,
                    }
                    .into());
                }
            }
        } else {
            match read_field(&mut field, FIELD_LIMIT).await? {
                Some(v) => text.push((name, String::from_utf8_lossy(&v).trim().to_owned())),
                None => e.add(name, format!("Longer than {FIELD_LIMIT} bytes.")),
            }
        }
    }
    let value = |k: &str| {
        text.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let content_id = match value("content_id").map(str::parse::<i64>) {
        Some(Ok(id)) => Some(ContentId(id)),
        Some(Err(_)) => {
            e.add("content_id", "A valid integer is required.");
            None
        }
        None => {
            e.add("content_id", "This field is required.");
            None
        }
    };
    let image_type = match value("image_type") {
        Some(t) => match ImageType::parse(t) {
            Some(t) => Some(t),
            None => {
                e.add("image_type", "Must be featured or in_article.");
                None
            }
        },
        None => {
            e.add("image_type", "This field is required.");
            None
        }
    };
    let position = match (value("position").map(str::parse::<i32>), image_type) {
        (Some(Ok(p)), _) => Some(p),
        (Some(Err(_)), _) => {
            e.add("position", "A valid integer is required.");
            None
        }
        (None, Some(ImageType::Featured)) => Some(0),
        (None, _) => {
            e.add("position", "This field is required for in-article images.");
            None
        }
    };
    if file.as_ref().is_none_or(Vec::is_empty) {
        e.add("file", "Attach the image as the file part \"file\".");
    }
    e.into_result()?;
    match (content_id, image_type, position, file) {
        (Some(content_id), Some(image_type), Some(position), Some(bytes)) => Ok(ImageUpload {
            content_id,
            image_type,
            position,
            bytes,
        }),
        _ => Err(ApiError::Internal(
            "upload form checked but incomplete".into(),
        )),
    }
}

/// Uploads one image by hand (editor+): multipart `content_id`, `image_type`, `position`
/// (default 0 for featured) and the file part `file` — PNG, JPEG or WebP as told by its bytes
/// (the file name is ignored), at most 10 MiB. Into an empty slot: 201; into a slot that has a
/// row (e.g. a pending AI prompt): 200, that row gets the file. Refused uploads store nothing.
#[utoipa::path(tag = "images", security(("bearer" = [])),
    request_body(content = ImageUploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = ImageDto), (status = 200, body = ImageDto, description = "slot already had a row"),
        (status = 400, description = "validation_failed (not PNG/JPEG/WebP, bad slot)"), (status = 403),
        (status = 404, description = "content not found"), (status = 413, description = "payload_too_large"),
        (status = 415, description = "not multipart/form-data")))]
#[post("/images/")]
pub async fn upload_image(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    // fail fast for read-only members, before reading up to 10 MiB
    auth.scope.require(kernel::Role::Editor)?;
    let upload = read_upload(&req, payload).await?;
    let scope = auth.scope;
    let (image, created) = db(&state, move |c, st| {
        Ok(content::images::upload_image(
            c,
            &scope,
            st.media.as_ref(),
            &upload,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(if created {
        envelope::created(ImageDto::from(image))
    } else {
        envelope::ok(ImageDto::from(image))
    })
}
