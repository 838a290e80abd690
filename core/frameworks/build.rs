//! Lists `json/*.json` (with feature `texts`, the files are embedded by `src/texts.rs`).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("json");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .collect(),
        Err(e) => fail(&format!("cannot read {}: {e}", dir.display())),
    };
    if files.is_empty() {
        fail(&format!("{} holds no framework", dir.display()));
    }
    files.sort();
    let mut out = String::from(
        "/// Every file of `json/`: (its id, its text).\npub const FILES: &[(&str, &str)] = &[\n",
    );
    for f in files {
        let id = f.trim_end_matches(".json");
        let path = dir.join(&f);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        fail(&format!("cannot write {}: {e}", dest.display()));
    }
}

/// Stops the build, saying why: an empty list of built-ins must never compile.
fn fail(why: &str) -> ! {
    eprintln!("cxzy-frameworks build: {why}");
    std::process::exit(1);
}
