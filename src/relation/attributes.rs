//! Attributes of people: age (and so birth year), death (when, age,
//! cause), role, gender — each with the words that state it.

use std::collections::HashMap;

use crate::coref::{EntityId, apposition_age};
use crate::fact::{Attribute, Gender, PartialDate};
use crate::lexicon::{Lexicon, VerbClass};
use crate::mention::{MentionId, MentionKind, ReferentSource};
use crate::span::Span;
use crate::text::{Date, TokenKind};

use super::Facts;

pub(super) fn all(facts: &mut Facts) {
    ages(facts);
    deaths(facts);
    roles(facts);
    hometowns(facts);
    genders(facts);
}

/// "X is from Texas", "we're both from Texas", "X, who is from Texas": a
/// person (or a pair) + copula + "from" + a capitalised place.
fn hometowns(facts: &mut Facts) {
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if doc.token_lower(t) != "from" || i == 0 {
            continue;
        }
        let sentence = t.sentence;
        let in_sentence = |j: usize| tokens.get(j).filter(|x| x.sentence == sentence);
        // The place: a run of capitalised words right after "from".
        let mut end = i + 1;
        while in_sentence(end)
            .is_some_and(|x| x.kind == TokenKind::Word && crate::mention::is_capitalized(doc.token_text(x)))
        {
            end += 1;
        }
        if end == i + 1 || facts.mentions.covering(i + 1).is_some() {
            continue;
        }
        // Back over "both" and the copula to the subject mention.
        let mut j = i;
        let mut copula = false;
        while j > 0 && in_sentence(j - 1).is_some() {
            let lower = doc.token_lower(&tokens[j - 1]);
            if matches!(lower, "is" | "was" | "are" | "were" | "'re" | "\u{2019}re" | "'s" | "\u{2019}s") {
                copula = true;
            } else if lower != "both" && lower != "originally" {
                break;
            }
            j -= 1;
        }
        if !copula || j == 0 {
            continue;
        }
        let Some(m) = facts.mentions.covering(j - 1) else { continue };
        if facts.mentions.mentions[m].tokens.end != j {
            continue;
        }
        let (entities, conf) = facts.coref.entities_of(m);
        let place = Span::new(tokens[i + 1].span.start, tokens[end - 1].span.end);
        let value = place.slice(doc.text()).to_string();
        let span = facts.mentions.mentions[m].span.cover(place);
        for &e in entities {
            let evidence = facts.evidence(sentence as usize, span, "hometown-from", 0.8 * conf);
            facts.attribute(e, Attribute::Hometown { value: value.clone() }, evidence);
        }
    }
}

fn age_attribute(age: u32, date: Option<Date>) -> Attribute {
    // Someone 39 on 2021-12-30 was born between 1981-12-31 and 1982-12-30.
    let born = date.map(|d| (d.year - age as i32 - 1, d.year - age as i32));
    Attribute::Age { years: age, as_of: date, born }
}

fn ages(facts: &mut Facts) {
    let doc = facts.doc;
    let date = doc.date();
    for (id, m) in facts.mentions.mentions.iter().enumerate() {
        let Some((e, conf)) = facts.coref.single(id) else { continue };
        let (age, rule, span) = match &m.kind {
            MentionKind::Name(_) => match apposition_age(doc, m.tokens.end) {
                Some(a) => {
                    (a, "age-apposition", Span::new(m.span.start, doc.tokens()[m.tokens.end + 1].span.end))
                }
                None => continue,
            },
            MentionKind::Description(d) => match d.age {
                Some(a) => (a, "age-description", m.span),
                None => continue,
            },
            _ => continue,
        };
        let evidence = facts.evidence(m.sentence, span, rule, 0.95 * conf);
        facts.attribute(e, age_attribute(age, date), evidence);
    }
    for k in &facts.mentions.kin {
        let Some(age) = k.age else { continue };
        for &r in &k.referents {
            let Some((e, conf)) = facts.coref.single(r) else { continue };
            let evidence = facts.evidence(k.sentence, k.span, "age-kin-modifier", 0.9 * conf);
            facts.attribute(e, age_attribute(age, date), evidence);
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// What follows a death verb or "lost X to": the cause, the date and the
/// age, read until the clause ends.
#[derive(Default)]
struct DeathDetails {
    cause: Option<String>,
    date: Option<PartialDate>,
    age: Option<u32>,
    end: usize,
}

/// Reads "of CAUSE", "from CAUSE", "to CAUSE" (after "lost"), "in July
/// 2020", "in 2019", "at the age of 41", "at age 41", "aged 41" from token
/// `start` to the end of the clause.
fn death_details(facts: &Facts, start: usize, cause_words: &[&str]) -> DeathDetails {
    let doc = facts.doc;
    let tokens = doc.tokens();
    let sentence = tokens[start.min(tokens.len() - 1)].sentence;
    let mut out = DeathDetails { end: start, ..DeathDetails::default() };
    let mut j = start;
    let lower = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence).map(|t| doc.token_lower(t));
    let number = |j: usize| -> Option<u32> {
        let t = tokens.get(j).filter(|t| t.sentence == sentence && t.kind == TokenKind::Number)?;
        doc.token_text(t).parse().ok()
    };
    let sentence_end = doc.sentences().get(sentence as usize).map_or(start, |s| s.tokens.end);
    while let Some(w) = lower(j) {
        // "after a (long) battle with C", "after battling C".
        let battle = match (w, lower(j + 1)) {
            ("battle", Some("with" | "against")) => Some(j + 1),
            ("battling" | "fighting", _) => Some(j),
            _ => None,
        };
        if let Some(intro) = battle.filter(|_| out.cause.is_none()) {
            j = intro;
        }
        if (cause_words.contains(&w) || battle.is_some()) && out.cause.is_none() {
            let from = j + 1;
            let mut k = from;
            while let Some(x) = lower(k) {
                if matches!(x, "in" | "at" | "on" | "," | "." | ";" | "after" | "and" | "while" | "aged")
                    || k > from + 6
                {
                    break;
                }
                k += 1;
            }
            if k > from {
                let span = Span::new(tokens[from].span.start, tokens[k - 1].span.end);
                out.cause = Some(span.slice(doc.text()).to_string());
                out.end = k;
            }
            j = k;
            continue;
        }
        match w {
            "in" | "on" => {
                let month = lower(j + 1).and_then(|m| MONTHS.iter().position(|x| *x == m));
                if let Some(m) = month {
                    let day = number(j + 2).filter(|d| (1..=31).contains(d));
                    let year_at =
                        if day.is_some() { j + 3 + usize::from(lower(j + 3) == Some(",")) } else { j + 2 };
                    let year = number(year_at).filter(|y| (1000..=2999).contains(y)).map(|y| y as i32);
                    // A month without a year is the latest such month up to
                    // the article date ("died in July", written in March,
                    // is last July).
                    let year = year.or_else(|| {
                        doc.date().map(|d| if m as u8 + 1 > d.month { d.year - 1 } else { d.year })
                    });
                    if let Some(year) = year {
                        out.date =
                            Some(PartialDate { year, month: Some(m as u8 + 1), day: day.map(|d| d as u8) });
                        out.end = year_at + 1;
                    }
                } else if let Some(y) = number(j + 1).filter(|y| (1000..=2999).contains(y)) {
                    out.date = Some(PartialDate { year: y as i32, month: None, day: None });
                    out.end = j + 2;
                }
            }
            "at" => {
                if lower(j + 1) == Some("the") && lower(j + 2) == Some("age") && lower(j + 3) == Some("of") {
                    out.age = number(j + 4);
                    out.end = j + 5;
                } else if lower(j + 1) == Some("age") {
                    out.age = number(j + 2);
                    out.end = j + 3;
                }
            }
            "aged" => {
                out.age = number(j + 1);
                out.end = j + 2;
            }
            // "last year", "earlier this year": relative to the article.
            "last" | "this" if lower(j + 1) == Some("year") && out.date.is_none() => {
                if let Some(d) = doc.date() {
                    let year = if w == "last" { d.year - 1 } else { d.year };
                    out.date = Some(PartialDate { year, month: None, day: None });
                    out.end = j + 2;
                }
            }
            ";" | "." | "but" | "leaving" | "who" => break,
            _ => {}
        }
        j += 1;
    }
    // A year taken from the article date stands for no token of its own.
    out.end = out.end.min(sentence_end);
    out
}

fn deaths(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    // "X died of ...", "X, the ..., died in ...".
    for (i, t) in tokens.iter().enumerate() {
        if lex.verb(doc.token_lower(t)) != Some(VerbClass::Death) {
            continue;
        }
        let Some((e, conf, start)) = death_subject(facts, i) else { continue };
        let details = death_details(facts, i + 1, &["of", "from"]);
        let end = tokens[details.end.max(i + 1) - 1].span.end;
        let evidence = facts.evidence(t.sentence as usize, Span::new(start, end), "died", 0.9 * conf);
        let attribute = Attribute::Death { date: details.date, age: details.age, cause: details.cause };
        facts.attribute(e, attribute, evidence);
    }
    // "lost his wife, Grace, to breast cancer in 2019".
    for k in &facts.mentions.kin {
        let possessor_start = facts.mentions.mentions[k.possessor].tokens.start;
        let lost = possessor_start > 0
            && matches!(doc.token_lower(&tokens[possessor_start - 1]), "lost" | "loses" | "lose");
        if !lost || k.source != ReferentSource::Following {
            continue;
        }
        let Some(&r) = k.referents.last() else { continue };
        // The relative named after "lost his wife," — never a name before
        // the verb that a bare kinship noun happened to relate.
        if facts.mentions.mentions[r].tokens.start < possessor_start {
            continue;
        }
        let Some((e, conf)) = facts.coref.single(r) else { continue };
        let mut after = facts.mentions.mentions[r].tokens.end;
        if tokens.get(after).is_some_and(|t| doc.token_text(t) == ",") {
            after += 1;
        }
        if tokens.get(after).is_none_or(|t| doc.token_lower(t) != "to") {
            continue;
        }
        let details = death_details(facts, after, &["to"]);
        if details.cause.is_none() {
            continue;
        }
        let span = Span::new(tokens[possessor_start - 1].span.start, tokens[details.end - 1].span.end);
        let evidence = facts.evidence(k.sentence, span, "lost-to", 0.85 * conf);
        facts.attribute(
            e,
            Attribute::Death { date: details.date, age: details.age, cause: details.cause },
            evidence,
        );
    }
    // "her late husband": the husband has died.
    for k in &facts.mentions.kin {
        if !k.qualifiers.contains(&crate::fact::Qualifier::Late) {
            continue;
        }
        // "widow"/"widower" mark the possessor as the one who died.
        let marked_by_noun = k.term.qualifiers.contains(&crate::fact::Qualifier::Late);
        let targets: Vec<_> = if marked_by_noun {
            facts.coref.single(k.possessor).into_iter().collect()
        } else {
            k.referents.iter().filter_map(|&r| facts.coref.single(r)).collect()
        };
        for (e, conf) in targets {
            let evidence = facts.evidence(k.sentence, k.words, "late-kin", 0.9 * conf);
            facts.attribute(e, Attribute::Death { date: None, age: None, cause: None }, evidence);
        }
    }
}

/// The subject of a death verb at token `verb`: the name before it, or the
/// name before an apposition that ends right before it.
fn death_subject(facts: &Facts, verb: usize) -> Option<(EntityId, f32, usize)> {
    let m = super::verbs::subject_mention(facts, verb)?;
    let (e, conf) = facts.coref.single(m)?;
    Some((e, conf, facts.mentions.mentions[m].span.start))
}

/// Roles from descriptions ("the 39-year-old View cohost") and from role
/// nouns before a name ("Apprentice alum Raymond Ellis").
fn roles(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (id, m) in facts.mentions.mentions.iter().enumerate() {
        let Some((e, conf)) = facts.coref.single(id) else { continue };
        match &m.kind {
            MentionKind::Description(d) => {
                let Some(role) = d.role else { continue };
                let value = clean_role(role.slice(doc.text()));
                let evidence = facts.evidence(m.sentence, m.span, "role-description", 0.9 * conf);
                facts.attribute(e, Attribute::Role { value }, evidence);
            }
            MentionKind::Name(_) => {
                // Walk back over a lowercase role noun and the capitalised
                // (possibly quoted) words that qualify it.
                let start = m.tokens.start;
                if start == 0 || tokens[start - 1].sentence as usize != m.sentence {
                    continue;
                }
                let head = start - 1;
                let head_lower = doc.token_lower(&tokens[head]);
                if lex.role(head_lower).is_none()
                    || crate::mention::is_capitalized(doc.token_text(&tokens[head]))
                {
                    continue;
                }
                let mut first = head;
                while first > 0 && tokens[first - 1].sentence as usize == m.sentence {
                    let t = &tokens[first - 1];
                    let text = doc.token_text(t);
                    let quote = t.kind == TokenKind::Punct
                        && text.chars().all(|c| {
                            crate::text::normalize::is_open_quote(c)
                                || crate::text::normalize::is_close_quote(c)
                        });
                    let cap = t.kind == TokenKind::Word
                        && crate::mention::is_capitalized(text)
                        && lex.function_word(doc.token_lower(t)).is_none();
                    if quote || cap {
                        first -= 1;
                    } else {
                        break;
                    }
                }
                let span = Span::new(tokens[first].span.start, tokens[head].span.end);
                let value = clean_role(span.slice(doc.text()));
                let evidence =
                    facts.evidence(m.sentence, span.cover(m.span), "role-premodifier", 0.85 * conf);
                facts.attribute(e, Attribute::Role { value }, evidence);
            }
            _ => {}
        }
    }
}

/// Drops quotes around title words: "‘Apprentice’ alum" → "Apprentice alum".
fn clean_role(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|&c| {
            !(crate::text::normalize::is_open_quote(c) || crate::text::normalize::is_close_quote(c))
                || c == '\''
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The gender of each person with the first cue that shows it.
fn genders(facts: &mut Facts) {
    let kin_gender: HashMap<MentionId, Gender> = facts
        .mentions
        .kin
        .iter()
        .flat_map(|k| k.referents.iter().filter_map(move |&r| Some((r, k.term.gender?))))
        .collect();
    for (e, entity) in facts.coref.entities.iter().enumerate() {
        let Some(gender) = entity.gender else { continue };
        let Some((m, rule)) = gender_cue(facts, &kin_gender, e, gender) else { continue };
        let mention = &facts.mentions.mentions[m];
        let evidence = facts.evidence(mention.sentence, mention.span, rule, 0.9);
        facts.attribute(e, Attribute::Gender { value: gender }, evidence);
    }
}

fn gender_cue(
    facts: &Facts,
    kin_gender: &HashMap<MentionId, Gender>,
    e: EntityId,
    gender: Gender,
) -> Option<(usize, &'static str)> {
    let entity = &facts.coref.entities[e];
    for &m in &entity.mentions {
        match &facts.mentions.mentions[m].kind {
            MentionKind::Name(n) if n.gender == Some(gender) => {
                return Some((m, if n.title.is_some() { "gender-title" } else { "gender-given-name" }));
            }
            MentionKind::Pronoun(p) if p.gender == Some(gender) => return Some((m, "gender-pronoun")),
            MentionKind::Description(d) if d.gender == Some(gender) => return Some((m, "gender-role-noun")),
            _ => {}
        }
        if kin_gender.get(&m) == Some(&gender) {
            return Some((m, "gender-kinship-noun"));
        }
    }
    None
}
