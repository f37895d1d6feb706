//! The release build of the SPA, split into a main module and one chunk per lazily loaded page
//! (what cargo-leptos does with `--split`; we build with trunk, so xtask does it).
//!
//! 1. trunk builds as usual (CSS, `index.html`, its loader script, file hashes), but cargo gets
//!    `--cfg portal_split` (the pages of `src/lazy.rs` become split points) and
//!    `-Clink-args=--emit-relocs` (the splitter needs the relocations). Not `--release`: trunk
//!    would run wasm-opt on the unsplit module this step replaces.
//! 2. `wasm_split_cli_support::transform` cuts the module cargo made into the main module, the
//!    chunks (`split_<page>.wasm`, `chunk_<n>.wasm` for code several pages share) and the
//!    loader `__wasm_split.js` the main module imports to fetch them. The many small shared
//!    chunks are then merged into one (`merge_shared_chunks`, `merge.rs`).
//! 3. `wasm-bindgen --target web --keep-lld-exports` on the main module (the chunks import the
//!    lld exports), then `wasm-opt -Oz` on every wasm file.
//! 4. The files replace trunk's JS and wasm in `dist/` under content-hashed names, and
//!    `index.html` is rewritten to them (names, subresource integrity, a preload of the
//!    loader). trunk's stylesheets are joined into one (`css.rs`).
//! 5. Every file is compressed ahead of time beside itself, `.br` and `.gz` (`compress.rs`).

use crate::hash::{hex, integrity, short_hash};
use crate::proc::{root_dir, run};
use crate::tools;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The binary trunk builds (`data-bin` in `index.html`).
const BIN: &str = "portal-admin";
/// The cargo profile of the release build (Cargo.toml).
const PROFILE: &str = "wasm-release";
/// Where the main JS and the loader find each other before they get their hashed names.
const MAIN_JS: &str = "./portal-admin.js";
const LOADER_JS: &str = "./__wasm_split.js";

/// What the split build put in `dist/`, by file name.
#[derive(Debug)]
pub struct Bundle {
    /// wasm-bindgen's JS of the main module.
    pub main_js: String,
    /// The main module.
    pub main_wasm: String,
    /// The chunk loader the main JS imports.
    pub loader_js: String,
    /// Per split point (the chunk names of `lazy_pages!` in `src/lib.rs`: `dashboard`,
    /// `stats` …), the files it downloads.
    pub splits: BTreeMap<String, Vec<String>>,
    /// Every chunk file.
    pub chunks: Vec<String>,
}

/// The cargo target folder (`CARGO_TARGET_DIR` or `target/`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root_dir().join("target"))
}

/// The rustflags `.cargo/config.toml` gives the wasm32 target: RUSTFLAGS replaces them, so the
/// split build repeats them.
fn configured_wasm_rustflags() -> Result<Vec<String>, String> {
    let path = root_dir().join(".cargo/config.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(wasm_rustflags(&text))
}

/// The strings of `rustflags = [...]` under `[target.wasm32-unknown-unknown]` (one line).
fn wasm_rustflags(config: &str) -> Vec<String> {
    let mut in_table = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table = line == "[target.wasm32-unknown-unknown]";
        } else if in_table && line.starts_with("rustflags") {
            let list = line.split_once('=').map(|(_, v)| v).unwrap_or("");
            return list
                .split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
        }
    }
    Vec::new()
}

/// `RUSTFLAGS` of the split build's code: the configured ones and `--cfg portal_split`.
pub fn split_rustflags() -> Result<String, String> {
    let mut flags = configured_wasm_rustflags()?;
    flags.extend(["--cfg", "portal_split"].map(String::from));
    Ok(flags.join(" "))
}

/// Builds the SPA into `dist/`, split into chunks.
pub fn build_spa() -> Result<Bundle, String> {
    let path = tools::tool_path();
    // The splitter needs the linker's relocations.
    let rustflags = format!("{} -Clink-args=--emit-relocs", split_rustflags()?);
    run(
        "trunk",
        &["build", "--offline", "--cargo-profile", PROFILE],
        &[("PATH", &path), ("RUSTFLAGS", &rustflags)],
    )?;
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join(PROFILE)
        .join(format!("{BIN}.wasm"));
    split_into(&wasm, &root_dir().join("dist"), &path)
}

/// Steps 2 to 4 above, on the module cargo built, into trunk's `dist`. Steps 2 and 3 take
/// minutes; when the module and xtask itself are what they were the last time, their output
/// in the work folder is used again (a warm `cargo xtask test` after a change to the server
/// only).
fn split_into(wasm: &Path, dist: &Path, path: &str) -> Result<Bundle, String> {
    let work = target_dir().join("wasm-split");
    let input = read(wasm)?;
    let key = cache_key(&input)?;
    let built = match reuse(&work, &key) {
        Some(built) => {
            eprintln!("   the module did not change: its split of the last build is used again");
            built
        }
        None => split_afresh(wasm, &input, &work, &key, path)?,
    };
    let bundle = publish(&built, dist)?;
    crate::compress::precompress(dist, &target_dir().join("precompressed"))?;
    Ok(bundle)
}

/// What the split output depends on: the module, and the xtask binary that splits, merges and
/// optimizes it (its code, the pinned splitter, the thresholds).
fn cache_key(module: &[u8]) -> Result<String, String> {
    let exe = crate::proc::own_exe()?;
    let mut h = Sha256::new();
    h.update(read(&exe)?);
    h.update(module);
    Ok(hex(&h.finalize()))
}

/// The record of a finished split in the work folder, written after everything else in it.
const MANIFEST: &str = "split.json";

/// The last split's output, if it was made from the same `key` and is complete.
fn reuse(work: &Path, key: &str) -> Option<Built> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(work.join(MANIFEST)).ok()?).ok()?;
    if manifest["key"].as_str() != Some(key) {
        return None;
    }
    let chunks: Vec<String> = serde_json::from_value(manifest["chunks"].clone()).ok()?;
    let prefetch: Prefetch = serde_json::from_value(manifest["prefetch"].clone()).ok()?;
    let modules = chunks
        .iter()
        .map(|stem| work.join(format!("{stem}.wasm")))
        .collect::<Vec<_>>();
    built_from(work, &modules, prefetch).ok()
}

/// Steps 2 and 3 into an emptied `work`, then the manifest that lets [`reuse`] find them.
fn split_afresh(
    wasm: &Path,
    input: &[u8],
    work: &Path,
    key: &str,
    path: &str,
) -> Result<Built, String> {
    if work.exists() {
        std::fs::remove_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    let bindgen = work.join("bindgen");
    std::fs::create_dir_all(&bindgen).map_err(|e| format!("{}: {e}", bindgen.display()))?;

    let main_wasm = work.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(input);
        opts.output_dir = work;
        opts.main_out_path = &main_wasm;
        opts.main_module = MAIN_JS;
        opts.link_name = LOADER_JS;
        opts
    })
    .map_err(|e| format!("splitting {}: {e:#}", wasm.display()))?;
    if split.split_modules.is_empty() {
        return Err("the split found no split points (was --cfg portal_split set?)".into());
    }
    let prefetch: Prefetch = split.prefetch_map.into_iter().collect();
    let (split_modules, prefetch) = merge_shared_chunks(work, split.split_modules, prefetch)?;

    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
            "--out-name",
            BIN,
            "--out-dir",
            path_str(&bindgen)?,
            path_str(&main_wasm)?,
        ],
        &[("PATH", path)],
    )?;
    let mut wasm_files = vec![bindgen.join(format!("{BIN}_bg.wasm"))];
    wasm_files.extend(split_modules.iter().cloned());
    optimize(&wasm_files)?;

    let built = built_from(work, &split_modules, prefetch)?;
    let manifest = serde_json::json!({
        "key": key,
        "chunks": built.chunks.keys().collect::<Vec<_>>(),
        "prefetch": built.prefetch,
    });
    write(&work.join(MANIFEST), manifest.to_string().as_bytes())?;
    Ok(built)
}

/// The split output in `work` (the chunk files `modules`, which pages need which).
fn built_from(work: &Path, modules: &[PathBuf], prefetch: Prefetch) -> Result<Built, String> {
    let bindgen = work.join("bindgen");
    Ok(Built {
        main_js: read_text(&bindgen.join(format!("{BIN}.js")))?,
        main_wasm: read(&bindgen.join(format!("{BIN}_bg.wasm")))?,
        loader_js: read_text(&work.join(LOADER_JS))?,
        chunks: modules
            .iter()
            .map(|p| Ok((file_stem(p)?, read(p)?)))
            .collect::<Result<_, String>>()?,
        prefetch,
        snippets: Some(bindgen.join("snippets")).filter(|p| p.is_dir()),
    })
}

/// `wasm-opt -Oz` on each file in place, as many at a time as there are cores.
fn optimize(files: &[PathBuf]) -> Result<(), String> {
    let wasm_opt = tools::binaryen_bin().join("wasm-opt");
    crate::proc::for_each_parallel(files, |file| {
        let out = std::process::Command::new(&wasm_opt)
            .arg("-Oz")
            .arg(file)
            .arg("-o")
            .arg(file)
            .output()
            .map_err(|e| format!("cannot start {}: {e}", wasm_opt.display()))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "wasm-opt -Oz {} failed: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    })
}

/// Per split point (a chunk name of `lazy_pages!` in `src/lib.rs`), the stems of the files it
/// downloads.
type Prefetch = BTreeMap<String, Vec<String>>;

/// The file stem of the chunk that holds the code most pages share.
const COMMON: &str = "chunk_common";
/// A chunk shared by two pages stays a file of its own from this size (before wasm-opt) up;
/// smaller ones go into the common chunk rather than cost a request.
const OWN_FILE_FROM: u64 = 8 * 1024;

/// The splitter makes one chunk per set of pages that share code: hundreds of small files.
/// Code that three pages or more share (framework code for the app's types, mostly), and the
/// small chunks, are merged into one common chunk that the first page after login downloads;
/// code only two pages share, when it is big enough, stays a chunk of its own. Returns the
/// module files and, per split point, its files' stems.
fn merge_shared_chunks(
    work: &Path,
    modules: Vec<PathBuf>,
    prefetch: Prefetch,
) -> Result<(Vec<PathBuf>, Prefetch), String> {
    let mut sharers: BTreeMap<String, usize> = BTreeMap::new();
    for stems in prefetch.values() {
        for stem in stems.iter().filter(|s| s.starts_with("chunk_")) {
            *sharers.entry(stem.clone()).or_default() += 1;
        }
    }
    let (mut common, mut kept) = (Vec::new(), Vec::new());
    for module in modules {
        let stem = file_stem(&module)?;
        let shared_by = sharers.get(&stem).copied().unwrap_or(0);
        let size = std::fs::metadata(&module).map(|m| m.len()).unwrap_or(0);
        if stem.starts_with("chunk_") && (shared_by >= 3 || size < OWN_FILE_FROM) {
            common.push((stem, module));
        } else {
            kept.push(module);
        }
    }
    if common.len() < 2 {
        return Ok((kept, prefetch));
    }
    let bytes = common
        .iter()
        .map(|(_, p)| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = crate::merge::merge(&bytes.iter().map(Vec::as_slice).collect::<Vec<_>>())?;
    let merged_path = work.join(format!("{COMMON}.wasm"));
    write(&merged_path, &merged)?;
    let loader_path = work.join(LOADER_JS);
    let stems: Vec<&str> = common.iter().map(|(s, _)| s.as_str()).collect();
    write(
        &loader_path,
        alias_chunks(&read_text(&loader_path)?, &stems, COMMON)?.as_bytes(),
    )?;
    for (_, p) in &common {
        std::fs::remove_file(p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    kept.push(merged_path);
    let prefetch = prefetch
        .into_iter()
        .map(|(split, files)| {
            let mut out: Vec<String> = Vec::new();
            for f in files {
                let f = if stems.contains(&f.as_str()) {
                    COMMON.to_string()
                } else {
                    f
                };
                if !out.contains(&f) {
                    out.push(f);
                }
            }
            (split, out)
        })
        .collect();
    Ok((kept, prefetch))
}

/// The loader with the chunks `members` replaced by one chunk, the file `merged`: the first
/// member's definition becomes `merged`'s, the others go, and the pages' dependency lists name
/// `merged` once instead of its members.
fn alias_chunks(loader: &str, members: &[&str], merged: &str) -> Result<String, String> {
    let mut out = loader.to_string();
    let mut first: Option<(usize, String)> = None;
    for stem in members {
        let head = format!("const __{stem} = makeLoad(");
        let mut start = out
            .find(&head)
            .ok_or_else(|| format!("the chunk loader does not define __{stem}"))?;
        let end = out[start..]
            .find(", []);\n")
            .map(|e| start + e + ", []);\n".len())
            .ok_or_else(|| format!("the chunk loader's __{stem} does not end as expected"))?;
        // The `/* pages */` comment line before it goes too.
        let line_start = out[..start]
            .trim_end_matches('\n')
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if out[line_start..start].trim_start().starts_with("/*") {
            start = line_start;
        }
        let definition = out[start..end].to_string();
        out.replace_range(start..end, "");
        if first.as_ref().is_none_or(|(at, _)| start <= *at) {
            first = Some((
                start,
                definition.replacen(
                    &format!("\"./{stem}.wasm\""),
                    &format!("\"./{merged}.wasm\""),
                    1,
                ),
            ));
        }
    }
    let (at, definition) = first.ok_or("no chunk to merge")?;
    let body = &definition[definition
        .find("makeLoad(")
        .ok_or("a chunk definition without makeLoad")?..];
    out.insert_str(
        at,
        &format!("/* code several pages share */\nconst __{merged} = {body}"),
    );
    // Dependency lists: `, [__chunk_1, __chunk_2]));`, one per line.
    let mut lines = Vec::new();
    for line in out.lines() {
        match line.strip_prefix(", [").and_then(|l| l.split_once(']')) {
            Some((deps, tail)) => {
                let mut kept: Vec<String> = Vec::new();
                for dep in deps.split(',').map(str::trim).filter(|d| !d.is_empty()) {
                    let dep = match dep.strip_prefix("__") {
                        Some(stem) if members.contains(&stem) => format!("__{merged}"),
                        _ => dep.to_string(),
                    };
                    if !kept.contains(&dep) {
                        kept.push(dep);
                    }
                }
                lines.push(format!(", [{}]{tail}", kept.join(", ")));
            }
            None => lines.push(line.to_string()),
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    if members
        .iter()
        .any(|m| out.contains(&format!("__{m},")) || out.contains(&format!("__{m}]")))
    {
        return Err("the chunk loader still names a merged chunk".into());
    }
    Ok(out)
}

/// The split build's output before it gets its names.
struct Built {
    main_js: String,
    main_wasm: Vec<u8>,
    loader_js: String,
    /// File stem (`split_stats`, `chunk_3`) and bytes.
    chunks: BTreeMap<String, Vec<u8>>,
    prefetch: Prefetch,
    snippets: Option<PathBuf>,
}

/// Writes `built` into `dist` in place of trunk's JS and wasm, and rewrites `index.html`.
fn publish(built: &Built, dist: &Path) -> Result<Bundle, String> {
    let index_path = dist.join("index.html");
    let mut html = read_text(&index_path)?;
    let (old_js, old_wasm) = trunk_bundle(&html)?;

    // One hash over everything names the JS, the main wasm and the loader: each of them names
    // another, so they change together. A chunk is named by its own content, so a page that
    // did not change stays cached.
    let mut all = Sha256::new();
    all.update(built.main_js.as_bytes());
    all.update(&built.main_wasm);
    all.update(built.loader_js.as_bytes());
    let mut loader_js = built.loader_js.clone();
    let mut chunk_names = BTreeMap::new();
    for (stem, bytes) in &built.chunks {
        all.update(bytes);
        let name = format!("{stem}-{}.wasm", short_hash(bytes));
        loader_js = replace_exactly_once(
            &loader_js,
            &format!("\"./{stem}.wasm\""),
            &format!("\"./{name}\""),
        )?;
        chunk_names.insert(stem.clone(), name);
    }
    let hash = hex(&all.finalize()[..8]);
    let main_js_name = format!("{BIN}-{hash}.js");
    let main_wasm_name = format!("{BIN}-{hash}_bg.wasm");
    let loader_name = format!("__wasm_split-{hash}.js");
    let loader_js = loader_js.replace(&format!("\"{MAIN_JS}\""), &format!("\"./{main_js_name}\""));
    // Only the module specifiers: the import object keeps the name the wasm imports from.
    let main_js = built.main_js.replace(
        &format!("from \"{LOADER_JS}\""),
        &format!("from \"./{loader_name}\""),
    );
    if main_js == built.main_js {
        return Err(format!("the main JS does not import {LOADER_JS}"));
    }

    // trunk's files go (trunk empties dist/ before each build); ours come, and index.html's
    // preload links and bootstrap script point at them, with their integrity values.
    for (old, new_name, new_bytes) in [
        (&old_js, &main_js_name, main_js.as_bytes()),
        (&old_wasm, &main_wasm_name, &built.main_wasm[..]),
    ] {
        let old_path = dist.join(old);
        let old_bytes = read(&old_path)?;
        html = html
            .replace(&integrity(&old_bytes), &integrity(new_bytes))
            .replace(old.as_str(), new_name);
        std::fs::remove_file(&old_path).map_err(|e| format!("{}: {e}", old_path.display()))?;
        write(&dist.join(new_name), new_bytes)?;
    }
    write(&dist.join(&loader_name), loader_js.as_bytes())?;
    for (stem, name) in &chunk_names {
        write(&dist.join(name), &built.chunks[stem])?;
    }
    if let Some(snippets) = &built.snippets {
        crate::proc::copy_dir(snippets, &dist.join("snippets"))?;
    }
    // The loader is imported by the main JS; preloading it saves a round trip.
    let preload = format!(
        r#"<link rel="modulepreload" href="/{loader_name}" crossorigin="anonymous" integrity="{}">"#,
        integrity(loader_js.as_bytes())
    );
    let Some(at) = html.find("</head>") else {
        return Err("index.html has no </head>".into());
    };
    html.insert_str(at, &preload);
    let html = crate::css::bundle(dist, &html)?;
    write(&index_path, html.as_bytes())?;

    let splits = built
        .prefetch
        .iter()
        .map(|(split, stems)| {
            let files = stems
                .iter()
                .filter_map(|s| chunk_names.get(s).cloned())
                .collect();
            (split.clone(), files)
        })
        .collect();
    Ok(Bundle {
        main_js: main_js_name,
        main_wasm: main_wasm_name,
        loader_js: loader_name,
        splits,
        chunks: chunk_names.into_values().collect(),
    })
}

/// The JS and wasm file names trunk's `index.html` loads (`/portal-admin-<hash>.js`).
fn trunk_bundle(html: &str) -> Result<(String, String), String> {
    let prefix = format!("/{BIN}-");
    let mut js = None;
    let mut wasm = None;
    for (at, _) in html.match_indices(&prefix) {
        let name: String = html[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
            .collect();
        if name.ends_with("_bg.wasm") {
            wasm = Some(name);
        } else if name.ends_with(".js") {
            js = Some(name);
        }
    }
    match (js, wasm) {
        (Some(js), Some(wasm)) => Ok((js, wasm)),
        _ => Err(format!(
            "dist/index.html does not load {BIN}-*.js and *_bg.wasm"
        )),
    }
}

fn replace_exactly_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "the chunk loader names {from} {n} times, expected once"
        )),
    }
}

fn file_stem(p: &Path) -> Result<String, String> {
    p.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .ok_or_else(|| format!("odd file name {}", p.display()))
}

fn path_str(p: &Path) -> Result<&str, String> {
    p.to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", p.display()))
}

fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn read_text(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_split_is_used_again_only_for_the_same_key_and_whole() {
        let work = std::env::temp_dir().join(format!("portal-split-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(work.join("bindgen")).unwrap();
        for (file, text) in [
            ("bindgen/portal-admin.js", "main js"),
            ("bindgen/portal-admin_bg.wasm", "main wasm"),
            ("__wasm_split.js", "loader"),
            ("split_stats.wasm", "stats"),
            ("chunk_common.wasm", "common"),
        ] {
            std::fs::write(work.join(file), text).unwrap();
        }
        // Nothing to use before a manifest is written (an interrupted split leaves none).
        assert!(reuse(&work, "k1").is_none());
        let manifest = serde_json::json!({
            "key": "k1",
            "chunks": ["split_stats", "chunk_common"],
            "prefetch": {"stats": ["split_stats", "chunk_common"]},
        });
        std::fs::write(work.join(MANIFEST), manifest.to_string()).unwrap();

        let built = reuse(&work, "k1").expect("the same key finds the split");
        assert_eq!(built.main_js, "main js");
        assert_eq!(built.main_wasm, b"main wasm");
        assert_eq!(built.loader_js, "loader");
        assert_eq!(
            built.chunks.keys().collect::<Vec<_>>(),
            ["chunk_common", "split_stats"]
        );
        assert_eq!(built.chunks["split_stats"], b"stats");
        assert_eq!(built.prefetch["stats"], ["split_stats", "chunk_common"]);

        assert!(reuse(&work, "k2").is_none(), "another module or xtask");
        std::fs::remove_file(work.join("chunk_common.wasm")).unwrap();
        assert!(reuse(&work, "k1").is_none(), "a chunk is missing");
        std::fs::remove_dir_all(&work).unwrap();
    }

    #[test]
    fn reads_the_wasm_rustflags_of_the_cargo_config() {
        let config = "[target.wasm32-unknown-unknown]\nrunner = \"x\"\n# why\nrustflags = [\"--cfg\", \"erase_components\"]\n\n[alias]\nrustflags = [\"no\"]\n";
        assert_eq!(wasm_rustflags(config), ["--cfg", "erase_components"]);
        assert!(wasm_rustflags("[alias]\nrustflags = [\"a\"]\n").is_empty());
    }

    /// The shape of the loader `wasm_split_cli_support` 0.2.4 writes.
    const LOADER: &str = r#"import { initSync } from "./portal-admin.js";
function makeLoad(fetcher, deps) { return () => {}; }
/* a, b */
const __chunk_1 = makeLoad(() => {
    const src = fetch(new URL("./chunk_1.wasm", import.meta.url));
}
, []);
/* a, c */
const __chunk_2 = makeLoad(() => {
    const src = fetch(new URL("./chunk_2.wasm", import.meta.url));
}
, []);
/* b, c */
const __chunk_3 = makeLoad(() => {
    const src = fetch(new URL("./chunk_3.wasm", import.meta.url));
}
, []);
export const __wasm_split_load_a = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_a.wasm", import.meta.url));
}
, [__chunk_1, __chunk_2]));
export const __wasm_split_load_b = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_b.wasm", import.meta.url));
}
, [__chunk_1, __chunk_3]));
"#;

    #[test]
    fn merged_chunks_load_as_one_file_named_once_per_page() {
        let out = alias_chunks(LOADER, &["chunk_2", "chunk_1"], "chunk_common").unwrap();
        assert!(
            !out.contains("chunk_1") && !out.contains("chunk_2"),
            "{out}"
        );
        assert_eq!(out.matches("const __chunk_common = makeLoad(").count(), 1);
        assert!(out.contains("new URL(\"./chunk_common.wasm\""));
        assert!(out.contains(", [__chunk_common]));"), "{out}");
        assert!(out.contains(", [__chunk_common, __chunk_3]));"), "{out}");
        // Defined before its first use, where the first member was.
        assert!(out.find("const __chunk_common").unwrap() < out.find("const __chunk_3").unwrap());
        assert!(alias_chunks(LOADER, &["chunk_9"], "chunk_common").is_err());
    }

    #[test]
    fn finds_the_bundle_trunk_wrote_into_index_html() {
        let html = r#"<script type="module">import init, * as bindings from '/portal-admin-1a2b.js';
const wasm = await init({ module_or_path: '/portal-admin-1a2b_bg.wasm' });</script>
<link rel="modulepreload" href="/portal-admin-1a2b.js">"#;
        assert_eq!(
            trunk_bundle(html).unwrap(),
            (
                "portal-admin-1a2b.js".to_string(),
                "portal-admin-1a2b_bg.wasm".to_string()
            )
        );
        assert!(trunk_bundle("<html></html>").is_err());
    }
}
