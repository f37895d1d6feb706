//! The sizes of the release bundle in `dist/`: per file, per page, against the budget.

use crate::compress;
use crate::split;
use std::path::Path;

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// One file of the bundle: kind (extension), name, and its size raw, under `gzip -9`, and as
/// the server sends it precompressed (zopfli's gzip, brotli 11; `compress.rs`).
struct Row {
    ext: String,
    name: String,
    sizes: Sizes,
}

#[derive(Clone, Copy, Default)]
struct Sizes {
    raw: u64,
    gzip9: u64,
    gz: u64,
    br: u64,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, o: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + o.raw,
            gzip9: self.gzip9 + o.gzip9,
            gz: self.gz + o.gz,
            br: self.br + o.br,
        }
    }
}

impl std::fmt::Display for Sizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>10} {:>10} {:>10} {:>10}",
            self.raw, self.gzip9, self.gz, self.br
        )
    }
}

const SIZE_COLUMNS: &str = "     raw B  gzip -9 B  sent gz B  sent br B";

/// The sizes of each file of dist/, then what the browser downloads: for the login page
/// (index.html, the CSS, the main module and the chunk loader), for the dashboard after login
/// (its chunks too), and all chunks together. "sent" is what the server sends: the
/// precompressed `.br` (to a browser that offers brotli: HTTPS, localhost) and `.gz` (one that
/// does not, as on a plain-HTTP intranet address).
pub fn print_bundle_sizes(dist: &Path, bundle: &split::Bundle) -> Result<(), String> {
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(|e| e.to_string())? {
        let p = entry.map_err(|e| e.to_string())?.path();
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        if ["wasm", "js", "css", "html"].contains(&ext.as_str()) {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let gzip9 = gzip_size(&p)?;
            // index.html has no precompressed file: the server compresses it on the fly.
            let (gz, br) = if ext == "html" {
                (gzip9, gzip9)
            } else {
                (
                    compress::served_size(&p, compress::GZIP),
                    compress::served_size(&p, compress::BROTLI),
                )
            };
            let sizes = Sizes {
                raw: file_size(&p),
                gzip9,
                gz,
                br,
            };
            rows.push(Row { ext, name, sizes });
        }
    }
    rows.sort_by(|a, b| (&a.ext, &a.name).cmp(&(&b.ext, &b.name)));
    println!("\nRelease bundle (dist/):");
    println!("{:<6} {SIZE_COLUMNS}  file", "kind");
    let mut all = Sizes::default();
    for row in &rows {
        all = all + row.sizes;
        println!("{:<6} {}  {}", row.ext, row.sizes, row.name);
    }
    // The budget is for all of it: every file of the release build, under gzip -9.
    println!(
        "{:<6} {all}  (everything; budget 250 KB = {BUDGET_GZ} B gzip for all of it: {})",
        "total",
        budget_verdict(all.gzip9)
    );

    let size = |names: &mut dyn Iterator<Item = &str>| {
        names.fold((0, Sizes::default()), |(n, sum), name| {
            let row = rows.iter().find(|r| r.name == name);
            (n + 1, sum + row.map(|r| r.sizes).unwrap_or_default())
        })
    };
    let login: Vec<&str> = rows
        .iter()
        .filter(|r| r.ext == "css" || r.ext == "html")
        .map(|r| r.name.as_str())
        .chain([
            bundle.main_js.as_str(),
            bundle.main_wasm.as_str(),
            bundle.loader_js.as_str(),
        ])
        .collect();
    let dashboard_chunks = bundle.splits.get("dashboard").cloned().unwrap_or_default();
    let (login_n, login) = size(&mut login.iter().copied());
    let (dash_n, dash) = size(&mut dashboard_chunks.iter().map(String::as_str));
    let (chunk_n, chunks) = size(&mut bundle.chunks.iter().map(String::as_str));
    println!("\nWhat the browser downloads:");
    println!("                        {SIZE_COLUMNS}");
    println!(
        "  login page            {login}  ({login_n} files: index.html, CSS, main module {}, loader; against 250 KB gzip: {})",
        bundle.main_wasm,
        budget_verdict(login.gzip9)
    );
    println!(
        "  dashboard after login {}  (+{dash_n} chunks: {})",
        login + dash,
        dashboard_chunks.join(", ")
    );
    println!("  all chunks            {chunks}  ({chunk_n} files)");
    println!("\nChunks each page downloads:");
    println!("                 {SIZE_COLUMNS}");
    for (split, files) in &bundle.splits {
        let (_, sizes) = size(&mut files.iter().map(String::as_str));
        println!("  {split:<14} {sizes}  {}", files.join(", "));
    }
    Ok(())
}

/// The bundle budget: 250 KB gzip.
const BUDGET_GZ: u64 = 256_000;

/// "within", or "OVER" with the factor, against [`BUDGET_GZ`].
fn budget_verdict(gz: u64) -> String {
    if gz <= BUDGET_GZ {
        "within".into()
    } else {
        format!("OVER, {:.1} ×", gz as f64 / BUDGET_GZ as f64)
    }
}
