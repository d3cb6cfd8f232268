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
    /// "twin brothers A and B", "the three Lee sisters: A, B and C": the
    /// plural noun names the members of a group of relatives and no one
    /// outside it, so `possessor` is only the first member and relates to
    /// nobody.
    Group,
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
            } else if lex.place(lower) == Some("demonym")
                && in_sentence(j + 1)
                && lex.kinship(doc.token_lower(&tokens[j + 1])).is_some()
            {
                // "his Greek parents", "her Irish mother".
            } else if tokens[j].kind != TokenKind::Number {
                // A count in digits ("his 3 kids") is skipped like "three".
                break;
            }
            j += 1;
        }
        if !in_sentence(j) || tokens[j].kind != TokenKind::Word {
            continue;
        }
        let Some(term) = lex.kinship(doc.token_lower(&tokens[j])) else { continue };
        let term_token = j;
        merge_qualifiers(&mut qualifiers, &term);
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
        } else if let Some(r) =
            appositive_head(doc, mentions, m.tokens.start).filter(|_| apposition_closes(doc, term_token + 1))
        {
            phrase.referents = vec![r];
            phrase.source = ReferentSource::Apposition;
            phrase.span = phrase.span.cover(mentions.mentions[r].span);
            phrase.rule = "appositive-kin";
        } else if let Some(r) = copula_subject(doc, mentions, m.tokens.start) {
            phrase.referents = vec![r];
            phrase.source = ReferentSource::Copula;
            phrase.span = phrase.span.cover(mentions.mentions[r].span);
            phrase.rule = "copular-kin";
        } else if let Some(r) = copula_object(doc, mentions, term_token + 1) {
            // "His brother was Harry Alger."
            phrase.referents = vec![r];
            phrase.source = ReferentSource::Copula;
            phrase.span = phrase.span.cover(mentions.mentions[r].span);
            phrase.rule = "copular-kin";
        }
        // "their daughter A, 14, and son B, 13": a second kinship noun
        // coordinated with the first shares its possessor.
        let next = coordinated_kin(doc, lex, mentions, &phrase);
        out.push(phrase);
        out.extend(next);
    }
    of_genitive(doc, lex, mentions, &mut out);
    bare_kin_names(doc, lex, mentions, &mut out);
    // "his onscreen dad", "played the father of X": not a family fact.
    out.retain(|k| !is_unreal(doc, lex, k));
    out.sort_by_key(|k| (k.sentence, k.term_token));
    out
}

/// True when a word of `data/unreal_kin.txt` stands among the phrase's
/// modifiers or within three words before its noun phrase.
fn is_unreal(doc: &Document, lex: &Lexicon, phrase: &KinPhrase) -> bool {
    let tokens = doc.tokens();
    let start = tokens.partition_point(|t| t.span.end <= phrase.words.start);
    let from = start.saturating_sub(4);
    (from..=phrase.term_token)
        .filter(|&j| tokens[j].sentence as usize == phrase.sentence)
        .any(|j| lex.is_unreal_kin(doc.token_lower(&tokens[j])))
}

/// The modifiers' qualifiers and the noun's own, sorted, without repeats.
fn merge_qualifiers(qualifiers: &mut Vec<Qualifier>, term: &KinshipTerm) {
    qualifiers.extend(term.qualifiers.iter().copied());
    qualifiers.sort();
    qualifiers.dedup();
}

/// "X's daughter A, 14, and son B": after a phrase's last referent (and its
/// age), "and" + a kinship noun + names is a phrase of the same possessor.
fn coordinated_kin(
    doc: &Document,
    lex: &Lexicon,
    mentions: &Mentions,
    phrase: &KinPhrase,
) -> Option<KinPhrase> {
    let tokens = doc.tokens();
    let last = *phrase.referents.last()?;
    let sentence = tokens[phrase.term_token].sentence;
    let lower = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence).map(|t| doc.token_lower(t));
    let mut k = mentions.mentions[last].tokens.end;
    if lower(k) == Some(",") && tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number) {
        k += 2;
    }
    if lower(k) == Some(",") {
        k += 1;
    }
    if lower(k) != Some("and") {
        return None;
    }
    let mut j = k + 1;
    let mut qualifiers = Vec::new();
    let mut age = None;
    while let Some(w) = lower(j) {
        if let Some(q) = lex.kinship_modifier(w).filter(|_| lex.kinship(w).is_none()) {
            qualifiers.extend(q);
        } else if let Some(a) = age_adjective(w) {
            age = Some(a);
        } else {
            break;
        }
        j += 1;
    }
    let term = lex.kinship(lower(j)?)?;
    let (referents, end) = following_names(doc, mentions, j + 1, term.number)?;
    merge_qualifiers(&mut qualifiers, &term);
    Some(KinPhrase {
        possessor: phrase.possessor,
        referents,
        source: ReferentSource::Following,
        term,
        term_token: j,
        qualifiers,
        age,
        words: Span::new(tokens[k + 1].span.start, tokens[j].span.end),
        span: Span::new(tokens[k + 1].span.start, end.end),
        sentence: sentence as usize,
        rule: "coordinated-kin",
    })
}

/// Modifiers between a determiner and a kinship noun, walking back from the
/// noun at `term`: returns the first modifier token, the qualifiers and an age.
fn modifiers_before(doc: &Document, lex: &Lexicon, term: usize) -> (usize, Vec<Qualifier>, Option<u32>) {
    let tokens = doc.tokens();
    let sentence = tokens[term].sentence;
    let mut k = term;
    let mut qualifiers = Vec::new();
    let mut age = None;
    while k > 0 && tokens[k - 1].sentence == sentence && term - k < 4 {
        let lower = doc.token_lower(&tokens[k - 1]);
        if let Some(q) = lex.kinship_modifier(lower) {
            qualifiers.extend(q);
        } else if let Some(a) = age_adjective(lower) {
            age = Some(a);
        } else if !matches!(lower, "fourth" | "fifth" | "sixth" | "seventh" | "twin" | "identical") {
            break;
        }
        k -= 1;
    }
    (k, qualifiers, age)
}

/// "He is the eldest son of X", "Y, the daughter of X and Z," "a son of X":
/// the possessor follows "of"; the referent is the subject of the copula or
/// the name the apposition describes.
fn of_genitive(doc: &Document, lex: &Lexicon, mentions: &Mentions, out: &mut Vec<KinPhrase>) {
    let tokens = doc.tokens();
    for (j, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || tokens.get(j + 1).is_none_or(|n| doc.token_lower(n) != "of") {
            continue;
        }
        let Some(term) = lex.kinship(doc.token_lower(t)) else { continue };
        if term.number != Number::Singular {
            plural_of_genitive(doc, mentions, j, &term, out);
            continue;
        }
        let (first_modifier, mut qualifiers, age) = modifiers_before(doc, lex, j);
        // "the son of", "the surviving sister of", "an illegitimate son of":
        // a determiner, up to two plain adjectives, the noun.
        let is_det = |d: usize| {
            tokens[d].sentence == t.sentence && matches!(doc.token_lower(&tokens[d]), "the" | "a" | "an")
        };
        let plain_adjective = |d: usize| {
            let w = doc.token_lower(&tokens[d]);
            tokens[d].sentence == t.sentence
                && tokens[d].kind == TokenKind::Word
                && !super::is_capitalized(doc.token_text(&tokens[d]))
                && lex.function_word(w).is_none()
                && lex.pronoun(w).is_none()
                && lex.kinship(w).is_none()
        };
        let det = (1..=3)
            .map_while(|back| first_modifier.checked_sub(back))
            .take_while(|&d| is_det(d) || plain_adjective(d))
            .find(|&d| is_det(d))
            .unwrap_or(first_modifier);
        let (referent, source, rule) = if let Some(r) = copula_subject(doc, mentions, det) {
            (r, ReferentSource::Copula, "copular-kin-of")
        } else if let Some(r) = appositive_head(doc, mentions, det) {
            (r, ReferentSource::Apposition, "appositive-kin-of")
        } else if let Some(r) = sentence_subject_apposition(doc, mentions, det, j) {
            // "He was born in P, the son of X" / "Born in P, the son of X, he".
            (r, ReferentSource::Apposition, "appositive-kin-of-subject")
        } else {
            continue;
        };
        merge_qualifiers(&mut qualifiers, &term);
        for possessor in of_objects(doc, mentions, j + 2) {
            if possessor == referent {
                continue;
            }
            out.push(KinPhrase {
                possessor,
                referents: vec![referent],
                source,
                term: term.clone(),
                term_token: j,
                qualifiers: qualifiers.clone(),
                age,
                words: Span::new(tokens[first_modifier].span.start, t.span.end),
                span: mentions.mentions[referent].span.cover(mentions.mentions[possessor].span),
                sentence: t.sentence as usize,
                rule,
            });
        }
    }
}

/// "A and B were the children of X and Y", "A and his brother B are sons
/// of X": a plural kinship noun after a copula whose subject is two
/// coordinated people relates each of them to the people after "of".
fn plural_of_genitive(
    doc: &Document,
    mentions: &Mentions,
    j: usize,
    term: &KinshipTerm,
    out: &mut Vec<KinPhrase>,
) {
    let tokens = doc.tokens();
    let det = j.checked_sub(1).filter(|&d| doc.token_lower(&tokens[d]) == "the").unwrap_or(j);
    let Some(second) = copula_subject(doc, mentions, det) else { return };
    let first = match mentions.coordinations.iter().find(|c| c.second == second) {
        Some(c) => c.first,
        None => {
            // "A and his twin brother B were ...": back over the possessive
            // kinship words to "and" and the first conjunct.
            let lex = Lexicon::get();
            let mut k = mentions.mentions[second].tokens.start;
            while k > 0 && k + 4 > mentions.mentions[second].tokens.start {
                let w = doc.token_lower(&tokens[k - 1]);
                if lex.kinship(w).is_some()
                    || lex.kinship_modifier(w).is_some()
                    || matches!(w, "his" | "her" | "twin")
                {
                    k -= 1;
                } else {
                    break;
                }
            }
            if k == mentions.mentions[second].tokens.start
                || k < 2
                || doc.token_lower(&tokens[k - 1]) != "and"
            {
                return;
            }
            match mentions.covering(k - 2) {
                Some(f) if mentions.mentions[f].tokens.end == k - 1 && is_name(mentions, f) => f,
                _ => return,
            }
        }
    };
    let referents = vec![first, second];
    for possessor in of_objects(doc, mentions, j + 2) {
        if referents.contains(&possessor) {
            continue;
        }
        out.push(KinPhrase {
            possessor,
            referents: referents.clone(),
            source: ReferentSource::Copula,
            term: term.clone(),
            term_token: j,
            qualifiers: term.qualifiers.clone(),
            age: None,
            words: tokens[j].span,
            span: mentions.mentions[first].span.cover(mentions.mentions[possessor].span),
            sentence: tokens[j].sentence as usize,
            rule: "copular-kin-of",
        });
    }
}

/// An apposition after a comma that describes no mention of its own
/// ("..., Canada East, the son of X") describes the sentence's subject: the
/// first singular person mention of the sentence outside the phrase.
fn sentence_subject_apposition(
    doc: &Document,
    mentions: &Mentions,
    det: usize,
    term: usize,
) -> Option<MentionId> {
    let tokens = doc.tokens();
    let prev = det.checked_sub(1)?;
    if doc.token_text(&tokens[prev]) != "," || tokens[prev].sentence != tokens[det].sentence {
        return None;
    }
    let sentence = tokens[det].sentence as usize;
    mentions
        .in_sentence(sentence)
        .find(|(id, m)| {
            is_person_ref(mentions, *id) && !(m.tokens.start >= det && m.tokens.start <= term + 8)
        })
        .map(|(id, _)| id)
}

/// The people after "of": "X", "X and Y", "X and his wife Y", "X, a
/// painter, and Y" — names only, at most two.
fn of_objects(doc: &Document, mentions: &Mentions, start: usize) -> Vec<MentionId> {
    let tokens = doc.tokens();
    let Some(first) = name_after_description(doc, mentions, start) else { return Vec::new() };
    let mut out = vec![first];
    let sentence = mentions.mentions[first].sentence;
    // Look a few tokens on for "and" + a name (possibly "his wife NAME").
    let mut k = mentions.mentions[first].tokens.end;
    let limit = k + 10;
    while k < limit && k < tokens.len() && tokens[k].sentence as usize == sentence {
        if doc.token_lower(&tokens[k]) == "and" {
            // "and Y", or "and his wife(,) Y" — not "and the grandfather of Y".
            let lex = Lexicon::get();
            let spouse_noun = tokens.get(k + 2).is_some_and(|t| {
                lex.kinship(doc.token_lower(t))
                    .is_some_and(|term| term.kind == crate::fact::RelationKind::Spouse)
            });
            let possessive_pronoun = mentions.at_token(k + 1).is_some_and(|id| {
                matches!(&mentions.mentions[id].kind, MentionKind::Pronoun(p) if p.case == PronounCase::Possessive)
            });
            let second = if spouse_noun && possessive_pronoun {
                (k + 3..k + 5).find_map(|x| mentions.at_token(x).filter(|&id| is_name(mentions, id)))
            } else {
                name_after_description(doc, mentions, k + 1)
            };
            out.extend(second);
            break;
        }
        if matches!(doc.token_lower(&tokens[k]), "." | ";" | "who" | "which") {
            break;
        }
        k += 1;
    }
    out
}

/// "stepfather X", "dad Don Jones", "welcomed daughter X": a bare kinship
/// noun before a name relates it to the sentence's first other person.
fn bare_kin_names(doc: &Document, lex: &Lexicon, mentions: &Mentions, out: &mut Vec<KinPhrase>) {
    let tokens = doc.tokens();
    for (j, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || super::is_capitalized(doc.token_text(t)) {
            continue;
        }
        let Some(term) = lex.kinship(doc.token_lower(t)) else { continue };
        if term.kind == crate::fact::RelationKind::Friend {
            continue;
        }
        // A possessive or determiner before the noun is another construction.
        let (first_modifier, mut qualifiers, age) = modifiers_before(doc, lex, j);
        // A count ("three children: A, B") belongs to "had children".
        let counted = (first_modifier..j).any(|k| {
            tokens[k].kind == TokenKind::Number
                || matches!(
                    doc.token_lower(&tokens[k]),
                    "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
                )
        });
        // "twin brothers A and B", "the four Lee sisters: A, B, C and D":
        // the people listed are relatives of each other, not of the topic.
        let group = term.number == Number::Plural && term.kind == crate::fact::RelationKind::Sibling;
        if group {
            if let Some(phrase) = sibling_group(doc, mentions, j, first_modifier, &term, &qualifiers) {
                out.push(phrase);
            }
            continue;
        }
        if counted {
            continue;
        }
        if let Some(prev) = first_modifier.checked_sub(1).filter(|&p| tokens[p].sentence == t.sentence) {
            let lower = doc.token_lower(&tokens[prev]);
            // After a determiner, possessive or "and" the noun belongs to
            // another construction; after a preposition it is still bare
            // ("his engagement to girlfriend X").
            // "Another brother, X," still relates X to the story's topic.
            let owned = lower != "another"
                && matches!(
                    lex.function_word(lower),
                    Some(crate::lexicon::WordClass::Determiner | crate::lexicon::WordClass::Conjunction)
                )
                || lex.pronoun(lower).is_some()
                // A count ("three children: A, B") belongs to "had children".
                || tokens[prev].kind == TokenKind::Number
                || matches!(lower, "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten")
                || tokens[prev].kind == TokenKind::Clitic
                || mentions.covering(prev).is_some();
            if owned {
                continue;
            }
        }
        let Some((referents, end)) = following_names(doc, mentions, j + 1, term.number) else { continue };
        let sentence = t.sentence as usize;
        // The sentence's first person who is not itself named after a
        // kinship noun ("mom Ann ...; dad Bo ..." relate both to the topic).
        let named_by_kin = |id: MentionId| {
            let start = mentions.mentions[id].tokens.start;
            let Some(prev) = start.checked_sub(1) else { return false };
            let noun = if doc.token_text(&tokens[prev]) == "," { prev.checked_sub(1) } else { Some(prev) };
            noun.is_some_and(|n| {
                tokens[n].sentence == tokens[start].sentence
                    && lex.kinship(doc.token_lower(&tokens[n])).is_some()
            })
        };
        let topic = |s: usize| {
            mentions.in_sentence(s).find(|(id, m)| {
                !referents.contains(id)
                    && is_person_ref(mentions, *id)
                    && !m.is_plural()
                    && !named_by_kin(*id)
            })
        };
        // This sentence's first other person, else the previous sentence's
        // ("Another brother, X, competed.").
        let Some((possessor, _)) = topic(sentence).or_else(|| sentence.checked_sub(1).and_then(topic)) else {
            continue;
        };
        merge_qualifiers(&mut qualifiers, &term);
        out.push(KinPhrase {
            possessor,
            referents,
            source: ReferentSource::Following,
            term,
            term_token: j,
            qualifiers,
            age,
            words: Span::new(tokens[first_modifier].span.start, t.span.end),
            span: Span::new(tokens[first_modifier].span.start, end.end),
            sentence,
            rule: "bare-kin-name",
        });
    }
}

/// "twin brothers A and B", "the five Lee brothers: A, B, C, D and E",
/// "The sisters, A and B,": a plural sibling noun followed by the names of
/// at least two of them. After a possessive ("his brothers A and B") it is
/// a possessive construction instead, found elsewhere.
fn sibling_group(
    doc: &Document,
    mentions: &Mentions,
    noun: usize,
    first_modifier: usize,
    term: &KinshipTerm,
    qualifiers: &[Qualifier],
) -> Option<KinPhrase> {
    let lex = Lexicon::get();
    let tokens = doc.tokens();
    let sentence = tokens[noun].sentence;
    // Back over a count, capitalised family names and adjectives before the
    // noun ("the five third-generation Lee brothers") to what owns it.
    let mut k = first_modifier;
    while let Some(prev) =
        k.checked_sub(1).filter(|&p| tokens[p].sentence == sentence && first_modifier - p < 5)
    {
        let t = &tokens[prev];
        let lower = doc.token_lower(t);
        let describes = t.kind == TokenKind::Number
            || lex.kinship_modifier(lower).is_some()
            || (t.kind == TokenKind::Word
                && lex.function_word(lower).is_none()
                && lex.pronoun(lower).is_none())
            || lower == "-";
        if !describes {
            break;
        }
        k = prev;
    }
    if let Some(prev) = k.checked_sub(1).filter(|&p| tokens[p].sentence == sentence) {
        let lower = doc.token_lower(&tokens[prev]);
        let owned = lex.pronoun(lower).is_some() || tokens[prev].kind == TokenKind::Clitic;
        if owned {
            return None;
        }
    }
    let (referents, end) = following_names(doc, mentions, noun + 1, Number::Plural)?;
    if referents.len() < 2 {
        return None;
    }
    Some(KinPhrase {
        possessor: referents[0],
        referents,
        source: ReferentSource::Group,
        term: term.clone(),
        term_token: noun,
        qualifiers: qualifiers.to_vec(),
        age: None,
        words: Span::new(tokens[first_modifier].span.start, tokens[noun].span.end),
        span: Span::new(tokens[first_modifier].span.start, end.end),
        sentence: sentence as usize,
        rule: "sibling-group",
    })
}

/// The name mention at `start`, or after up to four words that describe
/// it: a determiner, demonyms, role nouns and "and" between roles ("the
/// singer and actor X", "Mexican singer X", "architect X").
/// Adjectives that may describe a person before a role noun and a name
/// ("the future bishop X", "the famous painter X").
const DESCRIPTIVE: [&str; 14] = [
    "future",
    "then",
    "young",
    "famous",
    "noted",
    "renowned",
    "legendary",
    "retired",
    "current",
    "celebrated",
    "acclaimed",
    "prominent",
    "eminent",
    "wealthy",
];

fn name_after_description(doc: &Document, mentions: &Mentions, start: usize) -> Option<MentionId> {
    let lex = Lexicon::get();
    let tokens = doc.tokens();
    let sentence = tokens.get(start)?.sentence;
    let mut k = start;
    while k < start + 6 {
        if let Some(id) = mentions.at_token(k).filter(|&id| is_name(mentions, id)) {
            return Some(id);
        }
        let t = tokens.get(k).filter(|t| t.sentence == sentence)?;
        let lower = doc.token_lower(t);
        let describes = matches!(lower, "the" | "a" | "an" | "and" | "former" | "late" | "fellow")
            || DESCRIPTIVE.contains(&lower)
            || lex.is_role_word(lower)
            || lex.place(lower) == Some("demonym");
        // A description mention ("the actor") may stand in apposition before
        // the name; any other mention ends the search.
        let other_mention = mentions
            .at_token(k)
            .is_some_and(|id| !matches!(mentions.mentions[id].kind, MentionKind::Description(_)));
        if !describes || other_mention {
            return None;
        }
        k += 1;
    }
    None
}

/// A mention that can be the subject of "is the son of": a name, a
/// singular pronoun or a description.
fn is_person_ref(mentions: &Mentions, id: MentionId) -> bool {
    match &mentions.mentions[id].kind {
        MentionKind::Name(_) | MentionKind::Description(_) => true,
        MentionKind::Pronoun(p) => p.number == Number::Singular && p.person == 3,
        MentionKind::Group => false,
    }
}

fn is_name(mentions: &Mentions, id: MentionId) -> bool {
    matches!(mentions.mentions[id].kind, MentionKind::Name(_))
}

/// "son Henry", "wife, Grace", "children, A, B and C", "children included
/// A, 21, and B, 18": the names right after the kinship noun whose
/// following token is `start`.
fn following_names(
    doc: &Document,
    mentions: &Mentions,
    start: usize,
    number: Number,
) -> Option<(Vec<MentionId>, Span)> {
    let tokens = doc.tokens();
    let sentence = tokens.get(start.checked_sub(1)?)?.sentence;
    let text_at = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence).map(|t| doc.token_lower(t));
    let mut j = start;
    let is_dash = |t: &str| !t.is_empty() && t.chars().all(crate::text::normalize::is_dash);
    // A list may be introduced by punctuation or, after a plural, a verb:
    // "his children included", "their sons were".
    if number == Number::Plural
        && matches!(text_at(j), Some("included" | "include" | "includes" | "were" | "are"))
    {
        j += 1;
    }
    if matches!(text_at(j), Some("," | ":")) || text_at(j).is_some_and(is_dash) {
        j += 1;
    }
    // "her close friend and former costar X": a second description of the
    // same person, up to five plain words, before the name.
    if number == Number::Singular && text_at(j) == Some("and") {
        let lex = Lexicon::get();
        let plain = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                t.sentence == sentence
                    && t.kind == TokenKind::Word
                    && !super::is_capitalized(doc.token_text(t))
                    && lex.function_word(doc.token_lower(t)).is_none()
                    && lex.pronoun(doc.token_lower(t)).is_none()
            })
        };
        let words = (j + 1..j + 6).take_while(|&k| plain(k)).count();
        if words > 0 && mentions.at_token(j + 1 + words).is_some_and(|id| is_name(mentions, id)) {
            j += 1 + words;
        }
    }
    // "his father, architect X": role words may stand before the name.
    let first = if number == Number::Singular {
        name_after_description(doc, mentions, j)?
    } else {
        mentions.at_token(j).filter(|&id| is_name(mentions, id))?
    };
    // Never across a sentence (or headline) boundary.
    if mentions.mentions[first].sentence != sentence as usize {
        return None;
    }
    let mut refs = vec![first];
    let mut end = mentions.mentions[first].span;
    if number == Number::Plural {
        let mut k = mentions.mentions[first].tokens.end;
        loop {
            // Skip an age in apposition: "A, 21, and B".
            if text_at(k) == Some(",")
                && tokens.get(k + 1).is_some_and(|t| t.kind == crate::text::TokenKind::Number)
            {
                k += 2;
            }
            let step = match text_at(k) {
                Some(",") if text_at(k + 1) == Some("and") => 2,
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
    // "X, the son of Y," and "X (the mother of Y)".
    if start < 2 || !matches!(doc.token_text(&tokens[start - 1]), "," | "(") {
        return None;
    }
    let head = mentions.covering(start - 2).filter(|&id| is_name(mentions, id))?;
    (mentions.mentions[head].sentence == tokens[start].sentence as usize
        && mentions.mentions[head].tokens.end == start - 1
        && !mentions.mentions[head].possessive)
        .then_some(head)
}

/// An apposition ends with punctuation or the sentence: "X, his father,
/// said" — not "Fearing X, his father convinced him", where the noun phrase
/// is the subject of what follows.
fn apposition_closes(doc: &Document, after: usize) -> bool {
    let tokens = doc.tokens();
    let Some(t) = tokens.get(after) else { return true };
    if t.sentence != tokens[after - 1].sentence {
        return true;
    }
    let text = doc.token_text(t);
    matches!(text, "," | "." | ";" | ")" | ":") || text.chars().all(crate::text::normalize::is_dash)
}

/// "his brother was X", "her husband is the actor X": the name after a
/// copula at token `start`.
fn copula_object(doc: &Document, mentions: &Mentions, start: usize) -> Option<MentionId> {
    let tokens = doc.tokens();
    let t = tokens.get(start)?;
    if !matches!(doc.token_lower(t), "is" | "was" | "are" | "were") {
        return None;
    }
    let id = name_after_description(doc, mentions, start + 1)?;
    (mentions.mentions[id].sentence == t.sentence as usize).then_some(id)
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
    // "X, who was the son of Y": the relative pronoun stands for X.
    if doc.token_lower(&tokens[j]) == "who" && j >= 2 && doc.token_text(&tokens[j - 1]) == "," {
        j -= 2;
    } else if doc.token_text(&tokens[j]) == "," {
        // Skip back over an apposition to the comma that opens it.
        let first = doc.sentences()[sentence as usize].tokens.start;
        let open = (first..j).rev().find(|&k| doc.token_text(&tokens[k]) == ",")?;
        j = open.checked_sub(1)?;
    }
    let subject = mentions.covering(j).filter(|&id| is_person_ref(mentions, id))?;
    (mentions.mentions[subject].sentence == sentence as usize
        && mentions.mentions[subject].tokens.end == j + 1)
        .then_some(subject)
}
