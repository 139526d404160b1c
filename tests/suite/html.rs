//! `--format html` in a real headless browser (Debian's `chromium`): every
//! diagnostic of `--format json` is highlighted on exactly its text with its
//! rule and severity, the filters hide what they should, document text never
//! runs as markup, and the page fetches nothing.
//!
//! Without chromium the test is skipped locally; with `CI=true` it fails
//! (`.ci/run` installs chromium when it is missing).

use crate::common;

use serde_json::Value;
use std::fs;
use std::io::Read;
use std::net::TcpListener;
use std::path::Path;

/// Appended to a copy of the report: opens every document, renders every
/// paragraph, reads back the highlights, exercises the filters, then writes
/// its findings as ASCII-only JSON into the DOM for `--dump-dom`.
const PROBE: &str = r#"<script>
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.blockedURI + " " + e.violatedDirective);
});
window.addEventListener("load", function () {
  var dets = document.querySelectorAll("details.doc");
  dets.forEach(function (d) { d.open = true; });
  setTimeout(function () {
    var out = { docs: [], clean: [], filters: {} };
    dets.forEach(function (det) {
      var more = det.querySelector("button.more");
      while (more && !more.hidden) more.click();
      var blocks = Array.prototype.map.call(document.querySelectorAll("script.gw-doc"), function (s) { return JSON.parse(s.textContent); });
      var data = blocks.filter(function (b) { return b.path === det.getAttribute("data-path"); })[0];
      var diags = data.diags.map(function (d, j) {
        var marks = det.querySelectorAll('mark[data-diag="' + j + '"]');
        var li = det.querySelector('li[data-diag="' + j + '"]');
        return {
          rule: d.rule, message: d.message, line: d.line, column: d.column,
          text: Array.prototype.map.call(marks, function (m) { return m.textContent; }).join(""),
          marks: marks.length,
          mark_rules: Array.prototype.map.call(marks, function (m) { return m.getAttribute("data-rule"); }),
          mark_severities: Array.prototype.map.call(marks, function (m) { return m.getAttribute("data-severity"); }),
          listed: !!li && li.textContent.indexOf(d.message) !== -1
        };
      });
      out.docs.push({ path: det.getAttribute("data-path"), diags: diags,
        text: det.querySelector(".text").textContent });
    });
    document.querySelectorAll(".clean-list li").forEach(function (li) { out.clean.push(li.textContent); });
    function shown(sel) {
      var e = document.querySelector(sel);
      if (!e) return null;
      var cs = getComputedStyle(e);
      return { bg: cs.backgroundColor, display: cs.display };
    }
    function toggle(kind, value) {
      var c = document.querySelector('input[data-filter="' + kind + '"][value="' + value + '"]');
      c.checked = !c.checked;
      c.dispatchEvent(new Event("change"));
    }
    out.filters.before = { error: shown('mark[data-severity="error"]'), warning: shown('mark[data-severity="warning"]'),
      error_li: shown('li[data-severity="error"]') };
    toggle("severity", "error");
    out.filters.no_errors = { error: shown('mark[data-severity="error"]'), warning: shown('mark[data-severity="warning"]'),
      error_li: shown('li[data-severity="error"]'), warning_li: shown('li[data-severity="warning"]') };
    toggle("severity", "error");
    toggle("rule", "placeholder");
    out.filters.no_placeholder = { placeholder: shown('mark[data-rule="placeholder"]'),
      placeholder_li: shown('li[data-rule="placeholder"]'), other: shown('mark[data-rule="quote-pair"]') };
    out.xss = window.__xss || null;
    out.violations = window.__violations;
    out.resources = performance.getEntriesByType("resource").map(function (r) { return r.name; });
    var json = JSON.stringify(out).replace(/[^\x20-\x7e]|[<>&"']/g, function (c) {
      return c === '"' ? c : "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
    var pre = document.createElement("pre");
    pre.id = "gw-probe";
    pre.textContent = json;
    document.body.appendChild(pre);
  }, 50);
});
</script>"#;

fn chromium() -> Option<&'static str> {
    common::installed(&["chromium", "chromium-browser", "google-chrome"])
}

fn gwlint() -> assert_cmd::Command {
    let mut c = common::gwlint();
    c.args(["--color", "never"]);
    c
}

/// Drafts with findings of every rule, a clean one, and hostile text.
fn drafts(dir: &Path) {
    let corpus = common::repo().join("corpus");
    for rule in fs::read_dir(corpus.join("rules")).unwrap() {
        let rule = rule.unwrap().path();
        let fire = rule.join("fire.txt");
        if fire.is_file() {
            let name = rule.file_name().unwrap().to_string_lossy().into_owned();
            fs::copy(&fire, dir.join(format!("{name}.txt"))).unwrap();
        }
    }
    fs::write(
        dir.join("clean.txt"),
        "关于做好冬季安全生产工作的通知\n\n各单位要认真落实安全生产责任。\n",
    )
    .unwrap();
    fs::write(
        dir.join("hostile.txt"),
        "关于<b>X</b>的通知\r\n\r\n<script>window.__xss=1</script>XX同志：\r\n<img src=x onerror=\"window.__xss=2\">𠀀𠀀在岗尽责,科学谋划“未闭合。\r\n",
    )
    .unwrap();
    if let Some(shared) = common::shared() {
        let seed = shared.join("seeds/000_4ad656d6f473d90a.txt");
        if seed.is_file() {
            fs::copy(&seed, dir.join("seed.txt")).unwrap();
        }
    }
}

#[test]
fn report_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but chromium is missing: .ci/run installs it (apt-get install chromium)"
            );
        }
        eprintln!("skipped: chromium not installed (CI installs it)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("drafts");
    fs::create_dir(&dir).unwrap();
    drafts(&dir);

    let out = gwlint()
        .arg("--format")
        .arg("json")
        .arg(&dir)
        .output()
        .unwrap();
    let expected: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert!(expected.len() > 20, "the drafts should fire");
    let report = tmp.path().join("report.html");
    let status = gwlint()
        .args(["--format", "html", "-o"])
        .arg(&report)
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let html = fs::read_to_string(&report).unwrap();
    let probe_page = tmp.path().join("probe.html");
    fs::write(
        &probe_page,
        html.replace("</body>", &format!("{PROBE}</body>")),
    )
    .unwrap();

    // Anything fetched over the network would reach this proxy.
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let profile = tmp.path().join("profile");
    let dump = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pings",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!(
            "--proxy-server=http://{}",
            proxy.local_addr().unwrap()
        ))
        .arg(format!("file://{}", probe_page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dump.stdout);
    let start = dom.find("<pre id=\"gw-probe\">").unwrap_or_else(|| {
        panic!(
            "probe did not run:\n{}\n{}",
            dom,
            String::from_utf8_lossy(&dump.stderr)
        )
    }) + "<pre id=\"gw-probe\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let probe: Value = serde_json::from_str(&dom[start..end].replace("&quot;", "\"")).unwrap();
    let mut requests = Vec::new();
    while let Ok((mut s, _)) = proxy.accept() {
        let mut buf = [0u8; 512];
        s.set_nonblocking(false).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(1)))
            .unwrap();
        let n = s.read(&mut buf).unwrap_or(0);
        requests.push(
            String::from_utf8_lossy(&buf[..n])
                .lines()
                .next()
                .unwrap_or("")
                .to_string(),
        );
    }
    // Chromium's own services (clock, updates, accounts) are not the page's.
    let browser_services = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"];
    let from_page: Vec<&String> = requests
        .iter()
        .filter(|r| {
            let host = r.split_whitespace().nth(1).unwrap_or("");
            let host = host
                .trim_start_matches("http://")
                .split(['/', ':'])
                .next()
                .unwrap_or("");
            !browser_services
                .iter()
                .any(|s| host == *s || host.ends_with(&format!(".{s}")))
        })
        .collect();
    assert!(from_page.is_empty(), "network requests: {from_page:?}");

    // Nothing fetched, nothing blocked, no document markup executed.
    assert_eq!(probe["resources"], Value::Array(vec![]), "{probe}");
    assert_eq!(probe["violations"], Value::Array(vec![]), "{probe}");
    assert_eq!(probe["xss"], Value::Null);

    // Every JSON diagnostic is highlighted on exactly its text.
    let docs = probe["docs"].as_array().unwrap();
    let mut seen = 0;
    for d in &expected {
        let path = d["path"].as_str().unwrap();
        let doc = docs
            .iter()
            .find(|x| x["path"] == path)
            .unwrap_or_else(|| panic!("{path} not in the report"));
        let shown = doc["diags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| {
                x["line"] == d["line"]
                    && x["column"] == d["column"]
                    && x["rule"] == d["rule"]
                    && x["message"] == d["message"]
            })
            .unwrap_or_else(|| panic!("{d} not in the report"));
        let text = fs::read_to_string(path).unwrap();
        let (s, e) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        let flagged: String = text[s..e]
            .chars()
            .filter(|c| *c != '\n' && *c != '\r')
            .collect();
        assert_eq!(shown["text"].as_str().unwrap(), flagged, "{d}");
        assert!(shown["marks"].as_u64().unwrap() >= 1, "{d}");
        for r in shown["mark_rules"].as_array().unwrap() {
            assert_eq!(r, &d["rule"]);
        }
        for sev in shown["mark_severities"].as_array().unwrap() {
            assert_eq!(sev, &d["severity"]);
        }
        assert_eq!(shown["listed"], Value::Bool(true), "{d}");
        seen += 1;
    }
    let total: usize = docs
        .iter()
        .map(|d| d["diags"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, seen, "the report shows exactly the JSON diagnostics");

    // Hostile markup shows as text, at its place.
    let hostile = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("hostile.txt"))
        .unwrap();
    let shown_text = hostile["text"].as_str().unwrap();
    assert!(
        shown_text.contains("<script>window.__xss=1</script>XX同志："),
        "{shown_text}"
    );
    assert!(
        shown_text.contains("<img src=x onerror=\"window.__xss=2\">𠀀𠀀"),
        "{shown_text}"
    );

    // Clean documents are listed as clean.
    let clean: Vec<&str> = probe["clean"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(clean.iter().any(|p| p.ends_with("clean.txt")), "{clean:?}");

    // Filters: highlights lose their colour and list entries disappear.
    let f = &probe["filters"];
    let transparent = Value::String("rgba(0, 0, 0, 0)".into());
    assert_ne!(f["before"]["error"]["bg"], transparent, "{f}");
    assert_ne!(f["before"]["error_li"]["display"], "none");
    assert_eq!(f["no_errors"]["error"]["bg"], transparent, "{f}");
    assert_eq!(f["no_errors"]["error_li"]["display"], "none", "{f}");
    assert_ne!(f["no_errors"]["warning"]["bg"], transparent, "{f}");
    assert_ne!(f["no_errors"]["warning_li"]["display"], "none", "{f}");
    assert_eq!(f["no_placeholder"]["placeholder"]["bg"], transparent, "{f}");
    assert_eq!(
        f["no_placeholder"]["placeholder_li"]["display"], "none",
        "{f}"
    );
    assert_ne!(f["no_placeholder"]["other"]["bg"], transparent, "{f}");
}
