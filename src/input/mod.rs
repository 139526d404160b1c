//! Turning a path or standard input into [`Text`]: size limits, binary
//! detection and decoding, Word extraction. Rules never read files;
//! everything starts here.

pub mod docx;
pub mod docx_map;

use crate::limits::{self, Limits};
use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// What kind of markup the text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    /// Text extracted from a Word file: one paragraph per line.
    Docx,
}

impl Format {
    /// The format a file name implies; `None` for files gwlint does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// A decoded document ready to be modelled.
#[derive(Debug, Clone)]
pub struct Text {
    /// The name shown to the user (the path as given, or `<stdin>`).
    pub name: String,
    pub text: String,
    pub format: Format,
    /// How the bytes were encoded, so that a fix can write them back the same way.
    pub encoding: Decoded,
    /// Text that was generated rather than read (Word's automatic numbering).
    pub generated: Vec<std::ops::Range<usize>>,
}

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static Encoding,
    /// Whether the bytes began with a byte-order mark.
    pub bom: bool,
}

impl Decoded {
    pub const UTF8: Decoded = Decoded {
        encoding: UTF_8,
        bom: false,
    };

    /// The name shown to users and in JSON: UTF-8, UTF-8-BOM, GB18030, GBK, Big5, UTF-16LE…
    pub fn name(&self) -> String {
        let base = self.encoding.name();
        if self.bom && self.encoding == UTF_8 {
            "UTF-8-BOM".to_string()
        } else {
            base.to_string()
        }
    }
}

/// Why a file could not be turned into text. Messages are for the user.
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    TooLarge {
        size: u64,
        max: u64,
    },
    /// A FIFO, device or socket: reading it could block forever.
    NotRegular,
    LongParagraph {
        line: usize,
        chars: usize,
        max: usize,
    },
    Binary,
    Unsupported(String),
    Encoding {
        offset: usize,
        encoding: &'static str,
    },
    Docx(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "无法读取：{e}"),
            InputError::TooLarge { size, max } => write!(
                f,
                "文件过大（{} 字节，上限 {} MiB），未检查；可在 gwlint.toml 的 [limits] 中用 max_file_mb 调整",
                size,
                max / limits::MIB
            ),
            InputError::NotRegular => write!(
                f,
                "不是普通文件（管道、设备或套接字），未检查：读取它可能永远等待"
            ),
            InputError::LongParagraph { line, chars, max } => write!(
                f,
                "第 {line} 行（段）长 {chars} 字，超过上限 {max} 字，未检查；可在 gwlint.toml 的 [limits] 中用 max_paragraph_chars 调整"
            ),
            InputError::Binary => write!(f, "看起来是二进制文件，不是文本，未检查"),
            InputError::Unsupported(ext) => write!(
                f,
                "暂不支持 .{ext} 文件：请在 Word/WPS 中另存为 .docx，或另存为 .txt 后再检查"
            ),
            InputError::Docx(msg) => write!(f, "{msg}"),
            InputError::Encoding { offset, encoding } => write!(
                f,
                "按 {encoding} 编码无法解码（第 {offset} 字节起）：文件可能已损坏，或请用 --encoding 指定正确的编码"
            ),
        }
    }
}

/// Read and decode one file with the default limits.
pub fn read_path(path: &Path, forced: Option<&'static Encoding>) -> Result<Text, InputError> {
    read_path_with(path, forced, &Limits::default())
}

/// Read and decode one file; `forced` overrides encoding detection.
/// Only regular files are opened (a FIFO would block); nothing beyond
/// `limits` is read.
pub fn read_path_with(
    path: &Path,
    forced: Option<&'static Encoding>,
    limits: &Limits,
) -> Result<Text, InputError> {
    let format = match Format::from_path(path) {
        Some(f) => f,
        None => match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if is_known_unsupported(ext) => {
                return Err(InputError::Unsupported(ext.to_ascii_lowercase()))
            }
            // Files named explicitly with another (or no) extension are read as plain text.
            _ => Format::Plain,
        },
    };
    let meta = std::fs::metadata(path).map_err(InputError::Io)?;
    if meta.is_dir() {
        return Err(InputError::Io(std::io::Error::other("是目录，不是文件")));
    }
    if !meta.is_file() {
        return Err(InputError::NotRegular);
    }
    let max = limits.file_bytes;
    if meta.len() > max {
        return Err(InputError::TooLarge {
            size: meta.len(),
            max,
        });
    }
    let file = std::fs::File::open(path).map_err(InputError::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Guard against files that grow while being read.
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    if format == Format::Docx {
        let extracted = docx::extract_with(&bytes, limits.docx_text_bytes)?;
        check_paragraphs(&extracted.text, limits)?;
        return Ok(Text {
            name: path.display().to_string(),
            text: extracted.text,
            format,
            encoding: Decoded::UTF8,
            generated: extracted.generated,
        });
    }
    let (text, encoding) = decode(bytes, forced)?;
    check_paragraphs(&text, limits)?;
    Ok(Text {
        name: path.display().to_string(),
        text,
        format,
        encoding,
        generated: Vec::new(),
    })
}

/// Read standard input as one plain-text document, within `limits`.
pub fn read_stdin(forced: Option<&'static Encoding>, limits: &Limits) -> Result<Text, InputError> {
    let mut bytes = Vec::new();
    let max = limits.file_bytes;
    std::io::stdin()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    let (text, encoding) = decode(bytes, forced)?;
    check_paragraphs(&text, limits)?;
    Ok(Text {
        name: "<stdin>".to_string(),
        text,
        format: Format::Plain,
        encoding,
        generated: Vec::new(),
    })
}

/// Refuse a text holding a paragraph longer than the limit.
fn check_paragraphs(text: &str, limits: &Limits) -> Result<(), InputError> {
    match limits::long_line(text, limits.paragraph_chars) {
        Some((line, chars)) => Err(InputError::LongParagraph {
            line,
            chars,
            max: limits.paragraph_chars,
        }),
        None => Ok(()),
    }
}

fn is_known_unsupported(ext: &str) -> bool {
    is_unreadable_draft(ext)
        || matches!(
            ext.to_ascii_lowercase().as_str(),
            "xls" | "xlsx" | "ppt" | "pptx"
        )
}

/// Drafts in formats gwlint cannot read (.doc, .wps, .pdf, .ofd…): found
/// while walking a folder, they are reported rather than skipped unseen.
pub fn is_unreadable_draft(ext: &str) -> bool {
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "doc" | "wps" | "pdf" | "ofd" | "rtf" | "odt"
    )
}

/// Decode bytes: a byte-order mark first (UTF-8, UTF-16LE/BE), then UTF-8
/// if valid, then UTF-16 without a BOM, then a detector restricted to the
/// encodings Chinese text is found in (GB18030/GBK, Big5). Bytes that do
/// not decode cleanly are an error naming the offset, never mojibake.
pub fn decode(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<(String, Decoded), InputError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if forced.is_none_or(|f| f == enc) {
            let text = strict(enc, &bytes[bom_len..], bom_len)?;
            return Ok((
                text,
                Decoded {
                    encoding: enc,
                    bom: true,
                },
            ));
        }
    }
    // One pass tells whether the bytes are UTF-8; valid UTF-8 read as UTF-8
    // (the usual case) is the text itself, with no second buffer and no
    // copy.
    let (enc, text) = match String::from_utf8(bytes) {
        Ok(text) => {
            let enc = match forced {
                Some(f) => f,
                None if looks_binary(text.as_bytes()) => return Err(InputError::Binary),
                None => UTF_8,
            };
            if enc == UTF_8 {
                (enc, text)
            } else {
                (enc, strict(enc, text.as_bytes(), 0)?)
            }
        }
        Err(e) => {
            let enc = match forced {
                Some(f) => f,
                None => detect_not_utf8(e.as_bytes())?,
            };
            (enc, strict(enc, e.as_bytes(), 0)?)
        }
    };
    if text.contains('\0') {
        return Err(InputError::Binary);
    }
    Ok((
        text,
        Decoded {
            encoding: enc,
            bom: false,
        },
    ))
}

/// The encoding of bytes that are not UTF-8.
fn detect_not_utf8(bytes: &[u8]) -> Result<&'static Encoding, InputError> {
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(enc);
    }
    if looks_binary(bytes) {
        return Err(InputError::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // GB18030 is a superset of GBK: decoding with it loses nothing.
    // Anything else chardetng may guess is not a Chinese encoding; GB18030
    // then either decodes cleanly or reports the offset where it cannot.
    Ok(if guess == BIG5 { BIG5 } else { GB18030 })
}

/// UTF-16 without a BOM: zero bytes (the high halves of ASCII characters
/// such as line breaks) fall mostly on odd (LE) or even (BE) offsets, and
/// the sample then reads as text in that byte order. Chinese characters
/// whose low byte is zero (开 U+5F00) put a few zeros on the other side,
/// so the byte order is confirmed by reading, not by the zeros alone.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let pairs = sample.len() / 2;
    let (first, second) = if odd >= even {
        (UTF_16LE, UTF_16BE)
    } else {
        (UTF_16BE, UTF_16LE)
    };
    if odd.max(even) * 100 < pairs {
        return None;
    }
    [first, second]
        .into_iter()
        .find(|&enc| reads_as_text(enc, sample))
}

/// Whether a sample decodes, in `enc`, to text: no malformed units (a cut
/// at the sample's end aside) and nearly no control characters.
fn reads_as_text(enc: &'static Encoding, sample: &[u8]) -> bool {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(sample.len() * 2);
    let (result, _) = decoder.decode_to_string_without_replacement(sample, &mut out, false);
    if matches!(result, encoding_rs::DecoderResult::Malformed(..)) {
        return false;
    }
    let total = out.chars().count().max(1);
    let odd = out
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    odd * 100 <= total
}

/// Decode without replacement characters; a malformed sequence is an error
/// at its byte offset (counted from the start of the file).
fn strict(enc: &'static Encoding, bytes: &[u8], base: usize) -> Result<String, InputError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(InputError::Encoding {
            offset: base + read - bad as usize - after as usize,
            encoding: enc.name(),
        }),
        encoding_rs::DecoderResult::OutputFull => {
            unreachable!("the buffer was sized for the input")
        }
    }
}

/// A NUL byte in the first 8 KiB marks a binary file (as git and grep decide).
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// UTF-8 is taken as it is: the text is the bytes' own buffer.
    #[test]
    fn utf8_text_is_not_copied() {
        let bytes = "关于做好工作的通知\n正文。".as_bytes().to_vec();
        let at = bytes.as_ptr();
        let (text, decoded) = decode(bytes, None).unwrap();
        assert_eq!(text.as_ptr(), at);
        assert_eq!(decoded.encoding, UTF_8);
        // Forced to another encoding, the same bytes are decoded as such.
        let (text, _) = decode("abc".as_bytes().to_vec(), Some(encoding_rs::GBK)).unwrap();
        assert_eq!(text, "abc");
    }

    fn text(bytes: Vec<u8>) -> (String, String) {
        let (t, d) = decode(bytes, None).unwrap();
        (t, d.name())
    }

    const SAMPLE: &str =
        "关于做好防汛工作的通知\r\n各乡镇人民政府，县直各单位：\r\n请于2024年6月1日前报送。\r\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            text(SAMPLE.as_bytes().to_vec()),
            (SAMPLE.to_string(), "UTF-8".into())
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(text(b), (SAMPLE.to_string(), "UTF-8-BOM".into()));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = SAMPLE
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = SAMPLE
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(text([vec![0xFF, 0xFE], le.clone()].concat()).0, SAMPLE);
        assert_eq!(text([vec![0xFE, 0xFF], be.clone()].concat()).0, SAMPLE);
        assert_eq!(text(le), (SAMPLE.to_string(), "UTF-16LE".into()));
        assert_eq!(text(be), (SAMPLE.to_string(), "UTF-16BE".into()));
        // 开 (U+5F00) puts a zero byte on the "wrong" side.
        let kai = "关于开会的通知\n\n由XX同志主持。\n";
        let le: Vec<u8> = kai.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(text(le), (kai.to_string(), "UTF-16LE".into()));
    }

    #[test]
    fn gbk_gb18030_and_big5_are_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE);
        assert_eq!(
            text(gbk.into_owned()),
            (SAMPLE.to_string(), "gb18030".into())
        );
        let (big5, _, _) =
            BIG5.encode("關於做好防汛工作的通知，請各鄉鎮人民政府於六月一日前報送有關材料。");
        assert_eq!(text(big5.into_owned()).1, "Big5");
    }

    #[test]
    fn undecodable_bytes_report_their_offset() {
        let mut b = "通知".as_bytes().to_vec();
        b.extend_from_slice(&[0xB9, 0xE3]); // GBK 广 after UTF-8: neither encoding fits
        b.extend_from_slice(&[0xFF, 0xFF]);
        match decode(b, None) {
            Err(InputError::Encoding { offset, .. }) => assert!(offset >= 6, "{offset}"),
            other => panic!("unexpected {other:?}"),
        }
        match decode(vec![0xE9, 0x80], Some(UTF_8)) {
            Err(InputError::Encoding { offset, encoding }) => {
                assert_eq!((offset, encoding), (0, "UTF-8"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(
                vec![0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02, 0x03],
                None
            ),
            Err(InputError::Binary)
        ));
    }
}
