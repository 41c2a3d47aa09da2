//! Development secrets: when `IGNY8_JWT_SECRET` / `IGNY8_SECRET_KEY` are unset, the API and the
//! worker share one generated value kept in the data directory. Both binaries call this one
//! function, so they can never disagree on the key that encrypts accounts' AI keys.

use std::io::Write;
use std::path::Path;

/// The secret in `<data_dir>/<file>`, generated (32 random bytes, hex) when missing or too
/// short. Creation is exclusive: when two processes start at once, the loser reads the winner's
/// value instead of writing its own.
pub fn development_secret(data_dir: &Path, file: &str) -> std::io::Result<String> {
    let path = data_dir.join(file);
    if let Ok(v) = std::fs::read_to_string(&path)
        && v.trim().len() >= 32
    {
        return Ok(v.trim().to_owned());
    }
    std::fs::create_dir_all(data_dir)?;
    let mut raw = [0u8; 32];
    rand::fill(&mut raw);
    let fresh = hex::encode(raw);
    // Write to a private temp file, then link it into place only if nothing is there yet.
    let tmp = data_dir.join(format!(".{file}.{}.{}", std::process::id(), &fresh[..16]));
    std::fs::File::create(&tmp)?.write_all(fresh.as_bytes())?;
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(fresh),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let v = std::fs::read_to_string(&path)?;
            if v.trim().len() >= 32 {
                Ok(v.trim().to_owned())
            } else {
                // a short or empty file left by hand: replace it
                std::fs::write(&path, &fresh)?;
                Ok(fresh)
            }
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::development_secret;

    #[test]
    fn generated_once_and_shared() {
        let dir = std::env::temp_dir().join(format!("igny8-dev-secret-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let a = development_secret(&dir, "secret_key").unwrap();
        let b = development_secret(&dir, "secret_key").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 64);
        std::fs::write(dir.join("secret_key"), "short").unwrap();
        let c = development_secret(&dir, "secret_key").unwrap();
        assert_eq!(c.len(), 64, "a too-short secret is replaced");
        assert_ne!(c, a);
        // concurrent first starts agree on one value
        let dir2 = dir.join("race");
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let d = dir2.clone();
                std::thread::spawn(move || development_secret(&d, "k").unwrap())
            })
            .collect();
        let values: std::collections::BTreeSet<String> =
            handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(values.len(), 1, "{values:?}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
