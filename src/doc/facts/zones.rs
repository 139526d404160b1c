//! The places of a document that say who issued it: the title, subtitle and
//! speaker line, the 发文机关标志 above the title, the 发文字号, the 主送机关
//! and the 落款 — in the order a reviewer reads them for evidence.

use super::Evidence;
use crate::doc::outline::{date_of_line, is_masthead, is_subtitle, speaker_office};
use crate::doc::Document;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// One place to look, with what finding something there proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub evidence: Evidence,
    pub range: Range<usize>,
}

/// The zones of one document, in order of evidence strength.
#[derive(Debug, Default)]
pub struct Zones {
    /// The part of the title that names the issuer: before 关于, or before
    /// 在 in a speech title, or before a year.
    pub issuer: Option<Zone>,
    /// The whole title, for self-references (关于在全县开展…).
    pub title: Option<Zone>,
    pub others: Vec<Zone>,
}

fn doc_number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(?P<code>[\p{Han}]{1,12})\s*[〔\[【（(]\s*[0-9０-９]{2,4}\s*[〕\]】）)]\s*第?[0-9０-９]+号")
            .unwrap()
    })
}

/// Where the issuer's name ends in a title.
fn issuer_end_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"关于|在|(?:19|20)[0-9]{2}|[0-9]{4}|〔|：|:").unwrap())
}

/// How an office holder's title ends (县长, 局长, 书记, 主任…).
const OFFICES: [char; 6] = ['长', '记', '任', '席', '员', '官'];

/// A speaker line's zone: the office (县长 in 县长 陈永高) of paragraph `p`.
fn speaker(p: &Range<usize>, office: Range<usize>) -> Zone {
    Zone {
        evidence: Evidence::Speaker,
        range: p.start + office.start..p.start + office.end,
    }
}

impl Zones {
    pub fn find(doc: &Document) -> Zones {
        let mut z = Zones::default();
        let title = &doc.outline.title;
        match (title.first(), title.last()) {
            (Some(&first), Some(&last)) => {
                z.title_lines(doc);
                z.header(doc, first);
                z.below_title(doc, last + 1);
                z.others.extend(signature(doc, Some(last)));
            }
            _ => {
                z.below_title(doc, 0);
                z.others.extend(signature(doc, None));
                // A text that opens with its 主送机关 is no news report.
                if !z.others.iter().any(|o| o.evidence == Evidence::Addressee) {
                    z.others.extend(lead(doc));
                }
            }
        }
        z
    }

    /// Title lines that are a subtitle or a speaker line are zones of their
    /// own; the others name the issuer before 关于, 在 or a year.
    fn title_lines(&mut self, doc: &Document) {
        let (text, paras) = (&doc.text, &doc.paragraphs);
        let mut main: Vec<usize> = Vec::new();
        for &i in &doc.outline.title {
            let p = &paras[i];
            let body = &text[p.range.clone()];
            if is_masthead(body) {
                // 份号, 密级 or 签发人 kept in the title: not the title.
            } else if is_subtitle(body) {
                self.others.push(Zone {
                    evidence: Evidence::Subtitle,
                    range: p.range.clone(),
                });
            } else if let Some(office) = speaker_office(body) {
                self.others.push(speaker(&p.range, office));
            } else {
                main.push(i);
            }
        }
        let (Some(&a), Some(&b)) = (main.first(), main.last()) else {
            return;
        };
        let range = paras[a].range.start..paras[b].range.end;
        let t = &text[range.clone()];
        let end = issuer_end_re().find(t).map_or(t.len(), |m| m.start());
        if end > 0 {
            self.issuer = Some(Zone {
                evidence: Evidence::Title,
                range: range.start..range.start + end,
            });
        }
        // 在长沙县第十八届人民代表大会第三次会议上的政府工作报告: the
        // meeting is the speech's subtitle.
        if let (Some(a), Some(b)) = (t.find('在'), t.rfind("上的")) {
            if a < b {
                self.others.push(Zone {
                    evidence: Evidence::Subtitle,
                    range: range.start + a..range.start + b,
                });
            }
        }
        self.title = Some(Zone {
            evidence: Evidence::Title,
            range,
        });
    }

    /// Above the title: the 发文机关标志 (…文件), never a watermark.
    fn header(&mut self, doc: &Document, first: usize) {
        for p in &doc.paragraphs[..first] {
            let body = doc.text[p.range.clone()].trim_end();
            if body.chars().count() <= 30 && !body.contains(['。', '，', '！']) {
                let body = body.strip_suffix("文件").unwrap_or(body);
                self.others.push(Zone {
                    evidence: Evidence::Header,
                    range: p.range.start..p.range.start + body.len(),
                });
            }
        }
    }

    /// Below the title (from paragraph `after`): subtitle and speaker lines,
    /// 文号 and 主送机关.
    fn below_title(&mut self, doc: &Document, after: usize) {
        for p in doc.paragraphs.iter().skip(after).take(6) {
            let body = &doc.text[p.range.clone()];
            let n = body.chars().count();
            let trimmed = body.trim();
            if let Some(c) = doc_number_re().captures(body) {
                let m = c.name("code").unwrap();
                self.others.push(Zone {
                    evidence: Evidence::DocNumber,
                    range: p.range.start + m.start()..p.range.start + m.end(),
                });
            } else if is_subtitle(body) && p.index == after {
                self.others.push(Zone {
                    evidence: Evidence::Subtitle,
                    range: p.range.clone(),
                });
            } else if let Some(office) = speaker_office(body) {
                self.others.push(speaker(&p.range, office));
            } else if n <= 24
                && !trimmed.contains(['，', '。', '：', ':', '；', '、'])
                && trimmed.ends_with(OFFICES)
            {
                // A speaker line with the office alone (县财政局局长).
                let start = p.range.start + (body.len() - body.trim_start().len());
                self.others.push(Zone {
                    evidence: Evidence::Speaker,
                    range: start..start + trimmed.len(),
                });
            } else {
                if n <= 120 && trimmed.ends_with(['：', ':']) {
                    self.others.push(Zone {
                        evidence: Evidence::Addressee,
                        range: p.range.clone(),
                    });
                }
                break;
            }
        }
    }
}

/// The first sentence of a text without a title, up to 120 bytes: a news
/// report names its subject there (区人大常委会党组召开……).
fn lead(doc: &Document) -> Option<Zone> {
    let p = doc.paragraphs.first()?;
    let body = &doc.text[p.range.clone()];
    let cap = body.floor_char_boundary(body.len().min(120 * 3));
    let end = body[..cap].find('。').unwrap_or(cap);
    (end > 0).then(|| Zone {
        evidence: Evidence::Lead,
        range: p.range.start..p.range.start + end,
    })
}

/// The 落款: short unpunctuated lines at the end, around the date, below
/// the title's last line.
fn signature(doc: &Document, title_end: Option<usize>) -> Vec<Zone> {
    let markers = &doc.outline.markers;
    let mut out = Vec::new();
    for p in doc.paragraphs.iter().rev().take(6) {
        if title_end.is_some_and(|last| p.index <= last) {
            break;
        }
        let body = doc.text[p.range.clone()].trim();
        // The 版记 (抄送…, …办公室 2025年3月1日印发) and 附件 lines below it.
        if date_of_line(body).is_some()
            || (out.is_empty()
                && (body.starts_with(['附', '抄', '印', '（', '(']) || body.ends_with("印发")))
        {
            continue;
        }
        let numbered = markers
            .get(markers.partition_point(|m| m.para < p.index))
            .is_some_and(|m| m.para == p.index && m.at_start);
        if numbered
            || body.chars().count() > 30
            || body.contains([
                '。', '，', '；', '：', '、', '！', '？', ',', ';', ':', '!', '?',
            ])
        {
            break;
        }
        out.push(Zone {
            evidence: Evidence::Signature,
            range: p.range.clone(),
        });
    }
    out.reverse();
    out
}
