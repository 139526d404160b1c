//! Reading and writing the numerals that ordinals and counts are written
//! with: a leaf module that both the input readers and the document model use.

/// The value of a single Chinese digit character.
pub fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Characters that may appear in a Chinese number below one hundred.
pub fn is_han_numeral_char(c: char) -> bool {
    han_digit(c).is_some() || c == '十'
}

/// Parse a Chinese number from 1 to 99 (一, 十, 十二, 二十, 二十三, 两).
pub fn parse_han(s: &str) -> Option<u32> {
    // At most three characters make a number here.
    let mut chars = ['\0'; 4];
    let mut n = 0;
    for c in s.chars() {
        if n == chars.len() {
            return None;
        }
        chars[n] = c;
        n += 1;
    }
    match &chars[..n] {
        [d] if *d != '十' => han_digit(*d).filter(|&v| v > 0),
        ['十'] => Some(10),
        ['十', d] => han_digit(*d).filter(|&v| v > 0).map(|v| 10 + v),
        [t, '十'] => han_digit(*t).filter(|&v| v > 1).map(|v| v * 10),
        [t, '十', d] => {
            let t = han_digit(*t).filter(|&v| v > 1)?;
            let d = han_digit(*d).filter(|&v| v > 0)?;
            Some(t * 10 + d)
        }
        _ => None,
    }
}

/// Parse an Arabic (ASCII or full-width) number of at most four digits.
pub fn parse_arabic(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 4 {
        return None;
    }
    let mut v = 0u32;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        v = v * 10 + d;
    }
    Some(v)
}

/// Parse either kind of number.
pub fn parse_any(s: &str) -> Option<u32> {
    parse_arabic(s).or_else(|| parse_han(s))
}

/// Whether the number is written in Arabic digits.
pub fn is_arabic(s: &str) -> bool {
    parse_arabic(s).is_some()
}

/// Write 1..=99 in Chinese numerals.
pub fn han_number(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n as usize].into(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_numbers() {
        assert_eq!(parse_han("一"), Some(1));
        assert_eq!(parse_han("两"), Some(2));
        assert_eq!(parse_han("十"), Some(10));
        assert_eq!(parse_han("十二"), Some(12));
        assert_eq!(parse_han("二十"), Some(20));
        assert_eq!(parse_han("九十九"), Some(99));
        assert_eq!(parse_han("一十"), None);
        assert_eq!(parse_han("〇"), None);
        assert_eq!(parse_han("三四"), None);
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(parse_arabic("3"), Some(3));
        assert_eq!(parse_arabic("１２"), Some(12));
        assert_eq!(parse_arabic("12345"), None);
        assert_eq!(parse_any("四"), Some(4));
    }
}
