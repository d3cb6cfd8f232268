//! Kinship phrases: a possessor, a kinship noun and (often) the relative it
//! names.
//!
//! - possessive + noun + name: "his wife, Grace," / "X's son Henry" /
//!   "their children, A, B and C"
//! - apposition: "Y, the author's late husband," / "Y, the daughter of X,"
//! - copula: "Y is X's cousin" / "Y, ..., is the couple's only child"

use crate::fact::Qualifier;
use crate::lexicon::{KinshipTerm, Lexicon, Number, PronounCase};
use crate::span::Span;
use crate::text::{Document, TokenKind};

use super::{MentionId, MentionKind, Mentions, age_adjective};

/// Where a kinship noun points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Possessor {
    /// A possessive mention: "his", "Marlow's", "the couple's".
    Mention(MentionId),
}

/// Which construction supplied the referent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferentSource {
    /// "his wife, Grace" — the name follows the noun.
    Following,
    /// "Grace, his wife," / "Grace, the wife of X," — the name precedes.
    Apposition,
    /// "Grace is his wife".
    Copula,
    /// The noun names nobody here ("his son"); coreference may still link it.
    None,
}

/// One kinship phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct KinPhrase {
    /// Whose relative.
    pub possessor: MentionId,
    /// The relatives the phrase names (several for "sons A and B").
    pub referents: Vec<MentionId>,
    /// How the referents were found.
    pub source: ReferentSource,
    /// The kinship noun.
    pub term: KinshipTerm,
    /// The noun's token.
    pub term_token: usize,
    /// Qualifiers of the noun and its modifiers ("late", "ex-"), sorted.
    pub qualifiers: Vec<Qualifier>,
    /// "his 5-year-old son": the referent's age.
    pub age: Option<u32>,
    /// Modifiers and noun, lowercased as written: "late husband".
    pub words: Span,
    /// The whole construction, referents included.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
    /// Name of the construction, for evidence.
    pub rule: &'static str,
}

pub(super) fn find(doc: &Document, lex: &Lexicon, mentions: &Mentions) -> Vec<KinPhrase> {
    let tokens = doc.tokens();
    let mut out = Vec::new();
    for (id, m) in mentions.mentions.iter().enumerate() {
        let possessive_pronoun =
            matches!(&m.kind, MentionKind::Pronoun(p) if p.case == PronounCase::Possessive);
        if !(m.possessive || possessive_pronoun) {
            continue;
        }
        let sentence = tokens[m.tokens.start].sentence;
        let in_sentence = |j: usize| j < tokens.len() && tokens[j].sentence == sentence;
        let mut j = m.tokens.end + usize::from(m.possessive);
        let modifiers_start = j;
        let mut qualifiers = Vec::new();
        let mut age = None;
        while in_sentence(j) && j < modifiers_start + 4 {
            let lower = doc.token_lower(&tokens[j]);
            if let Some(q) = lex.kinship_modifier(lower).filter(|_| {
                lex.kinship(lower).is_none()
                    || in_sentence(j + 1) && lex.kinship(doc.token_lower(&tokens[j + 1])).is_some()
            }) {
                qualifiers.extend(q);
            } else if let Some(a) = age_adjective(lower) {
                age = Some(a);
            } else {
                break;
            }
            j += 1;
        }
        if !in_sentence(j) || tokens[j].kind != TokenKind::Word {
            continue;
        }
        let Some(term) = lex.kinship(doc.token_lower(&tokens[j])) else { continue };
        let term_token = j;
        qualifiers.extend(term.qualifiers.iter().copied());
        qualifiers.sort();
        qualifiers.dedup();
        let words = Span::new(tokens[modifiers_start].span.start, tokens[term_token].span.end);
        let mut phrase = KinPhrase {
            possessor: id,
            referents: Vec::new(),
            source: ReferentSource::None,
            term,
            term_token,
            qualifiers,
            age,
            words,
            span: Span::new(m.span.start, tokens[term_token].span.end),
            sentence: sentence as usize,
            rule: "possessive-kin",
        };
        if let Some((refs, end)) = following_names(doc, mentions, term_token + 1, phrase.term.number) {
            phrase.referents = refs;
            phrase.source = ReferentSource::Following;
            phrase.span = phrase.span.cover(end);
            phrase.rule = "possessive-kin-name";
        } else if let Some(r) = appositive_head(doc, mentions, m.tokens.start) {
            phrase.referents = vec![r];
            phrase.source = ReferentSource::Apposition;
            phrase.span = phrase.span.cover(mentions.mentions[r].span);
            phrase.rule = "appositive-kin";
        } else if let Some(r) = copula_subject(doc, mentions, m.tokens.start) {
            phrase.referents = vec![r];
            phrase.source = ReferentSource::Copula;
            phrase.span = phrase.span.cover(mentions.mentions[r].span);
            phrase.rule = "copular-kin";
        }
        out.push(phrase);
    }
    out
}

fn is_name(mentions: &Mentions, id: MentionId) -> bool {
    matches!(mentions.mentions[id].kind, MentionKind::Name(_))
}

/// "son Henry", "wife, Grace", "children, A, B and C": the names right
/// after the kinship noun at token `start`.
fn following_names(
    doc: &Document,
    mentions: &Mentions,
    start: usize,
    number: Number,
) -> Option<(Vec<MentionId>, Span)> {
    let tokens = doc.tokens();
    let text_at = |j: usize| tokens.get(j).map(|t| doc.token_text(t));
    let mut j = start;
    if text_at(j) == Some(",") || text_at(j).is_some_and(|t| t.chars().all(crate::text::normalize::is_dash)) {
        j += 1;
    }
    let first = mentions.at_token(j).filter(|&id| is_name(mentions, id))?;
    if mentions.mentions[first].sentence != tokens[start.saturating_sub(1)].sentence as usize {
        return None;
    }
    let mut refs = vec![first];
    let mut end = mentions.mentions[first].span;
    if number == Number::Plural {
        let mut k = mentions.mentions[first].tokens.end;
        loop {
            let sep = text_at(k);
            let step = match sep {
                Some(",") if doc.tokens().get(k + 1).is_some_and(|t| doc.token_lower(t) == "and") => 2,
                Some(",") | Some("and") => 1,
                _ => break,
            };
            let Some(next) = mentions.at_token(k + step).filter(|&id| is_name(mentions, id)) else { break };
            refs.push(next);
            end = mentions.mentions[next].span;
            k = mentions.mentions[next].tokens.end;
        }
    }
    Some((refs, end))
}

/// "Y, the author's late husband," — the name before the comma that opens
/// the apposition starting at token `start` (the possessor's first token).
fn appositive_head(doc: &Document, mentions: &Mentions, start: usize) -> Option<MentionId> {
    let tokens = doc.tokens();
    if start < 2 || doc.token_text(&tokens[start - 1]) != "," {
        return None;
    }
    let head = mentions.covering(start - 2).filter(|&id| is_name(mentions, id))?;
    (mentions.mentions[head].sentence == tokens[start].sentence as usize
        && mentions.mentions[head].tokens.end == start - 1
        && !mentions.mentions[head].possessive)
        .then_some(head)
}

/// "Y is his wife", "Y, the couple's son, is the couple's only child": the
/// subject of the copula before token `start`.
fn copula_subject(doc: &Document, mentions: &Mentions, start: usize) -> Option<MentionId> {
    let tokens = doc.tokens();
    if start < 2 || !matches!(doc.token_lower(&tokens[start - 1]), "is" | "was" | "are" | "were") {
        return None;
    }
    let sentence = tokens[start].sentence;
    let mut j = start - 2;
    if doc.token_text(&tokens[j]) == "," {
        // Skip back over an apposition to the comma that opens it.
        let first = doc.sentences()[sentence as usize].tokens.start;
        let open = (first..j).rev().find(|&k| doc.token_text(&tokens[k]) == ",")?;
        j = open.checked_sub(1)?;
    }
    let subject = mentions.covering(j).filter(|&id| is_name(mentions, id))?;
    (mentions.mentions[subject].sentence == sentence as usize
        && mentions.mentions[subject].tokens.end == j + 1)
        .then_some(subject)
}
