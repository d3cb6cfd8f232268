//! The tokenizer: one left-to-right pass over the body's characters.
//!
//! Rules (see [`TokenKind`] for what each kind holds):
//! - whitespace (and invisible separators such as ZWSP/BOM) only separates;
//! - a Word/Number is a maximal run of alphanumerics (plus combining marks,
//!   ZWJ/ZWNJ, variation selectors and soft hyphens inside it), joined across
//!   a hyphen (`-` `‐` `‑`) followed by an alphanumeric unless it stands
//!   between two digits ("2019-2020" is a range), across `,`/`.` between
//!   digits, and across a word apostrophe (`'` `’` `ʼ`) followed by letters
//!   that are not exactly a clitic;
//! - clitics (`s re ve d ll m t` after an apostrophe, then a non-letter) are
//!   split off, `n't` taking its `n`; a word ending in `s` followed by an
//!   apostrophe and a non-letter gets the apostrophe as a Clitic;
//! - Initials are checked before words: `X.` (capital, period, then
//!   whitespace or a letter) and dotted initialisms `x.y.(z.)*`;
//! - everything else is Punct, one character (plus any combining marks or
//!   emoji modifiers on it), except runs of `.`, of one dash, and of `!?`.

use super::document::{Token, TokenKind};
use super::normalize::{is_dash, is_hyphen, is_word_apostrophe};
use crate::span::Span;

/// Tokens plus, for each, whether a line break separates it from the
/// previous token: the sentence splitter needs that, and the tokenizer is
/// the pass that sees the whitespace.
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub line_start: Vec<bool>,
}

/// Tokenizes `text[body]`. `body` must lie on char boundaries.
pub(crate) fn tokenize(text: &str, body: Span) -> Lexed {
    let mut lx = Lexer {
        text,
        end: body.end.min(text.len()),
        tokens: Vec::with_capacity(body.len() / 5 + 1),
        line_start: Vec::with_capacity(body.len() / 5 + 1),
        pending_break: false,
    };
    lx.run(body.start);
    Lexed { tokens: lx.tokens, line_start: lx.line_start }
}

struct Lexer<'t> {
    text: &'t str,
    end: usize,
    tokens: Vec<Token>,
    line_start: Vec<bool>,
    pending_break: bool,
}

/// Paragraph and line separators: each ends a sentence.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whitespace plus invisible format characters that separate (or are
/// noise between) words; none of them is ever a token.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{200E}' | '\u{200F}' | '\u{180E}')
}

/// Characters that never stand alone but extend the character before them:
/// combining marks (NFC leaves some), joiners, variation selectors, emoji
/// skin-tone modifiers and tags, and the soft hyphen.
fn is_extender(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(
        c,
        '\u{00AD}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0020}'..='\u{E007F}'
    ) || unicode_normalization::char::is_combining_mark(c)
}

/// Characters that make up words and numbers. `ʼ` is a letter to Unicode but
/// an apostrophe to writers, so it is excluded here.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General Punctuation (quotes, dashes, spaces, …) holds no letters or
    // digits; skipping the table lookup matters for quote-heavy news copy.
    !in_general_punctuation(c) && c.is_alphanumeric() && !is_word_apostrophe(c)
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    !in_general_punctuation(c) && c.is_alphabetic() && !is_word_apostrophe(c)
}

fn in_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

const CLITICS: [&str; 7] = ["d", "ll", "m", "re", "s", "t", "ve"];

impl Lexer<'_> {
    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 { Some(char::from(b)) } else { self.text.get(i..)?.chars().next() }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if start < end {
            self.tokens.push(Token { span: Span::new(start, end), kind, sentence: 0 });
            self.line_start.push(std::mem::take(&mut self.pending_break));
        }
    }

    fn run(&mut self, mut i: usize) {
        while let Some(c) = self.char_at(i) {
            if c == ' ' {
                i += 1;
            } else if is_space(c) {
                self.pending_break |= is_line_break(c);
                i += c.len_utf8();
            } else if is_alnum(c) {
                i = match self.initial_at(i, c) {
                    Some(end) => {
                        self.push(i, end, TokenKind::Initial);
                        end
                    }
                    None => self.word(i),
                };
            } else if is_word_apostrophe(c) && self.follows_word(i) {
                match self.clitic_at(i) {
                    Some(end) => {
                        self.push(i, end, TokenKind::Clitic);
                        i = end;
                    }
                    None => i = self.punct(i, c),
                }
            } else {
                i = self.punct(i, c);
            }
        }
    }

    /// True when a word-like token ends exactly at `i`, so an apostrophe
    /// here can start a clitic ("U.S.’s", "she’d’ve").
    fn follows_word(&self, i: usize) -> bool {
        self.tokens.last().is_some_and(|t| t.span.end == i && t.kind != TokenKind::Punct)
    }

    /// End of the clitic starting with the apostrophe at `i`, if the letters
    /// after it are exactly one of [`CLITICS`] followed by a non-letter.
    fn clitic_at(&self, i: usize) -> Option<usize> {
        let start = i + self.char_at(i)?.len_utf8();
        let mut j = start;
        while let Some(c) = self.char_at(j) {
            if !is_letter(c) {
                break;
            }
            j += c.len_utf8();
            if j - start > 2 {
                return None;
            }
        }
        let run = self.text.get(start..j)?;
        CLITICS.iter().any(|k| k.eq_ignore_ascii_case(run)).then_some(j)
    }

    /// End of an Initial starting with letter `c` at `i`: "U.S.", "a.m.",
    /// "J.R.R.", or a capital + period before whitespace or a letter ("C.").
    fn initial_at(&self, i: usize, c: char) -> Option<usize> {
        if !is_letter(c) {
            return None;
        }
        let mut j = i + c.len_utf8();
        if self.char_at(j) != Some('.') {
            return None;
        }
        j += 1;
        let single_end = j;
        let mut letters = 1;
        while let Some(l) = self.char_at(j).filter(|&l| is_letter(l)) {
            let k = j + l.len_utf8();
            if self.char_at(k) != Some('.') {
                break;
            }
            j = k + 1;
            letters += 1;
        }
        if letters >= 2 {
            return Some(j);
        }
        let next_ok = self.char_at(single_end).is_some_and(|n| is_space(n) || is_letter(n));
        (c.is_uppercase() && next_ok).then_some(single_end)
    }

    /// Scans a Word or Number from `start`, pushing it (and an `n't` or
    /// trailing-apostrophe clitic it ends with); returns where to go on.
    fn word(&mut self, start: usize) -> usize {
        let mut i = start;
        let mut has_letter = false;
        let mut last = '\0';
        let mut last_pos = start;
        let bytes = self.text.as_bytes();
        while i < self.end {
            // ASCII fast path; `i < end <= len` keeps the index in bounds.
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                has_letter |= b.is_ascii_alphabetic();
                last = char::from(b);
                last_pos = i;
                i += 1;
                continue;
            }
            let Some(c) = self.char_at(i) else { break };
            let len = c.len_utf8();
            if is_alnum(c) {
                has_letter |= c.is_alphabetic();
                last = c;
                last_pos = i;
                i += len;
                continue;
            }
            if is_extender(c) {
                i += len;
                continue;
            }
            let next = self.char_at(i + len);
            if is_hyphen(c) {
                if next.is_some_and(|n| is_alnum(n) && !(last.is_numeric() && n.is_numeric())) {
                    i += len;
                    continue;
                }
                break;
            }
            if c == ',' || c == '.' {
                if last.is_numeric() && next.is_some_and(char::is_numeric) {
                    i += len;
                    continue;
                }
                break;
            }
            if is_word_apostrophe(c) {
                if next.is_some_and(is_letter) {
                    let Some(clitic_end) = self.clitic_at(i) else {
                        i += len; // "O’Brien", "rock'n'roll"
                        continue;
                    };
                    let t = self.text.get(clitic_end - 1..clitic_end);
                    if matches!(t, Some("t" | "T")) && matches!(last, 'n' | 'N') && last_pos > start {
                        let stem = self.text.get(start..last_pos).unwrap_or("");
                        self.push(start, last_pos, kind(stem.chars().any(char::is_alphabetic)));
                        self.push(last_pos, clitic_end, TokenKind::Clitic);
                        return clitic_end;
                    }
                    // The main loop splits the clitic off.
                } else if matches!(last, 's' | 'S') {
                    self.push(start, i, kind(has_letter));
                    self.push(i, i + len, TokenKind::Clitic);
                    return i + len;
                }
            }
            break;
        }
        self.push(start, i, kind(has_letter));
        i
    }

    /// Pushes one Punct token starting with `c` at `i`; returns its end.
    fn punct(&mut self, i: usize, c: char) -> usize {
        let mut j = i + c.len_utf8();
        if c == '.' || is_dash(c) {
            while self.char_at(j) == Some(c) {
                j += c.len_utf8();
            }
        } else if c == '!' || c == '?' {
            while matches!(self.char_at(j), Some('!' | '?')) {
                j += 1;
            }
        } else {
            while let Some(n) = self.char_at(j) {
                if n == '\u{200D}' {
                    // ZWJ sequence (emoji): keep the joined character too.
                    j += n.len_utf8();
                    if let Some(m) = self.char_at(j).filter(|&m| !is_space(m) && !is_alnum(m)) {
                        j += m.len_utf8();
                    }
                } else if is_extender(n) && n != '\u{00AD}' {
                    j += n.len_utf8();
                } else {
                    break;
                }
            }
        }
        self.push(i, j, TokenKind::Punct);
        j
    }
}

fn kind(has_letter: bool) -> TokenKind {
    if has_letter { TokenKind::Word } else { TokenKind::Number }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let lexed = tokenize(text, Span::new(0, text.len()));
        lexed.tokens.iter().map(|t| (t.span.slice(text), t.kind)).collect()
    }

    #[test]
    fn spec_example() {
        let text = "Marlow’s late husband, the 39-year-old View cohost, and fans’ hopes; \
                    Maria T. Lopez-Garcia, U.S.";
        let lexed = tokenize(text, Span::new(0, text.len()));
        let expected = [
            ("Marlow", Word),
            ("’s", Clitic),
            ("late", Word),
            ("husband", Word),
            (",", Punct),
            ("the", Word),
            ("39-year-old", Word),
            ("View", Word),
            ("cohost", Word),
            (",", Punct),
            ("and", Word),
            ("fans", Word),
            ("’", Clitic),
            ("hopes", Word),
            (";", Punct),
            ("Maria", Word),
            ("T.", Initial),
            ("Lopez-Garcia", Word),
            (",", Punct),
            ("U.S.", Initial),
        ];
        assert_eq!(lexed.tokens.len(), expected.len());
        let mut from = 0;
        for (tok, (want, kind)) in lexed.tokens.iter().zip(expected) {
            // Spans are where the expected slice actually is, in order.
            let at = from + text[from..].find(want).unwrap();
            assert_eq!(tok.span, Span::new(at, at + want.len()), "{want}");
            assert_eq!(&text[tok.span.start..tok.span.end], want);
            assert_eq!(tok.kind, kind, "{want}");
            from = tok.span.end;
        }
    }

    #[test]
    fn clitics() {
        assert_eq!(toks("It’s"), [("It", Word), ("’s", Clitic)]);
        assert_eq!(toks("they’d"), [("they", Word), ("’d", Clitic)]);
        assert_eq!(toks("We're"), [("We", Word), ("'re", Clitic)]);
        assert_eq!(toks("you’ve"), [("you", Word), ("’ve", Clitic)]);
        assert_eq!(toks("we’ll"), [("we", Word), ("’ll", Clitic)]);
        assert_eq!(toks("I'M"), [("I", Word), ("'M", Clitic)]);
        assert_eq!(toks("don't"), [("do", Word), ("n't", Clitic)]);
        assert_eq!(toks("wasn’t"), [("was", Word), ("n’t", Clitic)]);
        assert_eq!(toks("n't"), [("n", Word), ("'t", Clitic)]);
        assert_eq!(toks("2n't"), [("2", Number), ("n't", Clitic)]);
        assert_eq!(toks("it'd've"), [("it", Word), ("'d", Clitic), ("'ve", Clitic)]);
        assert_eq!(toks("U.S.’s"), [("U.S.", Initial), ("’s", Clitic)]);
        assert_eq!(toks("1990's"), [("1990", Number), ("'s", Clitic)]);
        assert_eq!(toks("Marlow’sister"), [("Marlow’sister", Word)]);
        assert_eq!(
            toks("the Smiths' house"),
            [("the", Word), ("Smiths", Word), ("'", Clitic), ("house", Word)]
        );
        assert_eq!(toks("Marlowʼs"), [("Marlow", Word), ("ʼs", Clitic)]);
    }

    #[test]
    fn apostrophes_inside_names_and_quotes() {
        assert_eq!(toks("O'Brien"), [("O'Brien", Word)]);
        assert_eq!(toks("D’Angelo"), [("D’Angelo", Word)]);
        assert_eq!(toks("rock'n'roll"), [("rock'n'roll", Word)]);
        assert_eq!(
            toks("‘Apprentice’ alum"),
            [("‘", Punct), ("Apprentice", Word), ("’", Punct), ("alum", Word)]
        );
        assert_eq!(toks("Back,’ Sophie"), [("Back", Word), (",", Punct), ("’", Punct), ("Sophie", Word)]);
        assert_eq!(toks("'90s"), [("'", Punct), ("90s", Word)]);
        assert_eq!(toks("goin' home"), [("goin", Word), ("'", Punct), ("home", Word)]);
    }

    #[test]
    fn hyphens_numbers_and_words() {
        assert_eq!(toks("half-sister son-in-law"), [("half-sister", Word), ("son-in-law", Word)]);
        assert_eq!(toks("2019-2020"), [("2019", Number), ("-", Punct), ("2020", Number)]);
        assert_eq!(toks("COVID-19"), [("COVID-19", Word)]);
        assert_eq!(
            toks("1,000 3.5 2019."),
            [("1,000", Number), ("3.5", Number), ("2019", Number), (".", Punct)]
        );
        assert_eq!(toks("3.5-inch"), [("3.5-inch", Word)]);
        assert_eq!(toks("1990s"), [("1990s", Word)]);
        assert_eq!(toks("Muñoz Zoë"), [("Muñoz", Word), ("Zoë", Word)]);
        assert_eq!(toks("Marlow—who"), [("Marlow", Word), ("—", Punct), ("who", Word)]);
        assert_eq!(toks("well--known"), [("well", Word), ("--", Punct), ("known", Word)]);
        assert_eq!(toks("end-"), [("end", Word), ("-", Punct)]);
        assert_eq!(toks("Москва 東京"), [("Москва", Word), ("東京", Word)]);
        assert_eq!(toks("Zoe\u{301}"), [("Zoe\u{301}", Word)]);
    }

    #[test]
    fn initials_and_abbreviations() {
        assert_eq!(
            toks("J. R. R. Tolkien"),
            [("J.", Initial), ("R.", Initial), ("R.", Initial), ("Tolkien", Word)]
        );
        assert_eq!(toks("J.R.R. Tolkien"), [("J.R.R.", Initial), ("Tolkien", Word)]);
        assert_eq!(toks("5 p.m. D.C."), [("5", Number), ("p.m.", Initial), ("D.C.", Initial)]);
        assert_eq!(toks("Dr. Jr."), [("Dr", Word), (".", Punct), ("Jr", Word), (".", Punct)]);
        assert_eq!(toks("Plan B."), [("Plan", Word), ("B", Word), (".", Punct)]);
        assert_eq!(toks("C.Brown"), [("C.", Initial), ("Brown", Word)]);
        assert_eq!(toks("a. b"), [("a", Word), (".", Punct), ("b", Word)]);
    }

    #[test]
    fn punctuation_runs() {
        assert_eq!(toks("Truly...\""), [("Truly", Word), ("...", Punct), ("\"", Punct)]);
        assert_eq!(toks("wait…"), [("wait", Word), ("…", Punct)]);
        assert_eq!(toks("!!?! ?"), [("!!?!", Punct), ("?", Punct)]);
        assert_eq!(toks("“(x)”"), [("“", Punct), ("(", Punct), ("x", Word), (")", Punct), ("”", Punct)]);
        assert_eq!(toks("👍🏽 ok"), [("👍🏽", Punct), ("ok", Word)]);
        assert_eq!(toks("a\u{200B}b"), [("a", Word), ("b", Word)]);
    }

    #[test]
    fn line_breaks_are_recorded() {
        let text = "a b\r\nc\u{2029}d";
        let lexed = tokenize(text, Span::new(0, text.len()));
        assert_eq!(lexed.line_start, [false, false, true, true]);
    }
}
