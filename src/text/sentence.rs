//! The sentence splitter: one pass over the tokens.
//!
//! A line break always ends a sentence (headlines and paragraphs are
//! lines). Within a line a terminator (`.` `!` `?` `…` `...`, or an
//! Initial's own period), with any closing quotes/brackets glued to it, ends
//! a sentence when whitespace and then a capitalised or uncased word, a
//! digit, or an opening quote/bracket follow, except:
//! - after a [`TITLES`] word + `.` when a capitalised word follows
//!   ("Dr. Jane", "Sen. John");
//! - after an [`AMBIGUOUS`] word + `.`, or after any Initial ("U.S.",
//!   "C.", "p.m."), unless the next word is one of the [`OPENERS`]
//!   ("in the U.S. The couple" splits; "Jan. 2010", "J. R. R. Tolkien" do
//!   not).
//!
//! The lists are closed-class words of English text structure, so they live
//! here as sorted `const` slices rather than in a lexicon file.

use std::ops::Range;

use super::document::{Sentence, Token, TokenKind};
use super::normalize::{is_close_bracket, is_close_quote, is_open_bracket, is_open_quote};
use super::token::Lexed;
use crate::span::Span;

/// Abbreviations that precede a name and so are never a full stop before a
/// capitalised word. Exact case (plus all-caps), sorted by byte.
pub(crate) const TITLES: &[&str] = &[
    "Adm", "Brig", "Capt", "Cmdr", "Col", "Det", "Dr", "Fr", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Mr",
    "Mrs", "Ms", "Mt", "Mx", "Pres", "Prof", "Rep", "Rev", "Sen", "Sgt", "Supt",
];

/// Abbreviations that often end a sentence too ("Smith Jr.", "in Jan.");
/// a full stop only before one of the [`OPENERS`]. Exact case (plus
/// all-caps) so that "said no. Marlow left" is not mistaken for "No. 1";
/// sorted by byte.
pub(crate) const AMBIGUOUS: &[&str] = &[
    "Apr", "Aug", "Co", "Corp", "Dec", "Feb", "Inc", "Jan", "Jr", "Jul", "Jun", "Ltd", "Mar", "No", "Nov",
    "Oct", "Sep", "Sept", "Sr", "St", "etc", "vs",
];

/// Closed-class words that start sentences but rarely follow an
/// abbreviation inside one; lowercase, sorted, matched when capitalised.
pub(crate) const OPENERS: &[&str] = &[
    "a", "after", "an", "and", "as", "at", "before", "but", "for", "he", "her", "here", "his", "i", "if",
    "in", "it", "its", "my", "on", "our", "she", "so", "that", "the", "their", "then", "there", "these",
    "they", "this", "those", "we", "when", "while", "you", "your",
];

/// Exact match, or an all-caps spelling of an entry ("MR", "JAN").
fn listed(list: &[&str], word: &str) -> bool {
    // Every entry is 2-4 bytes; most words are rejected here at no cost.
    if !(2..=4).contains(&word.len()) {
        return false;
    }
    list.binary_search(&word).is_ok()
        || (!word.bytes().any(|b| b.is_ascii_lowercase())
            && list.iter().any(|e| e.eq_ignore_ascii_case(word)))
}

struct Splitter<'a> {
    text: &'a str,
    lower: &'a str,
    tokens: &'a [Token],
    line_start: &'a [bool],
}

impl Splitter<'_> {
    fn text(&self, i: usize) -> &str {
        let s = self.tokens[i].span;
        self.text.get(s.start..s.end).unwrap_or("")
    }

    fn first_char(&self, i: usize) -> Option<char> {
        self.text(i).chars().next()
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.tokens[a].span.end == self.tokens[b].span.start
    }

    fn is_terminator(&self, i: usize) -> bool {
        match self.tokens[i].kind {
            TokenKind::Initial => true,
            TokenKind::Punct => {
                let t = self.text(i);
                t == "…" || t.bytes().all(|b| b == b'.') || t.bytes().all(|b| b == b'!' || b == b'?')
            }
            _ => false,
        }
    }

    fn single_punct(&self, i: usize, pred: fn(char) -> bool) -> bool {
        if self.tokens[i].kind != TokenKind::Punct {
            return false;
        }
        let mut cs = self.text(i).chars();
        cs.next().is_some_and(pred) && cs.next().is_none()
    }

    fn is_closer(&self, i: usize) -> bool {
        self.single_punct(i, |c| is_close_quote(c) || is_close_bracket(c))
    }

    fn is_opener_punct(&self, i: usize) -> bool {
        self.single_punct(i, |c| is_open_quote(c) || is_open_bracket(c))
    }

    /// A word that can start a sentence: capitalised, uncased (CJK, Arabic)
    /// or a digit.
    fn starts_capitalised(&self, i: usize) -> bool {
        matches!(self.tokens[i].kind, TokenKind::Word | TokenKind::Number | TokenKind::Initial)
            && self.first_char(i).is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase())
    }

    /// Is the first word from `j` on (looking through opening quotes) one of
    /// the [`OPENERS`], capitalised?
    fn opener_word(&self, mut j: usize) -> bool {
        while j < self.tokens.len() && self.is_opener_punct(j) {
            j += 1;
        }
        j < self.tokens.len()
            && self.tokens[j].kind == TokenKind::Word
            && self.first_char(j).is_some_and(char::is_uppercase)
            && self
                .lower
                .get(self.tokens[j].span.start..self.tokens[j].span.end)
                .is_some_and(|w| OPENERS.binary_search(&w).is_ok())
    }

    /// Does the terminator at `term` end a sentence, given that token
    /// `next` follows it (after any glued closers) past whitespace on the
    /// same line?
    fn ends_before(&self, term: usize, next: usize) -> bool {
        if !(self.starts_capitalised(next) || self.is_opener_punct(next)) {
            return false;
        }
        match self.tokens[term].kind {
            TokenKind::Initial => self.opener_word(next),
            _ if term > 0
                && self.text(term) == "."
                && self.tokens[term - 1].kind == TokenKind::Word
                && self.adjacent(term - 1, term) =>
            {
                let word = self.text(term - 1);
                if listed(TITLES, word) {
                    let mut j = next;
                    while j < self.tokens.len() && self.is_opener_punct(j) {
                        j += 1;
                    }
                    !(j < self.tokens.len()
                        && matches!(self.tokens[j].kind, TokenKind::Word | TokenKind::Initial)
                        && self.first_char(j).is_some_and(char::is_uppercase))
                } else if listed(AMBIGUOUS, word) {
                    self.opener_word(next)
                } else {
                    true
                }
            }
            _ => true,
        }
    }

    fn split(&self) -> Vec<Range<usize>> {
        let n = self.tokens.len();
        let mut out = Vec::with_capacity(n / 16 + 1);
        let mut start = 0;
        let mut i = 0;
        while i < n {
            let mut last = i;
            let mut ends = false;
            if self.is_terminator(i) {
                while last + 1 < n
                    && !self.line_start[last + 1]
                    && self.adjacent(last, last + 1)
                    && self.is_closer(last + 1)
                {
                    last += 1;
                }
                ends = last + 1 < n && !self.adjacent(last, last + 1) && self.ends_before(i, last + 1);
            }
            if ends || last + 1 == n || self.line_start[last + 1] {
                out.push(start..last + 1);
                start = last + 1;
            }
            i = last + 1;
        }
        out
    }
}

/// Splits the lexed tokens into sentences, filling in each token's
/// `sentence` index.
pub(crate) fn split(text: &str, lower: &str, lexed: &mut Lexed) -> Vec<Sentence> {
    let ranges = Splitter { text, lower, tokens: &lexed.tokens, line_start: &lexed.line_start }.split();
    let mut sentences = Vec::with_capacity(ranges.len());
    for (k, range) in ranges.into_iter().enumerate() {
        let index = u32::try_from(k).unwrap_or(u32::MAX);
        let toks = &mut lexed.tokens[range.clone()];
        for t in toks.iter_mut() {
            t.sentence = index;
        }
        if let (Some(first), Some(last)) = (toks.first(), toks.last()) {
            sentences.push(Sentence { span: Span::new(first.span.start, last.span.end), tokens: range });
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    fn sents(text: &str) -> Vec<String> {
        let doc = Document::new("t", text, None);
        doc.sentences().iter().map(|s| s.span.slice(doc.text()).to_owned()).collect()
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in [TITLES, AMBIGUOUS, OPENERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(OPENERS.iter().all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(TITLES.iter().all(|t| !AMBIGUOUS.contains(t)));
        assert!(TITLES.iter().chain(AMBIGUOUS).all(|t| (2..=4).contains(&t.len())));
    }

    #[test]
    fn crates_text_gives_nine_sentences() {
        let text = "Dr. Jane Smith, 52, married U.S. Sen. John Doe in Jan. 2010. \"We're thrilled,\" \
                    she said. \"Truly...\" He paused... Then the couple left for Washington, D.C. \
                    at 5 p.m. on Friday. Mr. Doe's son, John Doe Jr., attended. Was it love? Yes! \
                    Ms. O\u{2019}Brien (née Zoë) wasn't there.";
        assert_eq!(
            sents(text),
            [
                "Dr. Jane Smith, 52, married U.S. Sen. John Doe in Jan. 2010.",
                "\"We're thrilled,\" she said.",
                "\"Truly...\"",
                "He paused...",
                "Then the couple left for Washington, D.C. at 5 p.m. on Friday.",
                "Mr. Doe's son, John Doe Jr., attended.",
                "Was it love?",
                "Yes!",
                "Ms. O\u{2019}Brien (née Zoë) wasn't there.",
            ]
        );
    }

    #[test]
    fn simple_splits() {
        assert_eq!(sents("She said no. They left."), ["She said no.", "They left."]);
        assert_eq!(sents("...in the U.S. The couple moved."), ["...in the U.S.", "The couple moved."]);
        assert_eq!(sents("She said no. Marlow left."), ["She said no.", "Marlow left."]);
        assert_eq!(sents("Born in 2019. 2020 was hard."), ["Born in 2019.", "2020 was hard."]);
        assert_eq!(sents("It ended. (Sort of.)"), ["It ended.", "(Sort of.)"]);
        assert_eq!(sents("Done.  "), ["Done."]);
        assert_eq!(sents("   "), Vec::<String>::new());
    }

    #[test]
    fn quotes() {
        assert_eq!(
            sents("saying, “I would love to have some love back in my life.” When asked if she"),
            ["saying, “I would love to have some love back in my life.”", "When asked if she"]
        );
        assert_eq!(sents("\"We're thrilled,\" she said."), ["\"We're thrilled,\" she said."]);
        assert_eq!(sents("“Yes!” she said"), ["“Yes!” she said"]);
        assert_eq!(sents("He left. “We stayed.”"), ["He left.", "“We stayed.”"]);
        assert_eq!(sents("in the U.S. “We love it.”"), ["in the U.S.", "“We love it.”"]);
        assert_eq!(sents("(He left.) Then"), ["(He left.)", "Then"]);
    }

    #[test]
    fn newlines_always_split() {
        assert_eq!(
            sents("Headline without stop\nBody starts here"),
            ["Headline without stop", "Body starts here"]
        );
        assert_eq!(sents("One, Dr.\r\nTwo"), ["One, Dr.", "Two"]);
        assert_eq!(sents("a\n\n\nb\n"), ["a", "b"]);
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            sents("J. R. R. Tolkien wrote. Maria T. Lopez read."),
            ["J. R. R. Tolkien wrote.", "Maria T. Lopez read."]
        );
        assert_eq!(sents("J.R. Smith left."), ["J.R. Smith left."]);
        assert_eq!(sents("He was Malcolm X. He spoke."), ["He was Malcolm X.", "He spoke."]);
        assert_eq!(sents("at 5 p.m. The show"), ["at 5 p.m.", "The show"]);
        assert_eq!(sents("at 5 p.m. Friday"), ["at 5 p.m. Friday"]);
    }

    #[test]
    fn each_title_holds_before_a_name() {
        for t in TITLES {
            let text = format!("We met {t}. Smith today.");
            assert_eq!(sents(&text), [text.as_str()], "{t}");
            let caps = t.to_ascii_uppercase();
            let text = format!("WE MET {caps}. SMITH TODAY.");
            assert_eq!(sents(&text).len(), 1, "{caps}");
        }
        // A title before a non-capitalised thing is an ordinary stop.
        assert_eq!(sents("He is a Dr. 2020 was good."), ["He is a Dr.", "2020 was good."]);
        assert_eq!(sents("Sen. “Bob” Smith spoke."), ["Sen. “Bob” Smith spoke."]);
    }

    #[test]
    fn each_ambiguous_abbreviation_splits_only_before_an_opener() {
        for a in AMBIGUOUS {
            let text = format!("It was {a}. Smith left.");
            assert_eq!(sents(&text), [text.as_str()], "{a}");
            let text = format!("It was {a}. 2010 came.");
            assert_eq!(sents(&text), [text.as_str()], "{a}");
            let text = format!("It was {a}. The end.");
            assert_eq!(sents(&text), [format!("It was {a}."), "The end.".into()], "{a}");
        }
        assert_eq!(sents("born in Jan. 2010"), ["born in Jan. 2010"]);
        assert_eq!(sents("John Doe Jr. attended."), ["John Doe Jr. attended."]);
        assert_eq!(sents("Smith Jr. He left."), ["Smith Jr.", "He left."]);
    }

    #[test]
    fn each_opener_splits_after_an_initialism() {
        for o in OPENERS {
            let mut cap = o.to_string();
            cap[..1].make_ascii_uppercase();
            let text = format!("They live in the U.S. {cap} end.");
            assert_eq!(sents(&text), ["They live in the U.S.".to_owned(), format!("{cap} end.")], "{o}");
        }
    }

    #[test]
    fn ellipses_and_runs() {
        assert_eq!(sents("Wait… Then go."), ["Wait…", "Then go."]);
        assert_eq!(sents("What?! No way!!"), ["What?!", "No way!!"]);
        assert_eq!(sents("well... maybe"), ["well... maybe"]);
    }
}
