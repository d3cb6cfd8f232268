//! Character classes and name folding shared by every stage.
//!
//! [`Document`](super::Document) never rewrites quotes, dashes or apostrophes
//! (spans must point at the characters the writer used), so stages that care
//! whether a character is "a quote" or "a dash" ask these predicates instead
//! of comparing against one spelling. Keeping them in one place means the
//! tokenizer, the quote finder and the name matcher agree on what counts.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// True for characters writers use as an apostrophe: `'` `’` `ʼ` and `‘`.
///
/// `‘` is included because autocorrect turns the elision in "‘90s" or
/// "rock ‘n’ roll" into it; callers that need to tell an apostrophe from an
/// opening quote must look at the neighbours. The tokenizer only treats
/// `'` `’` `ʼ` as word-internal (see [`is_word_apostrophe`]).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

/// True for the apostrophes that may sit inside or at the end of a word
/// (`'` `’` `ʼ`), the subset of [`is_apostrophe`] the tokenizer joins on.
///
/// `‘` is left out because inside running text it almost always opens a
/// quotation ("with ‘Apprentice’ alum"), and gluing it to a word would hide
/// the quote from later stages.
pub fn is_word_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// True for characters that can open a quotation: `“` `‘` `„` `‚` `‟` `‛`
/// `«` `‹` and the ambiguous straight `"` and `'`.
///
/// Straight quotes are both openers and closers; the caller decides from
/// position (after whitespace: opening; after a word or punctuation:
/// closing).
pub fn is_open_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{2018}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{201F}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{2039}'
    )
}

/// True for characters that can close a quotation: `”` `’` `»` `›` and the
/// ambiguous straight `"` and `'`.
///
/// `’` is also the usual apostrophe; [`Document`](super::Document) tokens
/// already separate the two uses (a possessive `’` is a
/// [`TokenKind::Clitic`](super::TokenKind::Clitic), a closing one is
/// [`TokenKind::Punct`](super::TokenKind::Punct)).
pub fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}')
}

/// True for any quotation mark, opening or closing.
pub fn is_quote(c: char) -> bool {
    is_open_quote(c) || is_close_quote(c)
}

/// True for dashes and hyphens: `-` `‐` `‑` `‒` `–` `—` `―`.
///
/// News text mixes hyphen-minus, en and em dashes for the same parenthetical
/// role, so stages that look for "a dash" should accept all of them. Use
/// [`is_hyphen`] for the narrower word-joining set.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// True for the hyphens that join the parts of one word (`-` `‐` `‑`):
/// "Lopez-Garcia", "son-in-law".
///
/// En and em dashes are excluded: between words they separate ranges and
/// clauses ("Marlow—who", "2019–2020"), not parts of a name.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// True for `(` `[` `{`, which may start a sentence just like a capital.
pub fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{')
}

/// True for `)` `]` `}`, which belong to the sentence they close.
pub fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}')
}

/// True when the first character is uppercase ("Marlow", "Émile", "U.S.").
///
/// Capitalisation is the strongest cheap signal for names and sentence
/// starts, and checking it must not allocate.
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// True when `s` has at least one uppercase letter and no lowercase ones
/// ("NASA", "U.S.", "I", "COVID-19").
///
/// Shouted headlines and acronyms break the usual "capitalised means name"
/// rule, so stages need to recognise them.
pub fn is_all_caps(s: &str) -> bool {
    let mut upper = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        upper |= c.is_uppercase();
    }
    upper
}

/// A comparison key for names: "Muñoz’s" and "munoz's" get the same key.
///
/// Exactly: canonical decomposition (NFD), combining marks dropped, full
/// Unicode lowercase (with any marks lowercasing produces dropped too),
/// `’` `ʼ` `‘` mapped to `'`, and whitespace runs collapsed to one ASCII
/// space with none at either end. Hyphens, dashes and other punctuation are
/// kept as they are, so "Lopez-Garcia" and "Lopez Garcia" differ.
///
/// Names in news copy arrive with and without accents and with either
/// apostrophe, and the graph must merge them; the key is only for
/// comparison, never shown.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            space = !out.is_empty();
            return;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if matches!(c, '\u{2019}' | '\u{02BC}' | '\u{2018}') {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                if !is_combining_mark(l) {
                    out.push(l);
                }
            }
        }
    };
    if s.is_ascii() {
        for c in s.chars() {
            push(c, &mut out);
        }
    } else {
        for c in s.nfd() {
            if !is_combining_mark(c) {
                push(c, &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_key_strips_accents_case_apostrophes_and_space() {
        assert_eq!(fold_key("  Muñoz’s  "), "munoz's");
        assert_eq!(fold_key("Mun\u{303}oz"), "munoz");
        assert_eq!(fold_key("Zoë\t\n  Saldaña"), "zoe saldana");
        assert_eq!(fold_key("O’Brien"), fold_key("o'brien"));
        assert_eq!(fold_key("İstanbul"), "istanbul");
        assert_eq!(fold_key("Lopez-Garcia"), "lopez-garcia");
        assert_eq!(fold_key(""), "");
        assert_eq!(fold_key("   "), "");
    }

    #[test]
    fn predicates() {
        for c in ['\'', '’', 'ʼ', '‘'] {
            assert!(is_apostrophe(c), "{c}");
        }
        assert!(!is_apostrophe('"'));
        for c in ['“', '‘', '„', '«', '"', '\''] {
            assert!(is_open_quote(c), "{c}");
        }
        for c in ['”', '’', '»', '"', '\''] {
            assert!(is_close_quote(c), "{c}");
        }
        assert!(!is_open_quote('”') && !is_close_quote('“'));
        for c in ['-', '–', '—', '‒', '―', '‐'] {
            assert!(is_dash(c), "{c}");
        }
        assert!(is_hyphen('-') && !is_hyphen('—'));
        assert!(is_capitalized("Émile") && !is_capitalized("émile") && !is_capitalized(""));
        assert!(is_all_caps("U.S.") && is_all_caps("COVID-19") && !is_all_caps("NaSA"));
        assert!(!is_all_caps("2019") && !is_all_caps(""));
    }
}
