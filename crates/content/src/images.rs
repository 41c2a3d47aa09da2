//! Images of content items: rows per (content, type, position) — featured at 0, in-article at
//! 1..N — and uploaded files kept in a [`MediaStore`].
//!
//! An upload's type comes from its bytes (PNG, JPEG or WebP magic numbers), never from its file
//! name or declared content type: a PNG named `photo.exe` is stored as a PNG, a text file named
//! `photo.png` is refused. Width and height are read from the header. Every check runs before
//! anything is written, so a refused upload leaves neither a file nor a row.

use crate::content::get_content_row;
use crate::model::{FilterOptions, Image, ImageFormat, ImageStatus, ImageType};
use crate::storage::MediaStore;
use crate::util::options_in_order;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use db::schema::images;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::upsert::on_constraint;
use kernel::{ContentId, FieldErrors, ImageId, Order, Page, PageRequest, Role, SiteId};
use tenancy::Scope;
use tenancy::sites::visible_site_ids;

/// Largest upload: 10 MiB.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
/// Highest in-article position.
pub const MAX_POSITION: i32 = 100;

/// What the bytes of an image say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// Format, from the magic number.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: i32,
    /// Height in pixels.
    pub height: i32,
}

/// Recognises PNG, JPEG and WebP by their magic numbers and reads the dimensions from the
/// header. Anything else, or an unreadable header, is `UnsupportedImage`.
pub fn sniff_image(bytes: &[u8]) -> Result<ImageInfo> {
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        ImageFormat::Webp
    } else {
        return Err(Error::UnsupportedImage(
            "The file is not a PNG, JPEG or WebP image (its content was checked, not its name)."
                .into(),
        ));
    };
    let size = imagesize::blob_size(bytes).map_err(|_| {
        Error::UnsupportedImage(format!(
            "The {} header is damaged: its width and height cannot be read.",
            format.label()
        ))
    })?;
    let dim = |v: usize| i32::try_from(v).ok().filter(|v| *v > 0);
    match (dim(size.width), dim(size.height)) {
        (Some(width), Some(height)) => Ok(ImageInfo {
            format,
            width,
            height,
        }),
        _ => Err(Error::UnsupportedImage(format!(
            "The {} has no usable width and height.",
            format.label()
        ))),
    }
}

/// Checks that an image type and position agree: featured is 0, in-article 1..=100.
pub fn check_slot(image_type: ImageType, position: i32) -> Result<()> {
    let ok = match image_type {
        ImageType::Featured => position == 0,
        ImageType::InArticle => (1..=MAX_POSITION).contains(&position),
    };
    if ok {
        Ok(())
    } else {
        Err(FieldErrors::single(
            "position",
            match image_type {
                ImageType::Featured => "A featured image is at position 0.".to_owned(),
                ImageType::InArticle => {
                    format!("In-article images are at positions 1 to {MAX_POSITION}.")
                }
            },
        )
        .into())
    }
}

/// A file uploaded by hand for one slot of a content item.
#[derive(Debug, Clone)]
pub struct ImageUpload {
    /// The content item.
    pub content_id: ContentId,
    /// Featured or in-article.
    pub image_type: ImageType,
    /// 0 for featured, 1..N in the article.
    pub position: i32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Stores an uploaded image (editor+). When the slot already has a row (say a pending AI
/// prompt), that row gets the file and becomes `generated`, keeping its prompt; otherwise a
/// row is created. Returns the row and whether it was created.
pub fn upload_image(
    conn: &mut PgConnection,
    scope: &Scope,
    store: &dyn MediaStore,
    upload: &ImageUpload,
    now: DateTime<Utc>,
) -> Result<(Image, bool)> {
    scope.require(Role::Editor)?;
    if upload.bytes.len() > MAX_IMAGE_BYTES {
        return Err(Error::ImageTooLarge {
            limit: MAX_IMAGE_BYTES,
        });
    }
    check_slot(upload.image_type, upload.position)?;
    let info = sniff_image(&upload.bytes)?;
    let content = get_content_row(conn, scope, upload.content_id)?;
    let stored = store.put(&upload.bytes, info.format.extension())?;
    let size = i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX);
    let existed: bool = diesel::select(diesel::dsl::exists(
        images::table
            .filter(images::account_id.eq(scope.account_id()))
            .filter(images::content_id.eq(content.id))
            .filter(images::image_type.eq(upload.image_type))
            .filter(images::position.eq(upload.position)),
    ))
    .get_result(conn)?;
    let file = || {
        (
            images::status.eq(ImageStatus::Generated),
            images::url.eq(None::<String>),
            images::storage_key.eq(Some(stored.key.clone())),
            images::sha256.eq(Some(stored.sha256.clone())),
            images::width.eq(Some(info.width)),
            images::height.eq(Some(info.height)),
            images::format.eq(Some(info.format)),
            images::byte_size.eq(Some(size)),
            images::updated_at.eq(now),
        )
    };
    // one statement: two uploads racing for an empty slot end as one row, not a conflict
    let written: Result<Image> = diesel::insert_into(images::table)
        .values((
            (
                images::account_id.eq(scope.account_id()),
                images::site_id.eq(content.site_id),
                images::content_id.eq(content.id),
                images::image_type.eq(upload.image_type),
                images::position.eq(upload.position),
                images::created_at.eq(now),
            ),
            file(),
        ))
        .on_conflict(on_constraint("images_slot_unique"))
        .do_update()
        .set(file())
        .returning(Image::as_returning())
        .get_result(conn)
        .map_err(Error::from);
    if written.is_err() && stored.created && !file_in_use(conn, &stored.key) {
        // nothing points at the file this call created: take it back
        if let Err(e) = store.remove(&stored.key) {
            tracing::warn!(key = %stored.key, error = %e, "could not remove an orphaned upload");
        }
    }
    Ok((written?, !existed))
}

/// One image slot to fill with a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePrompt {
    /// Featured or in-article.
    pub image_type: ImageType,
    /// 0 for featured, 1..N in the article.
    pub position: i32,
    /// The prompt for the image model.
    pub prompt: String,
}

/// Creates `pending` image rows with prompts for a content item (editor+; the AI engine calls
/// it with a job scope). A slot that already has a row keeps it untouched, so a second call
/// creates nothing. Returns the rows of the slots asked for, in input order.
pub fn add_image_prompts(
    conn: &mut PgConnection,
    scope: &Scope,
    content_id: ContentId,
    prompts: &[ImagePrompt],
    now: DateTime<Utc>,
) -> Result<Vec<Image>> {
    scope.require(Role::Editor)?;
    let mut e = FieldErrors::new();
    for (i, p) in prompts.iter().enumerate() {
        if check_slot(p.image_type, p.position).is_err() {
            e.add(
                format!("prompts[{i}].position"),
                "Invalid slot for the image type.",
            );
        }
        if p.prompt.trim().is_empty() {
            e.add(
                format!("prompts[{i}].prompt"),
                "This field may not be blank.",
            );
        }
    }
    e.into_result()?;
    let content = get_content_row(conn, scope, content_id)?;
    if prompts.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<_> = prompts
        .iter()
        .map(|p| {
            (
                images::account_id.eq(scope.account_id()),
                images::site_id.eq(content.site_id),
                images::content_id.eq(content.id),
                images::image_type.eq(p.image_type),
                images::position.eq(p.position),
                images::prompt.eq(p.prompt.trim()),
                images::status.eq(ImageStatus::Pending),
                images::created_at.eq(now),
                images::updated_at.eq(now),
            )
        })
        .collect();
    diesel::insert_into(images::table)
        .values(rows)
        .on_conflict(on_constraint("images_slot_unique"))
        .do_nothing()
        .execute(conn)?;
    let all: Vec<Image> = images::table
        .filter(images::account_id.eq(scope.account_id()))
        .filter(images::content_id.eq(content.id))
        .select(Image::as_select())
        .load(conn)?;
    Ok(prompts
        .iter()
        .filter_map(|p| {
            all.iter()
                .find(|i| i.image_type == p.image_type && i.position == p.position)
                .cloned()
        })
        .collect())
}

/// Marks an image `failed` (editor+; the AI engine's record of a generation that did not
/// work). An image that already has a file is left as it is.
pub fn mark_image_failed(
    conn: &mut PgConnection,
    scope: &Scope,
    id: ImageId,
    now: DateTime<Utc>,
) -> Result<Image> {
    scope.require(Role::Editor)?;
    let img = get_image(conn, scope, id)?;
    if img.status == ImageStatus::Generated {
        return Ok(img);
    }
    Ok(diesel::update(
        images::table
            .filter(images::account_id.eq(scope.account_id()))
            .filter(images::id.eq(img.id)),
    )
    .set((
        images::status.eq(ImageStatus::Failed),
        images::updated_at.eq(now),
    ))
    .returning(Image::as_returning())
    .get_result(conn)?)
}

/// True when any image row (of any account: files are shared by content hash) uses the file,
/// or when that cannot be told — a file is never removed on a guess.
fn file_in_use(conn: &mut PgConnection, key: &str) -> bool {
    diesel::select(diesel::dsl::exists(
        images::table.filter(images::storage_key.eq(key)),
    ))
    .get_result(conn)
    .unwrap_or(true)
}

fn base<'a>(conn: &mut PgConnection, scope: &Scope) -> Result<images::BoxedQuery<'a, Pg>> {
    let mut q = images::table
        .filter(images::account_id.eq(scope.account_id()))
        .into_boxed();
    if let Some(ids) = visible_site_ids(conn, scope)? {
        q = q.filter(images::site_id.eq_any(ids));
    }
    Ok(q)
}

/// An image the scope may see, or `NotFound`.
pub fn get_image(conn: &mut PgConnection, scope: &Scope, id: ImageId) -> Result<Image> {
    Ok(base(conn, scope)?
        .filter(images::id.eq(id))
        .select(Image::as_select())
        .first(conn)?)
}

/// A stored file ready to serve.
#[derive(Debug, Clone)]
pub struct ImageFile {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Its format (for the content type).
    pub format: ImageFormat,
    /// SHA-256 of the bytes (the ETag).
    pub sha256: String,
}

/// The stored file of an image the scope may see; `NotFound` when it has none.
pub fn image_file(
    conn: &mut PgConnection,
    scope: &Scope,
    store: &dyn MediaStore,
    id: ImageId,
) -> Result<ImageFile> {
    let img = get_image(conn, scope, id)?;
    let (Some(key), Some(sha256), Some(format)) = (img.storage_key, img.sha256, img.format) else {
        return Err(Error::NotFound);
    };
    Ok(ImageFile {
        bytes: store.get(&key)?,
        format,
        sha256,
    })
}

/// Deletes an image row (editor+). Its file stays: files are content-addressed and may be
/// shared by other rows.
pub fn delete_image(conn: &mut PgConnection, scope: &Scope, id: ImageId) -> Result<()> {
    scope.require(Role::Editor)?;
    get_image(conn, scope, id)?;
    diesel::delete(
        images::table
            .filter(images::account_id.eq(scope.account_id()))
            .filter(images::id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}

/// Image list filters.
#[derive(Debug, Clone, Default)]
pub struct ImageFilter {
    /// Only this site.
    pub site_id: Option<SiteId>,
    /// Only this content item.
    pub content_id: Option<ContentId>,
    /// Featured or in-article.
    pub image_type: Option<ImageType>,
    /// Status.
    pub status: Option<ImageStatus>,
}

/// Sortable image fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageOrder {
    /// Content item, then position (featured first).
    Position,
    /// Creation time.
    CreatedAt,
    /// Id.
    Id,
}

/// The allow-list for `?ordering=`.
pub const IMAGE_ORDERING: &[(&str, ImageOrder)] = &[
    ("position", ImageOrder::Position),
    ("created_at", ImageOrder::CreatedAt),
    ("id", ImageOrder::Id),
];

/// The default list order: by content, featured first, then in-article by position.
pub const IMAGE_DEFAULT_ORDER: Order<ImageOrder> = Order {
    field: ImageOrder::Position,
    descending: false,
};

fn filtered(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ImageFilter,
) -> Result<images::BoxedQuery<'static, Pg>> {
    let mut q = base(conn, scope)?;
    if let Some(s) = f.site_id {
        q = q.filter(images::site_id.eq(s));
    }
    if let Some(c) = f.content_id {
        q = q.filter(images::content_id.eq(c));
    }
    if let Some(t) = f.image_type {
        q = q.filter(images::image_type.eq(t));
    }
    if let Some(s) = f.status {
        q = q.filter(images::status.eq(s));
    }
    Ok(q)
}

/// Lists the images the scope may see.
pub fn list_images(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ImageFilter,
    order: Order<ImageOrder>,
    page: PageRequest,
) -> Result<Page<Image>> {
    let count = filtered(conn, scope, f)?.count().get_result(conn)?;
    let q = filtered(conn, scope, f)?;
    let q = match (order.field, order.descending) {
        (ImageOrder::Position, false) => {
            q.order((images::content_id.asc(), images::position.asc()))
        }
        (ImageOrder::Position, true) => {
            q.order((images::content_id.desc(), images::position.desc()))
        }
        (ImageOrder::CreatedAt, false) => q.order(images::created_at.asc()),
        (ImageOrder::CreatedAt, true) => q.order(images::created_at.desc()),
        (ImageOrder::Id, false) => q.order(images::id.asc()),
        (ImageOrder::Id, true) => q.order(images::id.desc()),
    };
    let items = q
        .then_order_by(images::id.asc())
        .limit(page.limit())
        .offset(page.offset())
        .select(Image::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        count,
        request: page,
    })
}

/// For `image_type` and `status`: the values present among visible images matching the
/// *other* filters.
pub fn image_filter_options(
    conn: &mut PgConnection,
    scope: &Scope,
    f: &ImageFilter,
) -> Result<FilterOptions> {
    let types: Vec<ImageType> = filtered(
        conn,
        scope,
        &ImageFilter {
            image_type: None,
            ..f.clone()
        },
    )?
    .select(images::image_type)
    .distinct()
    .load(conn)?;
    let statuses: Vec<ImageStatus> = filtered(
        conn,
        scope,
        &ImageFilter {
            status: None,
            ..f.clone()
        },
    )?
    .select(images::status)
    .distinct()
    .load(conn)?;
    Ok(vec![
        ("image_type", options_in_order(ImageType::ALL, &types)),
        ("status", options_in_order(ImageStatus::ALL, &statuses)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 PNG header (signature + IHDR).
    fn png_3x2() -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend_from_slice(&[0, 0, 0, 13]);
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&3u32.to_be_bytes());
        b.extend_from_slice(&2u32.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn sniffs_png_by_bytes() {
        let info = sniff_image(&png_3x2()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            info,
            ImageInfo {
                format: ImageFormat::Png,
                width: 3,
                height: 2
            }
        );
    }

    #[test]
    fn sniffs_jpeg_and_webp_by_bytes() {
        // SOI, then a baseline SOF0 segment: precision 8, height 2, width 3, 3 components
        let mut jpeg = vec![
            0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03,
        ];
        jpeg.extend_from_slice(&[1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        let info = sniff_image(&jpeg).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Jpeg, 3, 2)
        );
        // RIFF/WEBP with an extended (VP8X) header: canvas 5×4 stored minus one
        let mut webp = b"RIFF".to_vec();
        webp.extend_from_slice(&22u32.to_le_bytes());
        webp.extend_from_slice(b"WEBPVP8X");
        webp.extend_from_slice(&10u32.to_le_bytes());
        webp.extend_from_slice(&[0, 0, 0, 0, 4, 0, 0, 3, 0, 0]);
        let info = sniff_image(&webp).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Webp, 5, 4)
        );
    }

    #[test]
    fn refuses_text_and_damaged_headers() {
        assert!(matches!(
            sniff_image(b"just some text, named .png"),
            Err(Error::UnsupportedImage(_))
        ));
        assert!(matches!(sniff_image(b""), Err(Error::UnsupportedImage(_))));
        // a GIF is an image, but not one we take
        assert!(matches!(
            sniff_image(b"GIF89a\x01\x00\x01\x00\x00\x00\x00"),
            Err(Error::UnsupportedImage(_))
        ));
        // PNG signature with no header after it
        assert!(matches!(
            sniff_image(b"\x89PNG\r\n\x1a\n"),
            Err(Error::UnsupportedImage(_))
        ));
    }

    #[test]
    fn slots() {
        assert!(check_slot(ImageType::Featured, 0).is_ok());
        assert!(check_slot(ImageType::Featured, 1).is_err());
        assert!(check_slot(ImageType::InArticle, 0).is_err());
        assert!(check_slot(ImageType::InArticle, 1).is_ok());
        assert!(check_slot(ImageType::InArticle, MAX_POSITION + 1).is_err());
    }
}
