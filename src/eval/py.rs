//! Python's behaviour where the reference scorer (`score.py`) depends on it:
//! which characters are whitespace, how `round` and `repr` treat floats, and
//! how `json.dumps` writes strings. `kith eval` must print the very bytes
//! `score.py` prints, so these are reproduced rather than approximated.

/// Python's `str.isspace` (and the `\s` of its `re` module on `str`):
/// Rust's White_Space plus the four information separators U+001C..U+001F.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` without arguments.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `round(x, 4)`: the double nearest to `x` rounded to four
/// decimals, where the rounding looks at `x`'s exact binary value and
/// sends exact halves to the even digit.
///
/// Rust's `{:.4}` formats from the exact value with the same tie rule, and
/// parsing the digits back gives the nearest double, as Python does.
pub(crate) fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Python's `repr` of a float in the range the scores take (0..=1 and
/// ratios of such): the shortest digits that read back as the same double,
/// always with a decimal point (`1.0`, `0.6667`).
///
/// Rust's `Display` picks the same shortest digits but writes `1` for one;
/// it never uses an exponent, whereas Python does from 1e16 and below 1e-4,
/// values no score reaches (a rounded score is 0 or at least 0.0001).
pub(crate) fn float_repr(x: f64) -> String {
    if !x.is_finite() {
        // What json.dumps writes for these (not valid JSON, as in Python).
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let s = x.to_string();
    if s.contains(['.', 'e', 'E']) { s } else { s + ".0" }
}

/// A JSON string as Python's `json.dumps` writes it with its default
/// `ensure_ascii=True`: `"` and `\` escaped, `\n` `\r` `\t` `\b` `\f` by
/// name, every other character outside printable ASCII as `\uXXXX`
/// (lowercase hex, UTF-16 surrogate pairs above U+FFFF).
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// Splits text into lines as Python's text-mode file iteration does with
/// universal newlines: `\n`, `\r\n` and a lone `\r` each end a line (and
/// nothing else does), so line numbers agree with `score.py`'s.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], &rest[i + 2..]),
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_pythons() {
        for c in ['\t', '\u{b}', '\u{1c}', '\u{1f}', '\u{85}', '\u{a0}', '\u{3000}'] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', 'x', '\u{0}'] {
            assert!(!is_space(c), "{c:?}");
        }
        assert_eq!(strip("\u{1d} a b\u{a0}"), "a b");
    }

    #[test]
    fn rounding_matches_pythons_round() {
        // Exact halves go to the even digit; near-halves follow their
        // binary value (0.12345 is slightly above, 0.00015 slightly below).
        assert_eq!(round4(1.0 / 32.0), 0.0312);
        assert_eq!(round4(3.0 / 32.0), 0.0938);
        assert_eq!(round4(0.12345), 0.1235);
        assert_eq!(round4(0.00015), 0.0001);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(format!("{:.3}", 0.0625), "0.062");
    }

    #[test]
    fn floats_print_like_repr() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.0), "0.0");
        assert_eq!(float_repr(0.6667), "0.6667");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(12.5), "12.5");
    }

    #[test]
    fn strings_are_escaped_like_json_dumps() {
        assert_eq!(json_string("spouse"), "\"spouse\"");
        assert_eq!(json_string("a\"b\\c\n\u{7f}"), "\"a\\\"b\\\\c\\n\\u007f\"");
        assert_eq!(json_string("é😀"), "\"\\u00e9\\ud83d\\ude00\"");
    }

    #[test]
    fn lines_split_like_universal_newlines() {
        let got: Vec<&str> = lines("a\nb\r\nc\rd\u{b}e\n\nf").collect();
        assert_eq!(got, ["a", "b", "c", "d\u{b}e", "", "f"]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("x\n").collect::<Vec<_>>(), ["x"]);
    }
}
