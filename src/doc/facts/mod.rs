//! Document facts: what kind of document this is and who issued it — genre,
//! issuing level and place, issuing organ, date — each with the span it was
//! learned from, so a diagnostic can point at its evidence. Computed once
//! per document; rules read them instead of re-deriving them.

pub mod genre;
mod level;
mod organ;
pub mod selfref;
mod zones;

use super::outline::date_of_line;
use super::{Document, Paragraph};
use crate::packs::Packs;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

pub use zones::{Zone, Zones};

/// Where a fact was learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    Title,
    Subtitle,
    /// 发文机关标志: the organ's name above the title (…文件).
    Header,
    /// The speaker line of a speech (县长 陈永高).
    Speaker,
    /// 发文字号's 机关代字.
    DocNumber,
    /// 主送机关 (县直各单位：).
    Addressee,
    /// 落款 or 署名 at the end.
    Signature,
    /// The first sentence of a text without a title (a news report's lead:
    /// 区人大常委会党组召开……).
    Lead,
    /// The one place of its level the document names.
    PlaceName,
    /// The body's self-references (全县, 我县, 县直…).
    SelfReference,
    /// A date line (成文日期).
    DateLine,
    /// Given on the command line or in gwlint.toml.
    Override,
}

impl Evidence {
    /// The evidence in a reviewer's words.
    pub fn describe(self) -> &'static str {
        match self {
            Evidence::Title => "标题",
            Evidence::Subtitle => "副标题",
            Evidence::Header => "发文机关标志",
            Evidence::Speaker => "署名",
            Evidence::DocNumber => "发文字号",
            Evidence::Addressee => "主送机关",
            Evidence::Signature => "落款",
            Evidence::Lead => "首句",
            Evidence::PlaceName => "正文中的地名",
            Evidence::SelfReference => "正文中的自称",
            Evidence::DateLine => "成文日期",
            Evidence::Override => "命令行或配置",
        }
    }
}

/// One fact and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    pub value: T,
    /// The text it was learned from (none for overrides and counts over the body).
    pub span: Option<Range<usize>>,
    pub evidence: Evidence,
}

impl<T> Fact<T> {
    pub fn given(value: T) -> Fact<T> {
        Fact {
            value,
            span: None,
            evidence: Evidence::Override,
        }
    }
}

/// A recognised genre: its template's name and the paragraphs of the title
/// it was recognised from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Genre {
    pub name: String,
    pub title: Vec<usize>,
}

/// The issuing organ: its type (局, 委员会, 党委…) and party body (党组).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organ {
    pub kind: String,
    pub body: Option<String>,
    /// The organ's name as written (中共安源市交通运输局党组), when known.
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The genre template the title matches (民主生活会情况通报…).
    pub genre: Option<Fact<Genre>>,
    /// The issuing level (县, 自治区…), a level name of jurisdiction.toml.
    pub level: Option<Fact<String>>,
    /// The document's own place (长沙县).
    pub place: Option<Fact<String>>,
    pub organ: Option<Fact<Organ>>,
    /// (year, month, day); a title's year alone gives 12-31.
    pub date: Option<Fact<(u32, u32, u32)>>,
}

impl Facts {
    /// Infer the facts of a modelled document.
    pub fn infer(doc: &Document, packs: &Packs) -> Facts {
        let zones = Zones::find(doc);
        let (level, place) = level::infer(doc, &zones, &packs.jurisdiction);
        Facts {
            genre: genre::infer(doc, packs),
            level,
            place,
            organ: organ::infer(doc, &zones, &packs.organs),
            date: date(&doc.text, &doc.paragraphs, &doc.outline.title)
                .or_else(|| subtitle_date(doc, &zones)),
        }
    }

    /// These facts with the user's overrides applied; a forced template
    /// takes the outline's title as its title.
    pub fn overridden(
        &self,
        doc: &Document,
        level: Option<&str>,
        organ: Option<&str>,
        template: Option<&str>,
    ) -> Facts {
        let mut f = self.clone();
        if let Some(l) = level {
            f.level = Some(Fact::given(l.to_string()));
            f.place = None;
        }
        if let Some(o) = organ {
            f.organ = Some(Fact::given(Organ {
                kind: o.to_string(),
                body: None,
                name: None,
            }));
        }
        if let Some(t) = template {
            f.genre = Some(Fact::given(Genre {
                name: t.to_string(),
                title: doc.outline.title.clone(),
            }));
        }
        f
    }
}

/// The title's byte range, first line to last.
pub fn title_span(doc: &Document) -> Option<Range<usize>> {
    let (a, b) = (doc.outline.title.first()?, doc.outline.title.last()?);
    Some(doc.paragraphs[*a].range.start..doc.paragraphs[*b].range.end)
}

/// A full date in a subtitle: ——2025年1月8日在…会议上.
fn subtitle_date(doc: &Document, zones: &Zones) -> Option<Fact<(u32, u32, u32)>> {
    static FULL: OnceLock<Regex> = OnceLock::new();
    let re = FULL
        .get_or_init(|| Regex::new(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日").unwrap());
    zones
        .others
        .iter()
        .filter(|z| z.evidence == Evidence::Subtitle)
        .find_map(|z| {
            let t = &doc.text[z.range.clone()];
            let c = re.captures(t)?;
            let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| {
                let r = c.get(0).unwrap();
                Fact {
                    value: (y, m, d),
                    span: Some(z.range.start + r.start()..z.range.start + r.end()),
                    evidence: Evidence::Subtitle,
                }
            })
        })
}

/// The document's date: the last date line, else the year named in the title.
fn date(text: &str, paras: &[Paragraph], title: &[usize]) -> Option<Fact<(u32, u32, u32)>> {
    if let Some((p, d)) = paras
        .iter()
        .rev()
        .find_map(|p| Some((p, date_of_line(&text[p.range.clone()])?)))
    {
        return Some(Fact {
            value: d,
            span: Some(p.range.clone()),
            evidence: Evidence::DateLine,
        });
    }
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| Regex::new(r"((?:19|20)[0-9]{2})年").unwrap());
    title.iter().find_map(|&i| {
        let p = &paras[i];
        let c = year.captures(&text[p.range.clone()])?;
        let y: u32 = c[1].parse().ok()?;
        let m = c.get(1)?;
        Some(Fact {
            value: (y, 12, 31),
            span: Some(p.range.start + m.start()..p.range.start + m.end()),
            evidence: Evidence::Title,
        })
    })
}

impl Facts {
    /// The facts as a reviewer reads them, one per line, each with its evidence.
    pub fn describe(&self, doc: &Document) -> String {
        fn line<T>(
            doc: &Document,
            label: &str,
            fact: &Option<Fact<T>>,
            show: impl Fn(&T) -> String,
        ) -> String {
            match fact {
                None => format!("  {label}：未能判断\n"),
                Some(f) => {
                    let evidence = match &f.span {
                        Some(r) => {
                            let (l, _) = doc.lines.position(&doc.text, r.start);
                            let quoted: String = doc.text[r.clone()].chars().take(30).collect();
                            format!("{}，第 {l} 行“{quoted}”", f.evidence.describe())
                        }
                        None => f.evidence.describe().to_string(),
                    };
                    format!("  {label}：{}（依据：{evidence}）\n", show(&f.value))
                }
            }
        }
        let mut out = String::new();
        out.push_str(&line(doc, "文种", &self.genre, |g| g.name.clone()));
        out.push_str(&line(doc, "层级", &self.level, |l| format!("{l}级")));
        out.push_str(&line(doc, "地名", &self.place, |p| p.clone()));
        out.push_str(&line(doc, "机关", &self.organ, |o| match &o.body {
            Some(b) if o.kind.is_empty() => b.clone(),
            Some(b) => format!("{}（{b}）", o.kind),
            None => o.kind.clone(),
        }));
        out.push_str(&line(doc, "日期", &self.date, |(y, m, d)| {
            if (*m, *d) == (12, 31)
                && self
                    .date
                    .as_ref()
                    .is_some_and(|f| f.evidence == Evidence::Title)
            {
                format!("{y}年")
            } else {
                format!("{y}年{m}月{d}日")
            }
        }));
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::Document;
    use crate::input::Format;

    fn facts(text: &str) -> (Option<String>, Option<String>, Option<String>, &'static str) {
        let d = Document::from_str("t", text, Format::Plain);
        let f = d.facts;
        let evidence = f.level.as_ref().map_or("", |l| l.evidence.describe());
        (
            f.level.map(|l| l.value),
            f.place.map(|p| p.value),
            f.organ.map(|o| o.value.kind),
            evidence,
        )
    }

    #[test]
    fn level_from_each_kind_of_evidence() {
        let cases = [
            ("区长在全区经济工作会议上的讲话\n\n同志们：\n今天召开会议。", "区", "标题"),
            ("政府工作报告\n——2023年2月2日在长沙县第十八届人民代表大会第三次会议上\n县长 陈永高\n各位代表：\n现在报告工作。", "县", "副标题"),
            ("关于2019年预算执行情况的报告\n县财政局局长  曾慧华\n各位代表：\n现在报告。", "县", "署名"),
            ("湖南省人民政府办公厅文件\n湘政办发〔2009〕24号\n关于加强就业工作的通知\n各单位：\n现将有关事项通知如下。", "省", "发文机关标志"),
            ("关于做好防汛工作的通知\n\n各乡镇人民政府，县直各单位：\n现将有关事项通知如下。", "县", "主送机关"),
            ("关于做好防汛工作的通知\n\n现将有关事项通知如下。\n王家镇人民政府\n2025年6月1日", "镇", "落款"),
            ("自治区人民政府关于推进乡村振兴的意见\n\n全区各地要抓好落实。", "自治区", "标题"),
            ("工作总结\n\n全县上下团结一心，全县经济稳中有进，全市排名靠前。", "县", "正文中的自称"),
        ];
        for (text, level, evidence) in cases {
            let (l, _, _, e) = facts(text);
            assert_eq!(l.as_deref(), Some(level), "{text}");
            assert_eq!(e, evidence, "{text}");
        }
    }

    #[test]
    fn a_lead_names_its_subject_but_not_the_superiors_it_cites() {
        let (l, _, _, e) =
            facts("2月2日下午，区人大常委会党组召开2017年度民主生活会。会议指出，要抓好整改。");
        assert_eq!((l.as_deref(), e), (Some("区"), "首句"));
        let (l, ..) = facts("根据县委关于召开民主生活会的统一部署，我在会前认真学习。\n一、存在的问题\n我镇工作有差距。");
        assert_eq!(l, None);
        // A long opening paragraph is body text: no title follows it.
        let (l, ..) = facts("肖拥军首先对本次专题民主生活会准备情况进行了全面说明，并代表区委常委班子作对照检查发言，各位常委逐一发言，会议开得严肃认真、富有成效。\n来源：红网\n作者：许丽慧");
        assert_eq!(l.as_deref(), Some("区"));
    }

    #[test]
    fn superiors_and_transferred_titles_do_not_decide() {
        // A county's report names its superiors; the title after 关于 names another organ.
        let (l, ..) =
            facts("关于转发省教育厅关于加强学校管理的通知的通知\n\n全省各地、全市上下高度重视。");
        assert_eq!(l, None);
        let (l, ..) = facts("工作要点\n\n全省排名第一，全市领先，全县上下一心，我县干部奋发有为。");
        assert_eq!(l.as_deref(), Some("县"));
    }

    #[test]
    fn recipients_name_the_tier_below_the_sender() {
        // 各设区市 is addressed by a province; the body tells 省 from 自治区.
        let text = "各设区市、平潭综合实验区教育局：\n近期，我厅在全省建立乡村教师生活补助制度。现将有关情况通报如下。";
        let (l, p, _, e) = facts(text);
        assert_eq!((l.as_deref(), p, e), (Some("省"), None, "主送机关"));
        // 各乡镇 is addressed by a county, a district or a banner.
        let text = "关于做好防汛工作的通知\n\n各乡镇人民政府：\n全区各级各部门要高度重视，全区上下齐心协力。";
        assert_eq!(facts(text).0.as_deref(), Some("区"));
        // Equal self-references of two candidates decide nothing.
        let text =
            "关于做好防汛工作的通知\n\n各乡镇人民政府：\n全区上下要高度重视，全县上下齐心协力。";
        assert_eq!(facts(text).0, None);
        // No self-reference at all: no level.
        let text = "关于做好防汛工作的通知\n\n各县（市、区）人民政府：\n现将有关事项通知如下。";
        assert_eq!(facts(text).0, None);
        // 各市直单位 are the sender's own units.
        let text = "关于做好防汛工作的通知\n\n各市直单位：\n现将有关事项通知如下。";
        assert_eq!(facts(text).0.as_deref(), Some("市"));
        // 省政府各部门 names the sender too.
        let text =
            "关于做好防汛工作的通知\n\n各市、县人民政府，省政府各部门：\n现将有关事项通知如下。";
        assert_eq!(facts(text).0.as_deref(), Some("省"));
    }

    #[test]
    fn a_lead_self_reference_is_body_evidence() {
        // 我县 in the first sentence of an untitled text does not outweigh
        // the rest of the body.
        let text =
            "我县要认真抓好落实。\n全市上下要统一思想，推动全市城市建设，结合我市实际抓好落实。";
        assert_eq!(facts(text).0.as_deref(), Some("市"));
    }

    #[test]
    fn one_character_place_names_open_the_title() {
        let (l, p, _, _) = facts("攸县人民政府关于做好防汛工作的通知\n\n各乡镇人民政府：\n正文。");
        assert_eq!((l.as_deref(), p.as_deref()), (Some("县"), Some("攸县")));
        // Inside a sentence a single character before 县 is no name.
        let (_, p, _, _) =
            facts("关于做好防汛工作的通知\n\n各乡镇人民政府：\n正文。\n该县人民政府\n2025年6月1日");
        assert_eq!(p, None);
    }

    #[test]
    fn municipalities_are_provincial() {
        let (l, p, _, _) =
            facts("北京市人民政府办公厅关于做好政务公开工作的通知\n\n各区人民政府：\n正文。");
        assert_eq!(
            (l.as_deref(), p.as_deref()),
            (Some("直辖市"), Some("北京市"))
        );
        let (l, ..) = facts("长沙市人民政府关于做好政务公开工作的通知\n\n正文。");
        assert_eq!(l.as_deref(), Some("市"));
    }

    #[test]
    fn place_and_organ() {
        let (l, p, o, _) = facts("长沙县财政局关于做好预算管理工作的通知\n\n各乡镇：\n正文。");
        assert_eq!(
            (l.as_deref(), p.as_deref(), o.as_deref()),
            (Some("县"), Some("长沙县"), Some("局"))
        );
        let (_, p, o, _) = facts("政府工作报告\n——2025年3月21日在汉滨区第十九届人民代表大会第四次会议上\n汉滨区人民政府代区长 向诗兵\n各位代表：\n正文。");
        assert_eq!(
            (p.as_deref(), o.as_deref()),
            (Some("汉滨区"), Some("人民政府"))
        );
    }
}
