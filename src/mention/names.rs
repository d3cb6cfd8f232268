//! Proper names of people.
//!
//! Two passes. The first accepts a capitalised run as a person's name only
//! with positive evidence (a title, a given name, or a context only people
//! occupy) and rejects runs that context marks as works or organisations.
//! The second accepts runs made only of words already seen in accepted names
//! ("Marlow" after "Sophie Marlow"), which is how news text refers back.

use std::collections::HashSet;

use crate::fact::Gender;
use crate::lexicon::{Lexicon, NameCue, Title, TitleKind, VerbClass, WordClass};
use crate::span::Span;
use crate::text::{Document, TokenKind};

use super::{Mention, MentionKind, NameMention, age_adjective, is_capitalized, is_possessive_clitic};

/// Lowercase name words for which a capitalised token counts as a person.
pub(super) type KnownParts = HashSet<String>;

/// Generational suffixes after a surname.
const SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];
/// Prepositions after which a lone given name is usually a place ("in Austin").
const LOCATIVE: [&str; 7] = ["in", "at", "from", "near", "outside", "on", "via"];

/// A maximal run of capitalised tokens in one sentence.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

fn runs(doc: &Document, sentence: usize) -> Vec<Run> {
    let lex = Lexicon::get();
    let tokens = doc.tokens();
    let range = doc.sentences()[sentence].tokens.clone();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !is_name_token(doc, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < range.end {
            let t = &tokens[end];
            let lower = doc.token_lower(t);
            if is_name_token(doc, end) {
                end += 1;
            } else if t.kind == TokenKind::Punct
                && doc.token_text(t) == "."
                && end > start
                && is_title_word(doc, end - 1)
                && end + 1 < range.end
                && is_name_token(doc, end + 1)
            {
                // "Dr. Jane": the period of an abbreviated title.
                end += 1;
            } else if lex.name_cue(lower) == Some(NameCue::Particle)
                && end + 1 < range.end
                && is_name_token(doc, end + 1)
            {
                end += 1;
            } else if doc.token_text(t) == "("
                && end + 3 < range.end
                && is_name_token(doc, end + 1)
                && doc.token_text(&tokens[end + 2]) == ")"
                && is_name_token(doc, end + 3)
            {
                // A maiden name in brackets inside a name: Ann (Moss) Lee.
                end += 3;
            } else if matches!(doc.token_text(t), "," | "(")
                && end + 2 < range.end
                && matches!(doc.token_lower(&tokens[end + 1]), "née" | "nee")
                && is_name_token(doc, end + 2)
            {
                // "Sarah, née Kahn", "Ann Lee (née Moss)": the birth name
                // belongs to the same person.
                end += 2;
                while end < range.end && is_name_token(doc, end) {
                    end += 1;
                }
                if doc.token_text(t) == "(" && end < range.end && doc.token_text(&tokens[end]) == ")" {
                    end += 1;
                }
                break;
            } else if is_quote_token(doc, end)
                && end + 3 < range.end
                && is_name_token(doc, end + 1)
                && is_quote_token(doc, end + 2)
                && is_name_token(doc, end + 3)
            {
                // A nickname in quotes inside a name: Wilfried "Willi" Schneider.
                end += 3;
            } else {
                break;
            }
        }
        out.push(Run { start, end });
        i = end;
    }
    out
}

fn is_quote_token(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens()[i];
    matches!(t.kind, TokenKind::Punct | TokenKind::Clitic)
        && doc.token_text(t).chars().all(crate::text::normalize::is_quote)
}

fn is_name_token(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens()[i];
    match t.kind {
        TokenKind::Word => is_capitalized(doc.token_text(t)),
        TokenKind::Initial => true,
        _ => false,
    }
}

fn is_title_word(doc: &Document, i: usize) -> bool {
    Lexicon::get().title(doc.token_lower(&doc.tokens()[i])).is_some()
}

/// The run after dropping what cannot start a name: sentence-opening
/// function words, months and days, titles (returned separately).
struct Trimmed {
    start: usize,
    end: usize,
    title: Option<Title>,
    title_start: Option<usize>,
    determiner: bool,
}

fn trim(doc: &Document, lex: &Lexicon, run: Run) -> Option<Trimmed> {
    let tokens = doc.tokens();
    let mut start = run.start;
    let mut end = run.end;
    let mut title = None;
    let mut title_start = None;
    let mut determiner = start > 0
        && tokens[start - 1].sentence == tokens[start].sentence
        && is_article(doc.token_lower(&tokens[start - 1]));
    while start < end {
        let lower = doc.token_lower(&tokens[start]);
        let rest = end - start > 1;
        // "Accordingly Queen Elizabeth", "Finally Ann Lee": an adverb that
        // opens the sentence.
        let opening_adverb = rest
            && lower.ends_with("ly")
            && lex.given_names().lookup(lower).is_none()
            && super::starts_sentence(doc, start);
        if opening_adverb {
            start += 1;
            continue;
        }
        if let Some(class) = lex.function_word(lower) {
            let given = lex.given_names().lookup(lower).is_some();
            // "Will Smith" keeps its given name; "The Talk", "So Marlow" do
            // not. Inside a sentence a capitalised preposition can only be
            // a name ("replacing Per Lund").
            let inside = !super::starts_sentence(doc, start);
            if given
                && rest
                && (!matches!(class, WordClass::Determiner | WordClass::Preposition)
                    || class == WordClass::Preposition && inside)
            {
                break;
            }
            determiner |= is_article(lower);
            start += 1;
        } else if lex.place(lower) == Some("demonym")
            && rest
            && !(end - start == 2
                && lex.given_names().lookup(lower).is_some()
                && !super::starts_sentence(doc, start))
        {
            // "Democrat Sidney Yates", "American Jane Doe" — but "Christian
            // Slater" is a given name and a surname.
            start += 1;
        } else if is_month_abbreviation(doc, lower, start) {
            // "Jan. 13": a month, not the given name Jan.
            start += 1;
        } else if lex.not_name(lower).is_some() || lex.pronoun(lower).is_some() {
            // "She added", "told Us": pronouns are never names.
            start += 1;
        } else if rest
            && (lex.name_cue(lower) == Some(NameCue::Rank)
                || lex.role(lower).is_some()
                    && lex.given_names().lookup(lower).is_none()
                    && !lex.surnames().contains(lower))
            && lex.title(lower).is_none()
        {
            // "Prime Minister Ann Lee", "Rear Admiral Wilkes": capitalised
            // office words before the name are not part of it.
            start += 1;
        } else if let Some(t) = lex.title(lower).filter(|_| rest) {
            title = Some(t);
            title_start.get_or_insert(start);
            start += 1;
            if start < end && doc.token_text(&tokens[start]) == "." {
                start += 1;
            }
        } else {
            break;
        }
    }
    // A month or day inside the run ends it ("Marlow Monday" is not a name).
    if let Some(cut) = (start..end).find(|&j| {
        let lower = doc.token_lower(&tokens[j]);
        let pronoun = lex.pronoun(lower).is_some() && !is_regnal_one(doc, lex, title.is_some(), start, j);
        let suffix = j > start && SUFFIXES.contains(&lower);
        (lex.not_name(lower).is_some() && !suffix) || pronoun || is_month_abbreviation(doc, lower, j)
    }) {
        end = cut;
    }
    while end > start && doc.token_text(&tokens[end - 1]) == "." {
        end -= 1;
    }
    (start < end).then_some(Trimmed { start, end, title, title_start, determiner })
}

/// True when token `start` follows a locative preposition ("in X"), or a
/// comma after a capitalised run that itself follows one ("in X, Y").
fn in_place_chain(doc: &Document, start: usize) -> bool {
    let tokens = doc.tokens();
    let sentence = tokens[start].sentence;
    let mut j = start;
    for _ in 0..4 {
        let Some(prev) = j.checked_sub(1).filter(|&p| tokens[p].sentence == sentence) else { return false };
        let lower = doc.token_lower(&tokens[prev]);
        if LOCATIVE.contains(&lower) {
            return true;
        }
        if lower != "," {
            return false;
        }
        // Back over the capitalised run before the comma.
        let mut k = prev;
        while k > 0 && tokens[k - 1].sentence == sentence && is_name_token(doc, k - 1) {
            k -= 1;
        }
        if k == prev {
            return false;
        }
        j = k;
    }
    false
}

/// "King Carol I", "Ferdinand I of Aragon", "succeeded by Leo I.": an "I"
/// closing a name is a regnal number, not the pronoun, after a title or
/// when no lowercase word follows it ("when Carol I met ..." stays a
/// pronoun reading).
fn is_regnal_one(doc: &Document, lex: &Lexicon, titled: bool, start: usize, j: usize) -> bool {
    let tokens = doc.tokens();
    if j == start || doc.token_text(&tokens[j]) != "I" {
        return false;
    }
    let next = tokens.get(j + 1).filter(|t| t.sentence == tokens[j].sentence);
    let next_lower = next.map(|t| doc.token_lower(t));
    titled
        || next.is_none()
        || next_lower == Some("of")
        // "the son of Ferdinand I and ...": a conjunction or preposition
        // follows a numeral; the pronoun is followed by its verb.
        || next_lower.and_then(|w| lex.function_word(w)).is_some_and(|c| {
            matches!(c, crate::lexicon::WordClass::Preposition | crate::lexicon::WordClass::Conjunction)
        })
        || next.is_some_and(|t| t.kind == TokenKind::Punct && doc.token_text(t) != "\"")
        || next
            .is_some_and(|t| t.kind == TokenKind::Clitic && matches!(doc.token_lower(t), "'s" | "\u{2019}s"))
}

/// "IV", "XIII": a regnal number after a name.
fn is_roman_numeral(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// "of Spain" right after token `end - 1`: one capitalised word that no
/// lexicon claims as a person's word, then no further capital. Returns the
/// new end of the name.
fn of_place(doc: &Document, lex: &Lexicon, end: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let sentence = tokens.get(end)?.sentence;
    let at = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence);
    if doc.token_lower(at(end)?) != "of" {
        return None;
    }
    let place = at(end + 1)?;
    let lower = doc.token_lower(place);
    let capital = place.kind == TokenKind::Word && is_capitalized(doc.token_text(place));
    let claimed =
        lex.function_word(lower).is_some() || lex.is_org_head(lower) || lex.not_name(lower).is_some();
    let alone = at(end + 2).is_none_or(|t| !(t.kind == TokenKind::Word && is_capitalized(doc.token_text(t))));
    (capital && !claimed && alone).then_some(end + 2)
}

/// "Jan." / "Aug." followed by a period: an abbreviated month.
fn is_month_abbreviation(doc: &Document, lower: &str, i: usize) -> bool {
    matches!(
        lower,
        "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
    ) && doc.tokens().get(i + 1).is_some_and(|t| doc.token_text(t) == ".")
}

/// Articles mark a capitalised phrase as a work or organisation ("The
/// Talk", "a Grammy"); demonstratives and quantifiers do not ("announced
/// that Ann Lee ...").
fn is_article(lower: &str) -> bool {
    matches!(lower, "the" | "a" | "an" | "le" | "la" | "les" | "el" | "los" | "las" | "der" | "das")
}

/// True when the run is a work, show or organisation by its context.
fn is_not_person(doc: &Document, lex: &Lexicon, tr: &Trimmed) -> bool {
    let tokens = doc.tokens();
    // "the Talk", "the Ritz": an article makes a title or a firm — but not
    // before a person's title ("the Reverend X", "the Prince Y").
    if tr.determiner && tr.title.is_none() {
        return true;
    }
    // "People Weekly", "Lincoln Center": an organisation noun ends the name,
    // unless the context says a person ("Linda Park said") or a plain given
    // name opens it ("George Hill", where the noun is a surname).
    let first = doc.token_lower(&tokens[tr.start]);
    let last = doc.token_lower(&tokens[tr.end - 1]);
    // ... but not after "in": "in Beverly Hills" is a place.
    let given_first = tr.end - tr.start > 1
        && is_given_name(lex, first)
        && !lex.is_name_word(first)
        && lex.surnames().contains(last)
        && !in_place_chain(doc, tr.start);
    if lex.is_org_head(last) && !given_first && !has_person_context(doc, lex, tr.start, tr.end) {
        return true;
    }
    // "the band Dawes", "Netflix series Monsters": a title after a noun
    // that names its kind.
    if let Some(prev) =
        tr.start.checked_sub(1).map(|p| &tokens[p]).filter(|p| p.sentence == tokens[tr.start].sentence)
    {
        let lower = doc.token_lower(prev);
        if prev.kind == TokenKind::Word && !is_capitalized(doc.token_text(prev)) && lex.is_org_head(lower) {
            return true;
        }
    }
    let sentence = tokens[tr.start].sentence;
    let at = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence);
    let lower_at = |j: usize| at(j).map(|t| doc.token_lower(t));
    // "Duke of Anjou", "Bishop of Ely", "the duchy of Savoy": the domain of
    // a title or a realm noun is a place.
    // "king of northern Arnor": a direction word may stand between.
    let of_at = match lower_at(tr.start.wrapping_sub(1)) {
        Some("northern" | "southern" | "eastern" | "western" | "central" | "upper" | "lower") => {
            tr.start.wrapping_sub(2)
        }
        _ => tr.start.wrapping_sub(1),
    };
    if tr.title.is_none()
        && (1..tr.start).contains(&of_at)
        && lower_at(of_at) == Some("of")
        && at(of_at - 1).is_some_and(|t| {
            let w = doc.token_lower(t);
            // A capitalised title ("Duke of"), never a kinship word that is
            // also a title ("the father of X").
            let title =
                lex.title(w).is_some() && is_capitalized(doc.token_text(t)) && lex.kinship(w).is_none();
            title || lex.name_cue(w) == Some(NameCue::Realm)
        })
    {
        return true;
    }
    // "Duke of Anjou", "Lord of the Isles": a lone title before its domain
    // is an office, not a person's name.
    if tr.end - tr.start == 1 && lex.title(first).is_some() && lower_at(tr.end) == Some("of") {
        return true;
    }
    // "Brackwater, Idaho)", "Hallwick, Ontario,": a name followed by a
    // state or country closing the phrase is a town.
    if tr.title.is_none()
        && lower_at(tr.end) == Some(",")
        && lower_at(tr.end + 1).and_then(|w| lex.place(w)).is_some_and(|class| class != "demonym")
        && lower_at(tr.end + 2).is_none_or(|w| matches!(w, "," | "." | ")" | ";"))
        && !has_strong_person_context(doc, lex, tr.start, tr.end)
    {
        return true;
    }
    // "Lotus (2012)", "Ragtime (1981)": a lone year in brackets dates a
    // work; people get "(born 1950)" or "(1890–1950)".
    let year = |j: usize| {
        at(j).is_some_and(|t| {
            t.kind == TokenKind::Number
                && doc.token_text(t).parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y))
        })
    };
    if lower_at(tr.end) == Some("(") && year(tr.end + 1) && lower_at(tr.end + 2) == Some(")") {
        return true;
    }
    if in_quoted_title(doc, lex, tr) {
        return true;
    }
    // "Procter & Gamble", "Mumford & Sons": one word joined by an
    // ampersand names a firm or a band.
    let ampersand = |j: Option<usize>| j.and_then(&at).is_some_and(|t| doc.token_text(t) == "&");
    if tr.end - tr.start == 1 && (ampersand(Some(tr.end)) || ampersand(tr.start.checked_sub(1))) {
        return true;
    }
    if let Some(next) = at(tr.end) {
        let lower = doc.token_lower(next);
        let plain = next.kind == TokenKind::Word && !is_capitalized(doc.token_text(next));
        // "People Weekly franchise", "Apprentice alum": a capitalised modifier
        // of an organisation or role noun.
        if plain && (lex.is_org_head(lower) || lex.role(lower).is_some()) {
            return true;
        }
        // "the Hallam brothers", "the three Lee sisters": a family name
        // before a plural kinship noun names the family, not one person.
        if plain && lex.kinship(lower).is_some_and(|t| t.number == crate::lexicon::Number::Plural) {
            return true;
        }
    }
    false
}

/// True when the run sits inside a short quotation written in title case
/// — a song, book or film title ("Leave It to Jo", "This Little Girl of
/// Mine") rather than quoted speech ("We love Jo," she said).
fn in_quoted_title(doc: &Document, lex: &Lexicon, tr: &Trimmed) -> bool {
    let tokens = doc.tokens();
    let range = doc.sentences()[tokens[tr.start].sentence as usize].tokens.clone();
    let before: Vec<usize> = (range.start..tr.start).filter(|&j| is_quote_token(doc, j)).collect();
    if before.len() % 2 == 0 {
        return false;
    }
    let open = before[before.len() - 1];
    let Some(close) = (tr.end..range.end).find(|&j| is_quote_token(doc, j)) else { return false };
    let words: Vec<usize> = (open + 1..close)
        .filter(|&j| !(tr.start..tr.end).contains(&j) && tokens[j].kind == TokenKind::Word)
        .collect();
    if words.is_empty() || words.len() > 9 {
        return false;
    }
    let capitalised = words.iter().filter(|&&j| is_capitalized(doc.token_text(&tokens[j]))).count();
    // Title case leaves short function words lowercase ("to", "of").
    let minor = words
        .iter()
        .filter(|&&j| {
            let t = doc.token_text(&tokens[j]);
            !is_capitalized(t) && t.len() <= 3 && lex.function_word(doc.token_lower(&tokens[j])).is_some()
        })
        .count();
    capitalised > 0 && capitalised + minor == words.len()
}

/// Context that only people occupy, around the run `[start, end)`.
/// The strongest person contexts: an age in apposition ("X, 37,") or a
/// speech verb ("X said"). Enough even for a word that names a place.
fn has_strong_person_context(doc: &Document, lex: &Lexicon, start: usize, end: usize) -> bool {
    let tokens = doc.tokens();
    let sentence = tokens[start].sentence;
    let at = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence);
    let lower_at = |j: usize| at(j).map(|t| doc.token_lower(t));
    // "X, 37," / "X (37)"
    if matches!(lower_at(end), Some("," | "(")) && at(end + 1).is_some_and(|t| t.kind == TokenKind::Number) {
        let n: u32 = doc.token_text(&tokens[end + 1]).parse().unwrap_or(0);
        if (1..=120).contains(&n) && matches!(lower_at(end + 2), Some("," | ")" | ".")) {
            return true;
        }
    }
    // "X said", "X told"
    lower_at(end).and_then(|w| lex.verb(w)) == Some(VerbClass::Speech)
}

fn has_person_context(doc: &Document, lex: &Lexicon, start: usize, end: usize) -> bool {
    if has_strong_person_context(doc, lex, start, end) {
        return true;
    }
    let tokens = doc.tokens();
    let sentence = tokens[start].sentence;
    let at = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence);
    let lower_at = |j: usize| at(j).map(|t| doc.token_lower(t));
    if start > 0 {
        let prev = lower_at(start - 1);
        let prev2 = if start > 1 { lower_at(start - 2) } else { None };
        // "son Henry", "wife, Grace", "alum Raymond Ellis"
        let kin_or_role =
            |w: Option<&str>| w.is_some_and(|w| lex.kinship(w).is_some() || lex.role(w).is_some());
        if kin_or_role(prev) && at(start - 1).is_some_and(|t| !is_capitalized(doc.token_text(t))) {
            return true;
        }
        // "Prime Minister X": a capitalised office word trimmed off the run.
        if prev.is_some_and(|w| lex.role(w).is_some() && lex.given_names().lookup(w).is_none())
            && at(start - 1).is_some_and(|t| is_capitalized(doc.token_text(t)))
        {
            return true;
        }
        if matches!(prev, Some("," | ":")) && kin_or_role(prev2) {
            return true;
        }
        // "his children included X", "her sons were X": a list after a
        // plural kinship noun and a verb.
        let plural_kin = |w: Option<&str>| {
            w.and_then(|w| lex.kinship(w)).is_some_and(|k| k.number == crate::lexicon::Number::Plural)
        };
        if matches!(prev, Some("included" | "include" | "includes" | "were" | "are")) && plural_kin(prev2) {
            return true;
        }
        // "said X" at the end of a quote (not "told X", whose object may be
        // a publication)
        if prev.and_then(|w| lex.verb(w)) == Some(VerbClass::Speech)
            && !matches!(
                prev,
                Some("told" | "tells" | "shared" | "shares" | "posted" | "posts" | "announced")
            )
        {
            return true;
        }
    }
    // "directed by X", "replaced by X": the agent of a verb that only
    // people do.
    if start >= 2
        && lower_at(start - 1) == Some("by")
        && lower_at(start - 2).is_some_and(|w| lex.name_cue(w) == Some(NameCue::Agent))
    {
        return true;
    }
    // "X married Y", "X died in 1900": the subjects of marrying and dying
    // are people.
    if lower_at(end)
        .and_then(|w| lex.verb(w))
        .is_some_and(|c| matches!(c, VerbClass::Marry | VerbClass::Divorce | VerbClass::Death))
    {
        return true;
    }
    // "X (born 5 May 1950)", "X (1905 – 1971)", "X (c. 1680 – 1764)": the
    // life dates of an encyclopaedia entry; "X (/ pronunciation; born Y on
    // 13 May 1969) is a journalist": a bracket that holds "born". Past any
    // bracket, the copula below may still follow.
    let mut end = end;
    if lower_at(end) == Some("(") {
        let dated = lower_at(end + 1).is_some_and(|w| matches!(w, "born" | "b" | "c" | "née" | "nee"))
            || (end + 1..end + 6).filter_map(at).any(|t| t.kind == TokenKind::Number);
        if dated {
            return true;
        }
        if let Some(close) =
            (end + 1..end + 40).take_while(|&j| at(j).is_some()).find(|&j| lower_at(j) == Some(")"))
        {
            if (end + 1..close).any(|j| lower_at(j) == Some("born")) {
                return true;
            }
            end = close + 1;
        }
    }
    // "X is an American actor", "X was a former senator": a copula and a
    // role noun within a few words.
    if matches!(lower_at(end), Some("is" | "was")) {
        for j in end + 1..end + 7 {
            let Some(w) = lower_at(j) else { break };
            if lex.role(w).is_some() {
                return true;
            }
            if matches!(w, "," | "." | "who" | "which" | "that" | "in" | "of") {
                break;
            }
        }
    }
    // "X, the couple's son," / "X, his wife," — an apposition that
    // describes a person.
    if lower_at(end) == Some(",") {
        for j in end + 1..(end + 7) {
            let Some(w) = lower_at(j) else { break };
            if w == "," || w == "." {
                break;
            }
            if lex.kinship(w).is_some() || lex.role(w).is_some() || age_adjective(w).is_some() {
                return true;
            }
        }
    }
    false
}

/// True when another lexicon claims the word: a function word, a place or
/// people, an organisation or role noun, a kinship noun, a month or day, a
/// verb. Such a word is no evidence of a name, whatever the name lists say.
fn is_claimed(lex: &Lexicon, lower: &str) -> bool {
    lex.function_word(lower).is_some()
        || lex.place(lower).is_some()
        || lex.is_org_head(lower)
        || lex.is_role_word(lower)
        || lex.kinship(lower).is_some()
        || lex.not_name(lower).is_some()
        || lex.verb(lower).is_some()
}

/// "Duff Gibson": two or three capitalised words ending in a surname of
/// the census list, none of them a word another lexicon claims.
fn has_surname_shape(doc: &Document, lex: &Lexicon, tr: &Trimmed) -> bool {
    let tokens = doc.tokens();
    let n = tr.end - tr.start;
    if !(2..=3).contains(&n) || tr.determiner {
        return false;
    }
    (tr.start..tr.end)
        .all(|j| tokens[j].kind == TokenKind::Word && !is_claimed(lex, doc.token_lower(&tokens[j])))
        && lex.surnames().contains(doc.token_lower(&tokens[tr.end - 1]))
}

/// "Kudryavtseva won", "Omlie later joined", "Lyubimov's productions": one
/// capitalised word that no lexicon claims, followed by a verb or a
/// possessive, inside a sentence (so not a sentence-opening capital).
fn acts_like_a_person(doc: &Document, lex: &Lexicon, tr: &Trimmed) -> bool {
    let tokens = doc.tokens();
    if tr.end - tr.start != 1
        || tr.determiner
        || tokens[tr.start].kind != TokenKind::Word
        || super::starts_sentence(doc, tr.start)
    {
        return false;
    }
    let text = doc.token_text(&tokens[tr.start]);
    let lower = doc.token_lower(&tokens[tr.start]);
    let claimed = is_claimed(lex, lower)
        || lex.title(lower).is_some()
        || lex.is_surname_word(lower)
        || lex.is_name_word(lower)
        || crate::text::normalize::is_all_caps(text)
        || text.chars().count() < 3;
    if claimed {
        return false;
    }
    let Some(next) = tokens.get(tr.end).filter(|t| t.sentence == tokens[tr.start].sentence) else {
        return false;
    };
    let next_lower = doc.token_lower(next);
    if next.kind == TokenKind::Clitic {
        return super::is_possessive_clitic(doc, next);
    }
    if next.kind != TokenKind::Word || super::is_capitalized(doc.token_text(next)) {
        return false;
    }
    matches!(
        next_lower,
        "was" | "is" | "has" | "had" | "would" | "will" | "could" | "later" | "also" | "then" | "did"
    ) || lex.verb(next_lower).is_some()
        || (next_lower.ends_with("ed") || next_lower.ends_with("es"))
            && lex.function_word(next_lower).is_none()
            && lex.kinship(next_lower).is_none()
            && lex.role(next_lower).is_none()
}

/// "MacKenzie studied with ...": one capitalised word that is a census
/// surname and no common English word, not opening a sentence as a
/// function word, and not after a determiner.
fn is_lone_surname(doc: &Document, lex: &Lexicon, tr: &Trimmed) -> bool {
    let tokens = doc.tokens();
    if tr.end - tr.start != 1 || tr.determiner || tokens[tr.start].kind != TokenKind::Word {
        return false;
    }
    let text = doc.token_text(&tokens[tr.start]);
    let lower = doc.token_lower(&tokens[tr.start]);
    lex.surnames().contains(lower)
        && !lex.is_surname_word(lower)
        && !crate::text::normalize::is_all_caps(text)
        && !is_claimed(lex, lower)
        && lex.title(lower).is_none()
}

fn name_mention(doc: &Document, lex: &Lexicon, tr: &Trimmed, given_name: bool, strength: f32) -> Mention {
    let tokens = doc.tokens();
    let first = tr.title_start.unwrap_or(tr.start);
    let last = tr.end - 1;
    let parts = (tr.start..tr.end)
        .filter(|&j| tokens[j].kind != TokenKind::Punct && !SUFFIXES.contains(&doc.token_lower(&tokens[j])))
        .count();
    let first_lower = doc.token_lower(&tokens[tr.start]);
    let gender: Option<Gender> = tr
        .title
        .and_then(|t| t.gender)
        .or_else(|| given_name.then(|| lex.name_gender(first_lower)).flatten());
    let possessive = tokens
        .get(tr.end)
        .is_some_and(|t| t.sentence == tokens[last].sentence && is_possessive_clitic(doc, t));
    Mention {
        span: Span::new(tokens[first].span.start, tokens[last].span.end),
        tokens: first..tr.end,
        sentence: tokens[first].sentence as usize,
        kind: MentionKind::Name(NameMention {
            // A royal title is how the person is named ("Pope Francis",
            // "Prince Harry"); a courtesy or office title is not.
            name: Span::new(
                if tr.title.is_some_and(|t| t.kind == TitleKind::Royal) {
                    tokens[first].span.start
                } else {
                    tokens[tr.start].span.start
                },
                tokens[last].span.end,
            ),
            parts,
            title: tr.title,
            gender,
            given_name,
            strength,
            shared_surname: None,
        }),
        possessive,
    }
}

/// True when `lower` can serve as evidence of a given name: listed, and not
/// a word that the other lexicons claim.
fn is_given_name(lex: &Lexicon, lower: &str) -> bool {
    lex.given_names().lookup(lower).is_some()
        && lex.not_name(lower).is_none()
        && lex.kinship(lower).is_none()
        && !lex.is_role_word(lower)
        && lex.verb(lower).is_none()
        && lex.pronoun(lower).is_none()
        && !lex.is_org_head(lower)
        && lex.place(lower).is_none()
        && lex.title(lower).is_none()
}

/// Pass 1: names with evidence. Returns the lowercase words of the names
/// found, for pass 2.
pub(super) fn find_names(doc: &Document, lex: &Lexicon, out: &mut Vec<Mention>) -> KnownParts {
    let tokens = doc.tokens();
    let mut known = KnownParts::new();
    // Last token of the latest run read as a work or organisation, and
    // whether it was itself a continuation, so that "Suite Life of Zack and
    // Cody" stays one title.
    let mut title_end: Option<(usize, bool)> = None;
    for s in 0..doc.sentences().len() {
        for run in runs(doc, s) {
            let Some(tr) = trim(doc, lex, run) else { continue };
            let continues_title = title_end.is_some_and(|(end, continued)| {
                let between: Vec<&str> = (end + 1..tr.start).map(|j| doc.token_lower(&tokens[j])).collect();
                between == ["of"]
                    || between == ["of", "the"]
                    || continued && (between == ["and"] || between == ["&"])
            });
            if continues_title {
                title_end = Some((tr.end - 1, true));
                continue;
            }
            if is_not_person(doc, lex, &tr) {
                title_end = Some((tr.end - 1, false));
                continue;
            }
            let mut tr = tr;
            // "First Lady Michelle Obama": a title inside the run starts the
            // name; what precedes it qualifies the title.
            if tr.title.is_none() {
                if let Some(k) = (tr.start + 1..tr.end.saturating_sub(1)).find(|&k| {
                    lex.title(doc.token_lower(&tokens[k])).is_some()
                        && is_given_name(lex, doc.token_lower(&tokens[k + 1]))
                }) {
                    // The title qualifies ("First Lady") and gives gender, but
                    // is not how the person is named.
                    tr.title = lex
                        .title(doc.token_lower(&tokens[k]))
                        .map(|t| Title { kind: TitleKind::Office, ..t });
                    tr.start = k + 1;
                }
            }
            // "Former Survivor Jane Doe": capitalised words before the first
            // given name qualify the person and are not part of the name.
            if tr.title.is_none() && !is_given_name(lex, doc.token_lower(&tokens[tr.start])) {
                // Only over words that are nobody's given name, and only to a
                // name of two words or more ("Quill Harper" keeps "Quill").
                let k = (tr.start + 1..tr.end.saturating_sub(1))
                    .take_while(|&k| lex.given_names().lookup(doc.token_lower(&tokens[k - 1])).is_none())
                    .find(|&k| is_given_name(lex, doc.token_lower(&tokens[k])));
                if let Some(k) = k {
                    tr.start = k;
                }
            }
            if (tr.start..tr.end).all(|j| lex.place(doc.token_lower(&tokens[j])).is_some())
                && !has_strong_person_context(doc, lex, tr.start, tr.end)
            {
                continue;
            }
            let first = doc.token_lower(&tokens[tr.start]);
            let single = tr.end - tr.start == 1;
            // "Art", "Hope" alone, and acronyms ("MVP"), need context.
            let shouting = single && crate::text::normalize::is_all_caps(doc.token_text(&tokens[tr.start]));
            let given = is_given_name(lex, first) && !(single && (lex.is_name_word(first) || shouting))
                // "Paris Hilton", "Austin Butler": a place that is also a given
                // name opens a name when a surname closes it.
                || !single
                    && lex.place(first).is_some()
                    && lex.given_names().lookup(first).is_some()
                    && lex.surnames().contains(doc.token_lower(&tokens[tr.end - 1]));
            // "North Carolina", "West Virginia": a compass word opens a place.
            if lex.place(first) == Some("direction") && !has_strong_person_context(doc, lex, tr.start, tr.end)
            {
                continue;
            }
            let after_locative = tr.start > 0
                && tokens[tr.start - 1].sentence == tokens[tr.start].sentence
                && LOCATIVE.contains(&doc.token_lower(&tokens[tr.start - 1]));
            // "born in Berthier, Canada East,": a run after "in", or after a
            // comma that follows such a run, is a place unless a title or
            // a strong context says otherwise.
            let ends_in_place =
                lex.place(doc.token_lower(&tokens[tr.end - 1])).is_some_and(|c| c != "demonym");
            if in_place_chain(doc, tr.start)
                && tr.title.is_none()
                && (!given || single || ends_in_place)
                && !has_strong_person_context(doc, lex, tr.start, tr.end)
            {
                continue;
            }
            // How sure the evidence makes us that this is a person's name;
            // it bounds the confidence of every fact about the person.
            let strength = if tr.title.is_some() || given && !single {
                1.0
            } else if given && !after_locative || has_person_context(doc, lex, tr.start, tr.end) {
                0.9
            } else if has_surname_shape(doc, lex, &tr) {
                0.85
            } else if is_lone_surname(doc, lex, &tr) && !after_locative {
                0.7
            } else if acts_like_a_person(doc, lex, &tr) {
                0.6
            } else {
                continue;
            };
            // An initial or a title alone ("Duke", "Lord") names nobody.
            if single && (tokens[tr.start].kind == TokenKind::Initial || lex.title(first).is_some()) {
                continue;
            }
            for t in &tokens[tr.start..tr.end] {
                if t.kind == TokenKind::Word {
                    known.insert(doc.token_lower(t).to_string());
                }
            }
            // "Philip V of Spain", "John of Luxembourg", "Prince Henry of
            // Wales": a given name (or a regnal numeral, or a title) with
            // "of" and one capitalised place is one name.
            let regnal = tr.end - tr.start == 2 && is_roman_numeral(doc.token_text(&tokens[tr.end - 1]));
            // ("Governor Sarah Palin of Alaska" is Sarah Palin: an office's
            // "of" names the office's domain.)
            let royal = tr.title.is_some_and(|t| t.kind == TitleKind::Royal);
            if (royal || given && single || regnal) && tr.end - tr.start <= 2 {
                if let Some(end) = of_place(doc, lex, tr.end) {
                    tr.end = end;
                }
            }
            out.push(name_mention(doc, lex, &tr, given, strength));
        }
    }
    known
}

/// Spans the caller says are names: each becomes a name mention (replacing
/// any mention that overlaps it), and its words become known name words.
pub(super) fn add_given_names(
    doc: &Document,
    lex: &Lexicon,
    spans: &[Span],
    out: &mut Vec<Mention>,
    known: &mut KnownParts,
) {
    let tokens = doc.tokens();
    for span in spans {
        let first = tokens.partition_point(|t| t.span.end <= span.start);
        let end = tokens.partition_point(|t| t.span.start < span.end);
        if first >= end || tokens[first].sentence != tokens[end - 1].sentence {
            continue;
        }
        out.retain(|m| m.tokens.end <= first || m.tokens.start >= end);
        let tr = Trimmed { start: first, end, title: None, title_start: None, determiner: false };
        let given = is_given_name(lex, doc.token_lower(&tokens[first]));
        for t in &tokens[first..end] {
            if t.kind == TokenKind::Word {
                known.insert(doc.token_lower(t).to_string());
            }
        }
        out.push(name_mention(doc, lex, &tr, given, 1.0));
    }
}

/// Pass 2: runs made only of words of names found in pass 1.
pub(super) fn find_known_parts(doc: &Document, lex: &Lexicon, known: &KnownParts, out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    let taken: HashSet<usize> = out.iter().flat_map(|m| m.tokens.clone()).collect();
    for s in 0..doc.sentences().len() {
        for run in runs(doc, s) {
            let Some(tr) = trim(doc, lex, run) else { continue };
            if (tr.start..tr.end).any(|j| taken.contains(&j)) || is_not_person(doc, lex, &tr) {
                continue;
            }
            let all_known = (tr.start..tr.end)
                .all(|j| tokens[j].kind != TokenKind::Word || known.contains(doc.token_lower(&tokens[j])));
            // A capitalised function word that opens a sentence was trimmed
            // already; a lone known word elsewhere is a back-reference.
            if all_known && (tr.start..tr.end).any(|j| tokens[j].kind == TokenKind::Word) {
                let given = is_given_name(lex, doc.token_lower(&tokens[tr.start]));
                out.push(name_mention(doc, lex, &tr, given, 1.0));
            }
        }
    }
}

/// Pass 3: "Macaulay Culkin and Brenda Song", "Leda, Orin and Tamsin": a
/// capitalised run coordinated with a name already found is a name too,
/// when none of its words is claimed by another lexicon.
pub(super) fn find_coordinated(doc: &Document, lex: &Lexicon, out: &mut Vec<Mention>) {
    // Each pass may extend a list by one more name ("A, B and C").
    for _ in 0..6 {
        if !coordinated_pass(doc, lex, out) {
            break;
        }
    }
}

/// One pass of [`find_coordinated`]; true when it found a name.
fn coordinated_pass(doc: &Document, lex: &Lexicon, out: &mut Vec<Mention>) -> bool {
    let before_count = out.len();
    let tokens = doc.tokens();
    let mut taken: HashSet<usize> = out.iter().flat_map(|m| m.tokens.clone()).collect();
    let starts: HashSet<usize> = out.iter().map(|m| m.tokens.start).collect();
    let ends: HashSet<usize> = out.iter().map(|m| m.tokens.end).collect();
    let lower = |j: usize| doc.token_lower(&tokens[j]);
    let claimed = |w: &str| is_claimed(lex, w) || lex.pronoun(w).is_some();
    for s in 0..doc.sentences().len() {
        let sentence_end = doc.sentences()[s].tokens.end;
        for run in runs(doc, s) {
            let Some(tr) = trim(doc, lex, run) else { continue };
            if (tr.start..tr.end).any(|j| taken.contains(&j)) || is_not_person(doc, lex, &tr) {
                continue;
            }
            if (tr.start..tr.end).any(|j| tokens[j].kind != TokenKind::Word || claimed(lower(j))) {
                continue;
            }
            // A name ends right before ", " / " and " / ", and ", or one
            // starts right after.
            let before = (1..=3).any(|gap| {
                tr.start >= gap
                    && ends.contains(&(tr.start - gap))
                    && (tr.start - gap..tr.start).all(|j| matches!(lower(j), "," | "and"))
            });
            let after = (1..=3).any(|gap| {
                tr.end + gap < sentence_end
                    && starts.contains(&(tr.end + gap))
                    && (tr.end..tr.end + gap).all(|j| matches!(lower(j), "," | "and"))
                    && (tr.end..tr.end + gap).any(|j| lower(j) == "and")
            });
            if before || after {
                let given = is_given_name(lex, lower(tr.start));
                out.push(name_mention(doc, lex, &tr, given, 0.75));
                taken.extend(tr.start..tr.end);
            }
        }
    }
    out.len() > before_count
}
