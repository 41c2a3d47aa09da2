//! Prompt overrides and account AI settings on real PostgreSQL: validation, roles, tenancy,
//! encryption of the stored key and what the AI jobs get from `account_overrides`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ai::{ImageFormat, ImageSize, PromptFunction, ProviderKind};
use automation::Error;
use automation::ai_settings::{
    AiSettingsUpdate, account_overrides, get_ai_settings, update_ai_settings,
};
use automation::prompts::{get_prompt, list_prompts, parse_prompt_type, reset_prompt, save_prompt};
use chrono::Utc;
use db::schema::{account_ai_settings, ai_prompt_overrides};
use diesel::prelude::*;
use kernel::{AccountId, Role};
use tenancy::Scope;
use test_support::{TenantFixture, TestDb};

const SECRET: &[u8] = b"service-test-secret-key-0123456789abcdef";
const KEY: &str = "sk-test-0123456789-abcdWXYZ";
const CONTENT: &str =
    "Write an article titled {title} following {outline}, about {word_count} words.";

fn setup() -> (TestDb, TenantFixture, TenantFixture) {
    let db = TestDb::new();
    let mut c = db.conn();
    let a = TenantFixture::create(&mut c, "alice");
    let b = TenantFixture::create(&mut c, "bob");
    drop(c);
    (db, a, b)
}

fn member(c: &mut PgConnection, t: &TenantFixture, name: &str, role: Role) -> Scope {
    let (uid, _) = t.add_member(c, name, role);
    Scope::for_tests(t.account_id, Some(uid), role)
}

fn validation(e: Error) -> std::collections::BTreeMap<String, Vec<String>> {
    match e {
        Error::Tenancy(tenancy::Error::Validation(f)) => f.fields().clone(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn full_update() -> AiSettingsUpdate {
    AiSettingsUpdate {
        provider: Some("openai".into()),
        base_url: Some("https://openrouter.ai/api/v1/".into()),
        api_key: Some(KEY.into()),
        text_model: Some("openai/gpt-4o-mini".into()),
        image_model: Some("offline".into()),
        n_in_article_images: Some(3),
        image_size: Some("1792x1024".into()),
        image_format: Some("png".into()),
    }
}

fn stored_key(c: &mut PgConnection, account: AccountId) -> (Option<String>, Option<String>) {
    account_ai_settings::table
        .filter(account_ai_settings::account_id.eq(account))
        .select((
            account_ai_settings::api_key_encrypted,
            account_ai_settings::api_key_last4,
        ))
        .first(c)
        .unwrap()
}

#[test]
fn prompts_round_trip_save_list_get_reset() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();

    let all = list_prompts(c, &s).unwrap();
    let types: Vec<&str> = all.iter().map(|p| p.prompt_type.as_str()).collect();
    assert_eq!(
        types,
        ["clustering", "ideas", "content", "image_prompts", "image"]
    );
    for p in &all {
        assert!(!p.is_custom, "{}", p.prompt_type);
        assert_eq!(p.prompt_value, p.default_value);
        assert_eq!(p.updated_at, None);
    }
    let content = &all[2];
    assert_eq!(
        content.default_value,
        PromptFunction::Content.default_template()
    );
    let title = content
        .variables
        .iter()
        .find(|v| v.name == "title")
        .unwrap();
    assert!(title.required);
    assert!(!title.description.is_empty());
    let wc = content
        .variables
        .iter()
        .find(|v| v.name == "word_count")
        .unwrap();
    assert!(!wc.required);

    let saved = save_prompt(c, &s, PromptFunction::Content, CONTENT, Utc::now()).unwrap();
    assert!(saved.is_custom);
    assert_eq!(saved.prompt_value, CONTENT);
    assert!(saved.updated_at.is_some());
    // Saving again replaces the override (one row per type).
    let second = "New {title} / {outline}";
    save_prompt(c, &s, PromptFunction::Content, second, Utc::now()).unwrap();
    let got = get_prompt(c, &s, PromptFunction::Content).unwrap();
    assert_eq!((got.prompt_value.as_str(), got.is_custom), (second, true));
    assert_eq!(
        got.default_value,
        PromptFunction::Content.default_template()
    );
    let all = list_prompts(c, &s).unwrap();
    let custom: Vec<&str> = all
        .iter()
        .filter(|p| p.is_custom)
        .map(|p| p.prompt_type.as_str())
        .collect();
    assert_eq!(custom, ["content"]);
    let rows: i64 = ai_prompt_overrides::table.count().get_result(c).unwrap();
    assert_eq!(rows, 1);

    let reset = reset_prompt(c, &s, PromptFunction::Content).unwrap();
    assert!(!reset.is_custom);
    assert_eq!(
        reset.prompt_value,
        PromptFunction::Content.default_template()
    );
    assert!(
        !get_prompt(c, &s, PromptFunction::Content)
            .unwrap()
            .is_custom
    );
    // Idempotent.
    let again = reset_prompt(c, &s, PromptFunction::Content).unwrap();
    assert!(!again.is_custom);
    let rows: i64 = ai_prompt_overrides::table.count().get_result(c).unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn a_bad_template_names_every_problem_and_stores_nothing() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let e = save_prompt(
        c,
        &a.scope(),
        PromptFunction::Content,
        "Write about {topic} using {outline}",
        Utc::now(),
    )
    .unwrap_err();
    let f = validation(e);
    assert_eq!(f.keys().collect::<Vec<_>>(), ["prompt_value"]);
    let msgs = &f["prompt_value"];
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("unknown variable {topic}")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("must use {title}")),
        "{msgs:?}"
    );
    let f = validation(
        save_prompt(c, &a.scope(), PromptFunction::Image, "  ", Utc::now()).unwrap_err(),
    );
    assert!(
        f["prompt_value"].iter().any(|m| m.contains("empty")),
        "{f:?}"
    );
    assert!(
        !get_prompt(c, &a.scope(), PromptFunction::Content)
            .unwrap()
            .is_custom
    );

    let f = validation(parse_prompt_type("prompt_type", "headline").unwrap_err());
    assert!(f["prompt_type"][0].contains("\"headline\""), "{f:?}");
    assert_eq!(
        parse_prompt_type("prompt_type", "image_prompts").unwrap(),
        PromptFunction::ImagePrompts
    );
}

#[test]
fn viewers_read_prompts_but_only_editors_change_them() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let viewer = member(c, &a, "vera", Role::Viewer);
    let editor = member(c, &a, "eddie", Role::Editor);
    assert_eq!(list_prompts(c, &viewer).unwrap().len(), 5);
    assert!(matches!(
        save_prompt(c, &viewer, PromptFunction::Content, CONTENT, Utc::now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    save_prompt(c, &editor, PromptFunction::Content, CONTENT, Utc::now()).unwrap();
    assert!(matches!(
        reset_prompt(c, &viewer, PromptFunction::Content),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(
        get_prompt(c, &viewer, PromptFunction::Content)
            .unwrap()
            .is_custom
    );
    reset_prompt(c, &editor, PromptFunction::Content).unwrap();
    assert!(
        !get_prompt(c, &viewer, PromptFunction::Content)
            .unwrap()
            .is_custom
    );
}

#[test]
fn another_tenant_never_sees_or_resets_the_overrides() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    save_prompt(c, &a.scope(), PromptFunction::Content, CONTENT, Utc::now()).unwrap();
    update_ai_settings(c, &a.scope(), &full_update(), SECRET, Utc::now()).unwrap();

    assert!(
        list_prompts(c, &b.scope())
            .unwrap()
            .iter()
            .all(|p| !p.is_custom)
    );
    let bs = get_ai_settings(c, &b.scope()).unwrap();
    assert!(!bs.has_api_key);
    assert_eq!(bs.provider, None);
    assert_eq!(bs.updated_at, None);
    let bo = account_overrides(c, &b.scope(), SECRET).unwrap();
    assert_eq!(bo, ai::AccountOverrides::default());

    // B's reset and B's save touch only B's rows.
    reset_prompt(c, &b.scope(), PromptFunction::Content).unwrap();
    save_prompt(
        c,
        &b.scope(),
        PromptFunction::Content,
        "B {title} {outline}",
        Utc::now(),
    )
    .unwrap();
    update_ai_settings(
        c,
        &b.scope(),
        &AiSettingsUpdate::default(),
        SECRET,
        Utc::now(),
    )
    .unwrap();
    let ap = get_prompt(c, &a.scope(), PromptFunction::Content).unwrap();
    assert_eq!(ap.prompt_value, CONTENT);
    let ao = account_overrides(c, &a.scope(), SECRET).unwrap();
    assert_eq!(ao.api_key.as_deref(), Some(KEY));
    assert_eq!(ao.prompts[&PromptFunction::Content], CONTENT);
}

#[test]
fn account_overrides_carry_the_decrypted_key_settings_and_prompts() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    assert_eq!(
        account_overrides(c, &s, SECRET).unwrap(),
        ai::AccountOverrides::default(),
        "no rows: the platform's settings"
    );
    // Prompts alone, with no settings row.
    save_prompt(
        c,
        &s,
        PromptFunction::Image,
        "A photo: {prompt}",
        Utc::now(),
    )
    .unwrap();
    let o = account_overrides(c, &s, SECRET).unwrap();
    assert_eq!(o.prompts.len(), 1);
    assert_eq!(o.prompts[&PromptFunction::Image], "A photo: {prompt}");
    assert_eq!(o.api_key, None);

    save_prompt(c, &s, PromptFunction::Content, CONTENT, Utc::now()).unwrap();
    update_ai_settings(c, &s, &full_update(), SECRET, Utc::now()).unwrap();
    let o = account_overrides(c, &s, SECRET).unwrap();
    assert_eq!(o.provider, Some(ProviderKind::OpenAi));
    assert_eq!(o.base_url.as_deref(), Some("https://openrouter.ai/api/v1"));
    assert_eq!(o.api_key.as_deref(), Some(KEY));
    assert_eq!(o.text_model.as_deref(), Some("openai/gpt-4o-mini"));
    assert_eq!(o.image_model.as_deref(), Some("offline"));
    assert_eq!(o.n_in_article_images, Some(3));
    assert_eq!(
        o.image_size,
        Some(ImageSize {
            width: 1792,
            height: 1024
        })
    );
    assert_eq!(o.image_format, Some(ImageFormat::Png));
    assert_eq!(o.prompts.len(), 2);
    assert_eq!(o.prompts[&PromptFunction::Content], CONTENT);
    // The jobs can merge them: the overrides are valid for the platform settings.
    let merged = ai::Settings::default().merged(&o).unwrap();
    assert_eq!(merged.prompts.template(PromptFunction::Content), CONTENT);
    assert_eq!(merged.n_in_article_images, 3);
}

#[test]
fn the_key_is_stored_encrypted_and_never_served() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    let view = update_ai_settings(c, &s, &full_update(), SECRET, Utc::now()).unwrap();
    assert!(view.has_api_key);
    assert_eq!(view.api_key_last4.as_deref(), Some("WXYZ"));
    let json = serde_json::to_string(&get_ai_settings(c, &s).unwrap()).unwrap();
    assert!(!json.contains(KEY), "{json}");
    assert!(!json.contains("sk-test"), "{json}");
    assert!(json.contains("\"has_api_key\":true"), "{json}");

    let (enc, last4) = stored_key(c, a.account_id);
    let enc = enc.unwrap();
    assert!(!enc.contains(KEY) && !enc.contains("sk-test"), "{enc}");
    assert_eq!(last4.as_deref(), Some("WXYZ"));
    let derived = ai::secrets::derive_key(std::str::from_utf8(SECRET).unwrap());
    assert_eq!(ai::secrets::decrypt(&derived, &enc).unwrap(), KEY);
}

#[test]
fn a_rotated_secret_key_is_a_clear_error() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    update_ai_settings(c, &s, &full_update(), SECRET, Utc::now()).unwrap();
    let e = account_overrides(c, &s, b"another-secret-key-after-rotation-000000").unwrap_err();
    assert!(
        matches!(
            e,
            Error::ApiKeyUnreadable(ai::secrets::SecretError::Decrypt)
        ),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(msg.contains("cannot be decrypted"), "{msg}");
    assert!(msg.contains("IGNY8_SECRET_KEY"), "{msg}");
    assert!(msg.contains("enter the key again"), "{msg}");
    assert!(!msg.contains(KEY), "{msg}");
    // Entering the key again under the new secret fixes it.
    let new_secret = b"another-secret-key-after-rotation-000000";
    let fix = AiSettingsUpdate {
        api_key: Some("sk-rotated-key-000011112222".into()),
        ..full_update()
    };
    update_ai_settings(c, &s, &fix, new_secret, Utc::now()).unwrap();
    assert_eq!(
        account_overrides(c, &s, new_secret)
            .unwrap()
            .api_key
            .as_deref(),
        Some("sk-rotated-key-000011112222")
    );
}

#[test]
fn api_key_absent_keeps_empty_clears_and_other_fields_are_replaced() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let s = a.scope();
    update_ai_settings(c, &s, &full_update(), SECRET, Utc::now()).unwrap();
    // Absent key: kept; absent other fields: back to the platform's.
    let v = update_ai_settings(
        c,
        &s,
        &AiSettingsUpdate {
            text_model: Some("gpt-4o".into()),
            ..AiSettingsUpdate::default()
        },
        SECRET,
        Utc::now(),
    )
    .unwrap();
    assert!(v.has_api_key);
    assert_eq!(v.api_key_last4.as_deref(), Some("WXYZ"));
    assert_eq!(v.text_model.as_deref(), Some("gpt-4o"));
    assert_eq!(
        (v.provider, v.base_url, v.image_size, v.image_format),
        (None, None, None, None)
    );
    let o = account_overrides(c, &s, SECRET).unwrap();
    assert_eq!(o.api_key.as_deref(), Some(KEY));
    assert_eq!(o.base_url, None);

    // A short key is stored without last four characters.
    let v = update_ai_settings(
        c,
        &s,
        &AiSettingsUpdate {
            api_key: Some("short-key".into()),
            ..AiSettingsUpdate::default()
        },
        SECRET,
        Utc::now(),
    )
    .unwrap();
    assert!(v.has_api_key);
    assert_eq!(v.api_key_last4, None);
    assert_eq!(
        account_overrides(c, &s, SECRET).unwrap().api_key.as_deref(),
        Some("short-key")
    );

    // Empty key: removed.
    let v = update_ai_settings(
        c,
        &s,
        &AiSettingsUpdate {
            api_key: Some(String::new()),
            ..AiSettingsUpdate::default()
        },
        SECRET,
        Utc::now(),
    )
    .unwrap();
    assert!(!v.has_api_key);
    assert_eq!(v.api_key_last4, None);
    assert_eq!(stored_key(c, a.account_id), (None, None));
    assert_eq!(account_overrides(c, &s, SECRET).unwrap().api_key, None);
}

#[test]
fn invalid_settings_are_rejected_field_by_field() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let bad = AiSettingsUpdate {
        provider: Some("claude".into()),
        base_url: Some("ftp://example.com".into()),
        api_key: Some(" sk-with-spaces ".into()),
        text_model: Some("gpt 4o".into()),
        image_model: Some("x".repeat(201)),
        n_in_article_images: Some(9),
        image_size: Some("10x10".into()),
        image_format: Some("gif".into()),
    };
    let f = validation(update_ai_settings(c, &a.scope(), &bad, SECRET, Utc::now()).unwrap_err());
    assert_eq!(
        f.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "api_key",
            "base_url",
            "image_format",
            "image_model",
            "image_size",
            "n_in_article_images",
            "provider",
            "text_model"
        ]
    );
    assert!(f["provider"][0].contains("\"claude\""), "{f:?}");
    assert!(f["image_size"][0].contains("outside"), "{f:?}");
    for url in [
        "not a url",
        "https://",
        "http://:8080/v1",
        "https://user:pw@example.com/v1",
        "https://example.com/v1?x=1",
    ] {
        let u = AiSettingsUpdate {
            base_url: Some(url.into()),
            ..AiSettingsUpdate::default()
        };
        let f = validation(update_ai_settings(c, &a.scope(), &u, SECRET, Utc::now()).unwrap_err());
        assert!(f.contains_key("base_url"), "{url}: {f:?}");
    }
    let u = AiSettingsUpdate {
        n_in_article_images: Some(-1),
        ..AiSettingsUpdate::default()
    };
    let f = validation(update_ai_settings(c, &a.scope(), &u, SECRET, Utc::now()).unwrap_err());
    assert!(f.contains_key("n_in_article_images"));
    // Nothing was stored by the failed updates.
    assert_eq!(get_ai_settings(c, &a.scope()).unwrap().updated_at, None);
    // Local endpoints over plain http are fine.
    let ok = AiSettingsUpdate {
        base_url: Some("http://localhost:11434/v1".into()),
        n_in_article_images: Some(0),
        ..AiSettingsUpdate::default()
    };
    let v = update_ai_settings(c, &a.scope(), &ok, SECRET, Utc::now()).unwrap();
    assert_eq!(v.base_url.as_deref(), Some("http://localhost:11434/v1"));
    assert_eq!(v.n_in_article_images, Some(0));
}

#[test]
fn only_admins_change_ai_settings_but_every_member_reads_them() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let viewer = member(c, &a, "vera", Role::Viewer);
    let editor = member(c, &a, "eddie", Role::Editor);
    // The plan allows three users: the owner acts with the admin role.
    let admin = Scope::for_tests(a.account_id, Some(a.owner_id), Role::Admin);
    for s in [&viewer, &editor] {
        assert!(matches!(
            update_ai_settings(c, s, &full_update(), SECRET, Utc::now()),
            Err(Error::Tenancy(tenancy::Error::PermissionDenied))
        ));
    }
    assert!(!get_ai_settings(c, &viewer).unwrap().has_api_key);
    update_ai_settings(c, &admin, &full_update(), SECRET, Utc::now()).unwrap();
    let v = get_ai_settings(c, &viewer).unwrap();
    assert!(v.has_api_key);
    assert_eq!(v.image_size.as_deref(), Some("1792x1024"));
    assert_eq!(v.provider.as_deref(), Some("openai"));
}
