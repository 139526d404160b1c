use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::rules::RuleCtx;
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## 发文字号不规范（doc-number）
    ///
    /// 发文字号由发文机关代字、年份、发文顺序号组成，写作 `机关代字〔2026〕5号`：
    /// 年份写全四位、用六角括号“〔〕”括入；顺序号不加“第”字，不编虚位（1不写作01）。
    /// 会报告（正文里引用的文号同样检查）：
    /// - 用了别的括号：`国办发[2026]5号`、`【2026】`、`（2026）`、`﹝2026﹞`、`〈2026〉`；
    /// - 括号内加了“年”：`〔2026年〕`；
    /// - 年份简写：`国发〔26〕5号`；
    /// - 顺序号加“第”或编虚位：`〔2026〕第5号`、`〔2026〕05号`。
    ///
    /// 年份为四位时可用 `--fix` 自动改成 `机关代字〔2026〕5号`；年份简写的需人工补全。
    ///
    /// **依据**：《党政机关公文处理工作条例》（2012）第九条（五）；GB/T 9704-2012 7.2.4：
    /// “年份应标全称，用六角括号‘〔〕’括入；发文顺序号不加‘第’字，不编虚位”（应），
    /// 默认报告为错误。
    ///
    /// **不会报告**：写法正确的文号；法院案号（`（2023）京0105民初123号`，年份在前，
    /// 用圆括号是案号的规范写法）；不像文号的编号（`3号楼`）。
    pub static RULE = {
        id: "doc-number",
        severity: Error,
        summary: "发文字号不是“机关代字〔2026〕5号”的写法（[2026]、05号、第5号）",
        check: check,
    };
}

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?P<code>[\p{Han}]{1,10})\s?(?P<open>[〔\[【（(［﹝〖〈<])(?P<year>[0-9０-９]{2}|[0-9０-９]{4})(?P<nian>年)?(?P<close>[〕\]】）)］﹞〗〉>])\s?(?P<di>第)?(?P<num>[0-9０-９]{1,5})\s?号",
        )
        .unwrap()
    })
}

/// Full-width digits (２０２６) as ASCII ones.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

/// Organ codes end with 发, 函, 字, 办, 电… — a short year needs that much
/// evidence that this is a 文号.
fn code_like(code: &str) -> bool {
    code.ends_with(['发', '函', '字', '办', '电', '文', '复', '报', '令', '通'])
}

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let body = &doc.text[p.range.clone()];
        // Every 文号 ends in 号: a plain substring search rules out most
        // paragraphs before the pattern, which opens with a run of Han
        // characters and so must be tried at every character.
        if !body.contains('号') {
            continue;
        }
        let base = p.range.start;
        for c in number_re().captures_iter(body) {
            let (open, close) = (&c["open"], &c["close"]);
            let year = &ascii_digits(&c["year"]);
            let num = &ascii_digits(&c["num"]);
            let code = &c["code"];
            let four = year.len() == 4;
            if four {
                let y: u32 = year.parse().unwrap_or(0);
                if !(1949..=2100).contains(&y) {
                    continue;
                }
            } else if !(code_like(code) && matches!(open, "〔" | "[" | "［" | "【")) {
                continue;
            }
            let mut problems = Vec::new();
            if !(open == "〔" && close == "〕") {
                problems.push(format!("年份应用六角括号“〔〕”括入，不用“{open}{close}”"));
            }
            if !four {
                problems.push(format!("年份应写全称，不写作“{year}”"));
            }
            if c.name("nian").is_some() {
                problems.push("括号内只写年份数字，不加“年”".to_string());
            }
            if c.name("di").is_some() {
                problems.push("顺序号前不加“第”字".to_string());
            }
            if num.len() > 1 && num.starts_with('0') {
                problems.push("顺序号不编虚位（1不写作01）".to_string());
            }
            if problems.is_empty() {
                continue;
            }
            let from = c.name("open").unwrap().start();
            let to = c.get(0).unwrap().end();
            let range = base + from..base + to;
            let wrong = &body[from..to];
            let n = num.trim_start_matches('0');
            let n = if n.is_empty() { "0" } else { n };
            let right = format!("〔{year}〕{n}号");
            let mut d = Diagnostic::new(
                RULE.id,
                range.clone(),
                if four {
                    format!(
                        "发文字号中的“{wrong}”应写作“{right}”：{}",
                        problems.join("；")
                    )
                } else {
                    format!("发文字号中的“{wrong}”不规范：{}", problems.join("；"))
                },
            );
            if four {
                d = d.with_fix(
                    Applicability::Safe,
                    vec![Edit {
                        range,
                        replacement: right,
                    }],
                );
            }
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn wrong_brackets_short_years_di_and_padding_fire() {
        let d = lint_rule(
            "doc-number",
            "标题\n\n根据《通知》（国办发[2026]5号）、湘政发【2025】12号、云政办发（2024）3号、国发〔26〕5号、市委发〔2025〕第6号和县政发〔2025〕07号，湘办发〔２０２５年〕３号。",
        );
        assert_eq!(
            flagged(&d),
            vec![
                "[2026]5号",
                "【2025】12号",
                "（2024）3号",
                "〔26〕5号",
                "〔2025〕第6号",
                "〔2025〕07号",
                "〔２０２５年〕３号"
            ],
            "{d:?}"
        );
        assert!(d[0].1.contains("应写作“〔2026〕5号”"));
        assert!(d[6].1.contains("应写作“〔2025〕3号”"), "{d:?}");
    }

    #[test]
    fn correct_numbers_and_case_numbers_are_silent() {
        let d = lint_rule(
            "doc-number",
            "标题\n\n根据《通知》（国办发〔2026〕5号）和（2023）京0105民初123号判决，3号楼，第（2）5号。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
