//! `/api/v1/planner/keywords/`: CRUD, filter options, bulk actions, CSV import and export, and
//! adding keywords from the seed library.

use super::dto::*;
use crate::blocking::db;
use crate::envelope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPut, ApiQuery, Auth, ListParams};
use crate::state::AppState;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::web::{Bytes, BytesMut};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use futures_util::StreamExt;
use kernel::{FieldErrors, KeywordId, SectorId, SiteId};
use planning::csv_import::{ImportReport, ImportTarget};
use planning::keywords::{
    BulkKeywordChanges, DEFAULT_KEYWORD_ORDER, KEYWORD_ORDERING, KeywordChanges, KeywordFilter,
    NewKeyword,
};
use planning::model::{Intent, MappingStatus};
use planning::seeds::AddFromSeedReport;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Keyword list filters (also used by `filter_options/` and `export_csv/`).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KeywordQuery {
    /// Site.
    pub site_id: Option<i64>,
    /// Sector.
    pub sector_id: Option<i64>,
    /// `new` or `mapped`.
    pub status: Option<MappingStatus>,
    /// Search intent.
    pub intent: Option<Intent>,
    /// A cluster id, or `null` for keywords without a cluster.
    #[param(format = "cluster-filter")]
    pub cluster_id: Option<String>,
    /// Disabled flag.
    pub disabled: Option<bool>,
    /// Smallest volume.
    pub volume_min: Option<i32>,
    /// Largest volume.
    pub volume_max: Option<i32>,
    /// Smallest difficulty.
    #[param(minimum = -32768, maximum = 32767)]
    pub difficulty_min: Option<i16>,
    /// Largest difficulty.
    #[param(minimum = -32768, maximum = 32767)]
    pub difficulty_max: Option<i16>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// Case-insensitive substring of the keyword.
    pub search: Option<String>,
}

impl KeywordQuery {
    fn filter(self) -> ApiResult<KeywordFilter> {
        Ok(KeywordFilter {
            site_id: self.site_id.map(SiteId),
            sector_id: self.sector_id.map(SectorId),
            status: self.status,
            intent: self.intent,
            cluster: cluster_filter(self.cluster_id.as_deref())?,
            disabled: self.disabled,
            volume_min: self.volume_min,
            volume_max: self.volume_max,
            difficulty_min: self.difficulty_min,
            difficulty_max: self.difficulty_max,
            country: self.country,
            search: self.search,
        })
    }
}

crate::list_params!(
    KeywordList,
    crate::contract::ordering_values(planning::keywords::KEYWORD_ORDERING)
);

/// Lists keywords of the sites the caller may see, newest first.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(KeywordQuery, KeywordList), responses(
    (status = 200, body = [KeywordDto]), (status = 400, description = "validation_failed (unknown ordering)")))]
#[get("/keywords/")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<KeywordQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(KEYWORD_ORDERING, DEFAULT_KEYWORD_ORDER)?;
    let page = lp.page();
    let f = q.0.filter()?;
    let scope = auth.scope;
    let p = db(&state, move |c, _| {
        Ok(planning::keywords::list_keywords(
            c, &scope, &f, order, page,
        )?)
    })
    .await?;
    Ok(envelope::list(&req, p.map(KeywordDto::from)))
}

/// Distinct `status`, `intent`, `cluster_id`, `disabled` and `country` values among keywords
/// matching the other filters.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(KeywordQuery), responses((status = 200)))]
#[get("/keywords/filter_options/")]
pub async fn filter_options(
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<KeywordQuery>,
) -> ApiResult<HttpResponse> {
    let f = q.0.filter()?;
    let scope = auth.scope;
    let o = db(&state, move |c, _| {
        Ok(planning::keywords::keyword_filter_options(c, &scope, &f)?)
    })
    .await?;
    let mut out: BTreeMap<&str, Vec<FilterOption>> = BTreeMap::new();
    out.insert(
        "status",
        options(o.status.iter().map(|s| (s.as_str().to_owned(), s.label()))),
    );
    out.insert(
        "intent",
        options(o.intent.iter().map(|s| (s.as_str().to_owned(), s.label()))),
    );
    out.insert("cluster_id", cluster_options(o.clusters, o.has_unclustered));
    out.insert("disabled", disabled_options(o.disabled));
    out.insert(
        "country",
        options(o.country.into_iter().map(|c| (c.clone(), c))),
    );
    Ok(envelope::ok(out))
}

/// Creates a keyword (editor+). Site and sector are required and must agree.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = KeywordBody, responses(
    (status = 201, body = KeywordDto), (status = 400), (status = 403, description = "permission_denied / plan_limit_reached"),
    (status = 409, description = "already_exists")))]
#[post("/keywords/")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<KeywordBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let input = NewKeyword {
        site_id: b.site_id,
        sector_id: b.sector_id,
        keyword: b.keyword,
        volume: b.volume,
        difficulty: b.difficulty,
        intent: b.intent,
        cpc_cents: b.cpc_cents,
        country: b.country,
        status: b.status,
        disabled: b.disabled,
        cluster_id: b.cluster_id,
    };
    let scope = auth.scope;
    let k = db(&state, move |c, st| {
        Ok(planning::keywords::create_keyword(
            c,
            &scope,
            &input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(KeywordDto::from(k)))
}

/// One keyword.
#[utoipa::path(tag = "planner", security(("bearer" = [])), responses((status = 200, body = KeywordDto), (status = 404)))]
#[get("/keywords/{id}/")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = KeywordId(id.into_inner());
    let scope = auth.scope;
    let k = db(&state, move |c, _| {
        Ok(planning::keywords::get_keyword(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::ok(KeywordDto::from(k)))
}

/// Updates a keyword (editor+); assigning a cluster sets `mapped`, clearing it sets `new`.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = KeywordPatch, responses(
    (status = 200, body = KeywordDto), (status = 404), (status = 409)))]
#[patch("/keywords/{id}/")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<KeywordPatch>,
) -> ApiResult<HttpResponse> {
    update_changes(state, auth, id, body).await
}

/// Full update (PUT): the fields a create requires must be present (400 naming the missing
/// ones); others keep their values when absent. Then as PATCH.
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = KeywordPatch, responses(
    (status = 200, body = KeywordDto), (status = 404), (status = 409)))]
#[put("/keywords/{id}/")]
pub async fn update_put(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiPut<KeywordPatch>,
) -> ApiResult<HttpResponse> {
    update_changes(state, auth, id, ApiJson(body.0)).await
}

async fn update_changes(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
    body: ApiJson<KeywordPatch>,
) -> ApiResult<HttpResponse> {
    let id = KeywordId(id.into_inner());
    let b = body.0;
    let ch = KeywordChanges {
        keyword: b.keyword,
        volume: b.volume,
        difficulty: b.difficulty,
        intent: b.intent,
        cpc_cents: b.cpc_cents,
        country: b.country,
        status: b.status,
        disabled: b.disabled,
        cluster_id: b.cluster_id,
    };
    let scope = auth.scope;
    let k = db(&state, move |c, st| {
        Ok(planning::keywords::update_keyword(
            c,
            &scope,
            id,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(KeywordDto::from(k)))
}

/// Deletes a keyword (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), responses((status = 204), (status = 404)))]
#[delete("/keywords/{id}/")]
pub async fn delete(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = KeywordId(id.into_inner());
    let scope = auth.scope;
    db(&state, move |c, _| {
        Ok(planning::keywords::delete_keyword(c, &scope, id)?)
    })
    .await?;
    Ok(envelope::no_content())
}

/// Deletes keywords by id (editor+; at most 1,000; other accounts' ids are ignored).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = BulkIds, responses((status = 200, body = Affected)))]
#[post("/keywords/bulk_delete/")]
pub async fn bulk_delete(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<BulkIds>,
) -> ApiResult<HttpResponse> {
    let ids: Vec<KeywordId> = body.0.ids.into_iter().map(KeywordId).collect();
    let scope = auth.scope;
    let affected = db(&state, move |c, _| {
        Ok(planning::keywords::bulk_delete_keywords(c, &scope, &ids)?)
    })
    .await?;
    Ok(envelope::ok(Affected { affected }))
}

/// Sets `status`, `disabled` or `cluster_id` of keywords by id (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = KeywordBulkUpdate, responses((status = 200, body = Affected)))]
#[post("/keywords/bulk_update/")]
pub async fn bulk_update(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<KeywordBulkUpdate>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let ch = BulkKeywordChanges {
        status: b.status,
        disabled: b.disabled,
        cluster_id: b.cluster_id,
    };
    let ids = b.ids;
    let scope = auth.scope;
    let affected = db(&state, move |c, st| {
        Ok(planning::keywords::bulk_update_keywords(
            c,
            &scope,
            &ids,
            &ch,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(Affected { affected }))
}

/// Creates keywords from seed keywords of the sector's industry sector (editor+).
#[utoipa::path(tag = "planner", security(("bearer" = [])), request_body = AddFromSeedBody, responses(
    (status = 201, body = AddFromSeedReport), (status = 400), (status = 403, description = "plan_limit_reached")))]
#[post("/keywords/bulk_add_from_seed/")]
pub async fn bulk_add_from_seed(
    state: web::Data<AppState>,
    auth: Auth,
    body: ApiJson<AddFromSeedBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let scope = auth.scope;
    let r = db(&state, move |c, st| {
        Ok(planning::seeds::bulk_add_from_seed(
            c,
            &scope,
            &b.seed_keyword_ids,
            b.site_id,
            b.sector_id,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::created(r))
}

/// `site_id` and `sector_id` of a raw CSV upload.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Site (for a raw `text/csv` body).
    pub site_id: Option<i64>,
    /// Sector (for a raw `text/csv` body).
    pub sector_id: Option<i64>,
}

/// Reads a stream into memory up to `limit` bytes (413 past it).
async fn read_limited<S, E>(mut stream: S, limit: usize) -> ApiResult<BytesMut>
where
    S: futures_util::Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut buf = BytesMut::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::Validation(FieldErrors::single(
                "file",
                format!("The upload could not be read: {e}"),
            ))
        })?;
        if buf.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

fn form_id(field: &str, raw: &[u8]) -> ApiResult<i64> {
    std::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| {
            ApiError::Validation(FieldErrors::single(field, "A valid integer is required."))
        })
}

/// Imports keywords from a CSV file (editor+): multipart/form-data with the file part `file`
/// and fields `site_id`, `sector_id`, or a raw `text/csv` body with `?site_id=&sector_id=`.
/// Exports of Semrush, Ahrefs, Keyword Planner (UTF-16, tabs) and Search Console are read as
/// they are. The body is received before a database connection is taken (slow uploads cannot
/// hold the pool); rows are then parsed as a stream and copied in one transaction.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(ImportQuery),
    request_body(description = "The CSV file as a form (a raw `text/csv` body with `site_id` and `sector_id` in the query is read too)", content((ImportForm = "multipart/form-data"))),
    responses((status = 200, body = ImportReport), (status = 400, description = "invalid_csv / validation_failed"),
        (status = 403, description = "permission_denied"), (status = 413, description = "payload_too_large")))]
#[post("/keywords/import_csv/")]
pub async fn import_csv(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    q: ApiQuery<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    auth.scope.require(kernel::Role::Editor)?;
    let limit = state.csv_max_bytes;
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // Multipart framing adds a little; anything declared beyond that cannot fit.
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit.saturating_add(64 * 1024)) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let (mut site_id, mut sector_id) = (q.0.site_id, q.0.sector_id);
    let file = if content_type.starts_with("multipart/form-data") {
        let mut form = actix_multipart::Multipart::new(req.headers(), payload);
        let mut file = None;
        while let Some(field) = form.next().await {
            let field = field.map_err(|e| {
                ApiError::Validation(FieldErrors::single(
                    "file",
                    format!("Malformed multipart body: {e}"),
                ))
            })?;
            match field.name().unwrap_or("").to_owned().as_str() {
                "file" => file = Some(read_limited(field, limit).await?),
                "site_id" => site_id = Some(form_id("site_id", &read_limited(field, 64).await?)?),
                "sector_id" => {
                    sector_id = Some(form_id("sector_id", &read_limited(field, 64).await?)?)
                }
                other => {
                    return Err(ApiError::Validation(FieldErrors::single(
                        other,
                        "Unknown field: the form takes file, site_id and sector_id.",
                    )));
                }
            }
        }
        file.ok_or_else(|| {
            ApiError::Validation(FieldErrors::single("file", "No file was submitted."))
        })?
    } else {
        read_limited(payload, limit).await?
    };
    let target = ImportTarget {
        site_id: site_id.map(SiteId),
        sector_id: sector_id.map(SectorId),
        max_bytes: limit as u64,
    };
    let scope = auth.scope;
    let report = db(&state, move |c, st| {
        let mut input = std::io::Cursor::new(file);
        Ok(planning::csv_import::import_keywords_csv(
            c,
            &scope,
            target,
            &mut input,
            st.clock.now(),
        )?)
    })
    .await?;
    Ok(envelope::ok(report))
}

/// Writes into a channel in 64 KiB chunks; fails once the receiver (the response) is gone.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, ApiError>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    const CHUNK: usize = 64 * 1024;

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buf,
            Vec::with_capacity(Self::CHUNK),
        ));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))
    }
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= Self::CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The export's `ordering` (it writes every matching row, unpaged).
pub struct ExportOrdering;

impl utoipa::IntoParams for ExportOrdering {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        crate::contract::ordering_parameter(crate::contract::ordering_values(KEYWORD_ORDERING))
            .into_iter()
            .collect()
    }
}

/// Streams the filtered, ordered keyword list as CSV (`keyword, volume, difficulty, intent,
/// cpc, country, status, disabled, cluster, created_at`); the file imports back as it is.
#[utoipa::path(tag = "planner", security(("bearer" = [])), params(KeywordQuery, ExportOrdering), responses(
    (status = 200, content_type = "text/csv", body = String), (status = 400)))]
#[get("/keywords/export_csv/")]
pub async fn export_csv(
    state: web::Data<AppState>,
    auth: Auth,
    lp: ListParams,
    q: ApiQuery<KeywordQuery>,
) -> ApiResult<HttpResponse> {
    let order = lp.order(KEYWORD_ORDERING, DEFAULT_KEYWORD_ORDER)?;
    let f = q.0.filter()?;
    let scope = auth.scope;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, ApiError>>(8);
    let st = state.clone();
    actix_web::rt::spawn(async move {
        let writer_tx = tx.clone();
        let res = db(&st, move |c, _| {
            let mut w = ChannelWriter {
                tx: writer_tx,
                buf: Vec::with_capacity(ChannelWriter::CHUNK),
            };
            planning::keywords::export_keywords(c, &scope, &f, order, &mut w)?;
            std::io::Write::flush(&mut w)
                .map_err(|e| ApiError::Planning(planning::Error::Output(e.to_string())))?;
            Ok(())
        })
        .await;
        if let Err(e) = res {
            tracing::warn!(error = %e, "keyword export stopped");
            let _ = tx.send(Err(e)).await;
        }
    });
    // The first chunk (or the error that came instead) decides the status.
    let first = match rx.recv().await {
        Some(Ok(b)) => b,
        Some(Err(e)) => return Err(e),
        None => Bytes::new(),
    };
    let body = futures_util::stream::unfold((Some(first), rx), |(first, mut rx)| async move {
        if let Some(b) = first {
            return Some((Ok::<_, actix_web::Error>(b), (None, rx)));
        }
        match rx.recv().await {
            Some(Ok(b)) => Some((Ok(b), (None, rx))),
            Some(Err(e)) => {
                rx.close();
                Some((Err(e.into()), (None, rx)))
            }
            None => None,
        }
    });
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((CONTENT_DISPOSITION, "attachment; filename=\"keywords.csv\""))
        .streaming(body))
}
