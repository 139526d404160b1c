//! Options that shape one lint run. (The `gwlint.toml` file will feed these.)

use crate::rules::{self, Rule};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The issuing level, when it should not be inferred.
    pub level: Option<String>,
    /// The genre template, when it should not be chosen by the title.
    pub template: Option<String>,
    /// The date for `outdated-term` when a document has none; default today.
    pub as_of: Option<(u32, u32, u32)>,
    /// Rule ids to run; empty means all.
    pub select: Vec<String>,
    /// Rule ids not to run.
    pub ignore: Vec<String>,
}

impl Options {
    /// The rules this run checks, in registry order.
    pub fn rules(&self) -> Vec<&'static Rule> {
        rules::ALL
            .iter()
            .copied()
            .filter(|r| self.select.is_empty() || self.select.iter().any(|s| s == r.id))
            .filter(|r| !self.ignore.iter().any(|s| s == r.id))
            .collect()
    }
}

/// Today's date (UTC), from the system clock.
pub fn today() -> (u32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Convert days since 1970-01-01 to a (year, month, day) date
/// (the proleptic Gregorian calendar algorithm of Howard Hinnant).
fn civil_from_days(z: i64) -> (u32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as u32, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_785), (2026, 11, 28));
    }
}
