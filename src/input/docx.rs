//! Reading the text of a Word `.docx` file: the body in reading order
//! (paragraphs, runs, hyperlinks, tracked insertions, tables, text boxes),
//! then footnotes and endnotes. Tracked deletions and field codes are
//! dropped. Word's automatic numbering is resolved into the text, so that
//! a paragraph Word numbers as （一） reads exactly like typed numbering;
//! the generated labels are recorded as such.
//!
//! Each Word paragraph becomes one line, so line N is paragraph N.
//! Hostile files are refused: too many parts, a part too large when
//! uncompressed or compressed too well (zip bombs), XML nested too deep.

use super::docx_map::{Locator, ParaLoc, PartMap};
use super::InputError;
use crate::numerals::han_number;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{Namespace, NamespaceResolver, ResolveResult};
use quick_xml::NsReader;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::ops::Range;

/// Most parts a .docx may hold.
const MAX_ENTRIES: usize = 10_000;
/// Largest uncompressed part read.
const MAX_PART: u64 = 64 * 1024 * 1024;
/// Highest compression ratio accepted for parts over 1 MiB.
const MAX_RATIO: u64 = 200;
/// Deepest XML nesting accepted.
const MAX_DEPTH: usize = 256;
/// Largest list number rendered (Word's own limit); keeps hostile start
/// values from producing huge labels.
const MAX_NUMBER: u32 = 32_767;

/// The extracted text and where Word generated numbering labels.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub generated: Vec<Range<usize>>,
}

fn err(msg: impl Into<String>) -> InputError {
    InputError::Docx(msg.into())
}

/// Longest numbering label rendered, in bytes: a level text repeating `%1`
/// a thousand times would otherwise expand every numbered paragraph.
const MAX_LABEL: usize = 256;

/// Extract the text of a .docx held in memory, with the default limit.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    extract_inner(
        bytes,
        crate::limits::Limits::default().docx_text_bytes,
        false,
    )
    .map(|(e, _)| e)
}

/// Extract the text of a .docx held in memory; refuse a document whose
/// text, generated numbering included, grows beyond `max_text` bytes.
pub fn extract_with(bytes: &[u8], max_text: usize) -> Result<Extracted, InputError> {
    extract_inner(bytes, max_text, false).map(|(e, _)| e)
}

/// Extract the text and where each piece of it came from in the XML.
pub fn extract_located(bytes: &[u8]) -> Result<(Extracted, Vec<PartMap>), InputError> {
    extract_inner(
        bytes,
        crate::limits::Limits::default().docx_text_bytes,
        true,
    )
}

fn extract_inner(
    bytes: &[u8],
    max_text: usize,
    locate: bool,
) -> Result<(Extracted, Vec<PartMap>), InputError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(err(
            "这是加密的 Word 文件或旧版 .doc 文件：请在 Word/WPS 中取消加密并另存为 .docx",
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| err(format!("不是有效的 .docx（zip）文件：{e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(err(format!(
            "包含 {} 个部件，超过上限 {MAX_ENTRIES}",
            zip.len()
        )));
    }
    let body = read_part(&mut zip, "word/document.xml")?
        .ok_or_else(|| err("缺少 word/document.xml，不是 Word 文档"))?;
    let numbering = match read_part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let styles = match read_part(&mut zip, "word/styles.xml")? {
        Some(xml) => style_numbering(&xml)?,
        None => HashMap::new(),
    };
    let mut walker = Walker {
        numbering,
        styles,
        counters: HashMap::new(),
        out: Extracted::default(),
        located: locate.then(Vec::new),
        saw_text: false,
        max_text,
    };
    walker.walk("word/document.xml", body, None)?;
    if walker.saw_text && walker.out.text.trim().is_empty() {
        return Err(err(
            "word/document.xml 中有文字，却读不出 Word 正文（不是 WordprocessingML 的命名空间？）：请在 Word/WPS 中另存为 .docx 后再检查",
        ));
    }
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = read_part(&mut zip, part)? {
            walker.walk(part, xml, Some(()))?;
        }
    }
    Ok((walker.out, walker.located.unwrap_or_default()))
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, InputError> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(err(format!("无法读取 {name}：{e}"))),
    };
    if f.encrypted() {
        return Err(err("文件已加密：请取消加密后另存为 .docx"));
    }
    let (size, packed) = (f.size(), f.compressed_size().max(1));
    if size > MAX_PART {
        return Err(err(format!(
            "{name} 解压后 {} MiB，超过上限 {} MiB",
            size >> 20,
            MAX_PART >> 20
        )));
    }
    if size > 1 << 20 && size / packed > MAX_RATIO {
        return Err(err(format!(
            "{name} 的压缩比异常（{}:1），疑为压缩炸弹，未检查",
            size / packed
        )));
    }
    let mut buf = Vec::with_capacity(size as usize);
    // The declared size may lie: never read more than the limit.
    (&mut f)
        .take(MAX_PART + 1)
        .read_to_end(&mut buf)
        .map_err(|e| err(format!("无法解压 {name}：{e}")))?;
    if buf.len() as u64 > MAX_PART {
        return Err(err(format!("{name} 解压后超过上限 {} MiB", MAX_PART >> 20)));
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| err(format!("{name} 不是 UTF-8 编码的 XML")))
}

pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.to_string())
}

/// Namespaces whose elements and attributes are matched by name, each with
/// the prefix the reader uses for it whatever prefix the file declares
/// (ns0:p, or a default namespace, reads as w:p).
const NAMESPACES: &[(&str, &str)] = &[
    (
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "w",
    ),
    ("http://purl.oclc.org/ooxml/wordprocessingml/main", "w"),
    (
        "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "mc",
    ),
];

/// The canonical prefix of a resolved namespace, if it is one we match.
fn canonical(ns: &ResolveResult) -> Option<&'static str> {
    match ns {
        ResolveResult::Bound(Namespace(uri)) => {
            NAMESPACES.iter().find(|(u, _)| u == uri).map(|(_, p)| *p)
        }
        _ => None,
    }
}

/// `name` with the canonical prefix, when it differs from what is written.
fn renamed(written: &str, prefix: Option<&str>, local: &str) -> Option<String> {
    let prefix = prefix?;
    if written
        .strip_prefix(prefix)
        .and_then(|r| r.strip_prefix(':'))
        .is_some_and(|l| l == local)
    {
        return None;
    }
    Some(format!("{prefix}:{local}"))
}

/// An element with its name and attribute names in canonical prefixes.
fn canonical_start(e: &BytesStart, resolver: &NamespaceResolver) -> Option<BytesStart<'static>> {
    let (ns, local) = resolver.resolve_element(e.name());
    let elem_prefix = canonical(&ns);
    let name = renamed(e.name().as_ref(), elem_prefix, local.as_ref());
    let mut attrs_changed = false;
    let mut attrs: Vec<(String, String)> = Vec::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key;
        if key.as_ref().starts_with("xmlns") {
            attrs.push((key.as_ref().to_string(), a.value.into_owned()));
            continue;
        }
        let (ans, alocal) = resolver.resolve_attribute(key);
        // WordprocessingML attributes are qualified; an unqualified one on a
        // WordprocessingML element is read as if it were.
        let aprefix = canonical(&ans).or(match ans {
            ResolveResult::Unbound => elem_prefix,
            _ => None,
        });
        match renamed(key.as_ref(), aprefix, alocal.as_ref()) {
            Some(n) => {
                attrs_changed = true;
                attrs.push((n, a.value.into_owned()));
            }
            None => attrs.push((key.as_ref().to_string(), a.value.into_owned())),
        }
    }
    if name.is_none() && !attrs_changed {
        return None;
    }
    let name = name.unwrap_or_else(|| e.name().as_ref().to_string());
    let mut out = BytesStart::new(name);
    for (k, v) in &attrs {
        out.push_attribute(quick_xml::events::attributes::Attribute {
            key: quick_xml::name::QName(k),
            value: std::borrow::Cow::Borrowed(v.as_str()),
        });
    }
    Some(out.into_owned())
}

/// Events of an XML part with a depth guard, each with its byte range,
/// element and attribute names in canonical prefixes, and a check that
/// every element is closed.
fn events(
    xml: &str,
    mut f: impl FnMut(&Event, usize, Range<usize>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    let mut reader = NsReader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let from = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            err(format!(
                "XML 格式错误（第 {} 字节附近）：{e}",
                reader.buffer_position()
            ))
        })?;
        let resolver = reader.resolver();
        let ev = match ev {
            Event::Start(e) => match canonical_start(&e, resolver) {
                Some(c) => Event::Start(c),
                None => Event::Start(e),
            },
            Event::Empty(e) => match canonical_start(&e, resolver) {
                Some(c) => Event::Empty(c),
                None => Event::Empty(e),
            },
            Event::End(e) => {
                let (ns, local) = resolver.resolve_element(e.name());
                match renamed(e.name().as_ref(), canonical(&ns), local.as_ref()) {
                    Some(n) => Event::End(BytesEnd::new(n)),
                    None => Event::End(e),
                }
            }
            other => other,
        };
        match &ev {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(err(format!("XML 嵌套超过 {MAX_DEPTH} 层，未检查")));
                }
            }
            Event::Eof if depth > 0 => {
                return Err(err("XML 不完整：有元素没有闭合（文件可能已损坏或被截断）"));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        f(&ev, depth, from..reader.buffer_position() as usize)?;
        if let Event::End(_) = ev {
            depth = depth.saturating_sub(1);
        }
    }
}

/// One level of a numbering definition.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, Vec<Option<Level>>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, InputError> {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut ilvl: Option<usize> = None;
        let mut override_lvl: Option<usize> = None;
        events(xml, |ev, _, _| {
            let (e, is_end) = match ev {
                Event::Start(e) | Event::Empty(e) => (e, false),
                Event::End(end) => {
                    match end.name().as_ref() {
                        "w:abstractNum" => abstract_id = None,
                        "w:num" => num_id = None,
                        "w:lvl" => ilvl = None,
                        "w:lvlOverride" => override_lvl = None,
                        _ => {}
                    }
                    return Ok(());
                }
                _ => return Ok(()),
            };
            debug_assert!(!is_end);
            let val = || attr(e, "w:val");
            match e.name().as_ref() {
                "w:abstractNum" => abstract_id = attr(e, "w:abstractNumId"),
                "w:num" => num_id = attr(e, "w:numId"),
                "w:abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, val()) {
                        n.nums
                            .entry(id.clone())
                            .or_insert_with(|| (a, HashMap::new()))
                            .0
                            .clone_from(&val().unwrap());
                    }
                }
                "w:lvlOverride" => override_lvl = attr(e, "w:ilvl").and_then(|v| v.parse().ok()),
                "w:startOverride" => {
                    if let (Some(id), Some(l), Some(v)) =
                        (&num_id, override_lvl, val().and_then(|v| v.parse().ok()))
                    {
                        n.nums
                            .entry(id.clone())
                            .or_insert_with(|| (String::new(), HashMap::new()))
                            .1
                            .insert(l, v);
                    }
                }
                "w:lvl" if num_id.is_none() => {
                    ilvl = attr(e, "w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|&l: &usize| l < 9);
                    if let (Some(a), Some(l)) = (&abstract_id, ilvl) {
                        let levels = n.abstracts.entry(a.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, None);
                        }
                        levels[l] = Some(Level {
                            format: "decimal".into(),
                            text: String::new(),
                            start: 1,
                        });
                    }
                }
                "w:start" | "w:numFmt" | "w:lvlText" if num_id.is_none() => {
                    if let (Some(a), Some(l)) = (&abstract_id, ilvl) {
                        if let Some(Some(level)) = n.abstracts.get_mut(a).and_then(|v| v.get_mut(l))
                        {
                            let v = val().unwrap_or_default();
                            match e.name().as_ref() {
                                "w:start" => {
                                    level.start = v.parse::<u32>().unwrap_or(1).min(MAX_NUMBER)
                                }
                                "w:numFmt" => level.format = v,
                                _ => level.text = v,
                            }
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(n)
    }

    fn level(&self, num_id: &str, ilvl: usize) -> Option<(&Level, u32)> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let level = self.abstracts.get(abs)?.get(ilvl)?.as_ref()?;
        Some((level, overrides.get(&ilvl).copied().unwrap_or(level.start)))
    }
}

/// Paragraph styles that carry numbering: styleId → (numId, ilvl).
fn style_numbering(xml: &str) -> Result<HashMap<String, (String, usize)>, InputError> {
    let mut out = HashMap::new();
    let mut style: Option<String> = None;
    let mut num: (Option<String>, usize) = (None, 0);
    events(xml, |ev, _, _| {
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:style" => {
                    style = attr(e, "w:styleId");
                    num = (None, 0);
                }
                "w:numId" => num.0 = attr(e, "w:val"),
                "w:ilvl" => num.1 = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "w:style" => {
                if let (Some(s), Some(n)) = (style.take(), num.0.take()) {
                    out.insert(s, (n, num.1));
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// Render one counter value in a Word number format.
fn render(format: &str, n: u32) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => han_number(n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "upperLetter" => letter(n, b'A'),
        "lowerLetter" => letter(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

fn letter(n: u32, base: u8) -> String {
    let c = (base + ((n.max(1) - 1) % 26) as u8) as char;
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: usize,
    style: Option<String>,
    /// Where it is in the XML, when locating.
    loc: ParaLoc,
}

impl Para {
    /// An empty element inside the paragraph: a character or a property.
    fn read_empty(&mut self, e: &BytesStart) {
        match e.name().as_ref() {
            "w:tab" => self.text.push('\t'),
            "w:br" | "w:cr" => self.text.push(' '),
            "w:noBreakHyphen" => self.text.push('-'),
            "w:numId" => self.num_id = attr(e, "w:val"),
            "w:ilvl" => self.ilvl = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
            "w:pStyle" => self.style = attr(e, "w:val"),
            _ => {}
        }
    }
}

/// Elements whose text is not the document's: deleted text, fallbacks,
/// field codes, revision records and, in a notes part, the separators.
fn unread(e: &BytesStart, notes: bool) -> bool {
    match e.name().as_ref() {
        "w:del" | "w:delText" | "w:instrText" | "mc:Fallback" | "w:moveFrom" | "w:pPrChange"
        | "w:rPrChange" | "w:numberingChange" => true,
        "w:footnote" | "w:endnote" => {
            notes
                && attr(e, "w:type")
                    .is_some_and(|t| t.contains("eparator") || t == "continuationNotice")
        }
        _ => false,
    }
}

/// The character an entity or character reference stands for.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match r.xml10_content().as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

struct Walker {
    numbering: Numbering,
    styles: HashMap<String, (String, usize)>,
    /// numId → counters for levels 0..9.
    counters: HashMap<String, [Option<u32>; 9]>,
    out: Extracted,
    /// Whether any element held text, read or not.
    saw_text: bool,
    /// Source maps of the parts walked, when locating.
    located: Option<Vec<PartMap>>,
    /// The most text, in bytes, the document may expand to.
    max_text: usize,
}

impl Walker {
    /// Walk one part; `notes` marks footnotes/endnotes (separators skipped).
    fn walk(
        &mut self,
        name: &'static str,
        xml: String,
        notes: Option<()>,
    ) -> Result<(), InputError> {
        let mut stack: Vec<Para> = Vec::new();
        let mut in_text = false;
        // Depths of subtrees being skipped (deleted text, fallbacks, field codes, separators).
        let mut skip_from: Option<usize> = None;
        let mut finished: Vec<Para> = Vec::new();
        let locate = self.located.is_some();
        if let Some(parts) = self.located.as_mut() {
            parts.push(PartMap::new(name));
        }
        let mut at = Locator::default();
        events(&xml, |ev, depth, range| {
            if let Some(d) = skip_from {
                if matches!(ev, Event::End(_)) && depth == d {
                    skip_from = None;
                }
                return Ok(());
            }
            if locate {
                at.track(ev, depth, &range, stack.last_mut().map(|p| &mut p.loc));
            }
            match ev {
                Event::Start(e) => match e.name().as_ref() {
                    "w:p" => stack.push(Para {
                        loc: at.paragraph(depth, &range),
                        ..Para::default()
                    }),
                    "w:t" => {
                        in_text = true;
                        at.text_element(e, &range);
                    }
                    _ if unread(e, notes.is_some()) => skip_from = Some(depth),
                    _ => {}
                },
                Event::Empty(e) => {
                    if let Some(p) = stack.last_mut() {
                        p.read_empty(e);
                    }
                }
                Event::Text(t) if !in_text && !self.saw_text => {
                    self.saw_text = !t.xml10_content().trim().is_empty();
                }
                Event::Text(_) if !in_text => {}
                Event::Text(t) => {
                    if let Some(p) = stack.last_mut() {
                        let from = p.text.len();
                        let content = t.xml10_content();
                        p.text.push_str(&content);
                        if locate {
                            let exact = content.as_bytes() == &xml.as_bytes()[range.clone()];
                            at.piece(&mut p.loc, from..p.text.len(), range, exact);
                        }
                    }
                }
                Event::GeneralRef(r) if in_text => {
                    if let Some(p) = stack.last_mut() {
                        let from = p.text.len();
                        p.text.extend(entity(r));
                        if locate {
                            at.piece(&mut p.loc, from..p.text.len(), range, false);
                        }
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:p" => {
                        if let Some(mut p) = stack.pop() {
                            p.loc.content.end = range.start;
                            finished.push(p);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            // Emit paragraphs as they close (a text box's before its anchor).
            for p in finished.drain(..) {
                self.emit(p);
            }
            self.check_size()
        })?;
        if let Some(part) = self.located.as_mut().and_then(|parts| parts.last_mut()) {
            part.xml = xml;
        }
        Ok(())
    }

    /// Stop when the text grows over the limit.
    fn check_size(&self) -> Result<(), InputError> {
        if self.out.text.len() > self.max_text {
            return Err(err(format!(
                "提取出的文字（含自动编号）超过上限 {} MiB，未检查；可在 gwlint.toml 的 [limits] 中用 max_docx_text_mb 调整",
                self.max_text >> 20
            )));
        }
        Ok(())
    }

    fn emit(&mut self, p: Para) {
        let num = match (&p.num_id, &p.style) {
            (Some(n), _) => Some((n.clone(), p.ilvl)),
            (None, Some(s)) => self.styles.get(s).cloned(),
            _ => None,
        };
        let start = self.out.text.len();
        if let Some((num_id, ilvl)) = num.filter(|(n, _)| n != "0") {
            if let Some(label) = self.label(&num_id, ilvl.min(8)) {
                self.out.text.push_str(&label);
                if !label.is_empty() {
                    self.out.generated.push(start..self.out.text.len());
                }
            }
        }
        // One paragraph, one line.
        let body = self.out.text.len();
        self.out.text.extend(
            p.text
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
        if let Some(part) = self.located.as_mut().and_then(|parts| parts.last_mut()) {
            part.add(p.loc, body, start..self.out.text.len());
        }
        self.out.text.push('\n');
    }

    /// Advance the counter of (num_id, ilvl) and render its label.
    fn label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (level, start) = self.numbering.level(num_id, ilvl)?;
        let level = level.clone();
        let counters = self.counters.entry(num_id.to_string()).or_insert([None; 9]);
        counters[ilvl] = Some(
            counters[ilvl]
                .map_or(start, |c| c.saturating_add(1))
                .min(MAX_NUMBER),
        );
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let snapshot = *counters;
        let mut label = level.text.clone();
        for (i, value) in snapshot.iter().enumerate() {
            let key = format!("%{}", i + 1);
            if label.contains(&key) {
                let fmt = self
                    .numbering
                    .level(num_id, i)
                    .map_or("decimal".to_string(), |(l, _)| l.format.clone());
                let fmt = if i == ilvl { level.format.clone() } else { fmt };
                let v =
                    value.unwrap_or_else(|| self.numbering.level(num_id, i).map_or(1, |(_, s)| s));
                label = label.replace(&key, &render(&fmt, v));
                if label.len() > MAX_LABEL {
                    break;
                }
            }
        }
        if label.len() > MAX_LABEL {
            let mut cut = MAX_LABEL;
            while !label.is_char_boundary(cut) {
                cut -= 1;
            }
            label.truncate(cut);
        }
        if level.format == "bullet" {
            return Some(String::new());
        }
        Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(render("chineseCounting", 3), "三");
        assert_eq!(render("decimal", 12), "12");
        assert_eq!(render("decimalFullWidth", 7), "７");
        assert_eq!(render("upperRoman", 14), "XIV");
        assert_eq!(render("lowerLetter", 2), "b");
        assert_eq!(render("decimalEnclosedCircle", 2), "②");
    }

    #[test]
    fn hostile_numbering_values_stay_small() {
        assert!(render("upperLetter", MAX_NUMBER).len() < 2000);
        assert!(render("upperRoman", MAX_NUMBER).len() < 100);
    }

    #[test]
    fn refuses_old_word_files() {
        assert!(matches!(
            extract(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(InputError::Docx(_))
        ));
        assert!(matches!(extract(b"not a zip"), Err(InputError::Docx(_))));
    }
}
