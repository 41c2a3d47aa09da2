//! Where image bytes live: a small trait and its local-directory implementation.
//!
//! Files are content-addressed: the name is the SHA-256 of the bytes (hex) plus the format's
//! extension, so the same bytes uploaded twice are stored once and a name never changes meaning.
//! A write goes to a temporary file in the same directory and is renamed into place, so a
//! reader never sees half a file. Because a file may be shared by several image rows (of any
//! tenant), deleting an image row leaves its file; access always goes through a row the caller
//! may see.

use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The result of storing bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The content-addressed key (`<sha256>.<ext>`).
    pub key: String,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// False when identical bytes were already stored.
    pub created: bool,
}

/// A store of immutable, content-addressed files.
pub trait MediaStore: Send + Sync + std::fmt::Debug {
    /// Stores bytes under `<sha256>.<extension>`; storing the same bytes again is a no-op.
    fn put(&self, bytes: &[u8], extension: &str) -> Result<StoredFile>;
    /// Reads a stored file; `NotFound` when it is missing.
    fn get(&self, key: &str) -> Result<Vec<u8>>;
    /// Removes a stored file (missing is fine).
    fn remove(&self, key: &str) -> Result<()>;
}

/// SHA-256 of bytes as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// True for a well-formed key: 64 hex digits, a dot, a known extension. Guards every path
/// built from a key, so a key can never name a file outside the store.
pub fn valid_key(key: &str) -> bool {
    match key.split_once('.') {
        Some((hash, ext)) => {
            hash.len() == 64
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                && valid_extension(ext)
        }
        None => false,
    }
}

fn valid_extension(ext: &str) -> bool {
    matches!(ext, "png" | "jpg" | "webp")
}

/// Files in a local directory (`IGNY8_MEDIA_DIR`, default `.data/media/`), created on first write.
#[derive(Debug, Clone)]
pub struct LocalMediaStore {
    root: PathBuf,
}

impl LocalMediaStore {
    /// A store rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The directory files are kept in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> Result<PathBuf> {
        if valid_key(key) {
            Ok(self.root.join(key))
        } else {
            Err(Error::Storage(format!("malformed media key {key:?}")))
        }
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::Storage(format!("{what} {}: {e}", path.display()))
}

impl MediaStore for LocalMediaStore {
    fn put(&self, bytes: &[u8], extension: &str) -> Result<StoredFile> {
        if !valid_extension(extension) {
            return Err(Error::Storage(format!(
                "unknown media extension {extension:?}"
            )));
        }
        let sha256 = sha256_hex(bytes);
        let key = format!("{sha256}.{extension}");
        let path = self.path(&key)?;
        if path.is_file() {
            return Ok(StoredFile {
                key,
                sha256,
                created: false,
            });
        }
        std::fs::create_dir_all(&self.root).map_err(|e| io("create", &self.root, e))?;
        let tmp = self
            .root
            .join(format!(".tmp-{}", uuid::Uuid::new_v4().simple()));
        let written = (|| {
            let mut f = std::fs::File::create_new(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(io("write", &path, e));
        }
        Ok(StoredFile {
            key,
            sha256,
            created: true,
        })
    }

    fn get(&self, key: &str) -> Result<Vec<u8>> {
        let path = self.path(key)?;
        match std::fs::read(&path) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tracing::warn!(key, "an image row points at a missing media file");
                Err(Error::NotFound)
            }
            Err(e) => Err(io("read", &path, e)),
        }
    }

    fn remove(&self, key: &str) -> Result<()> {
        let path = self.path(key)?;
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io("remove", &path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn keys_are_checked() {
        let h = "a".repeat(64);
        assert!(valid_key(&format!("{h}.png")));
        assert!(valid_key(&format!("{h}.jpg")));
        assert!(!valid_key(&format!("{h}.exe")));
        assert!(!valid_key(&format!("{}.png", "A".repeat(64))));
        assert!(!valid_key("../../etc/passwd"));
        assert!(!valid_key(&format!("../{}.png", "a".repeat(61))));
        assert!(!valid_key(&h));
    }

    #[test]
    fn put_is_content_addressed_and_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalMediaStore::new(dir.path().join("media"));
        let a = store.put(b"hello", "png").unwrap();
        assert_eq!(
            a.sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(a.key, format!("{}.png", a.sha256));
        assert!(a.created);
        let again = store.put(b"hello", "png").unwrap();
        assert!(!again.created);
        assert_eq!(again.key, a.key);
        assert_eq!(store.get(&a.key).unwrap(), b"hello");
        // only the file itself: no temporary left behind
        let names: Vec<_> = std::fs::read_dir(store.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec![a.key.clone()]);
        store.remove(&a.key).unwrap();
        assert!(matches!(store.get(&a.key), Err(Error::NotFound)));
        store.remove(&a.key).unwrap();
    }

    #[test]
    fn refuses_bad_keys_and_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalMediaStore::new(dir.path());
        assert!(matches!(store.put(b"x", "exe"), Err(Error::Storage(_))));
        assert!(matches!(store.get("../secret.png"), Err(Error::Storage(_))));
    }
}
