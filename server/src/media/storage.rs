//! Where the library's files live: [`MediaStorage`], and [`LocalStorage`], the embedded default
//! (a folder on this machine; an S3-compatible backend can follow behind the same trait).
//!
//! Files are named by their content: `ab/cd/<sha-256 hex>.<ext>`, so one content is stored
//! once and a name never changes meaning (the public server caches it for a year). Each file
//! is written in full to a temporary file on the same filesystem, flushed to disk, then renamed
//! into place: a crash leaves a whole file or a temporary one (the sweep removes those), never a
//! half file under a real name.

use async_trait::async_trait;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// The extensions a stored name may end with (one per accepted content type).
pub const EXTENSIONS: [&str; 10] = [
    "jpg", "png", "gif", "webp", "mp4", "webm", "mp3", "m4a", "pdf", "vtt",
];

/// The name of a stored file: `ab/cd/<64 hex digits>.<ext>`, checked, so it can never reach
/// outside the storage folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StoredName(String);

impl StoredName {
    /// The name of content whose SHA-256 is `hash` (64 lowercase hex digits).
    pub fn of(hash: &str, ext: &str) -> Option<StoredName> {
        Self::parse(&format!(
            "{}/{}/{hash}.{ext}",
            hash.get(..2)?,
            hash.get(2..4)?
        ))
    }

    /// `text` if it is exactly a stored name (no `..`, no other characters, the shard folders
    /// equal to the hash's first digits).
    pub fn parse(text: &str) -> Option<StoredName> {
        let mut parts = text.split('/');
        let (a, b, file) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let (hash, ext) = file.split_once('.')?;
        let hex = |s: &str| {
            s.bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        };
        let ok = hash.len() == 64
            && hex(hash)
            && a == &hash[..2]
            && b == &hash[2..4]
            && EXTENSIONS.contains(&ext);
        ok.then(|| StoredName(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SHA-256 of the content, in hex.
    pub fn hash(&self) -> &str {
        let file = self.0.rsplit('/').next().unwrap_or("");
        file.split('.').next().unwrap_or("")
    }

    pub fn extension(&self) -> &str {
        self.0.rsplit('.').next().unwrap_or("")
    }
}

impl std::fmt::Display for StoredName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A temporary file being written. Removed when dropped unless [`MediaStorage::put`] took it,
/// so every early return (a refused upload, a client gone mid-upload) leaves nothing behind.
pub struct TempFile {
    pub path: PathBuf,
    pub writer: Pin<Box<dyn AsyncWrite + Send>>,
    kept: bool,
}

impl TempFile {
    pub fn new(path: PathBuf, writer: Pin<Box<dyn AsyncWrite + Send>>) -> Self {
        Self {
            path,
            writer,
            kept: false,
        }
    }

    pub async fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.write_all(bytes).await
    }

    pub async fn flush(&mut self) -> io::Result<()> {
        self.writer.flush().await
    }

    /// Marks the file as moved away: dropping it no longer removes anything.
    pub fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A stored file found by [`MediaStorage::list`].
#[derive(Debug, Clone)]
pub struct Listed {
    pub name: StoredName,
    pub modified: SystemTime,
}

/// A temporary file found by [`MediaStorage::list_temps`].
#[derive(Debug, Clone)]
pub struct ListedTemp {
    pub path: PathBuf,
    pub modified: SystemTime,
}

/// The storage of the library's files.
#[async_trait]
pub trait MediaStorage: Send + Sync {
    /// A new, empty temporary file on the same filesystem as the stored files.
    async fn create_temp(&self) -> io::Result<TempFile>;
    /// Stores the finished `temp` under `name`: flushed to disk, then renamed into place. When
    /// `name` exists already (the same content) the temporary file is removed instead.
    async fn put(&self, temp: TempFile, name: &StoredName) -> io::Result<()>;
    /// The file `name` for reading, with its length; `None` when there is none.
    async fn open(&self, name: &StoredName) -> io::Result<Option<(tokio::fs::File, u64)>>;
    /// Removes `name` (nothing when it is already gone).
    async fn delete(&self, name: &StoredName) -> io::Result<()>;
    /// Every stored file.
    async fn list(&self) -> io::Result<Vec<Listed>>;
    /// Every temporary file.
    async fn list_temps(&self) -> io::Result<Vec<ListedTemp>>;
    /// Removes a temporary file the sweep found.
    async fn delete_temp(&self, path: &Path) -> io::Result<()>;
}

/// The files under one folder: `files/ab/cd/<hash>.<ext>` and `tmp/<n>.part`.
pub struct LocalStorage {
    root: PathBuf,
    /// Held so that a storage in a temporary folder removes it when the server stops.
    _owned: Option<tempfile::TempDir>,
}

static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

impl LocalStorage {
    /// The storage in `root` (created when first written).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            _owned: None,
        }
    }

    /// A storage in a new temporary folder, removed with the storage (tests, a server started
    /// without a media folder).
    pub fn temporary() -> io::Result<Self> {
        let dir = tempfile::Builder::new().prefix("portal-media-").tempdir()?;
        Ok(Self {
            root: dir.path().to_path_buf(),
            _owned: Some(dir),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn files(&self) -> PathBuf {
        self.root.join("files")
    }

    fn temps(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Where `name` is on disk.
    pub fn path_of(&self, name: &StoredName) -> PathBuf {
        self.files().join(name.as_str())
    }
}

/// Flushes a folder's entry list to disk, so a rename in it survives a power cut.
async fn sync_dir(dir: &Path) {
    if let Ok(d) = tokio::fs::File::open(dir).await {
        let _ = d.sync_all().await;
    }
}

#[async_trait]
impl MediaStorage for LocalStorage {
    async fn create_temp(&self) -> io::Result<TempFile> {
        let dir = self.temps();
        tokio::fs::create_dir_all(&dir).await?;
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{}-{nanos}-{n}.part", std::process::id()));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok(TempFile::new(path, Box::pin(file)))
    }

    async fn put(&self, mut temp: TempFile, name: &StoredName) -> io::Result<()> {
        temp.writer.flush().await?;
        temp.writer.shutdown().await?;
        tokio::fs::File::open(&temp.path).await?.sync_all().await?;
        let target = self.path_of(name);
        if tokio::fs::try_exists(&target).await? {
            // Same name, same content: stored once.
            return Ok(());
        }
        let parent = target
            .parent()
            .ok_or_else(|| io::Error::other("a stored name has a folder"))?;
        tokio::fs::create_dir_all(parent).await?;
        tokio::fs::rename(&temp.path, &target).await?;
        temp.keep();
        sync_dir(parent).await;
        Ok(())
    }

    async fn open(&self, name: &StoredName) -> io::Result<Option<(tokio::fs::File, u64)>> {
        match tokio::fs::File::open(self.path_of(name)).await {
            Ok(f) => {
                let len = f.metadata().await?.len();
                Ok(Some((f, len)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn delete(&self, name: &StoredName) -> io::Result<()> {
        match tokio::fs::remove_file(self.path_of(name)).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    async fn list(&self) -> io::Result<Vec<Listed>> {
        let files = self.files();
        let mut out = Vec::new();
        for a in read_dir(&files).await? {
            for b in read_dir(&a).await? {
                for file in read_dir(&b).await? {
                    let Some(name) = file
                        .strip_prefix(&files)
                        .ok()
                        .and_then(|p| p.to_str())
                        .and_then(StoredName::parse)
                    else {
                        continue;
                    };
                    let modified = tokio::fs::metadata(&file).await?.modified()?;
                    out.push(Listed { name, modified });
                }
            }
        }
        Ok(out)
    }

    async fn list_temps(&self) -> io::Result<Vec<ListedTemp>> {
        let mut out = Vec::new();
        for path in read_dir(&self.temps()).await? {
            let modified = tokio::fs::metadata(&path).await?.modified()?;
            out.push(ListedTemp { path, modified });
        }
        Ok(out)
    }

    async fn delete_temp(&self, path: &Path) -> io::Result<()> {
        if path.parent() != Some(self.temps().as_path()) {
            return Err(io::Error::other("not a temporary file of this storage"));
        }
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The entries of `dir` (none when it does not exist).
async fn read_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(entry) = entries.next_entry().await? {
        out.push(entry.path());
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn names_are_checked() {
        let name = StoredName::of(HASH, "jpg").unwrap();
        assert_eq!(name.as_str(), format!("01/23/{HASH}.jpg"));
        assert_eq!(name.hash(), HASH);
        assert_eq!(name.extension(), "jpg");
        for bad in [
            format!("../23/{HASH}.jpg"),
            format!("01/23/{HASH}.html"),
            format!("01/24/{HASH}.jpg"),
            format!("01/23/{}.jpg", &HASH[..63]),
            format!("01/23/{}.jpg", HASH.to_uppercase()),
            format!("01/23/{HASH}.jpg/x"),
            format!("01/23/../{HASH}.jpg"),
            format!("01/23/{HASH}.jpg.exe"),
            "01/23/..".to_string(),
            String::new(),
        ] {
            assert!(StoredName::parse(&bad).is_none(), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_temp_file_is_removed_unless_stored() {
        let storage = LocalStorage::temporary().unwrap();
        let mut t = storage.create_temp().await.unwrap();
        t.write_all(b"abc").await.unwrap();
        let path = t.path.clone();
        assert!(path.exists());
        drop(t);
        assert!(!path.exists());

        let name = StoredName::of(HASH, "pdf").unwrap();
        for _ in 0..2 {
            let mut t = storage.create_temp().await.unwrap();
            t.write_all(b"%PDF").await.unwrap();
            storage.put(t, &name).await.unwrap();
        }
        let listed = storage.list().await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, name);
        assert!(storage.list_temps().await.unwrap().is_empty());
        let (_, len) = storage.open(&name).await.unwrap().unwrap();
        assert_eq!(len, 4);
        storage.delete(&name).await.unwrap();
        storage.delete(&name).await.unwrap();
        assert!(storage.open(&name).await.unwrap().is_none());
    }
}
