//! The release bundle compressed ahead of time: beside every content-hashed file of `dist/`
//! (wasm, JS, CSS) a `<file>.br` (brotli, quality 11, the smallest it makes) and a
//! `<file>.gz` (gzip made by zopfli, some 5 % smaller than `gzip -9` and read by every
//! browser's gzip). The reference server sends them as they are to a browser that accepts them
//! (`server/src/http/spa.rs`); on the fly it would compress with brotli quality 4 and gzip level 6,
//! which cost more bytes on a slow link and CPU on every request.
//!
//! Both are slow (about 30 s of CPU for the whole bundle, 15 s on two threads), so each result
//! is kept in `target/precompressed/` under the SHA-256 of what it compresses, and a file that
//! did not change between builds is compressed once. A variant that would not be smaller than the file
//! is not written: the server then sends the file.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The two encodings, as file suffixes.
pub const BROTLI: &str = "br";
pub const GZIP: &str = "gz";

/// Which files of `dist/` are compressed: the bundle's text and wasm. `index.html` is left to
/// the server (under 2 KB, and revalidated on each load).
fn compressible(name: &str) -> bool {
    [".wasm", ".js", ".css"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Writes `.br` and `.gz` beside every compressible file of `dist` (and its `snippets/`),
/// using `cache` for results made before, as many files at a time as there are cores.
pub fn precompress(dist: &Path, cache: &Path) -> Result<(), String> {
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    crate::proc::for_each_parallel(&files, |file| {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let digest = format!("{:x}", Sha256::digest(&bytes));
        for encoding in [BROTLI, GZIP] {
            write_variant(file, &bytes, &digest, encoding, cache)?;
        }
        Ok(())
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(compressible)
        {
            out.push(path);
        }
    }
    Ok(())
}

/// `<file>.<encoding>`.
fn variant_path(file: &Path, encoding: &str) -> PathBuf {
    let mut path = file.as_os_str().to_owned();
    path.push(format!(".{encoding}"));
    PathBuf::from(path)
}

/// `file`'s `bytes` (SHA-256 `digest`) as `<file>.<encoding>`, from the cache or compressed
/// now; none when not smaller.
fn write_variant(
    file: &Path,
    bytes: &[u8],
    digest: &str,
    encoding: &str,
    cache: &Path,
) -> Result<(), String> {
    let key = format!("{digest}.{encoding}");
    let cached = cache.join(&key);
    let packed = match std::fs::read(&cached) {
        Ok(packed) => packed,
        Err(_) => {
            let packed = compress(bytes, encoding)?;
            // Written whole under another name first: a build stopped half-way leaves no
            // truncated entry behind.
            let partial = cache.join(format!("{key}.partial"));
            std::fs::write(&partial, &packed).map_err(|e| format!("{}: {e}", partial.display()))?;
            std::fs::rename(&partial, &cached).map_err(|e| format!("{}: {e}", cached.display()))?;
            packed
        }
    };
    let target = variant_path(file, encoding);
    if packed.len() < bytes.len() {
        std::fs::write(&target, packed).map_err(|e| format!("{}: {e}", target.display()))
    } else {
        // A stale variant of an earlier build would be sent in place of this file.
        match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("{}: {e}", target.display()))
            }
            _ => Ok(()),
        }
    }
}

/// `bytes` compressed with `encoding` ([`BROTLI`] or [`GZIP`]).
pub fn compress(bytes: &[u8], encoding: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match encoding {
        BROTLI => {
            // Quality 11 with a 16 MiB window: the largest file is a few hundred KB.
            let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
            w.write_all(bytes).map_err(|e| format!("brotli: {e}"))?;
            w.flush().map_err(|e| format!("brotli: {e}"))?;
        }
        // Five iterations instead of zopfli's fifteen: about a third of the time, for 0.04 %
        // more bytes over the whole bundle (1,105,119 B instead of 1,104,717 B).
        GZIP => zopfli::compress(
            zopfli::Options {
                iteration_count: std::num::NonZeroU64::new(5).expect("not zero"),
                ..zopfli::Options::default()
            },
            zopfli::Format::Gzip,
            bytes,
            &mut out,
        )
        .map_err(|e| format!("zopfli: {e}"))?,
        other => return Err(format!("no such encoding: {other}")),
    }
    Ok(out)
}

/// The size of `file`'s `.encoding` variant, or of the file itself when it has none (none is
/// written when the encoding does not make the file smaller).
pub fn served_size(file: &Path, encoding: &str) -> u64 {
    std::fs::metadata(variant_path(file, encoding))
        .or_else(|_| std::fs::metadata(file))
        .map(|m| m.len())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn sample() -> Vec<u8> {
        "Bảo hiểm xã hội tỉnh — Ban Biên tập; "
            .repeat(400)
            .into_bytes()
    }

    #[test]
    fn both_encodings_decode_to_the_input() {
        let input = sample();
        let br = compress(&input, BROTLI).unwrap();
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, input);
        assert!(
            br.len() * 10 < input.len(),
            "{} of {}",
            br.len(),
            input.len()
        );

        let gz = compress(&input, GZIP).unwrap();
        assert_eq!(&gz[..2], b"\x1f\x8b", "a gzip member");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, input);
        assert!(compress(&input, "zstd").is_err());
    }

    #[test]
    fn writes_variants_beside_the_bundle_and_reuses_the_cache() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (dist, cache) = (dir.join("dist"), dir.join("cache"));
        std::fs::create_dir_all(dist.join("snippets/x")).unwrap();
        let wasm = dist.join("split_stats-0123456789abcdef.wasm");
        std::fs::write(&wasm, sample()).unwrap();
        std::fs::write(dist.join("snippets/x/inline0.js"), sample()).unwrap();
        std::fs::write(dist.join("index.html"), sample()).unwrap();
        // Too small to gain anything: no variant, and a stale one from before goes.
        let tiny = dist.join("app-0123456789abcdef.js");
        std::fs::write(&tiny, b"1").unwrap();
        std::fs::write(dist.join("app-0123456789abcdef.js.br"), b"stale").unwrap();

        precompress(&dist, &cache).unwrap();
        for f in [&wasm, &dist.join("snippets/x/inline0.js")] {
            for enc in [BROTLI, GZIP] {
                let size = served_size(f, enc);
                assert!(size > 0 && size < sample().len() as u64 / 10, "{f:?} {enc}");
            }
        }
        assert!(!dist.join("index.html.br").exists());
        assert!(!dist.join("app-0123456789abcdef.js.br").exists());
        assert!(!dist.join("app-0123456789abcdef.js.gz").exists());
        assert_eq!(served_size(&tiny, BROTLI), 1, "the file itself is sent");

        // A second build of the same bytes takes the cached result: a planted marker in the
        // cache entry is what lands beside the file.
        let key = format!("{:x}.br", Sha256::digest(sample()));
        std::fs::write(cache.join(&key), b"from the cache").unwrap();
        precompress(&dist, &cache).unwrap();
        let br = std::fs::read(dist.join("split_stats-0123456789abcdef.wasm.br")).unwrap();
        assert_eq!(br, b"from the cache");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
