//! The worker resolves the secret that decrypts accounts' AI keys exactly like the API does:
//! `IGNY8_SECRET_KEY` when set, otherwise the development secret in `<IGNY8_DATA_DIR>/secret_key`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use automation::ai_functions::AiRuntime;
use std::collections::HashMap;

fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("igny8-ai-runtime-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn secret_comes_from_the_environment_first() {
    let dir = temp_dir("env");
    std::fs::write(
        dir.join("secret_key"),
        "file-secret-file-secret-file-secret-0001",
    )
    .unwrap();
    let rt = AiRuntime::from_lookup(lookup(&[
        ("IGNY8_DATA_DIR", dir.to_str().unwrap()),
        (
            "IGNY8_SECRET_KEY",
            "  env-secret-env-secret-env-secret-env-0001 ",
        ),
    ]))
    .unwrap();
    assert_eq!(rt.secret_key, b"env-secret-env-secret-env-secret-env-0001");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn without_the_variable_the_api_development_secret_file_is_used() {
    let dir = temp_dir("file");
    // the API writes the generated development secret as one hex line
    std::fs::write(
        dir.join("secret_key"),
        "0123456789abcdef0123456789abcdef0123456789abcdef\n",
    )
    .unwrap();
    let rt = AiRuntime::from_lookup(lookup(&[("IGNY8_DATA_DIR", dir.to_str().unwrap())])).unwrap();
    assert_eq!(
        rt.secret_key,
        b"0123456789abcdef0123456789abcdef0123456789abcdef"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn with_no_secret_yet_the_worker_creates_the_one_the_api_will_read() {
    let dir = temp_dir("none");
    let rt = AiRuntime::from_lookup(lookup(&[("IGNY8_DATA_DIR", dir.to_str().unwrap())])).unwrap();
    assert!(!rt.secret_key.is_empty());
    let on_disk = std::fs::read_to_string(dir.join("secret_key")).unwrap();
    assert_eq!(rt.secret_key, on_disk.trim().as_bytes());
    assert_eq!(
        automation::dev_secret::development_secret(&dir, "secret_key")
            .unwrap()
            .as_bytes(),
        rt.secret_key.as_slice(),
        "the API's lookup finds the same value"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn invalid_ai_settings_are_refused() {
    let r = AiRuntime::from_lookup(lookup(&[("IGNY8_AI_PROVIDER", "skynet")]));
    assert!(r.is_err());
}
