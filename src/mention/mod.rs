//! Stage 2: find the words that refer to people.
//!
//! A [`Mention`] is a span of the document that names or points at a person:
//! a proper name ("Sophie Marlow", "Marlow"), a pronoun ("she", "his"), a
//! definite description ("the 39-year-old View cohost", "the author") or a
//! group ("the couple"). Kinship phrases that tie two mentions together
//! ("Luke Delgado, the author's late husband") are found here too, as
//! [`KinPhrase`]s, because they are syntax over mentions; which people they
//! relate is decided after coreference.
//!
//! Without a tagger, a capitalised word is a name only with evidence: a given
//! name from the public birth records, a title, or a context that only
//! people occupy ("X, 37,", "X said", "his wife, X"). A capitalised phrase
//! after a determiner, before an organisation noun or before a role noun
//! ("the Talk", "People Weekly", "Apprentice alum") is a work, show or
//! organisation, not a person.

mod kin;
mod names;

use std::ops::Range;

use crate::fact::Gender;
use crate::lexicon::{Lexicon, Number, Pronoun, PronounCase, Title};
use crate::span::Span;
use crate::text::{Document, Token, TokenKind};

pub use kin::{KinPhrase, Possessor, ReferentSource};

/// Index of a mention in [`Mentions::mentions`].
pub type MentionId = usize;

/// A proper name.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMention {
    /// The name without title, suffix comma or possessive clitic.
    pub name: Span,
    /// Number of word tokens in the name.
    pub parts: usize,
    /// A title before the name ("Dr.", "Prince").
    pub title: Option<Title>,
    /// Gender from the title or the first given name.
    pub gender: Option<Gender>,
    /// True when the first token is a known given name.
    pub given_name: bool,
    /// 0.0..=1.0: how strongly the evidence says this is a person's name
    /// (a title or given name: 1.0; an unknown word before a verb: 0.6).
    pub strength: f32,
    /// A surname the name shares with the name it is coordinated with:
    /// "Peyton" in "Peyton and Eli Manning" is Peyton Manning.
    pub shared_surname: Option<Span>,
}

/// A definite description of a person by role or age.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// The role words without determiner or age ("View cohost"); empty
    /// when the description is only an age ("the 43-year-old").
    pub role: Option<Span>,
    /// Age from a "39-year-old" modifier.
    pub age: Option<u32>,
    /// Gender the head noun marks ("actress").
    pub gender: Option<Gender>,
}

/// What a mention is.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// A proper name.
    Name(NameMention),
    /// A personal pronoun (third person, or first person plural in quotes).
    Pronoun(Pronoun),
    /// A definite description.
    Description(Description),
    /// Two or more people referred to together: "the couple", "the pair".
    Group,
}

/// A span that refers to one person or a group of people.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Words of the mention, including a title and determiner.
    pub span: Span,
    /// Global token indices.
    pub tokens: Range<usize>,
    /// Sentence index.
    pub sentence: usize,
    /// What it is.
    pub kind: MentionKind,
    /// Followed by a possessive clitic ("Marlow's", "the couple's").
    pub possessive: bool,
}

impl Mention {
    /// True for pronouns and groups that refer to several people.
    pub fn is_plural(&self) -> bool {
        match &self.kind {
            MentionKind::Group => true,
            MentionKind::Pronoun(p) => p.number == Number::Plural,
            _ => false,
        }
    }
}

/// Two mentions joined by "and" ("she and the entrepreneur").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coordination {
    /// First conjunct.
    pub first: MentionId,
    /// Second conjunct.
    pub second: MentionId,
}

/// Everything stage 2 finds in a document.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// In text order.
    pub mentions: Vec<Mention>,
    /// Kinship phrases between mentions, in text order.
    pub kin: Vec<KinPhrase>,
    /// Pairs of coordinated person mentions, in text order.
    pub coordinations: Vec<Coordination>,
    /// "X (is) married (to) Y", "X wed Y": pairs a marriage verb joins, so
    /// that a later "the couple" or "they" can find them.
    pub couples: Vec<Coordination>,
    /// Names introduced in a list after a plural child noun ("four
    /// children: Paul, Anne"): new people, not back-references by first
    /// name to someone already named.
    pub introduced: Vec<MentionId>,
}

impl Mentions {
    /// The mention starting at global token `t`, if any.
    pub fn at_token(&self, t: usize) -> Option<MentionId> {
        let i = self.mentions.partition_point(|m| m.tokens.start < t);
        (i < self.mentions.len() && self.mentions[i].tokens.start == t).then_some(i)
    }

    /// The mention covering global token `t`, if any.
    pub fn covering(&self, t: usize) -> Option<MentionId> {
        let i = self.mentions.partition_point(|m| m.tokens.end <= t);
        (i < self.mentions.len() && self.mentions[i].tokens.contains(&t)).then_some(i)
    }

    /// Mentions of sentence `s`.
    pub fn in_sentence(&self, s: usize) -> impl Iterator<Item = (MentionId, &Mention)> {
        let start = self.mentions.partition_point(|m| m.sentence < s);
        self.mentions[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| m.sentence == s)
            .map(move |(i, m)| (start + i, m))
    }
}

/// Finds every mention and kinship phrase of `doc`.
pub fn find(doc: &Document) -> Mentions {
    find_with_names(doc, &[])
}

/// Like [`find`], when the caller already knows that some spans name people
/// (a task that supplies candidate names, as pronoun-resolution benchmarks
/// do). Each span is a name mention, whatever the lexicons say, and its
/// words count as known name words for back-references.
pub fn find_with_names(doc: &Document, names: &[Span]) -> Mentions {
    let lex = Lexicon::get();
    let mut mentions = Vec::new();
    let mut known = names::find_names(doc, lex, &mut mentions);
    names::add_given_names(doc, lex, names, &mut mentions, &mut known);
    names::find_known_parts(doc, lex, &known, &mut mentions);
    names::find_coordinated(doc, lex, &mut mentions);
    find_pronouns(doc, lex, &mut mentions);
    find_descriptions(doc, lex, &mut mentions);
    mentions.sort_by_key(|m| m.tokens.start);
    mentions.dedup_by(|b, a| b.tokens.start < a.tokens.end);
    let mut out = Mentions {
        mentions,
        kin: Vec::new(),
        coordinations: Vec::new(),
        couples: Vec::new(),
        introduced: Vec::new(),
    };
    out.coordinations = find_coordinations(doc, &out);
    share_surnames(doc, lex, &mut out);
    out.kin = kin::find(doc, lex, &out);
    out.couples = find_couples(doc, lex, &out);
    out.introduced = find_introduced(doc, lex, &out);
    out
}

/// Word shape helpers shared by the finders.
pub(crate) fn is_capitalized(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

pub(crate) fn is_possessive_clitic(doc: &Document, t: &Token) -> bool {
    if t.kind != TokenKind::Clitic {
        return false;
    }
    let lower = doc.token_lower(t);
    // "’s" / "'s" and a lone apostrophe after a plural ("the Smiths’").
    lower.ends_with('s') && lower.chars().count() == 2 || lower.chars().count() == 1
}

/// True when token `i` opens its sentence, ignoring opening quotes.
pub(crate) fn starts_sentence(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let s = tokens[i].sentence as usize;
    let first = doc.sentences()[s].tokens.start;
    tokens[first..i].iter().all(|t| {
        t.kind == TokenKind::Punct
            && doc.token_text(t).chars().all(|c| {
                crate::text::normalize::is_open_quote(c)
                    || crate::text::normalize::is_close_quote(c)
                    || c == '('
                    || c == '['
            })
    })
}

/// "said: He was", "that ``She had sworn": a capitalised word right after
/// an opening quote or a colon starts a quoted or reported sentence, unless
/// a capitalised word follows it (a title: ``Her Life and Times'').
fn opens_quote_or_colon(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let Some(prev) = i.checked_sub(1).map(|j| &tokens[j]) else { return false };
    let prev_text = doc.token_text(prev);
    let opens = prev.kind == TokenKind::Punct
        && (prev_text == ":"
            || prev_text.chars().all(|c| c == '`' || c == '"' || c == '\u{201C}' || c == '\u{201E}'));
    let title =
        tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word && is_capitalized(doc.token_text(t)));
    opens && !title
}

fn find_pronouns(doc: &Document, lex: &Lexicon, out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let Some(mut p) = lex.pronoun(doc.token_lower(t)) else { continue };
        // Third person refers to people in the story; first person plural
        // only matters for "we both" style statements, so keep it too.
        if p.person == 2 || (p.person == 1 && p.number == Number::Singular) {
            continue;
        }
        let text = doc.token_text(t);
        // "People Weekly", "told Us": a capitalised pronoun inside a sentence
        // is a proper noun.
        if is_capitalized(text) && !starts_sentence(doc, i) && !opens_quote_or_colon(doc, i) {
            continue;
        }
        if doc.token_lower(t) == "her" {
            p.case = if next_is_nominal(doc, lex, i) { PronounCase::Possessive } else { PronounCase::Object };
        }
        out.push(Mention {
            span: t.span,
            tokens: i..i + 1,
            sentence: t.sentence as usize,
            kind: MentionKind::Pronoun(p),
            possessive: false,
        });
    }
}

/// True when the token after `i` can start a noun phrase that "her"
/// determines ("her husband", "her 5-year-old son") rather than follow an
/// object "her" ("told her that").
fn next_is_nominal(doc: &Document, lex: &Lexicon, i: usize) -> bool {
    let Some(next) = doc.tokens().get(i + 1) else { return false };
    if next.sentence != doc.tokens()[i].sentence {
        return false;
    }
    match next.kind {
        TokenKind::Word => {
            let lower = doc.token_lower(next);
            lex.function_word(lower).is_none() && lex.pronoun(lower).is_none()
                || lex.kinship_modifier(lower).is_some()
        }
        TokenKind::Number => true,
        _ => false,
    }
}

/// "the 39-year-old View cohost", "the entrepreneur", "the couple".
fn find_descriptions(doc: &Document, lex: &Lexicon, out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    for sentence in doc.sentences() {
        let range = sentence.tokens.clone();
        let mut i = range.start;
        while i < range.end {
            let lower = doc.token_lower(&tokens[i]);
            if lower != "the" {
                i += 1;
                continue;
            }
            if let Some((mention, next)) = description_at(doc, lex, i, range.end) {
                out.push(mention);
                i = next;
            } else {
                i += 1;
            }
        }
    }
}

/// Age from a "39-year-old" token.
pub(crate) fn age_adjective(lower: &str) -> Option<u32> {
    let rest = lower.strip_suffix("-year-old")?;
    let age: u32 = rest.parse().ok()?;
    (age <= 125).then_some(age)
}

const GROUP_NOUNS: [&str; 5] = ["couple", "pair", "duo", "two", "newlyweds"];

/// A description opened by the determiner at token `det`: up to six
/// modifiers (an age, capitalised title words, plain nouns) then a role noun.
fn description_at(doc: &Document, lex: &Lexicon, det: usize, end: usize) -> Option<(Mention, usize)> {
    let tokens = doc.tokens();
    let mut age = None;
    let mut role_start = None;
    let mut j = det + 1;
    let mut lowercase_modifiers = 0;
    while j < end && j <= det + 8 {
        let t = &tokens[j];
        let lower = doc.token_lower(t);
        if t.kind != TokenKind::Word {
            // "the 65-year-old's divorce", "the 43-year-old, who": an age
            // alone ends at punctuation or a possessive.
            break;
        }
        if GROUP_NOUNS.contains(&lower) && j == det + 1 {
            return Some((mention_of(doc, det, j, MentionKind::Group), j + 1));
        }
        if let Some(a) = age_adjective(lower) {
            age = Some(a);
            j += 1;
            continue;
        }
        let capitalised = is_capitalized(doc.token_text(t));
        if let Some(gender) = lex.role(lower).filter(|_| !capitalised) {
            // A role noun followed by another noun is a modifier ("the star
            // player"), so only stop at the last one.
            let next_is_role =
                tokens.get(j + 1).is_some_and(|n| j + 1 < end && lex.role(doc.token_lower(n)).is_some());
            if next_is_role {
                role_start.get_or_insert(j);
                j += 1;
                continue;
            }
            // "the painter Ada Moss": the description premodifies the name
            // after it and is no mention of its own (role-premodifier).
            // Also "the actor and screenwriter Ravi Menon".
            let mut k = j + 1;
            if k < end && doc.token_lower(&tokens[k]) == "and" {
                let roles =
                    (k + 1..end).take_while(|&r| lex.role(doc.token_lower(&tokens[r])).is_some()).count();
                if roles > 0 {
                    k += 1 + roles;
                }
            }
            let names_next = tokens
                .get(k)
                .is_some_and(|n| k < end && n.kind == TokenKind::Word && is_capitalized(doc.token_text(n)));
            if names_next {
                return None;
            }
            let start = role_start.unwrap_or(j);
            let role = Some(Span::new(tokens[start].span.start, t.span.end));
            let kind = MentionKind::Description(Description { role, age, gender });
            return Some((mention_of(doc, det, j, kind), j + 1));
        }
        if capitalised {
            role_start.get_or_insert(j);
        } else if lower == "the" && role_start.is_some() {
            // "Strictly Come Dancing": a title with an inner article.
        } else if lex.function_word(lower).is_none()
            && lex.verb(lower).is_none()
            && lex.pronoun(lower).is_none()
            && lex.kinship(lower).is_none()
            && !lower.ends_with("ed")
            && lowercase_modifiers < 2
        {
            lowercase_modifiers += 1;
            role_start.get_or_insert(j);
        } else {
            break;
        }
        j += 1;
    }
    // "the 43-year-old" alone, followed by a verb or punctuation.
    let age = age?;
    let last = j - 1;
    if role_start.is_some() || last == det {
        return None;
    }
    let kind = MentionKind::Description(Description { role: None, age: Some(age), gender: None });
    Some((mention_of(doc, det, last, kind), last + 1))
}

fn mention_of(doc: &Document, first: usize, last: usize, kind: MentionKind) -> Mention {
    let tokens = doc.tokens();
    let possessive = tokens
        .get(last + 1)
        .is_some_and(|t| t.sentence == tokens[last].sentence && is_possessive_clitic(doc, t));
    Mention {
        span: Span::new(tokens[first].span.start, tokens[last].span.end),
        tokens: first..last + 1,
        sentence: tokens[first].sentence as usize,
        kind,
        possessive,
    }
}

/// "X married Y", "X is married to the actor Y", "X wed Y": a name, a
/// marriage verb (through auxiliaries) and a name.
fn find_couples(doc: &Document, lex: &Lexicon, mentions: &Mentions) -> Vec<Coordination> {
    let tokens = doc.tokens();
    let is_name = |id: MentionId| matches!(mentions.mentions[id].kind, MentionKind::Name(_));
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if lex.verb(doc.token_lower(t)) != Some(crate::lexicon::VerbClass::Marry) {
            continue;
        }
        let mut j = i;
        while j > 0
            && tokens[j - 1].sentence == t.sentence
            && matches!(
                doc.token_lower(&tokens[j - 1]),
                "is" | "was" | "has" | "had" | "been" | "got" | "later" | "then"
            )
        {
            j -= 1;
        }
        let Some(subject) = j.checked_sub(1).and_then(|l| mentions.covering(l)).filter(|&id| is_name(id))
        else {
            continue;
        };
        let mut k = i + 1;
        while tokens.get(k).is_some_and(|x| {
            x.sentence == t.sentence
                && mentions.at_token(k).is_none_or(|id| !is_name(id))
                && (matches!(doc.token_lower(x), "to" | "the" | "a" | "an")
                    || lex.role(doc.token_lower(x)).is_some())
        }) && k < i + 5
        {
            k += 1;
        }
        if let Some(object) = mentions.at_token(k).filter(|&id| is_name(id)) {
            out.push(Coordination { first: subject, second: object });
        }
    }
    out
}

/// Names listed after a plural child noun: "children: A, B", "sons A and B".
fn find_introduced(doc: &Document, lex: &Lexicon, mentions: &Mentions) -> Vec<MentionId> {
    let tokens = doc.tokens();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(term) = lex.kinship(doc.token_lower(t)) else { continue };
        if term.number != Number::Plural || term.role != crate::lexicon::KinRole::Child {
            continue;
        }
        let mut k = i + 1;
        while let Some(x) = tokens.get(k).filter(|x| x.sentence == t.sentence) {
            if let Some(id) = mentions.at_token(k) {
                if !matches!(mentions.mentions[id].kind, MentionKind::Name(_)) {
                    break;
                }
                out.push(id);
                k = mentions.mentions[id].tokens.end;
                continue;
            }
            if !matches!(doc.token_text(x), "," | ":" | "and") && x.kind != TokenKind::Number {
                break;
            }
            k += 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// "Peyton and Eli Manning", "Kody and Janelle Brown": a lone given name
/// coordinated with a given name + surname shares that surname.
fn share_surnames(doc: &Document, lex: &Lexicon, mentions: &mut Mentions) {
    let tokens = doc.tokens();
    let coordinations = mentions.coordinations.clone();
    for c in coordinations {
        let (MentionKind::Name(first), MentionKind::Name(second)) =
            (&mentions.mentions[c.first].kind, &mentions.mentions[c.second].kind)
        else {
            continue;
        };
        if first.parts != 1 || second.parts < 2 || !first.given_name || !second.given_name {
            continue;
        }
        let last = mentions.mentions[c.second].tokens.end - 1;
        let surname = &tokens[last];
        if lex.given_names().lookup(doc.token_lower(surname)).is_some()
            && !lex.surnames().contains(doc.token_lower(surname))
        {
            continue;
        }
        let span = surname.span;
        if let MentionKind::Name(n) = &mut mentions.mentions[c.first].kind {
            n.shared_surname = Some(span);
        }
    }
}

/// "X and Y" where both are person mentions.
fn find_coordinations(doc: &Document, mentions: &Mentions) -> Vec<Coordination> {
    let tokens = doc.tokens();
    let mut out = Vec::new();
    for (id, m) in mentions.mentions.iter().enumerate() {
        let and = m.tokens.end;
        if m.possessive || and >= tokens.len() || doc.token_lower(&tokens[and]) != "and" {
            continue;
        }
        if let Some(next) = mentions.at_token(and + 1) {
            if mentions.mentions[next].sentence == m.sentence && !m.is_plural() {
                out.push(Coordination { first: id, second: next });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
