//! Stage 4: facts with evidence.
//!
//! Turns kinship phrases, relation verbs and attribute constructions into
//! [`RelationFact`]s and [`AttributeFact`]s between the people coreference
//! found. Each rule has a stable name (the `rule` of its evidence) and a
//! base confidence, multiplied by the confidence of the coreference links it
//! needed: "Luke Delgado, the author's late husband" is as sure as the
//! apposition rule times the resolution of "the author".

mod attributes;
mod verbs;

use std::collections::HashMap;

use crate::coref::{Coreference, EntityId};
use crate::fact::{
    Attribute, AttributeFact, Evidence, Extraction, PersonFacts, PersonIndex, Qualifier, RelationFact,
    RelationKind,
};
use crate::lexicon::KinRole;
use crate::mention::{MentionKind, Mentions, ReferentSource};
use crate::span::Span;
use crate::text::{Document, normalize};

/// Accumulates facts about entities, then renumbers them as people.
pub(crate) struct Facts<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) mentions: &'a Mentions,
    pub(crate) coref: &'a Coreference,
    /// Relations whose `head` and `tail` are still entity ids.
    pub(crate) relations: Vec<RelationFact>,
    pub(crate) attributes: Vec<(EntityId, AttributeFact)>,
    /// (head, tail, kind, sentence) → index in `relations`, for merging.
    relation_index: HashMap<(EntityId, EntityId, RelationKind, usize), usize>,
    /// Entity → indices in `attributes`, for deduplication.
    attribute_index: HashMap<EntityId, Vec<usize>>,
}

impl<'a> Facts<'a> {
    /// Evidence for words `span` of sentence `sentence`.
    pub(crate) fn evidence(&self, sentence: usize, span: Span, rule: &str, confidence: f32) -> Evidence {
        Evidence {
            sentence,
            sentence_span: self.doc.sentences()[sentence].span,
            span,
            rule: rule.to_string(),
            confidence: confidence.clamp(0.0, 1.0),
        }
    }

    /// Records a relation; `head` is the parent for `parent`.
    pub(crate) fn relate(
        &mut self,
        head: EntityId,
        tail: EntityId,
        kind: RelationKind,
        qualifiers: Vec<Qualifier>,
        term: Option<String>,
        mut evidence: Evidence,
    ) {
        if head == tail {
            return;
        }
        // A fact is no surer than the weaker evidence that its two ends are
        // people at all.
        let strength = |e: EntityId| self.coref.entities.get(e).map_or(1.0, |x| x.name_strength.max(0.0));
        evidence.confidence *= strength(head).min(strength(tail));
        let (head, tail) = if kind.is_symmetric() && tail < head { (tail, head) } else { (head, tail) };
        let fact = RelationFact { head, tail, kind, qualifiers, term, evidence };
        let key = (head, tail, kind, fact.evidence.sentence);
        match self.relation_index.get(&key) {
            Some(&i) if self.relations[i].evidence.confidence < fact.evidence.confidence => {
                self.relations[i] = fact;
            }
            Some(_) => {}
            None => {
                self.relation_index.insert(key, self.relations.len());
                self.relations.push(fact);
            }
        }
    }

    /// True when some relation of any kind, either way round, joins `a`
    /// and `b`: derived relations give way to what the text states.
    fn related(&self, a: EntityId, b: EntityId) -> bool {
        self.relations.iter().any(|r| (r.head == a && r.tail == b) || (r.head == b && r.tail == a))
    }

    /// Records an attribute of an entity.
    pub(crate) fn attribute(&mut self, entity: EntityId, attribute: Attribute, evidence: Evidence) {
        let seen = self.attribute_index.entry(entity).or_default();
        if seen.iter().any(|&i| self.attributes[i].1.attribute == attribute) {
            return;
        }
        seen.push(self.attributes.len());
        self.attributes.push((entity, AttributeFact { attribute, evidence }));
    }

    fn kin_relations(&mut self) {
        for phrase in &self.mentions.kin {
            // A group names relatives of each other only (sibling-list).
            if matches!(phrase.source, ReferentSource::None | ReferentSource::Group) {
                continue;
            }
            let (possessors, p_conf) = self.coref.entities_of(phrase.possessor);
            let mut possessors = possessors.to_vec();
            // "Peyton and Eli Manning's father": the possessive covers both
            // conjuncts.
            if let Some(c) = self.mentions.coordinations.iter().find(|c| c.second == phrase.possessor) {
                if let Some((first, _)) = self.coref.single(c.first) {
                    if !possessors.contains(&first) {
                        possessors.push(first);
                    }
                }
            }
            let base = match phrase.rule {
                "possessive-kin-name" | "appositive-kin" => 0.95,
                // The possessor is only the sentence's topic.
                "bare-kin-name" => 0.65,
                _ => 0.9,
            };
            let term = self.term_words(phrase);
            for &referent in &phrase.referents {
                let Some((r, r_conf)) = self.coref.single(referent) else { continue };
                for &p in &possessors {
                    let confidence = base * p_conf * r_conf;
                    let evidence = self.evidence(phrase.sentence, phrase.span, phrase.rule, confidence);
                    // "X's son Y": X is the parent; "X's mother Y": Y is.
                    let (head, tail) = match phrase.term.role {
                        KinRole::Child | KinRole::Peer => (p, r),
                        KinRole::Parent => (r, p),
                    };
                    self.relate(
                        head,
                        tail,
                        phrase.term.kind,
                        phrase.qualifiers.clone(),
                        Some(term.clone()),
                        evidence,
                    );
                }
            }
        }
    }

    /// Children of the same parent are siblings ("his sons A and B", or A
    /// and B each named as X's child anywhere in the document).
    fn shared_parent_siblings(&mut self) {
        let mut children: HashMap<EntityId, Vec<(EntityId, Evidence)>> = HashMap::new();
        for r in self.relations.iter().filter(|r| r.kind == RelationKind::Parent) {
            children.entry(r.head).or_default().push((r.tail, r.evidence.clone()));
        }
        // Relatives listed together after one plural noun ("his children A,
        // B and C", "her siblings A and B") are siblings of each other,
        // whether or not the parent was resolved.
        for phrase in &self.mentions.kin {
            let listed = phrase.term.number == crate::lexicon::Number::Plural
                && (phrase.term.role == KinRole::Child || phrase.term.kind == RelationKind::Sibling);
            if !listed || phrase.referents.len() < 2 {
                continue;
            }
            let members: Vec<(EntityId, f32)> =
                phrase.referents.iter().filter_map(|&r| self.coref.single(r)).collect();
            for (i, &(a, ca)) in members.iter().enumerate() {
                for &(b, cb) in &members[i + 1..] {
                    let evidence =
                        self.evidence(phrase.sentence, phrase.span, "sibling-list", 0.9 * ca.min(cb));
                    self.relate(a, b, RelationKind::Sibling, Vec::new(), None, evidence);
                }
            }
        }
        // Two people who are each someone's (full) sibling are siblings.
        let mut siblings: HashMap<EntityId, Vec<(EntityId, Evidence)>> = HashMap::new();
        for r in self.relations.iter().filter(|r| {
            r.kind == RelationKind::Sibling
                && !r.qualifiers.iter().any(|q| matches!(q, Qualifier::Half | Qualifier::Step))
        }) {
            siblings.entry(r.head).or_default().push((r.tail, r.evidence.clone()));
            siblings.entry(r.tail).or_default().push((r.head, r.evidence.clone()));
        }
        let mut hubs: Vec<_> = siblings.into_iter().collect();
        hubs.sort_by_key(|(h, _)| *h);
        for (_, sibs) in hubs {
            for (i, (a, ea)) in sibs.iter().enumerate() {
                for (b, eb) in &sibs[i + 1..] {
                    if a == b {
                        continue;
                    }
                    let later = if eb.span.start >= ea.span.start { eb } else { ea };
                    let confidence = 0.8 * ea.confidence.min(eb.confidence);
                    let evidence = self.evidence(later.sentence, later.span, "shared-sibling", confidence);
                    self.relate(*a, *b, RelationKind::Sibling, Vec::new(), None, evidence);
                }
            }
        }
        let mut parents: Vec<_> = children.into_iter().collect();
        parents.sort_by_key(|(p, _)| *p);
        for (_, kids) in parents {
            for (i, (a, ea)) in kids.iter().enumerate() {
                for (b, eb) in &kids[i + 1..] {
                    if a == b {
                        continue;
                    }
                    let later = if eb.span.start >= ea.span.start { eb } else { ea };
                    let span = if ea.sentence == eb.sentence { ea.span.cover(eb.span) } else { later.span };
                    let confidence = 0.9 * ea.confidence.min(eb.confidence);
                    let evidence = self.evidence(later.sentence, span, "shared-parent", confidence);
                    self.relate(*a, *b, RelationKind::Sibling, Vec::new(), None, evidence);
                }
            }
        }
    }

    /// "the son of A and B", "born to A and B", "his parents, A and B":
    /// two people named together as one child's parents are, in the
    /// ordinary reading, the child's couple. Kept below the confidence of
    /// a stated marriage, and never where the text relates the two in any
    /// other way (a divorce, an ex) or either parent is a step-parent.
    fn co_parent_spouses(&mut self) {
        const TOGETHER: [&str; 7] = [
            "born-to",
            "appositive-kin-of",
            "appositive-kin-of-subject",
            "copular-kin-of",
            "copular-kin",
            "possessive-kin-name",
            "appositive-kin",
        ];
        let biological = |r: &RelationFact| {
            r.kind == RelationKind::Parent
                && TOGETHER.contains(&r.evidence.rule.as_str())
                && !r
                    .qualifiers
                    .iter()
                    .any(|q| matches!(q, Qualifier::Step | Qualifier::Adoptive | Qualifier::InLaw))
        };
        let parents: Vec<(EntityId, EntityId, Evidence)> = self
            .relations
            .iter()
            .filter(|r| biological(r))
            .map(|r| (r.tail, r.head, r.evidence.clone()))
            .collect();
        let same_statement = |(c, _, e): &(EntityId, EntityId, Evidence),
                              (d, _, f): &(EntityId, EntityId, Evidence)| {
            c == d && e.sentence == f.sentence && e.rule == f.rule
        };
        for (i, first) in parents.iter().enumerate() {
            // Exactly two parents: with three ("son of A, Lord of B and C")
            // the list is misread.
            if parents.iter().filter(|p| same_statement(first, p)).count() != 2 {
                continue;
            }
            let (_, a, ea) = first;
            for second in &parents[i + 1..] {
                let (_, b, eb) = second;
                if !same_statement(first, second) || a == b || self.related(*a, *b) {
                    continue;
                }
                let span = ea.span.cover(eb.span);
                let confidence = 0.65 * ea.confidence.min(eb.confidence);
                let evidence = self.evidence(ea.sentence, span, "co-parents", confidence);
                self.relate(*a, *b, RelationKind::Spouse, Vec::new(), None, evidence);
            }
        }
    }

    /// "He is the son of A. His brother B …": a full sibling shares a
    /// child's parents. Derived, so 0.7 of the weaker link, and only where
    /// nothing relates the parent and the sibling already (a step-parent,
    /// say) and neither link is half-, step- or adoptive.
    fn parents_of_siblings(&mut self) {
        let full = |r: &RelationFact| {
            !r.qualifiers.iter().any(|q| {
                matches!(q, Qualifier::Half | Qualifier::Step | Qualifier::Adoptive | Qualifier::InLaw)
            })
        };
        let parents: Vec<(EntityId, EntityId, Evidence)> = self
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Parent && full(r))
            .map(|r| (r.head, r.tail, r.evidence.clone()))
            .collect();
        let siblings: Vec<(EntityId, EntityId, Evidence)> = self
            .relations
            .iter()
            // Stated siblings only: two children of one parent may have
            // different other parents.
            .filter(|r| {
                r.kind == RelationKind::Sibling
                    && full(r)
                    && !matches!(r.evidence.rule.as_str(), "shared-parent" | "shared-sibling")
            })
            .flat_map(|r| [(r.head, r.tail, r.evidence.clone()), (r.tail, r.head, r.evidence.clone())])
            .collect();
        for (parent, child, ep) in &parents {
            for (_, sibling, es) in siblings.iter().filter(|(x, _, _)| x == child) {
                if sibling == parent || self.related(*parent, *sibling) {
                    continue;
                }
                let later = if es.span.start >= ep.span.start { es } else { ep };
                let confidence = 0.7 * ep.confidence.min(es.confidence);
                let evidence = self.evidence(later.sentence, later.span, "sibling-parent", confidence);
                self.relate(*parent, *sibling, RelationKind::Parent, Vec::new(), None, evidence);
            }
        }
    }

    /// The kinship noun with the modifiers that qualify it ("late
    /// husband"), without ages and other descriptive words.
    fn term_words(&self, phrase: &crate::mention::KinPhrase) -> String {
        let lex = crate::lexicon::Lexicon::get();
        let doc = self.doc;
        let mut words: Vec<String> = Vec::new();
        let first = doc.tokens()[..phrase.term_token].partition_point(|t| t.span.start < phrase.words.start);
        for t in &doc.tokens()[first..=phrase.term_token] {
            let lower = doc.token_lower(t);
            if t.span.end == phrase.words.end || matches!(lex.kinship_modifier(lower), Some(Some(_))) {
                words.push(normalize::fold_key(lower));
            }
        }
        words.join(" ")
    }

    fn into_extraction(self) -> Extraction {
        let doc = self.doc;
        let mut index: HashMap<EntityId, PersonIndex> = HashMap::new();
        let mut people = Vec::new();
        for (e, entity) in self.coref.entities.iter().enumerate() {
            if !entity.named {
                continue;
            }
            let mut names: Vec<String> = Vec::new();
            let mut mentions = Vec::new();
            for &m in &entity.mentions {
                let mention = &self.mentions.mentions[m];
                mentions.push(mention.span);
                if let MentionKind::Name(n) = &mention.kind {
                    let mut text = n.name.slice(doc.text()).to_string();
                    // "Peyton" of "Peyton and Eli Manning" is named Peyton Manning.
                    if let Some(surname) = n.shared_surname {
                        text = format!("{text} {}", surname.slice(doc.text()));
                    }
                    let mut push = |name: String| {
                        if !name.is_empty()
                            && !names.iter().any(|x| normalize::fold_key(x) == normalize::fold_key(&name))
                        {
                            names.push(name);
                        }
                    };
                    for variant in name_variants(&text) {
                        push(variant);
                    }
                    // "Queen Victoria" is also just "Victoria".
                    let plain = mention
                        .tokens
                        .clone()
                        .find(|&t| doc.tokens()[t].span.start >= n.name.start)
                        .and_then(|first| {
                            let lower = doc.token_lower(&doc.tokens()[first]);
                            let titled = crate::lexicon::Lexicon::get().title(lower).is_some();
                            // Past the period of an abbreviated title ("St. John").
                            let after =
                                if doc.tokens().get(first + 1).is_some_and(|t| doc.token_text(t) == ".") {
                                    first + 2
                                } else {
                                    first + 1
                                };
                            let rest = doc.tokens().get(after).filter(|t| t.span.end <= n.name.end)?;
                            titled
                                .then(|| Span::new(rest.span.start, n.name.end).slice(doc.text()).to_string())
                        });
                    if let Some(plain) = plain {
                        for variant in name_variants(&plain) {
                            push(variant);
                        }
                        push(plain);
                    }
                    push(text);
                }
            }
            // Fullest name first; stable for equal lengths.
            names.sort_by_key(|n| std::cmp::Reverse(n.split_whitespace().count()));
            index.insert(e, people.len());
            people.push(PersonFacts {
                name: names[0].clone(),
                names,
                gender: entity.gender,
                mentions,
                attributes: Vec::new(),
            });
        }
        for (e, fact) in self.attributes {
            if let Some(&p) = index.get(&e) {
                people[p].attributes.push(fact);
            }
        }
        let mut relations: Vec<RelationFact> = self
            .relations
            .into_iter()
            .filter_map(|r| {
                Some(RelationFact { head: *index.get(&r.head)?, tail: *index.get(&r.tail)?, ..r })
            })
            .map(|mut r| {
                if r.kind.is_symmetric() && r.tail < r.head {
                    std::mem::swap(&mut r.head, &mut r.tail);
                }
                r
            })
            .collect();
        // A marriage or partnership with someone who has died ended by death
        // ("lost his wife, X, to cancer"): the survivor is a widow(er).
        for r in &mut relations {
            let died = |p: PersonIndex| {
                people[p].attributes.iter().any(|a| matches!(a.attribute, Attribute::Death { .. }))
            };
            let couple = matches!(r.kind, RelationKind::Spouse | RelationKind::Partner);
            let ended = r.qualifiers.contains(&Qualifier::Former) || r.qualifiers.contains(&Qualifier::Late);
            if couple && !ended && (died(r.head) || died(r.tail)) {
                r.qualifiers.push(Qualifier::Late);
                r.qualifiers.sort();
            }
        }
        relations.sort_by(|a, b| {
            (a.evidence.span.start, a.head, a.tail, a.kind).cmp(&(
                b.evidence.span.start,
                b.head,
                b.tail,
                b.kind,
            ))
        });
        for p in &mut people {
            p.attributes.sort_by_key(|a| a.evidence.span.start);
        }
        Extraction { people, relations }
    }
}

/// Other ways the text's form of a name names the same person: "Philip V
/// of Spain" is also "Philip V"; "Ann (Moss) Lee" is "Ann Lee"; "Ann Lee
/// (née Moss)" and "Ann, née Moss" are "Ann Lee"/"Ann" and, by birth name,
/// "Ann Moss".
fn name_variants(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((before, _)) = text.split_once(" of ") {
        out.push(before.to_string());
    }
    let nee = [", née ", ", nee ", " (née ", " (nee "].iter().find_map(|m| text.split_once(m));
    if let Some((current, birth)) = nee {
        let birth = birth.trim_end_matches(')');
        out.push(current.to_string());
        if let Some(given) = current.split_whitespace().next() {
            out.push(format!("{given} {birth}"));
        }
    } else if let (Some(open), Some(close)) = (text.find(" ("), text.find(") ")) {
        if open < close {
            out.push(format!("{}{}", &text[..open], &text[close + 1..]));
        }
    }
    out
}

/// Extracts facts from resolved mentions.
pub fn extract(doc: &Document, mentions: &Mentions, coref: &Coreference) -> Extraction {
    let mut facts = Facts {
        doc,
        mentions,
        coref,
        relations: Vec::new(),
        attributes: Vec::new(),
        relation_index: HashMap::new(),
        attribute_index: HashMap::new(),
    };
    facts.kin_relations();
    verbs::friendship(&mut facts);
    verbs::marriage(&mut facts);
    verbs::marriage_nouns(&mut facts);
    verbs::born_to(&mut facts);
    verbs::had_children(&mut facts);
    verbs::welcomed_child(&mut facts);
    verbs::copular_plural_kin(&mut facts);
    facts.co_parent_spouses();
    attributes::all(&mut facts);
    verbs::widowed_single_parent(&mut facts);
    facts.shared_parent_siblings();
    facts.parents_of_siblings();
    facts.into_extraction()
}

#[cfg(test)]
mod tests;
