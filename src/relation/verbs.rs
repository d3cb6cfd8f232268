//! Relations stated by verbs and copulas: "A and B will stay friends",
//! "they had been friends", "A married B", "A and B divorced".

use crate::coref::EntityId;
use crate::fact::{Qualifier, RelationKind};
use crate::lexicon::{KinRole, Lexicon, VerbClass};

use crate::mention::MentionId;
use crate::span::Span;
use crate::text::{TokenKind, normalize};

use super::Facts;

/// Words that may stand between a subject and its verb, or a verb and
/// "friends", without changing what is asserted.
fn is_filler(facts: &Facts, t: usize) -> bool {
    let doc = facts.doc;
    let tok = &doc.tokens()[t];
    let lower = doc.token_lower(tok);
    match tok.kind {
        TokenKind::Punct => {
            doc.token_text(tok).chars().all(|c| normalize::is_open_quote(c) || normalize::is_close_quote(c))
        }
        TokenKind::Clitic => matches!(
            lower,
            "'d" | "\u{2019}d" | "'ve" | "\u{2019}ve" | "'re" | "\u{2019}re" | "'ll" | "\u{2019}ll"
        ),
        TokenKind::Word => {
            // Adverbs in -ly, but never a capitalised word ("Tully").
            lower.ends_with("ly") && !crate::mention::is_capitalized(doc.token_text(tok))
                || matches!(
                    lower,
                    "will"
                        | "would"
                        | "could"
                        | "to"
                        | "have"
                        | "has"
                        | "had"
                        | "always"
                        | "still"
                        | "also"
                        | "both"
                        | "best"
                        | "good"
                        | "close"
                        | "great"
                        | "longtime"
                        | "now"
                        | "since"
                        | "ever"
                )
        }
        _ => false,
    }
}

/// Hearsay or denial earlier in the clause of the verb at `verb`:
/// "denied dating", "rumored to be engaged", "reportedly married",
/// "sparked rumors they were dating", "if they marry".
fn hedged(facts: &Facts, verb: usize) -> bool {
    let doc = facts.doc;
    let tokens = doc.tokens();
    let sentence = tokens[verb].sentence;
    (verb.saturating_sub(8)..verb).filter(|&j| tokens[j].sentence == sentence).any(|j| {
        matches!(
            doc.token_lower(&tokens[j]),
            "denied"
                | "denies"
                | "deny"
                | "rumored"
                | "rumoured"
                | "rumors"
                | "rumours"
                | "reportedly"
                | "allegedly"
                | "speculation"
                | "speculated"
                | "if"
                | "whether"
                | "hopes"
                | "hoping"
        )
    })
}

/// Is there a negation among tokens `[from, to)`?
fn negated(facts: &Facts, from: usize, to: usize) -> bool {
    (from..to).any(|j| {
        let lower = facts.doc.token_lower(&facts.doc.tokens()[j]);
        matches!(lower, "not" | "never" | "n't" | "n\u{2019}t" | "'t" | "\u{2019}t" | "no")
    })
}

/// The people a subject mention ending right before `verb` refers to,
/// through fillers: a coordination gives both conjuncts, a plural pronoun or
/// group its members. Returns the entities, the confidence and the first
/// token of the subject.
fn subject_pair(facts: &Facts, verb: usize) -> Option<(EntityId, EntityId, f32, usize)> {
    let tokens = facts.doc.tokens();
    let sentence = tokens[verb].sentence;
    let mut j = verb;
    // Past the copula of "are dating", "got engaged", "were married" too,
    // unless the verb is itself the copula ("were friends").
    let copula_ok = Lexicon::get().verb(facts.doc.token_lower(&tokens[verb])) != Some(VerbClass::Become);
    while j > 0
        && tokens[j - 1].sentence == sentence
        && (is_filler(facts, j - 1)
            || copula_ok
                && matches!(
                    facts.doc.token_lower(&tokens[j - 1]),
                    "is" | "are" | "was" | "were" | "been" | "be" | "got" | "get" | "became"
                ))
    {
        j -= 1;
    }
    // "the two actors, who have been dating": the relative's antecedent,
    // past the words that describe it.
    if j >= 2 && facts.doc.token_lower(&tokens[j - 1]) == "who" && facts.doc.token_text(&tokens[j - 2]) == ","
    {
        let comma = j - 2;
        if let Some(m) = (comma.saturating_sub(4)..comma).rev().find_map(|k| facts.mentions.at_token(k)) {
            j = facts.mentions.mentions[m].tokens.end;
        }
    }
    let last = j.checked_sub(1)?;
    let m = match facts.mentions.covering(last) {
        Some(m) if facts.mentions.mentions[m].tokens.end == j => m,
        Some(_) => return None,
        None => coordinated_vp_subject(facts, j)?,
    };
    if let Some(c) = facts.mentions.coordinations.iter().find(|c| c.second == m) {
        let (a, ca) = facts.coref.single(c.first)?;
        let (b, cb) = facts.coref.single(c.second)?;
        let start = facts.mentions.mentions[c.first].tokens.start;
        return (a != b).then_some((a, b, ca * cb, start));
    }
    let (members, conf) = facts.coref.entities_of(m);
    if members.len() == 2 {
        return Some((members[0], members[1], conf, facts.mentions.mentions[m].tokens.start));
    }
    None
}

/// The subject of the verb at token `verb`: the mention right before it,
/// through auxiliaries and adverbs, and back over an apposition that ends
/// right before the verb ("Jane Smith, 52, married", "X, the singer's
/// husband, died").
pub(super) fn subject_mention(facts: &Facts, verb: usize) -> Option<MentionId> {
    let doc = facts.doc;
    let tokens = doc.tokens();
    let sentence = tokens[verb].sentence;
    let first = doc.sentences()[sentence as usize].tokens.start;
    let mut j = verb;
    // Auxiliaries and copulas of a passive or perfect ("is married to",
    // "has been married to", "got married").
    while j > first
        && (is_filler(facts, j - 1)
            || matches!(
                doc.token_lower(&tokens[j - 1]),
                "is" | "was" | "are" | "were" | "been" | "be" | "got" | "get" | "gets"
            ))
    {
        j -= 1;
    }
    let ending_at = |j: usize| {
        let last = j.checked_sub(1).filter(|&l| l >= first)?;
        let m = facts.mentions.covering(last)?;
        let mention = &facts.mentions.mentions[m];
        (mention.tokens.end == j && !mention.possessive).then_some(m)
    };
    if j > first && doc.token_text(&tokens[j - 1]) == "," {
        let comma = j - 1;
        let open = (first..comma).rev().find(|&k| doc.token_text(&tokens[k]) == ",")?;
        // "Jane Smith, 52, married": the head before the apposition; else
        // "Her father, Tom Lee, married": the name the apposition gives.
        return ending_at(open)
            .or_else(|| ending_at(comma).filter(|&m| facts.mentions.mentions[m].tokens.start == open + 1));
    }
    ending_at(j).or_else(|| coordinated_vp_subject(facts, j))
}

/// "X dethrones Y and marries Z", "The couple moved in together and
/// welcomed their first child": a verb right after "and" with no subject of
/// its own shares the subject of the sentence's first clause — its first
/// mention in subject position before the "and". `j` is the token after
/// the "and".
fn coordinated_vp_subject(facts: &Facts, j: usize) -> Option<MentionId> {
    let doc = facts.doc;
    let tokens = doc.tokens();
    let and = j.checked_sub(1)?;
    if doc.token_lower(&tokens[and]) != "and" {
        return None;
    }
    let sentence = tokens[and].sentence as usize;
    facts
        .mentions
        .in_sentence(sentence)
        .take_while(|(_, m)| m.tokens.end <= and)
        .find(|&(id, _)| crate::coref::is_subject(doc, facts.mentions, id))
        .map(|(id, _)| id)
}

/// The single person a mention starting at token `t` refers to.
fn object_at(facts: &Facts, t: usize) -> Option<(MentionId, EntityId, f32)> {
    let m = facts.mentions.at_token(t)?;
    let (e, c) = facts.coref.single(m)?;
    Some((m, e, c))
}

/// "A and B will stay friends", "they'd been friends for years",
/// "A and B are best friends".
pub(super) fn friendship(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if doc.token_lower(t) != "friends" {
            continue;
        }
        let mut j = i;
        while j > 0 && tokens[j - 1].sentence == t.sentence && is_filler(facts, j - 1) {
            j -= 1;
        }
        let Some(verb) = j.checked_sub(1) else { continue };
        if tokens[verb].sentence != t.sentence
            || lex.verb(doc.token_lower(&tokens[verb])) != Some(VerbClass::Become)
        {
            continue;
        }
        let Some((a, b, conf, start)) = subject_pair(facts, verb) else { continue };
        if negated(facts, start, i) {
            continue;
        }
        let sentence = t.sentence as usize;
        let span = Span::new(tokens[start].span.start, t.span.end);
        let evidence = facts.evidence(sentence, span, "friends-copula", 0.9 * conf);
        facts.relate(a, b, RelationKind::Friend, Vec::new(), Some("friends".into()), evidence);
    }
}

/// "A married B", "A is married to B", "A and B wed", "A divorced B".
pub(super) fn marriage(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        let class = lex.verb(doc.token_lower(t));
        let kind = match class {
            Some(VerbClass::Marry | VerbClass::Divorce) => RelationKind::Spouse,
            Some(VerbClass::Partner) => RelationKind::Partner,
            _ => continue,
        };
        // "denied dating", "rumored to be engaged", "reportedly married":
        // hearsay is not a fact.
        if hedged(facts, i) {
            continue;
        }
        // "asked her to marry him", "will marry", "plans to wed": an
        // intention, not a marriage.
        if i > 0
            && matches!(doc.token_lower(&tokens[i - 1]), "to" | "will" | "would" | "could" | "might" | "may")
        {
            continue;
        }
        let qualifiers = match (class, doc.token_lower(t)) {
            (Some(VerbClass::Divorce), _) => vec![Qualifier::Former],
            (_, "engaged" | "proposed") => vec![Qualifier::Engaged],
            _ => Vec::new(),
        };
        let sentence = t.sentence as usize;
        let term = doc.token_lower(t).to_string();
        // Coordinated subject, no object: "A and B married in 2019".
        if let Some((a, b, conf, start)) = subject_pair(facts, i) {
            if !negated(facts, start, i) {
                let span = Span::new(tokens[start].span.start, t.span.end);
                let evidence = facts.evidence(sentence, span, "coordinated-marriage-verb", 0.85 * conf);
                facts.relate(a, b, kind, qualifiers.clone(), Some(term.clone()), evidence);
            }
            continue;
        }
        // Subject mention + verb + object mention.
        let Some(sm) = subject_mention(facts, i) else { continue };
        let Some((s, sc)) = facts.coref.single(sm) else { continue };
        let mut k = i + 1;
        if tokens.get(k).is_some_and(|x| matches!(doc.token_lower(x), "to" | "with")) {
            k += 1;
        }
        // "married the architect X", "married French politician X",
        // "married a lady by the name of X", "a man named X": the name
        // after the words that describe it.
        while k < i + 10
            && facts.mentions.at_token(k).is_none_or(|m| {
                !matches!(facts.mentions.mentions[m].kind, crate::mention::MentionKind::Name(_))
            })
            && tokens.get(k).is_some_and(|x| {
                let w = doc.token_lower(x);
                x.sentence == t.sentence
                    && (matches!(w, "the" | "a" | "an" | "and" | "fellow" | "longtime" | "named" | "called")
                        || Lexicon::get().role(w).is_some()
                        || Lexicon::get().place(w) == Some("demonym"))
            })
        {
            k += 1;
            // "by the name of": the words before a name, never "the
            // daughter of X" (X is not the one married).
            let by_the_name_of = ["by", "the", "name", "of"];
            if (0..4).all(|n| tokens.get(k + n).is_some_and(|x| doc.token_lower(x) == by_the_name_of[n])) {
                k += 4;
            }
        }
        let Some((om, o, oc)) = object_at(facts, k) else { continue };
        let om_m = &facts.mentions.mentions[om];
        if om_m.sentence != sentence
            || om_m.possessive
            || negated(facts, facts.mentions.mentions[sm].tokens.start, i)
        {
            continue;
        }
        let span = Span::new(facts.mentions.mentions[sm].span.start, om_m.span.end);
        let evidence = facts.evidence(sentence, span, "marriage-verb", 0.9 * sc * oc);
        facts.relate(s, o, kind, qualifiers, Some(term), evidence);
    }
}

/// "X was born in P to A and B", "born to A, a painter, and B": the
/// parents of the subject of "born".
pub(super) fn born_to(facts: &mut Facts) {
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if doc.token_lower(t) != "born" {
            continue;
        }
        let sentence = t.sentence;
        let clause_end = (i + 1..tokens.len())
            .take_while(|&j| tokens[j].sentence == sentence)
            .find(|&j| matches!(doc.token_lower(&tokens[j]), ";" | "." | "but" | "who" | "where"))
            .unwrap_or(tokens.len());
        let Some(to) = (i + 1..clause_end.min(i + 12)).find(|&j| doc.token_lower(&tokens[j]) == "to") else {
            continue;
        };
        let mut parents = Vec::new();
        if let Some(first) = facts.mentions.at_token(to + 1) {
            parents.push(first);
            // The second parent after "and", past an apposition.
            if let Some(and) = (to + 2..clause_end).find(|&j| doc.token_lower(&tokens[j]) == "and") {
                if let Some(second) = facts.mentions.at_token(and + 1) {
                    parents.push(second);
                }
            }
        }
        let Some(subject) = subject_mention(facts, i) else { continue };
        let Some((child, cc)) = facts.coref.single(subject) else { continue };
        for p in parents {
            let pm = &facts.mentions.mentions[p];
            if !matches!(pm.kind, crate::mention::MentionKind::Name(_)) {
                continue;
            }
            let Some((parent, pc)) = facts.coref.single(p) else { continue };
            let span = facts.mentions.mentions[subject].span.cover(pm.span);
            let evidence = facts.evidence(sentence as usize, span, "born-to", 0.9 * cc * pc);
            facts.relate(parent, child, RelationKind::Parent, Vec::new(), Some("born to".into()), evidence);
        }
    }
}

/// "X had four children, A, B and C", "with whom he had two sons: A and
/// B", "they have three kids, A, B and C": the subject (and, after "with
/// whom", the person before it) are the parents of the listed children.
pub(super) fn had_children(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if !matches!(doc.token_lower(t), "had" | "has" | "have" | "welcomed" | "adopted") {
            continue;
        }
        let sentence = t.sentence;
        // An optional count, then a plural child noun.
        let mut j = i + 1;
        while tokens.get(j).is_some_and(|x| {
            x.sentence == sentence
                && (x.kind == TokenKind::Number
                    || matches!(
                        doc.token_lower(x),
                        "two"
                            | "three"
                            | "four"
                            | "five"
                            | "six"
                            | "seven"
                            | "eight"
                            | "nine"
                            | "ten"
                            | "twin"
                            | "more"
                            | "other"
                    ))
        }) {
            j += 1;
        }
        let Some(noun) = tokens.get(j).filter(|x| x.sentence == sentence) else { continue };
        let Some(term) = lex.kinship(doc.token_lower(noun)) else { continue };
        if term.role != crate::lexicon::KinRole::Child || term.number != crate::lexicon::Number::Plural {
            continue;
        }
        // The list after ", " or ": ".
        let Some(first) = (j + 1..j + 3)
            .take_while(|&k| {
                tokens.get(k).is_some_and(|x| {
                    x.sentence == sentence && matches!(doc.token_text(x), "," | ":" | "\u{2014}")
                        || facts.mentions.at_token(k).is_some()
                })
            })
            .find_map(|k| facts.mentions.at_token(k))
        else {
            continue;
        };
        let mut children = vec![first];
        let mut k = facts.mentions.mentions[first].tokens.end;
        loop {
            let w = |x: usize| tokens.get(x).filter(|y| y.sentence == sentence).map(|y| doc.token_lower(y));
            if w(k) == Some(",") && tokens.get(k + 1).is_some_and(|y| y.kind == TokenKind::Number) {
                k += 2;
            }
            let step = match (w(k), w(k + 1)) {
                (Some(","), Some("and")) => 2,
                (Some(","), _) | (Some("and"), _) => 1,
                _ => break,
            };
            let Some(next) = facts.mentions.at_token(k + step) else { break };
            children.push(next);
            k = facts.mentions.mentions[next].tokens.end;
        }
        let children: Vec<_> = children
            .into_iter()
            .filter(|&c| matches!(facts.mentions.mentions[c].kind, crate::mention::MentionKind::Name(_)))
            .collect();
        // The parents: the subject (a pair for "they"), and the antecedent
        // of "with whom".
        let mut parents: Vec<(EntityId, f32)> = Vec::new();
        if let Some(sm) = subject_mention(facts, i) {
            let (es, c) = facts.coref.entities_of(sm);
            parents.extend(es.iter().map(|&e| (e, c)));
            let start = facts.mentions.mentions[sm].tokens.start;
            let with_whom = start >= 3
                && doc.token_lower(&tokens[start - 1]) == "whom"
                && doc.token_lower(&tokens[start - 2]) == "with";
            if with_whom {
                let before = if doc.token_text(&tokens[start - 3]) == "," {
                    start.checked_sub(4)
                } else {
                    Some(start - 3)
                };
                if let Some((e, c)) =
                    before.and_then(|b| facts.mentions.covering(b)).and_then(|m| facts.coref.single(m))
                {
                    parents.push((e, c));
                }
            }
        }
        for &(p, pc) in &parents {
            for &c in &children {
                let Some((child, cc)) = facts.coref.single(c) else { continue };
                let span = t.span.cover(facts.mentions.mentions[c].span);
                let evidence = facts.evidence(sentence as usize, span, "had-children", 0.85 * pc * cc);
                facts.relate(
                    p,
                    child,
                    RelationKind::Parent,
                    Vec::new(),
                    Some(doc.token_lower(noun).into()),
                    evidence,
                );
            }
        }
    }
}

/// "X and Y are brothers", "A and B were cousins", "they are twin
/// sisters": a coordinated (or plural) subject, a copula and a plural
/// kinship noun that relates the members to each other.
pub(super) fn copular_plural_kin(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        let Some(term) = lex.kinship(doc.token_lower(t)) else { continue };
        if term.number != crate::lexicon::Number::Plural
            || term.role != KinRole::Peer
            || term.kind == RelationKind::Friend
        {
            continue;
        }
        // Back over modifiers ("twin", "half-", "first") and "only"/"both".
        let mut j = i;
        while j > 0
            && tokens[j - 1].sentence == t.sentence
            && (lex.kinship_modifier(doc.token_lower(&tokens[j - 1])).is_some()
                || matches!(doc.token_lower(&tokens[j - 1]), "only" | "both" | "also" | "identical" | "real"))
        {
            j -= 1;
        }
        let Some(copula) = j.checked_sub(1) else { continue };
        if !matches!(doc.token_lower(&tokens[copula]), "are" | "were" | "be" | "been" | "became" | "become") {
            continue;
        }
        let Some((a, b, conf, start)) = subject_pair(facts, copula) else { continue };
        // "only brothers in a symbolic sense", "are like sisters".
        let window_end = (i + 6).min(doc.sentences()[t.sentence as usize].tokens.end);
        let unreal = (start..window_end).any(|k| lex.is_unreal_kin(doc.token_lower(&tokens[k])));
        if unreal || negated(facts, start, i) || hedged(facts, copula) {
            continue;
        }
        let span = Span::new(tokens[start].span.start, t.span.end);
        let evidence = facts.evidence(t.sentence as usize, span, "copular-plural-kin", 0.9 * conf);
        facts.relate(
            a,
            b,
            term.kind,
            term.qualifiers.clone(),
            Some(doc.token_lower(t).to_string()),
            evidence,
        );
    }
}

/// "X welcomed a son, A, with Y", "they welcomed their first child A", "X
/// gave birth to (a daughter,) A": the subject (and the "with" partner) are
/// A's parents.
pub(super) fn welcomed_child(facts: &mut Facts) {
    let lex = Lexicon::get();
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        let lower = doc.token_lower(t);
        let sentence = t.sentence;
        let w = |j: usize| tokens.get(j).filter(|x| x.sentence == sentence).map(|x| doc.token_lower(x));
        let after = match lower {
            "welcomed" | "welcomes" | "welcome" | "adopted" => i + 1,
            "birth"
                if i > 0 && matches!(w(i - 1), Some("gave" | "gives" | "give")) && w(i + 1) == Some("to") =>
            {
                i + 2
            }
            _ => continue,
        };
        // Determiners, possessives, ordinals, then an optional child noun.
        let mut k = after;
        while w(k).is_some_and(|x| {
            matches!(
                x,
                "a" | "an"
                    | "their"
                    | "her"
                    | "his"
                    | "first"
                    | "second"
                    | "third"
                    | "baby"
                    | "newborn"
                    | "twin"
            )
        }) {
            k += 1;
        }
        let noun = w(k).and_then(|x| lex.kinship(x)).filter(|term| term.role == KinRole::Child);
        if noun.is_some() {
            k += 1;
            if matches!(w(k), Some("," | ":")) {
                k += 1;
            }
        } else if k == after && lower != "birth" {
            // "welcomed X" alone may be a guest, not a child.
            continue;
        }
        let Some(child_m) = facts.mentions.at_token(k) else { continue };
        if !matches!(facts.mentions.mentions[child_m].kind, crate::mention::MentionKind::Name(_)) {
            continue;
        }
        let Some((child, cc)) = facts.coref.single(child_m) else { continue };
        let verb = if lower == "birth" { i - 1 } else { i };
        let mut parents: Vec<(EntityId, f32)> = Vec::new();
        if let Some((a, b, c, _)) = subject_pair(facts, verb) {
            parents.extend([(a, c), (b, c)]);
        } else if let Some((p, c)) = subject_mention(facts, verb).and_then(|m| facts.coref.single(m)) {
            parents.push((p, c));
        }
        // "... with husband Y", "... with her partner, Y".
        let end = facts.mentions.mentions[child_m].tokens.end;
        if let Some(with) = (end..end + 6).find(|&j| w(j) == Some("with")) {
            let other = (with + 1..with + 5).find_map(|j| {
                let m = facts.mentions.at_token(j)?;
                matches!(facts.mentions.mentions[m].kind, crate::mention::MentionKind::Name(_)).then_some(m)
            });
            if let Some((p, c)) = other.and_then(|m| facts.coref.single(m)) {
                parents.push((p, c));
            }
        }
        for (p, pc) in parents {
            let span = t.span.cover(facts.mentions.mentions[child_m].span);
            let evidence = facts.evidence(sentence as usize, span, "welcomed-child", 0.85 * pc * cc);
            facts.relate(
                p,
                child,
                RelationKind::Parent,
                Vec::new(),
                noun.as_ref().map(|_| "child".to_string()),
                evidence,
            );
        }
    }
}

/// "his marriage to Y", "her 2015 divorce from Y", "their wedding to":
/// a possessive + a marriage noun + the other spouse.
pub(super) fn marriage_nouns(facts: &mut Facts) {
    let doc = facts.doc;
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        let lower = doc.token_lower(t);
        let (kind, qualifier, preps): (RelationKind, Option<Qualifier>, &[&str]) = match lower {
            "marriage" | "wedding" | "nuptials" => (RelationKind::Spouse, None, &["to", "with"]),
            "divorce" => (RelationKind::Spouse, Some(Qualifier::Former), &["from"]),
            "engagement" => (RelationKind::Partner, Some(Qualifier::Engaged), &["to"]),
            _ => continue,
        };
        // "wedding to", "wedding ceremony with".
        let prep_at =
            (i + 1..i + 3).find(|&j| tokens.get(j).is_some_and(|n| preps.contains(&doc.token_lower(n))));
        let Some(prep_at) = prep_at else { continue };
        if prep_at == i + 2 && !matches!(doc.token_lower(&tokens[i + 1]), "ceremony" | "party" | "plans") {
            continue;
        }
        // The possessor: "his", "X's", skipping a date or adjective ("X's
        // July 2014 wedding").
        let Some(pm) = (i.saturating_sub(5)..i).rev().find_map(|j| {
            let m = facts.mentions.covering(j)?;
            let mention = &facts.mentions.mentions[m];
            let possessive = mention.possessive
                || matches!(&mention.kind, crate::mention::MentionKind::Pronoun(p) if p.case == crate::lexicon::PronounCase::Possessive);
            (possessive && mention.sentence == t.sentence as usize).then_some(m)
        }) else {
            continue;
        };
        // The other spouse: the first name within a few words ("to Y",
        // "from her mom, Y").
        let Some(om) = (prep_at + 1..prep_at + 6).find_map(|j| {
            let m = facts.mentions.at_token(j)?;
            let mention = &facts.mentions.mentions[m];
            (matches!(mention.kind, crate::mention::MentionKind::Name(_))
                && mention.sentence == t.sentence as usize)
                .then_some(m)
        }) else {
            continue;
        };
        let (Some((a, ac)), Some((b, bc))) = (facts.coref.single(pm), facts.coref.single(om)) else {
            continue;
        };
        let span = facts.mentions.mentions[pm].span.cover(facts.mentions.mentions[om].span);
        let evidence = facts.evidence(t.sentence as usize, span, "marriage-noun", 0.85 * ac * bc);
        facts.relate(a, b, kind, qualifier.into_iter().collect(), Some(lower.to_string()), evidence);
    }
}

/// "X lost his wife, B, ... leaving him a single father to his son C": the
/// late spouse of a parent left single is the child's other parent.
pub(super) fn widowed_single_parent(facts: &mut Facts) {
    let doc = facts.doc;
    let mentions = facts.mentions;
    for (s, sentence) in doc.sentences().iter().enumerate() {
        let single_parent = doc.tokens()[sentence.tokens.clone()].windows(2).any(|w| {
            doc.token_lower(&w[0]) == "single"
                && matches!(doc.token_lower(&w[1]), "father" | "mother" | "parent" | "dad" | "mom" | "mum")
        });
        if !single_parent {
            continue;
        }
        let first = mentions.kin.partition_point(|k| k.sentence < s);
        let phrases: Vec<_> = mentions.kin[first..]
            .iter()
            .take_while(|k| k.sentence == s)
            .filter(|k| !k.referents.is_empty())
            .collect();
        for spouse in phrases.iter().filter(|k| k.term.kind == RelationKind::Spouse) {
            let Some((a, ac)) = facts.coref.single(spouse.possessor) else { continue };
            let Some((b, bc)) = facts.coref.single(spouse.referents[0]) else { continue };
            let b_died = facts.attributes.iter().any(|(e, f)| {
                *e == b
                    && f.evidence.sentence == s
                    && matches!(f.attribute, crate::fact::Attribute::Death { .. })
            });
            if !b_died {
                continue;
            }
            for child in phrases
                .iter()
                .filter(|k| k.term.kind == RelationKind::Parent && k.term.role == KinRole::Child)
            {
                if facts.coref.single(child.possessor).map(|x| x.0) != Some(a) {
                    continue;
                }
                for &r in &child.referents {
                    let Some((c, cc)) = facts.coref.single(r) else { continue };
                    let span = spouse.span.cover(child.span);
                    let evidence = facts.evidence(s, span, "widowed-single-parent", 0.8 * ac * bc * cc);
                    facts.relate(b, c, RelationKind::Parent, Vec::new(), None, evidence);
                }
            }
        }
    }
}
