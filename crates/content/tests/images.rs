//! Images on real PostgreSQL with a temporary media directory: uploads, slots, refusals that
//! store nothing, files, tenancy and deletes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Utc;
use common::*;
use content::Error;
use content::images::*;
use content::model::{ImageFormat, ImageStatus, ImageType};
use content::storage::{LocalMediaStore, MediaStore};
use kernel::{ContentId, PageRequest, Role};

fn store() -> (tempfile::TempDir, LocalMediaStore) {
    let dir = tempfile::tempdir().unwrap();
    let s = LocalMediaStore::new(dir.path().join("media"));
    (dir, s)
}

fn files(s: &LocalMediaStore) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(s.root())
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn upload(
    content_id: ContentId,
    image_type: ImageType,
    position: i32,
    bytes: Vec<u8>,
) -> ImageUpload {
    ImageUpload {
        content_id,
        image_type,
        position,
        bytes,
    }
}

#[test]
fn upload_stores_a_content_addressed_file_and_a_row() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let (_d, st) = store();
    let cid = item(c, &a, "Pictures", "<p>x</p>").content.id;
    let bytes = png(640, 480);
    let (img, created) = upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::Featured, 0, bytes.clone()),
        Utc::now(),
    )
    .unwrap();
    assert!(created);
    assert_eq!(
        (img.image_type, img.position, img.status),
        (ImageType::Featured, 0, ImageStatus::Generated)
    );
    assert_eq!(
        (img.width, img.height, img.format),
        (Some(640), Some(480), Some(ImageFormat::Png))
    );
    assert_eq!(img.byte_size, Some(bytes.len() as i64));
    let sha = content::storage::sha256_hex(&bytes);
    assert_eq!(img.sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(files(&st), [format!("{sha}.png")]);
    let f = image_file(c, &a.scope(), &st, img.id).unwrap();
    assert_eq!(
        (f.bytes, f.format, f.sha256),
        (bytes.clone(), ImageFormat::Png, sha.clone())
    );

    // the same slot again replaces the row's file; identical bytes elsewhere share the file
    let (again, created) = upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::Featured, 0, png(10, 20)),
        Utc::now(),
    )
    .unwrap();
    assert!(!created);
    assert_eq!(
        (again.id, again.width, again.height),
        (img.id, Some(10), Some(20))
    );
    let (inline, created) = upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::InArticle, 1, bytes.clone()),
        Utc::now(),
    )
    .unwrap();
    assert!(created);
    assert_eq!(inline.storage_key, img.storage_key);
    assert_eq!(files(&st).len(), 2);
    assert_eq!(count(c, "images"), 2);

    let listed = list_images(
        c,
        &a.scope(),
        &ImageFilter {
            content_id: Some(cid),
            ..Default::default()
        },
        IMAGE_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(
        listed.items.iter().map(|i| i.position).collect::<Vec<_>>(),
        [0, 1],
        "featured first"
    );
}

#[test]
fn refused_uploads_store_nothing() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let (_d, st) = store();
    let cid = item(c, &a, "Pictures", "").content.id;
    let s = a.scope();
    let cases: Vec<(&str, Result<(content::model::Image, bool), Error>)> = vec![
        (
            "text",
            upload_image(
                c,
                &s,
                &st,
                &upload(cid, ImageType::Featured, 0, b"hello, I am text".to_vec()),
                Utc::now(),
            ),
        ),
        (
            "too large",
            upload_image(
                c,
                &s,
                &st,
                &upload(cid, ImageType::Featured, 0, {
                    let mut v = png(1, 1);
                    v.resize(MAX_IMAGE_BYTES + 1, 0);
                    v
                }),
                Utc::now(),
            ),
        ),
        (
            "bad slot",
            upload_image(
                c,
                &s,
                &st,
                &upload(cid, ImageType::Featured, 2, png(1, 1)),
                Utc::now(),
            ),
        ),
        (
            "in-article at 0",
            upload_image(
                c,
                &s,
                &st,
                &upload(cid, ImageType::InArticle, 0, png(1, 1)),
                Utc::now(),
            ),
        ),
        (
            "unknown content",
            upload_image(
                c,
                &s,
                &st,
                &upload(ContentId(987_654), ImageType::Featured, 0, png(1, 1)),
                Utc::now(),
            ),
        ),
        (
            "other tenant",
            upload_image(
                c,
                &b.scope(),
                &st,
                &upload(cid, ImageType::Featured, 0, png(1, 1)),
                Utc::now(),
            ),
        ),
    ];
    for (name, r) in &cases {
        assert!(r.is_err(), "{name}: {r:?}");
    }
    assert!(matches!(cases[0].1, Err(Error::UnsupportedImage(_))));
    assert!(matches!(
        cases[1].1,
        Err(Error::ImageTooLarge {
            limit: MAX_IMAGE_BYTES
        })
    ));
    assert!(matches!(cases[2].1, Err(Error::Validation(_))));
    assert!(matches!(cases[4].1, Err(Error::NotFound)));
    assert!(matches!(cases[5].1, Err(Error::NotFound)));
    let viewer = member(c, &a, "vy", Role::Viewer, true);
    assert!(matches!(
        upload_image(
            c,
            &viewer,
            &st,
            &upload(cid, ImageType::Featured, 0, png(1, 1)),
            Utc::now()
        ),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(files(&st).is_empty(), "{:?}", files(&st));
    assert_eq!(count(c, "images"), 0);
}

#[test]
fn a_row_that_cannot_be_written_takes_its_new_file_back() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let (_d, st) = store();
    let cid = item(c, &a, "Pictures", "").content.id;
    // make the row write fail after the file is stored: a constraint that refuses every row
    use diesel::RunQueryDsl;
    diesel::sql_query("ALTER TABLE images ADD CONSTRAINT no_rows CHECK (false)")
        .execute(c)
        .unwrap();
    let r = upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::Featured, 0, png(3, 3)),
        Utc::now(),
    );
    assert!(r.is_err());
    assert!(files(&st).is_empty(), "{:?}", files(&st));
}

#[test]
fn tenancy_and_deletes() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let (_d, st) = store();
    let cid = item(c, &a, "Pictures", "").content.id;
    let (img, _) = upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::Featured, 0, png(2, 2)),
        Utc::now(),
    )
    .unwrap();
    let bs = b.scope();
    assert!(matches!(get_image(c, &bs, img.id), Err(Error::NotFound)));
    assert!(matches!(
        image_file(c, &bs, &st, img.id),
        Err(Error::NotFound)
    ));
    assert!(matches!(delete_image(c, &bs, img.id), Err(Error::NotFound)));
    assert_eq!(
        list_images(
            c,
            &bs,
            &ImageFilter::default(),
            IMAGE_DEFAULT_ORDER,
            PageRequest::default()
        )
        .unwrap()
        .count,
        0
    );
    let ungranted = member(c, &a, "ed", Role::Editor, false);
    assert!(matches!(
        image_file(c, &ungranted, &st, img.id),
        Err(Error::NotFound)
    ));

    delete_image(c, &a.scope(), img.id).unwrap();
    assert_eq!(count(c, "images"), 0);
    assert_eq!(files(&st).len(), 1, "files are shared by hash and stay");

    // deleting the content deletes its image rows (files stay)
    upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::InArticle, 1, png(2, 2)),
        Utc::now(),
    )
    .unwrap();
    upload_image(
        c,
        &a.scope(),
        &st,
        &upload(cid, ImageType::InArticle, 2, png(4, 4)),
        Utc::now(),
    )
    .unwrap();
    assert_eq!(count(c, "images"), 2);
    content::content::delete_content(c, &a.scope(), cid).unwrap();
    assert_eq!(count(c, "images"), 0);
    assert_eq!(files(&st).len(), 2);
    assert!(st.get(&files(&st)[0]).is_ok());
}
