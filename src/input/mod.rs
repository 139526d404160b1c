//! Turning a path or standard input into [`Text`]: size limits, binary
//! detection and decoding. Rules never read files; everything starts here.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of markup the text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    /// The format a file name implies; `None` for files gwlint does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" => Some(Format::Markdown),
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
}

/// Why a file could not be turned into text. Messages are for the user.
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    TooLarge(u64),
    Binary,
    Unsupported(String),
    Encoding { offset: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "无法读取：{e}"),
            InputError::TooLarge(n) => write!(
                f,
                "文件过大（{} MiB，上限 {} MiB），未检查",
                n / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            InputError::Binary => write!(f, "看起来是二进制文件，不是文本，未检查"),
            InputError::Unsupported(ext) => write!(
                f,
                "暂不支持 .{ext} 文件：请另存为 UTF-8 编码的 .txt 或 .md 后再检查"
            ),
            InputError::Encoding { offset } => write!(
                f,
                "不是有效的 UTF-8 文本（第 {offset} 字节起无法解码）：请将文件另存为 UTF-8 编码"
            ),
        }
    }
}

/// Read and decode one file.
pub fn read_path(path: &Path) -> Result<Text, InputError> {
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
    if meta.len() > MAX_FILE_BYTES {
        return Err(InputError::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(InputError::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Guard against files that grow while being read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(Text {
        name: path.display().to_string(),
        text: decode(bytes)?,
        format,
    })
}

/// Read standard input as one plain-text document.
pub fn read_stdin() -> Result<Text, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(Text {
        name: "<stdin>".to_string(),
        text: decode(bytes)?,
        format: Format::Plain,
    })
}

fn is_known_unsupported(ext: &str) -> bool {
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "docx" | "doc" | "wps" | "pdf" | "rtf" | "odt" | "xls" | "xlsx" | "ppt" | "pptx"
    )
}

/// Decode bytes to text: UTF-16 with a BOM, otherwise UTF-8 (a UTF-8 BOM is dropped).
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if looks_binary(&bytes) {
        return Err(InputError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| InputError::Encoding {
        offset: e.utf8_error().valid_up_to(),
    })
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    if bytes.len() % 2 != 0 {
        return Err(InputError::Encoding {
            offset: bytes.len() + 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    for (i, ch) in char::decode_utf16(units).enumerate() {
        match ch {
            Ok('\0') => return Err(InputError::Binary),
            Ok(c) => out.push(c),
            Err(_) => return Err(InputError::Encoding { offset: 2 + i * 2 }),
        }
    }
    Ok(out)
}

/// A NUL byte in the first 8 KiB marks a binary file (as git and grep decide).
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        let t = decode("\u{feff}通知".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "通知");
    }

    #[test]
    fn utf16_le_and_be_with_bom_decode() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "通知，X".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(le).unwrap(), "通知，X");
        assert_eq!(decode(be).unwrap(), "通知，X");
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let mut b = "通知".as_bytes().to_vec();
        b.extend_from_slice(&[0xB9, 0xE3]); // GBK 广, invalid UTF-8
        match decode(b) {
            Err(InputError::Encoding { offset }) => assert_eq!(offset, 6),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(vec![0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]),
            Err(InputError::Binary)
        ));
    }
}
