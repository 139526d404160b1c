//! Compiles jieba-rs's default dictionary into the image that the crate
//! includes (see src/layout.rs), so that no process parses 349k dictionary
//! lines at start-up. The dictionary is read from the jieba-rs package
//! source (see build/locate.rs); it is jieba's data, not copied here.

#[path = "src/layout.rs"]
mod layout;
#[path = "build/locate.rs"]
mod locate;
#[path = "src/write.rs"]
mod write;

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    for own in [
        "build.rs",
        "build/locate.rs",
        "src/layout.rs",
        "src/write.rs",
    ] {
        println!("cargo:rerun-if-changed={own}");
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = locate::jieba_dictionary(&out_dir);
    println!("cargo:rerun-if-changed={}", path.display());
    // For the unit tests, which check the image against the text.
    println!("cargo:rustc-env=GWLINT_SEGMENT_DICT_TXT={}", path.display());
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let image = write::image(&parse(&text, &path));
    let out = out_dir.join("jieba-dict.img");
    fs::write(&out, image).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The `word freq tag` lines of the dictionary, read as jieba-rs reads its
/// default one: fields split at ASCII whitespace, blank lines skipped, a
/// missing frequency counts as 0, the tag is not needed.
fn parse<'t>(text: &'t str, path: &Path) -> Vec<(&'t str, u64)> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = fields.next().map_or(0, |f| {
            f.parse()
                .unwrap_or_else(|e| panic!("{}:{}: frequency {f:?}: {e}", path.display(), n + 1))
        });
        entries.push((word, freq));
    }
    entries
}
