//! The [`Document`]: normalised text plus its sentences and tokens as spans.

use std::ops::Range;

use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::date::{Date, parse_date_line};
use super::normalize;
use super::{sentence, token};
use crate::span::Span;

/// One article, read once and then shared read-only by every later stage.
///
/// It owns the text; sentences and tokens are byte spans into it, so any
/// extracted fact can cite the exact characters behind it and no stage
/// copies strings. Construction never fails and never panics: odd input
/// just yields odd (but well-formed) tokens.
#[derive(Debug, Clone)]
pub struct Document {
    id: String,
    text: String,
    lower: String,
    date: Option<Date>,
    body: Span,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
}

/// A sentence: the unit relation patterns are matched within.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// From the start of its first token to the end of its last one
    /// (surrounding whitespace excluded).
    pub span: Span,
    /// Its tokens, as an index range into [`Document::tokens`], so a stage
    /// can walk one sentence without searching.
    pub tokens: Range<usize>,
}

/// A token: the unit lexicons and patterns look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where it is in [`Document::text`]; never empty, never whitespace.
    pub span: Span,
    /// What sort of token it is, decided once here so that later stages do
    /// not re-inspect characters.
    pub kind: TokenKind,
    /// Index of the sentence holding it, for going from a token back to its
    /// sentence in O(1).
    pub sentence: u32,
}

/// The lexical class of a [`Token`], as far as it can be told from the
/// characters alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TokenKind {
    /// Letters of any script, possibly mixed with digits and joined across
    /// internal hyphens and non-clitic apostrophes: "Marlow", "2-year-old",
    /// "Lopez-Garcia", "O’Brien", "Muñoz", "son-in-law". Also an
    /// abbreviation without its period ("Dr" in "Dr.").
    Word,
    /// Digits only, with `,` or `.` allowed between digits: "2019",
    /// "1,000", "3.5". Ranges are split: "2019-2020" is Number, Punct, Number.
    Number,
    /// A capital letter and its period ("C." in "Maria T. Lopez") or a
    /// dotted initialism ("U.S.", "J.R.", "a.m."). The final period is part
    /// of the token, so the sentence splitter knows it is not a full stop
    /// unless context says so.
    Initial,
    /// A contraction or possessive split off its word: "’s", "'re", "’ve",
    /// "’d", "’ll", "’m", "n’t" (or "'t" when no "n" precedes), and the bare
    /// "’" of a plural possessive ("fans’"). Splitting keeps the name token
    /// clean ("Marlow’s" → "Marlow") while the clitic still marks possession.
    Clitic,
    /// Any other single character; runs of periods ("..."), of the same
    /// dash ("--") and of `!`/`?` ("?!") are one token each.
    Punct,
}

impl Token {
    /// The token's characters, tied to the document that made it.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.token_text(self)
    }

    /// True when the token starts with an uppercase letter: the cue for
    /// names and sentence starts.
    pub fn is_capitalized(&self, doc: &Document) -> bool {
        normalize::is_capitalized(doc.token_text(self))
    }

    /// True when the token has uppercase letters and no lowercase ones
    /// ("NBC", "U.S."), where capitalisation says nothing about names.
    pub fn is_all_caps(&self, doc: &Document) -> bool {
        normalize::is_all_caps(doc.token_text(self))
    }
}

/// NFC once, so that "Zoe\u{301}" and "Zoé" are the same bytes for every
/// later comparison; skipped when the text is already NFC (the usual case).
fn nfc(text: &str) -> String {
    if is_nfc_fast(text) { text.to_owned() } else { text.nfc().collect() }
}

/// NFC quick check run only over the non-ASCII stretches: an ASCII
/// character is always a starter that resets the check, so the stretches
/// can be checked independently, and the ASCII between them is skipped a
/// byte at a time instead of decoded.
fn is_nfc_fast(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = bytes.get(i..).and_then(|b| b.iter().position(|&x| x >= 0x80)) {
        let start = i + p;
        let rest = bytes.get(start..).unwrap_or(&[]);
        let end = start + rest.iter().position(|&x| x < 0x80).unwrap_or(rest.len());
        // Both ends border ASCII (or the string ends), so they are char boundaries.
        match text.get(start..end) {
            Some(run) if is_nfc_quick(run.chars()) == IsNormalized::Yes => i = end,
            _ => return false,
        }
    }
    true
}

impl Document {
    /// Reads an article: NFC-normalises it, finds a leading
    /// `date YYYY-MM-DD` line, then tokenizes and splits the rest.
    ///
    /// `date`: an explicit date (CLI `--date` or a JSONL `"date"` field); it
    /// wins over a date line, since the caller knows better than the text.
    pub fn new(id: impl Into<String>, text: &str, date: Option<Date>) -> Document {
        let text = nfc(text);
        let lower = text.to_ascii_lowercase();
        let (line_date, body) = parse_date_line(&text);
        let mut lexed = token::tokenize(&text, body);
        let sentences = sentence::split(&text, &lower, &mut lexed);
        Document {
            id: id.into(),
            text,
            lower,
            date: date.or(line_date),
            body,
            sentences,
            tokens: lexed.tokens,
        }
    }

    /// The caller's identifier (file name, JSONL id), kept so evidence can
    /// name its source.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The complete NFC-normalised input, date line included; every span
    /// in the crate indexes this string.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `text().to_ascii_lowercase()`: same byte offsets as [`text`](Self::text),
    /// so case-insensitive lexicon lookups can slice it with a token's span
    /// instead of allocating a lowercase copy per token.
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// The publication date: the explicit one if given, else the date
    /// line's, else `None`.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    /// The article proper: everything after the date line (the whole text if
    /// there is none). Sentences and tokens lie inside it.
    pub fn body(&self) -> Span {
        self.body
    }

    /// All sentences in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// All tokens in text order, non-overlapping.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens of sentence `sentence`; empty if there is no such sentence
    /// (so a stale index cannot panic).
    pub fn sentence_tokens(&self, sentence: usize) -> &[Token] {
        self.sentences.get(sentence).and_then(|s| self.tokens.get(s.tokens.clone())).unwrap_or(&[])
    }

    /// The token's characters; empty if the token came from another,
    /// shorter document.
    pub fn token_text(&self, token: &Token) -> &str {
        self.span_text(token.span)
    }

    /// The token's characters from [`lower`](Self::lower), for
    /// case-insensitive comparison without allocating.
    pub fn token_lower(&self, token: &Token) -> &str {
        self.lower.get(token.span.start..token.span.end).unwrap_or("")
    }

    /// The text under any span (a mention, a sentence); empty rather than a
    /// panic if the span does not fit this document.
    pub fn span_text(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Index of the sentence whose span contains byte offset `byte`, or
    /// `None` for bytes between sentences or outside the body. Binary
    /// search, so stages holding only an offset can find context cheaply.
    pub fn sentence_of(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= byte);
        let s = self.sentences.get(i)?;
        (s.span.start <= byte).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = " date 2021-12-30 ‘We Have Each Other’s Back,’ Sophie Marlow says of her \
        relationship with ‘Apprentice’ alum Raymond Ellis.\n\nSophie Marlow opened up about \
        her first meeting with Apprentice alum Raymond Ellis, fueling fans’ hopes.";

    fn sentence_texts(doc: &Document) -> Vec<&str> {
        doc.sentences().iter().map(|s| doc.span_text(s.span)).collect()
    }

    #[test]
    fn date_line_is_parsed_and_skipped() {
        let doc = Document::new("seed", SEED, None);
        assert_eq!(doc.id(), "seed");
        assert_eq!(doc.text(), SEED);
        assert_eq!(doc.date(), Some(Date::new(2021, 12, 30).unwrap()));
        assert!(doc.text()[doc.body().start..].starts_with("‘We Have"));
        assert_eq!(doc.body().end, SEED.len());
        let s = sentence_texts(&doc);
        assert_eq!(s.len(), 2);
        assert!(s[0].starts_with("‘We Have") && s[0].ends_with("Raymond Ellis."));
        assert!(s[1].starts_with("Sophie Marlow opened"));
        assert_eq!(doc.token_text(&doc.tokens()[0]), "‘");
        assert_eq!(doc.tokens()[0].kind, TokenKind::Punct);
    }

    #[test]
    fn explicit_date_wins() {
        let given = Date::new(2022, 1, 2).unwrap();
        let doc = Document::new("seed", SEED, Some(given));
        assert_eq!(doc.date(), Some(given));
        // The date line is still not body text.
        assert!(doc.text()[doc.body().start..].starts_with("‘We"));
        let doc = Document::new("plain", "No date here.", Some(given));
        assert_eq!(doc.date(), Some(given));
        assert_eq!(doc.body(), Span::new(0, 13));
    }

    #[test]
    fn invalid_date_line_is_body_text() {
        let text = "date 2021-13-45 Marlow spoke.";
        let doc = Document::new("bad", text, None);
        assert_eq!(doc.date(), None);
        assert_eq!(doc.body(), Span::new(0, text.len()));
        assert_eq!(doc.token_text(&doc.tokens()[0]), "date");
        assert_eq!(sentence_texts(&doc), [text]);
    }

    #[test]
    fn input_is_nfc_normalised() {
        let doc = Document::new("n", "Zoe\u{301} left.", None);
        assert_eq!(doc.text(), "Zoé left.");
        assert_eq!(doc.token_text(&doc.tokens()[0]), "Zoé");
        assert_eq!(doc.lower(), "zoé left.");
    }

    #[test]
    fn lower_and_token_helpers() {
        let doc = Document::new("l", "NASA hired Émile O’Brien.", None);
        let t = doc.tokens();
        assert_eq!(doc.lower().len(), doc.text().len());
        assert_eq!(doc.token_lower(&t[0]), "nasa");
        assert_eq!(doc.token_lower(&t[2]), "Émile".to_ascii_lowercase());
        assert!(t[0].is_all_caps(&doc) && t[0].is_capitalized(&doc));
        assert!(!t[1].is_capitalized(&doc) && !t[1].is_all_caps(&doc));
        assert!(t[2].is_capitalized(&doc));
        assert_eq!(t[3].text(&doc), "O’Brien");
    }

    #[test]
    fn lookups_never_panic() {
        let doc = Document::new("x", "One. Two.", None);
        assert_eq!(doc.sentence_tokens(0).len(), 2);
        assert!(doc.sentence_tokens(99).is_empty());
        let foreign = Token { span: Span::new(50, 60), kind: TokenKind::Word, sentence: 0 };
        assert_eq!(doc.token_text(&foreign), "");
        assert_eq!(doc.token_lower(&foreign), "");
        assert_eq!(doc.sentence_of(0), Some(0));
        assert_eq!(doc.sentence_of(3), Some(0));
        assert_eq!(doc.sentence_of(4), None);
        assert_eq!(doc.sentence_of(5), Some(1));
        assert_eq!(doc.sentence_of(9), None);
        assert_eq!(doc.sentence_of(usize::MAX), None);
        let empty = Document::new("e", "", None);
        assert!(empty.tokens().is_empty() && empty.sentences().is_empty());
        assert_eq!(empty.sentence_of(0), None);
    }

    #[test]
    fn serializes() {
        let doc = Document::new("s", "Hi.", None);
        let json = serde_json::to_string(&doc.sentences()[0]).unwrap();
        assert_eq!(json, r#"{"span":{"start":0,"end":3},"tokens":{"start":0,"end":2}}"#);
        let json = serde_json::to_string(&doc.tokens()[1]).unwrap();
        assert_eq!(json, r#"{"span":{"start":2,"end":3},"kind":"Punct","sentence":0}"#);
    }

    /// The contract other stages rely on, checked on any input.
    fn check_invariants(doc: &Document) {
        let text = doc.text();
        let body = doc.body();
        assert!(body.end == text.len() && body.start <= body.end);
        assert!(text.is_char_boundary(body.start));
        assert_eq!(doc.lower(), text.to_ascii_lowercase());
        let mut prev_end = body.start;
        for t in doc.tokens() {
            assert!(t.span.start < t.span.end, "empty token {t:?}");
            assert!(prev_end <= t.span.start, "overlap at {t:?}");
            assert!(body.contains(t.span));
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(!doc.token_text(t).chars().any(char::is_whitespace), "{t:?}");
            prev_end = t.span.end;
            let s = t.sentence as usize;
            let sentence = &doc.sentences()[s];
            assert!(sentence.span.contains(t.span));
            assert_eq!(doc.sentence_of(t.span.start), Some(s));
            assert_eq!(doc.sentence_of(t.span.end - 1), Some(s));
        }
        let mut next_token = 0;
        let mut prev_end = body.start;
        for (k, s) in doc.sentences().iter().enumerate() {
            assert_eq!(s.tokens.start, next_token, "sentences must tile the tokens");
            assert!(s.tokens.start < s.tokens.end);
            next_token = s.tokens.end;
            let toks = doc.sentence_tokens(k);
            assert_eq!(s.span.start, toks[0].span.start);
            assert_eq!(s.span.end, toks[toks.len() - 1].span.end);
            assert!(toks.iter().all(|t| t.sentence as usize == k));
            assert!(prev_end <= s.span.start && body.contains(s.span));
            prev_end = s.span.end;
        }
        assert_eq!(next_token, doc.tokens().len());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            check_invariants(&Document::new("p", &s, None));
        }

        #[test]
        fn never_panics_on_any_string(s in any::<String>()) {
            let doc = Document::new("p", &s, None);
            check_invariants(&doc);
            // NFC is idempotent, so re-reading the text changes nothing.
            let again = Document::new("p", doc.text(), None);
            prop_assert_eq!(again.text(), doc.text());
            prop_assert_eq!(again.tokens(), doc.tokens());
        }

        #[test]
        fn tricky_alphabet(s in "[a-zA-Z0-9 .,;'’‘“”\"!?…()\\-—\n\ré\u{301}\u{200D}\u{AD}ʼ]{0,80}") {
            check_invariants(&Document::new("p", &s, None));
        }

        #[test]
        fn with_date_line(pre in "[ \t\n\u{FEFF}]{0,3}", kw in "(date|DATE|Date|dat)", d in "[0-9]{4}-[0-9]{2}-[0-9]{2}", sep in "[ \n]{0,2}", rest in "\\PC{0,40}") {
            let text = format!("{pre}{kw} {d}{sep}{rest}");
            let doc = Document::new("p", &text, None);
            check_invariants(&doc);
            if doc.date().is_some() {
                prop_assert!(d.parse::<Date>().is_ok());
                prop_assert!(doc.body().start > 0);
            } else {
                prop_assert_eq!(doc.body().start, 0);
            }
        }
    }
}
