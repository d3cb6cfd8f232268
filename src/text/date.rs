//! Publication dates and the `date YYYY-MM-DD` line that may head an article.
//!
//! Relations are dated by the article that states them ("married" in a 2021
//! story), so a document carries its publication date. Only the strict ISO
//! form is accepted: anything looser would start guessing at day/month order.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::span::Span;

/// A calendar date (proleptic Gregorian), always valid when built through
/// [`Date::new`] or [`FromStr`].
///
/// Ordering is chronological because the fields are compared year, month,
/// day, which lets the graph keep the latest evidence cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 0–9999 when parsed.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 depending on the month.
    pub day: u8,
}

/// Why a string or a triple is not a [`Date`]; the message names the input
/// so a bad JSONL line or `--date` flag can be fixed without guessing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not exactly `YYYY-MM-DD` (four, two and two ASCII digits).
    #[error("invalid date {0:?}: expected YYYY-MM-DD, e.g. 2021-12-30")]
    Format(String),
    /// The month is outside 1–12.
    #[error("invalid date {year:04}-{month:02}: month must be 01-12")]
    Month {
        /// The year as given.
        year: i32,
        /// The out-of-range month.
        month: u8,
    },
    /// The day does not exist in that month (leap years included).
    #[error("invalid date {year:04}-{month:02}-{day:02}: that month has {max} days")]
    Day {
        /// The year as given.
        year: i32,
        /// The month as given.
        month: u8,
        /// The out-of-range day.
        day: u8,
        /// How many days the month actually has.
        max: u8,
    },
}

impl Date {
    /// A validated date, so that code building dates from parts gets the
    /// same guarantees as parsing.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::Month { year, month });
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(DateError::Day { year, month, day, max });
        }
        Ok(Date { year, month, day })
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Value of an ASCII digit run; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Keeps error messages short when a whole JSONL line lands in a date field.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let parts = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
            .then(|| Some((digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?)))
            .flatten();
        let Some((year, month, day)) = parts else {
            return Err(DateError::Format(clip(s)));
        };
        // Four/two digits always fit; the casts cannot truncate.
        Date::new(year as i32, month as u8, day as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string in YYYY-MM-DD form")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

/// Finds a leading `date YYYY-MM-DD` line.
///
/// Returns the date if the line is present and valid, and the body span:
/// from the first non-whitespace character after the date to the end, or
/// the whole text when there is no valid date line (an invalid one is left
/// as ordinary text, so nothing the writer typed disappears silently).
pub(crate) fn parse_date_line(text: &str) -> (Option<Date>, Span) {
    let whole = Span::new(0, text.len());
    let rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let Some(head) = rest.get(..4) else {
        return (None, whole);
    };
    if !head.eq_ignore_ascii_case("date") {
        return (None, whole);
    }
    let after_kw = &rest[4..];
    let value = after_kw.trim_start_matches([' ', '\t', '\u{00A0}']);
    if value.len() == after_kw.len() {
        return (None, whole); // "date" must be followed by a space: "dated ..." is prose
    }
    let (Some(iso), Some(tail)) = (value.get(..10), value.get(10..)) else {
        return (None, whole);
    };
    if tail.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return (None, whole);
    }
    let Ok(date) = iso.parse::<Date>() else {
        return (None, whole);
    };
    let body = tail.trim_start();
    (Some(date), Span::new(text.len() - body.len(), text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        let d: Date = "2021-12-30".parse().unwrap();
        assert_eq!(d, Date { year: 2021, month: 12, day: 30 });
        assert_eq!(d.to_string(), "2021-12-30");
        assert_eq!("0042-01-05".parse::<Date>().unwrap().to_string(), "0042-01-05");
    }

    #[test]
    fn validates_leap_years() {
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2023-04-31".parse::<Date>().is_err());
        assert!("2023-12-31".parse::<Date>().is_ok());
    }

    #[test]
    fn rejects_bad_forms_with_clear_messages() {
        for bad in [
            "",
            "2021-1-30",
            "2021/12/30",
            "21-12-30",
            "2021-12-30 ",
            "+021-12-30",
            "２０２１-12-30",
            "2021-12-3x",
            "2021-12-300",
        ] {
            let err = bad.parse::<Date>().unwrap_err();
            assert!(matches!(err, DateError::Format(_)), "{bad}: {err}");
            assert!(err.to_string().contains("YYYY-MM-DD"));
        }
        let err = "2021-13-01".parse::<Date>().unwrap_err();
        assert_eq!(err.to_string(), "invalid date 2021-13: month must be 01-12");
        let err = "2021-02-30".parse::<Date>().unwrap_err();
        assert_eq!(err.to_string(), "invalid date 2021-02-30: that month has 28 days");
        assert!("2021-00-10".parse::<Date>().is_err());
        assert!("2021-01-00".parse::<Date>().is_err());
        let long = "x".repeat(10_000);
        assert!(long.parse::<Date>().unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn serde_round_trip_as_string() {
        let d = Date::new(2020, 7, 4).unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2020-07-04\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2020-02-30\"").is_err());
        assert!(serde_json::from_str::<Date>("20200704").is_err());
    }

    #[test]
    fn ordering_is_chronological() {
        let a = Date::new(2019, 12, 31).unwrap();
        let b = Date::new(2020, 1, 1).unwrap();
        assert!(a < b);
    }

    #[test]
    fn date_line_forms() {
        let t = " date 2021-12-30 ‘We";
        let (d, body) = parse_date_line(t);
        assert_eq!(d, Some(Date::new(2021, 12, 30).unwrap()));
        assert_eq!(body.slice(t), "‘We");

        let t = "\u{FEFF}DATE 2021-12-30\r\n\r\nHeadline";
        let (d, body) = parse_date_line(t);
        assert!(d.is_some());
        assert_eq!(body.slice(t), "Headline");

        let t = "date 2021-12-30";
        let (d, body) = parse_date_line(t);
        assert!(d.is_some());
        assert!(body.is_empty() && body.start == t.len());

        for t in [
            "date 2021-13-45 x",
            "dated 2021-12-30 x",
            "date 2021-12-30x",
            "date2021-12-30 x",
            "date 2021-12",
            "the date 2021-12-30",
            "",
            "dat",
            "date é",
        ] {
            let (d, body) = parse_date_line(t);
            assert_eq!(d, None, "{t}");
            assert_eq!(body, Span::new(0, t.len()), "{t}");
        }
    }
}
