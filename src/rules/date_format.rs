use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::rules::RuleCtx;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

declare_rule! {
    /// ## 日期写法不规范（date-format）
    ///
    /// 公文中的成文日期和正文里的完整日期用阿拉伯数字把年、月、日写全：
    /// `2026年1月5日`。会报告：
    /// - 月、日编虚位：`2026年01月05日` → `2026年1月5日`（可自动修正）；
    /// - 用圆点、斜线、短横代替年月日：`2026.3.5`、`2026/3/5`、`2026-3-5` →
    ///   `2026年3月5日`（年份为四位、月日有效时可自动修正）；
    /// - 年份简写：`26年1月5日`、`26年3月`（应写全称 `2026年`，需人工确认，不自动修改）；
    /// - 口语的“号”：`2026年3月5号` → `2026年3月5日`（可自动修正）；
    /// - 汉字数字年份中的“0”写成“零”或“○”：`二零二六年` → `二〇二六年`（可自动修正，
    ///   GB/T 15835-2011 规定用“〇”）。
    ///
    /// **依据**：GB/T 9704-2012 7.3.5.1：成文日期“用阿拉伯数字将年、月、日标全，
    /// 年份应标全称，月、日不编虚位（即1不编为01）”（应）；GB/T 15835-2011《出版物上
    /// 数字用法》：年份一般不应简写（一般）。正文中的日期按“一般”处理，因此本规则默认
    /// 为警告。
    ///
    /// **不会报告**：汉字数字的日期（`二〇二六年四月`，在落款等位置是规范写法）；
    /// 从网页带下来的发布信息行（`2025-03-14 来源：…… 作者：……`）；
    /// 年份区间（`2015-2020年`）；网址、版本号、IP 地址中的数字；月日无效的数字串
    /// （`2026.13.5`）。
    pub static RULE = {
        id: "date-format",
        severity: Warning,
        summary: "日期月日编虚位、用圆点或短横分隔、年份简写（2026年01月05日、2026.3.5）",
        check: check,
    };
}

fn full_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<y>[0-9]{2,4})年(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})(?P<u>日|号))?")
            .unwrap()
    })
}

fn separated_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<y>(?:19|20)[0-9]{2})(?P<s1>[.．/／\-－])(?P<m>[0-9]{1,2})(?P<s2>[.．/／\-－])(?P<d>[0-9]{1,2})")
            .unwrap()
    })
}

/// A year in Chinese numerals written with 零 for 〇 (二零二六年).
fn han_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[一二三四五六七八九〇零○Ｏ]{4}年").unwrap())
}

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let body = &doc.text[p.range.clone()];
        let base = p.range.start;
        out.extend(han_years(body, base));
        // The other two formats are written in Arabic digits.
        if !has_digit(body.as_bytes()) {
            continue;
        }
        out.extend(
            full_re()
                .captures_iter(body)
                .filter_map(|c| full_date(body, base, &c)),
        );
        if !is_page_meta(body) {
            out.extend(
                separated_re()
                    .captures_iter(body)
                    .filter_map(|c| separated_date(body, base, &c)),
            );
        }
    }
    out
}

/// Whether `bytes` hold an ASCII digit: 32 bytes at a time, without a
/// branch inside a block, so that the compiler vectorises it.
fn has_digit(bytes: &[u8]) -> bool {
    bytes
        .chunks(32)
        .any(|block| block.iter().fold(false, |any, b| any | b.is_ascii_digit()))
}

/// A web page's byline copied with the text (2025-03-14 来源：…融媒体中心
/// 作者：…): the page's date format, not the document's.
fn is_page_meta(body: &str) -> bool {
    [
        "来源：",
        "来源:",
        "作者：",
        "作者:",
        "发布时间",
        "浏览次数",
        "点击数",
        "阅读量",
    ]
    .iter()
    .any(|w| body.contains(w))
}

/// 二零二六年 → 二〇二六年.
fn han_years(body: &str, base: usize) -> Vec<Diagnostic> {
    han_year_re()
        .find_iter(body)
        .filter(|m| {
            let year = m.as_str();
            year.contains(['零', '○', 'Ｏ']) && year.starts_with(['一', '二'])
        })
        .map(|m| {
            let year = m.as_str();
            fixable(
                base + m.start()..base + m.end(),
                year.to_string(),
                year.replace(['零', '○', 'Ｏ'], "〇"),
                "汉字数字年份中的“0”写作“〇”",
            )
        })
        .collect()
}

/// A date written with 年月日: padded (01月), with a short year (26年) or 号.
fn full_date(body: &str, base: usize, c: &regex::Captures) -> Option<Diagnostic> {
    let whole = c.get(0).unwrap();
    if prev_char(body, whole.start()).is_some_and(|ch| ch.is_ascii_alphanumeric()) {
        return None;
    }
    let (y, m) = (&c["y"], &c["m"]);
    let d = c.name("d").map(|d| d.as_str());
    let mv: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    let dv = match d {
        Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    let range = base + whole.start()..base + whole.end();
    if y.len() == 2 {
        // With a month it is a date; 26年 alone may be a duration.
        return Some(Diagnostic::new(
            RULE.id,
            range,
            format!("年份“{y}年”是简写，应写全称（如“20{y}年”）"),
        ));
    }
    let padded = (m.len() == 2 && m.starts_with('0'))
        || d.is_some_and(|d| d.len() == 2 && d.starts_with('0'));
    let hao = c.name("u").is_some_and(|u| u.as_str() == "号");
    if y.len() != 4 || !(padded || hao) {
        return None;
    }
    let right = match dv {
        Some(dv) => format!("{y}年{mv}月{dv}日"),
        None => format!("{y}年{mv}月"),
    };
    let what = if padded {
        "月、日不编虚位（1不写作01）"
    } else {
        "日期用“日”，不用“号”"
    };
    Some(fixable(range, whole.as_str().to_string(), right, what))
}

/// 2026.3.5, 2026/3/5, 2026-3-5 → 2026年3月5日.
fn separated_date(body: &str, base: usize, c: &regex::Captures) -> Option<Diagnostic> {
    let whole = c.get(0).unwrap();
    if c["s1"] != c["s2"]
        || prev_char(body, whole.start())
            .is_some_and(|ch| ch.is_ascii_alphanumeric() || "./-_:：".contains(ch))
        || body[whole.end()..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphanumeric() || "./-_".contains(ch))
    {
        return None;
    }
    let mv: u32 = c["m"].parse().ok().filter(|m| (1..=12).contains(m))?;
    let dv: u32 = c["d"].parse().ok().filter(|d| (1..=31).contains(d))?;
    let range = base + whole.start()..base + whole.end();
    let right = format!("{}年{mv}月{dv}日", &c["y"]);
    Some(fixable(
        range,
        whole.as_str().to_string(),
        right,
        "公文中的日期写作“年月日”",
    ))
}

fn prev_char(body: &str, at: usize) -> Option<char> {
    body[..at].chars().next_back()
}

fn fixable(range: Range<usize>, wrong: String, right: String, what: &str) -> Diagnostic {
    Diagnostic::new(
        RULE.id,
        range.clone(),
        format!("日期“{wrong}”应写作“{right}”：{what}"),
    )
    .with_fix(
        Applicability::Safe,
        vec![Edit {
            range,
            replacement: right,
        }],
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn digits_are_found_in_every_block() {
        for at in [0, 1, 31, 32, 33, 63, 64, 100] {
            let mut text = vec![b'x'; 101];
            text[at] = b'7';
            assert!(super::has_digit(&text), "{at}");
        }
        assert!(!super::has_digit("全县上下，X年".as_bytes()));
        assert!(!super::has_digit(b""));
    }

    #[test]
    fn a_web_byline_keeps_its_format() {
        let d = lint_rule(
            "date-format",
            "2025-03-14　来源：青溪县融媒体中心　作者：罗晶\n3月13日，市委书记到我县调研，2025-3-14返回。",
        );
        assert_eq!(flagged(&d), vec!["2025-3-14"], "{d:?}");
    }

    #[test]
    fn padded_dotted_short_and_hao_dates_fire() {
        let d = lint_rule(
            "date-format",
            "标题\n\n会议于2026年01月05日召开，2026.3.5报送，2026-3-6审定，26年4月1日启动，2026年5月8号验收，25年3月起施行。\n二零二六年五月九日",
        );
        assert_eq!(
            flagged(&d),
            vec![
                "2026年01月05日",
                "2026.3.5",
                "2026-3-6",
                "26年4月1日",
                "2026年5月8号",
                "25年3月",
                "二零二六年"
            ],
            "{d:?}"
        );
        assert!(d[0].1.contains("2026年1月5日"));
        assert!(d[1].1.contains("2026年3月5日"));
    }

    #[test]
    fn well_written_and_other_numbers_are_silent() {
        let d = lint_rule(
            "date-format",
            "标题\n\n2026年1月5日，二〇二六年四月，2015-2020年，版本V2026.1.2，地址192.168.1.1，26年来，任职25年零3个月，2026.13.5，12月10日，3.5万元。\n二〇二六年一月五日",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
