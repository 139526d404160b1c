//! A test that keeps the dependencies between top-level modules one-way:
//! it reads the crate's sources, lists the `crate::X` edges of code outside
//! tests, and fails on any cycle, naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module name → the top-level modules its non-test code names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The node for items of the crate root itself (`crate::lint_text`).
const ROOT: &str = "(crate root)";

/// The source without `#[cfg(test)]` items (rustfmt layout: an item that
/// opens a block ends at a `}` line with the attribute's indentation).
fn without_tests(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            if !line.trim_start().starts_with("//") {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let close = format!("{indent}}}");
        let Some(item) = lines.next() else { break };
        if item.trim_end().ends_with('{') {
            for l in lines.by_ref() {
                if l == close {
                    break;
                }
            }
        } else if !item.trim_end().ends_with(';') {
            for l in lines.by_ref() {
                if l.trim_end().ends_with(';') {
                    break;
                }
            }
        }
    }
    out
}

/// The first path segment after each `crate::` (both segments of a
/// `crate::{a, b::c}` group).
fn named_modules(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.insert(ident(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The graph of the crate whose sources are in `src`. Modules declared
/// only for tests (`#[cfg(test)] mod testing;`) are left out.
fn graph(src: &Path) -> Graph {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let lib_code = without_tests(&lib);
    let modules: BTreeSet<String> = lib_code
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or(l.strip_prefix("pub "))
                .unwrap_or(l);
            l.strip_prefix("mod ")?.trim().strip_suffix(';')
        })
        .map(str::to_string)
        .collect();
    let node = |name: String| {
        if modules.contains(&name) {
            name
        } else {
            ROOT.to_string()
        }
    };
    let mut g = Graph::new();
    let mut add = |from: &str, code: &str| {
        for to in named_modules(code).into_iter().map(node) {
            if to != from {
                g.entry(from.to_string()).or_default().insert(to);
            }
        }
    };
    // The root also names its modules without `crate::`.
    let mut root_code = lib_code.clone();
    for m in &modules {
        let named = lib_code.match_indices(&format!("{m}::")).any(|(i, _)| {
            !lib_code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        });
        if named {
            root_code.push_str(&format!("\ncrate::{m}"));
        }
    }
    add(ROOT, &root_code);
    for m in &modules {
        let mut files = Vec::new();
        rust_files(&src.join(m), &mut files);
        rust_files(&src.join(format!("{m}.rs")), &mut files);
        assert!(!files.is_empty(), "module {m} has no source file");
        for f in files {
            add(m, &without_tests(&std::fs::read_to_string(f).unwrap()));
        }
    }
    g
}

/// A cycle of the graph, as the modules along it (first = last), if any.
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for next in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_depend_one_way() {
    let g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // The graph is really read: edges every version of gwlint has.
    assert!(g["app"].contains("config"), "{g:#?}");
    assert!(g["doc"].contains("input"), "{g:#?}");
    assert!(g[ROOT].contains("rules"), "{g:#?}");
    if let Some(cycle) = find_cycle(&g) {
        panic!("module cycle: {}\nedges: {g:#?}", cycle.join(" → "));
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut g = Graph::new();
    for (a, b) in [("app", "config"), ("config", "rules"), ("rules", "doc")] {
        g.entry(a.into()).or_default().insert(b.into());
    }
    assert_eq!(find_cycle(&g), None);
    g.entry("doc".into()).or_default().insert("config".into());
    assert_eq!(
        find_cycle(&g).unwrap(),
        ["config", "rules", "doc", "config"]
    );
}

#[test]
fn edges_of_code_outside_tests() {
    let code = "use crate::diag::Severity;\nuse crate::{doc::Document, input};\n\
                // crate::commented\nfn f() { crate::lint_text(); }\n\
                #[cfg(test)]\nmod tests {\n    use crate::config::Options;\n}\n\
                #[cfg(test)]\nuse crate::testing;\n";
    let named = named_modules(&without_tests(code));
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["diag", "doc", "input", "lint_text"]
    );
}
