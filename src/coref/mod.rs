//! Stage 3: which mentions are the same person.
//!
//! Mentions are resolved left to right against the people met so far:
//!
//! - names by their words ("Marlow" joins "Sophie Marlow"),
//! - pronouns by gender, number and salience (recent, repeated, subject
//!   mentions weigh most),
//! - descriptions ("the entrepreneur") by salience, excluding people already
//!   mentioned earlier in the same sentence (a description seldom refers to
//!   someone the sentence just named) and people whose age or gender
//!   disagrees,
//! - groups ("the couple") to the last couple a kinship phrase paired, else
//!   the last coordinated pair ("she and the entrepreneur").
//!
//! Every link carries a confidence that the relation stage multiplies into
//! its facts.

use std::collections::HashMap;

use crate::fact::{Gender, RelationKind};
use crate::lexicon::{Number, PronounCase};
use crate::mention::{MentionId, MentionKind, Mentions, ReferentSource};
use crate::text::{Document, TokenKind, normalize};

/// Index of an entity in [`Coreference::entities`].
pub type EntityId = usize;

/// One person of the document.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// Every mention that refers to this person alone, in text order.
    pub mentions: Vec<MentionId>,
    /// Gender, from the strongest cue seen.
    pub gender: Option<Gender>,
    /// Age, from a name apposition or a description.
    pub age: Option<u32>,
    /// Folded words of all names ("sophie", "marlow").
    words: Vec<String>,
    /// True once any proper name refers to the entity.
    pub named: bool,
    /// How many proper-name mentions refer to it.
    named_mentions: usize,
    /// The strongest name evidence of any of its names (see
    /// `NameMention::strength`).
    pub name_strength: f32,
}

/// How a mention was resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// One entity, or two or more for a group.
    pub entities: Vec<EntityId>,
    /// 0.0..=1.0.
    pub confidence: f32,
}

/// The result of coreference over one document.
#[derive(Debug, Clone, Default)]
pub struct Coreference {
    /// People, in order of first mention.
    pub entities: Vec<Entity>,
    /// For each mention, its resolution (None: unresolved, e.g. "we").
    pub links: Vec<Option<Link>>,
}

impl Coreference {
    /// The single entity a mention refers to, with the link's confidence.
    pub fn single(&self, mention: MentionId) -> Option<(EntityId, f32)> {
        let link = self.links.get(mention)?.as_ref()?;
        (link.entities.len() == 1).then(|| (link.entities[0], link.confidence))
    }

    /// Every entity a mention refers to (one, or the members of a group).
    pub fn entities_of(&self, mention: MentionId) -> (&[EntityId], f32) {
        match self.links.get(mention).and_then(Option::as_ref) {
            Some(link) => (&link.entities, link.confidence),
            None => (&[], 0.0),
        }
    }
}

/// A remembered pair of people, for "the couple" and "they".
#[derive(Debug, Clone, Copy)]
struct Pair {
    a: EntityId,
    b: EntityId,
    sentence: usize,
    couple: bool,
}

struct Resolver<'a> {
    doc: &'a Document,
    mentions: &'a Mentions,
    out: Coreference,
    pairs: Vec<Pair>,
    /// Mention-level hints from kinship phrases: the referent of "wife" is
    /// female; the possessor is not the referent.
    gender_hint: HashMap<MentionId, Gender>,
    /// Mentions that cannot be the same person, both ways.
    not_same: HashMap<MentionId, Vec<MentionId>>,
    /// Mentions named in a list after a plural kinship noun.
    list_members: std::collections::HashSet<MentionId>,
    /// Mentions in subject position: a verb follows them.
    subjects: Vec<bool>,
    /// Pronouns in a fronted phrase that refer forward to the subject
    /// after it ("In his review, X noted"), with that subject.
    cataphora: HashMap<MentionId, MentionId>,
}

/// Resolves every mention of `doc`.
pub fn resolve(doc: &Document, mentions: &Mentions) -> Coreference {
    let mut r = Resolver {
        doc,
        mentions,
        out: Coreference { entities: Vec::new(), links: vec![None; mentions.mentions.len()] },
        pairs: Vec::new(),
        gender_hint: HashMap::new(),
        not_same: HashMap::new(),
        subjects: (0..mentions.mentions.len()).map(|id| is_subject(doc, mentions, id)).collect(),
        cataphora: HashMap::new(),
        list_members: mentions
            .kin
            .iter()
            .filter(|k| k.term.number == Number::Plural)
            .flat_map(|k| k.referents.iter().copied())
            .collect(),
    };
    for k in &mentions.kin {
        for &referent in &k.referents {
            if let Some(g) = k.term.gender {
                r.gender_hint.insert(referent, g);
            }
            // A group's possessor is its first member: its members are
            // different people from each other.
            let others: Vec<MentionId> = if k.source == ReferentSource::Group {
                k.referents.iter().copied().filter(|&o| o != referent).collect()
            } else {
                vec![k.possessor]
            };
            for other in others {
                r.not_same.entry(other).or_default().push(referent);
                r.not_same.entry(referent).or_default().push(other);
            }
        }
    }
    r.cataphora = find_cataphora(doc, mentions, &r.subjects);
    // "She and Mimi", "Mimi and she": a pronoun is not the person it is
    // coordinated with.
    for c in &mentions.coordinations {
        for (a, b) in [(c.first, c.second), (c.second, c.first)] {
            if matches!(mentions.mentions[a].kind, MentionKind::Pronoun(_))
                && matches!(mentions.mentions[b].kind, MentionKind::Name(_))
            {
                r.not_same.entry(a).or_default().push(b);
            }
        }
    }
    for id in 0..mentions.mentions.len() {
        if let Some(subject) = copular_subject(doc, mentions, id) {
            r.not_same.entry(id).or_default().push(subject);
        }
    }
    let mut kin_next = 0;
    let mut coord_next = 0;
    let mut couple_next = 0;
    for id in 0..mentions.mentions.len() {
        let sentence = mentions.mentions[id].sentence;
        // Pairs stated in earlier sentences become available as "the couple".
        while kin_next < mentions.kin.len() && mentions.kin[kin_next].sentence < sentence {
            r.remember_kin(kin_next);
            kin_next += 1;
        }
        while coord_next < mentions.coordinations.len() && mentions.coordinations[coord_next].second < id {
            r.remember_coordination(coord_next);
            coord_next += 1;
        }
        while couple_next < mentions.couples.len() && mentions.couples[couple_next].second < id {
            r.remember_couple(couple_next);
            couple_next += 1;
        }
        if r.cataphora.contains_key(&id) {
            continue;
        }
        r.resolve_mention(id);
        let mut waiting: Vec<MentionId> =
            r.cataphora.iter().filter(|&(_, &subject)| subject == id).map(|(&p, _)| p).collect();
        waiting.sort_unstable();
        for p in waiting {
            r.resolve_cataphor(p, id);
        }
    }
    r.out
}

impl Resolver<'_> {
    fn remember_kin(&mut self, k: usize) {
        let phrase = &self.mentions.kin[k];
        if !matches!(phrase.term.kind, RelationKind::Spouse | RelationKind::Partner) {
            return;
        }
        if phrase.source == ReferentSource::None {
            return;
        }
        let (Some((a, _)), Some((b, _))) =
            (self.out.single(phrase.possessor), phrase.referents.first().and_then(|&r| self.out.single(r)))
        else {
            return;
        };
        if a != b {
            self.pairs.push(Pair { a, b, sentence: phrase.sentence, couple: true });
        }
    }

    fn remember_couple(&mut self, c: usize) {
        let pair = self.mentions.couples[c];
        let (Some((a, _)), Some((b, _))) = (self.out.single(pair.first), self.out.single(pair.second)) else {
            return;
        };
        if a != b {
            let sentence = self.mentions.mentions[pair.second].sentence;
            self.pairs.push(Pair { a, b, sentence, couple: true });
        }
    }

    fn remember_coordination(&mut self, c: usize) {
        let coord = self.mentions.coordinations[c];
        let (Some((a, _)), Some((b, _))) = (self.out.single(coord.first), self.out.single(coord.second))
        else {
            return;
        };
        if a != b {
            let sentence = self.mentions.mentions[coord.first].sentence;
            self.pairs.push(Pair { a, b, sentence, couple: false });
        }
    }

    fn link(&mut self, id: MentionId, entity: EntityId, confidence: f32) {
        // In text order, also for a pronoun resolved after the name it
        // points forward to.
        let mentions = &mut self.out.entities[entity].mentions;
        let at = mentions.partition_point(|&x| x < id);
        mentions.insert(at, id);
        self.out.links[id] = Some(Link { entities: vec![entity], confidence });
        if let Some(&g) = self.gender_hint.get(&id) {
            self.out.entities[entity].gender.get_or_insert(g);
        }
    }

    fn resolve_mention(&mut self, id: MentionId) {
        let m = &self.mentions.mentions[id];
        match &m.kind {
            MentionKind::Name(name) => {
                let mut words = name_words(self.doc, name.name);
                if let Some(surname) = name.shared_surname {
                    words.extend(name_words(self.doc, surname));
                }
                // Only a title's gender can veto a match: a given name's gender cannot,
                // since the same word is often a surname ("Benson" after "Olivia Benson").
                let veto = name.title.and_then(|t| t.gender);
                let entity = self.match_name(id, &words, veto);
                let entity = entity.unwrap_or_else(|| {
                    self.out.entities.push(Entity::default());
                    self.out.entities.len() - 1
                });
                let e = &mut self.out.entities[entity];
                for w in words {
                    if !e.words.contains(&w) {
                        e.words.push(w);
                    }
                }
                e.named = true;
                e.named_mentions += 1;
                e.name_strength = e.name_strength.max(name.strength);
                // A lone surname's given-name gender is no evidence
                // ("Williams" is a rare given name but a common surname).
                if e.gender.is_none() && !surname_alone(self.doc, name) {
                    e.gender = name.gender;
                }
                if let Some(age) = apposition_age(self.doc, m.tokens.end) {
                    e.age.get_or_insert(age);
                }
                self.link(id, entity, 1.0);
            }
            MentionKind::Pronoun(p) => {
                if p.person == 1 {
                    // "we're both from ...", "we both": the speaker and the
                    // person the text just paired them with.
                    if self.followed_by_both(id) {
                        if let Some(pair) = self.plural_pair(id, false) {
                            self.out.links[id] =
                                Some(Link { entities: vec![pair.a, pair.b], confidence: 0.7 });
                        }
                    }
                    return;
                }
                if p.person != 3 {
                    return;
                }
                if p.number == Number::Plural {
                    if let Some(pair) = self.plural_pair(id, false) {
                        self.out.links[id] = Some(Link { entities: vec![pair.a, pair.b], confidence: 0.75 });
                    }
                    return;
                }
                if p.case == PronounCase::Possessive {
                    if let Some(entity) = self.coordinated_possessor(id, p.gender) {
                        self.link(id, entity, 0.92);
                        return;
                    }
                }
                let reflexive = p.case == PronounCase::Reflexive;
                let window = if reflexive { 0 } else { 3 };
                if let Some((entity, confidence)) = self.best_candidate(id, p.gender, None, window, false) {
                    if let Some(g) = p.gender {
                        // A gendered pronoun that resolved confidently
                        // teaches the gender of a surname-only person.
                        if confidence >= 0.85 {
                            self.out.entities[entity].gender.get_or_insert(g);
                        }
                    }
                    self.link(id, entity, confidence);
                }
            }
            MentionKind::Description(d) => {
                if let Some(head) = self.apposition_target(id) {
                    self.link(id, head, 0.9);
                } else if let Some((entity, confidence)) = self.best_candidate(id, d.gender, d.age, 6, true) {
                    self.link(id, entity, confidence * 0.85);
                } else {
                    return;
                }
                let entity = self.out.single(id).map(|(e, _)| e);
                if let (Some(e), Some(age)) = (entity, d.age) {
                    self.out.entities[e].age.get_or_insert(age);
                }
                if let (Some(e), Some(g)) = (entity, d.gender) {
                    self.out.entities[e].gender.get_or_insert(g);
                }
            }
            MentionKind::Group => {
                if let Some(pair) = self.plural_pair(id, true) {
                    self.out.links[id] = Some(Link { entities: vec![pair.a, pair.b], confidence: 0.85 });
                }
            }
        }
    }

    /// A pronoun of a fronted phrase, resolved once the subject after the
    /// phrase is: to that subject when the gender allows, else as usual.
    fn resolve_cataphor(&mut self, pronoun: MentionId, subject: MentionId) {
        let MentionKind::Pronoun(p) = &self.mentions.mentions[pronoun].kind else { return };
        if let Some((entity, _)) = self.out.single(subject) {
            let agrees = match (p.gender, self.out.entities[entity].gender) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            if agrees {
                if let Some(g) = p.gender {
                    self.out.entities[entity].gender.get_or_insert(g);
                }
                self.link(pronoun, entity, 0.85);
                return;
            }
        }
        self.resolve_mention(pronoun);
    }

    /// An existing entity whose name words include all of `words`, or whose
    /// words are all included in them; the most recent one wins.
    fn match_name(&self, id: MentionId, words: &[String], gender: Option<Gender>) -> Option<EntityId> {
        let mut best: Option<(EntityId, (usize, std::cmp::Reverse<EntityId>))> = None;
        for (e, entity) in self.out.entities.iter().enumerate() {
            if !entity.named || words.is_empty() {
                continue;
            }
            let sub = words.iter().all(|w| entity.words.contains(w));
            let sup = entity.words.iter().all(|w| words.contains(w));
            if !(sub || sup) {
                continue;
            }
            // A child introduced in a list ("four children: Paul, Anne",
            // "children, Ann Roe and Paul Lee Roe") is a new person, not
            // the parent "Paul X" or "Paul Roe" whose name words it shares.
            if self.mentions.introduced.binary_search(&id).is_ok() && !(sub && sup) {
                continue;
            }
            if let (Some(a), Some(b)) = (gender, entity.gender) {
                if a != b {
                    continue;
                }
            }
            if self.is_excluded(id, e) {
                continue;
            }
            // The person named most often wins ("Culkin" is the actor, not
            // his son "Dakota Song Culkin"), then the one introduced first:
            // a bare surname refers to the story's subject.
            let key = (entity.named_mentions, std::cmp::Reverse(e));
            if best.is_none_or(|(_, k)| key > k) {
                best = Some((e, key));
            }
        }
        best.map(|(e, _)| e)
    }

    fn is_excluded(&self, id: MentionId, entity: EntityId) -> bool {
        self.not_same.get(&id).is_some_and(|others| {
            others.iter().any(|&other| match self.out.single(other) {
                Some((e, _)) => e == entity,
                // A name not resolved yet (it comes later): by its words.
                None if other > id => match &self.mentions.mentions[other].kind {
                    MentionKind::Name(name) => {
                        let words = name_words(self.doc, name.name);
                        let theirs = &self.out.entities[entity].words;
                        !words.is_empty() && words.iter().all(|w| theirs.contains(w))
                    }
                    _ => false,
                },
                None => false,
            })
        })
    }

    /// "X, the entrepreneur, ..." — a description in apposition to a name.
    fn apposition_target(&self, id: MentionId) -> Option<EntityId> {
        let m = &self.mentions.mentions[id];
        if m.possessive || m.tokens.start < 2 {
            return None;
        }
        let tokens = self.doc.tokens();
        if self.doc.token_text(&tokens[m.tokens.start - 1]) != "," {
            return None;
        }
        let head = self.mentions.covering(m.tokens.start - 2)?;
        let hm = &self.mentions.mentions[head];
        if !matches!(hm.kind, MentionKind::Name(_)) || hm.sentence != m.sentence || hm.possessive {
            return None;
        }
        self.out.single(head).map(|(e, _)| e)
    }

    /// The most salient compatible entity for a pronoun or description.
    fn best_candidate(
        &self,
        id: MentionId,
        gender: Option<Gender>,
        age: Option<u32>,
        window: usize,
        exclude_same_sentence: bool,
    ) -> Option<(EntityId, f32)> {
        let m = &self.mentions.mentions[id];
        let mut scores: Vec<(EntityId, f32)> = Vec::new();
        for (e, entity) in self.out.entities.iter().enumerate() {
            if !entity.named {
                continue;
            }
            if let (Some(a), Some(b)) = (gender, entity.gender) {
                if a != b {
                    continue;
                }
            }
            if let (Some(a), Some(b)) = (age, entity.age) {
                if a != b {
                    continue;
                }
            }
            if self.is_excluded(id, e) {
                continue;
            }
            let mut score = 0.0f32;
            let mut in_sentence_before = false;
            // Newest first, stopping at the window: long documents stay linear.
            for &x in entity.mentions.iter().rev() {
                let xm = &self.mentions.mentions[x];
                if x >= id {
                    continue;
                }
                if xm.sentence + window < m.sentence {
                    break;
                }
                if xm.sentence == m.sentence {
                    in_sentence_before = true;
                }
                let base = match xm.kind {
                    // A name inside a list of relatives ("her kids, A and
                    // B") is less of a topic than a subject.
                    MentionKind::Name(_) if self.list_members.contains(&x) => 0.28,
                    MentionKind::Name(_) => 0.7,
                    _ => 0.7,
                };
                let subject = if self.subjects[x] {
                    0.8
                } else if is_genitive_subject(self.doc, self.mentions, x) {
                    0.5
                } else if self.is_first_in_sentence(x) {
                    0.3
                } else {
                    0.0
                };
                let distance = (m.sentence - xm.sentence) as i32;
                score += (base + subject) * self.weight(x) * 0.5f32.powi(distance);
            }
            if exclude_same_sentence && in_sentence_before {
                continue;
            }
            if score <= 0.0 {
                continue;
            }
            // Unknown gender (often a surname-only person) is a mild doubt,
            // not a veto.
            if gender.is_some() && entity.gender.is_none() {
                score *= 0.95;
            }
            // Weakly evidenced names ("Este", an unknown word before a verb)
            // are weaker antecedents too.
            score *= entity.name_strength.max(0.5);
            // Within the sentence, a pronoun prefers the nearest subject
            // before it ("Norell was right, and Czerkas added feathers to his
            // model") — but an object pronoun is not its own clause's subject
            // ("Ann told her").
            if !exclude_same_sentence {
                if let Some(nearest) = self.nearest_subject_before(id) {
                    if self.out.single(nearest).map(|x| x.0) == Some(e) {
                        let object =
                            matches!(&m.kind, MentionKind::Pronoun(p) if p.case == PronounCase::Object);
                        // From the verb, past an apposition: "X, the head of
                        // the school, spotted her".
                        let from = subject_verb(self.doc, self.mentions, nearest)
                            .unwrap_or(self.mentions.mentions[nearest].tokens.end);
                        let close = self.same_clause(from, m.tokens.start);
                        if object && close {
                            score *= 0.1;
                        } else {
                            score += 1.0;
                        }
                    }
                }
            }
            // Recency inside the sentence: the nearest compatible name before
            // the pronoun ("... brought Earl to the US to continue his
            // career").
            if !exclude_same_sentence && self.nearest_mention_before(id, gender) == Some(e) {
                // Not for an object pronoun in the same clause: "Sam thanked
                // him" is not Sam.
                let object = matches!(&m.kind, MentionKind::Pronoun(p) if p.case == PronounCase::Object);
                let clause_mate = entity.mentions.iter().rev().find(|&&x| x < id).is_some_and(|&x| {
                    self.mentions.mentions[x].sentence == m.sentence
                        && self.same_clause(self.mentions.mentions[x].tokens.end, m.tokens.start)
                });
                if !(object && clause_mate) {
                    // Less for a name after "of".
                    let nearest =
                        entity.mentions.iter().rev().copied().find(|&x| {
                            x < id && matches!(self.mentions.mentions[x].kind, MentionKind::Name(_))
                        });
                    score += nearest.map_or(1.0, |x| self.weight(x));
                }
                // A possessive in the same clause as the name: "... against
                // Vario and members of his crew".
                let possessive =
                    matches!(&m.kind, MentionKind::Pronoun(p) if p.case == PronounCase::Possessive);
                if possessive && clause_mate {
                    score += 1.0;
                }
            }
            // "X, who reprised his role": a pronoun in a relative clause
            // refers to the relative's antecedent.
            if let Some(antecedent) = self.relative_antecedent(id) {
                if self.out.single(antecedent).map(|x| x.0) == Some(e) {
                    // But an object of the relative clause's own verb is not
                    // its subject: "Vivian, who attacks her".
                    let object = matches!(&m.kind, MentionKind::Pronoun(p) if p.case == PronounCase::Object);
                    let who = self.mentions.mentions[antecedent].tokens.end + 2;
                    if object && self.same_clause(who, m.tokens.start) {
                        score *= 0.2;
                    } else {
                        score += 2.0;
                    }
                }
            }
            // "X beat Y, defeating him": the object of a participle is not
            // the participle's understood subject, the main clause's.
            if self.participle_controller(id).and_then(|x| self.out.single(x)).is_some_and(|(x, _)| x == e) {
                score *= 0.3;
            }
            // "X asked Y to let him go": the object of an infinitive is not
            // the infinitive's understood subject Y.
            if self.infinitive_subject(id).and_then(|x| self.out.single(x)).is_some_and(|(x, _)| x == e) {
                score *= 0.1;
            }
            scores.push((e, score));
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (best, top) = *scores.first()?;
        let margin = scores.get(1).map_or(1.0, |&(_, second)| (top - second) / top);
        Some((best, (0.7 + 0.25 * margin).min(0.95)))
    }

    /// "X and his wife", "X (1820 – 88) and his son": a possessive right
    /// after "X and" refers to X, when the gender allows.
    fn coordinated_possessor(&self, id: MentionId, gender: Option<Gender>) -> Option<EntityId> {
        let m = &self.mentions.mentions[id];
        let tokens = self.doc.tokens();
        let and = m.tokens.start.checked_sub(1)?;
        let conj = self.doc.token_lower(&tokens[and]);
        if !matches!(conj, "and" | "nor" | "or") || tokens[and].sentence as usize != m.sentence {
            return None;
        }
        // Back over a parenthesis of dates: "X (1801-1870) and his wife".
        let mut j = and;
        if j > 0 && self.doc.token_text(&tokens[j - 1]) == ")" {
            j = (j.saturating_sub(12)..j - 1).rev().find(|&k| self.doc.token_text(&tokens[k]) == "(")?;
        }
        let prev = self.mentions.covering(j.checked_sub(1)?)?;
        let pm = &self.mentions.mentions[prev];
        if pm.tokens.end != j || !matches!(pm.kind, MentionKind::Name(_)) || pm.possessive {
            return None;
        }
        let (entity, _) = self.out.single(prev)?;
        let compatible = match (gender, self.out.entities[entity].gender) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        compatible.then_some(entity)
    }

    /// True when "both" follows the mention within two tokens ("we're both").
    fn followed_by_both(&self, id: MentionId) -> bool {
        let m = &self.mentions.mentions[id];
        let tokens = self.doc.tokens();
        (m.tokens.end..m.tokens.end + 2)
            .filter_map(|j| tokens.get(j).filter(|t| t.sentence as usize == m.sentence))
            .any(|t| self.doc.token_lower(t) == "both")
    }

    /// True when no clause boundary (punctuation, a conjunction, a relative
    /// pronoun) lies between token `from` and token `to`.
    fn same_clause(&self, from: usize, to: usize) -> bool {
        let tokens = self.doc.tokens();
        (from..to.min(tokens.len())).all(|j| {
            !matches!(
                self.doc.token_lower(&tokens[j]),
                "," | ";"
                    | ":"
                    | "but"
                    | "and"
                    | "or"
                    | "that"
                    | "who"
                    | "which"
                    | "while"
                    | "when"
                    | "because"
                    | "although"
                    | "after"
                    | "before"
                    | "as"
            )
        })
    }

    /// For an object pronoun in a participle clause ("X beat Y, defeating
    /// him"), the main clause's subject, which is the participle's
    /// understood subject.
    fn participle_controller(&self, id: MentionId) -> Option<MentionId> {
        let m = &self.mentions.mentions[id];
        let MentionKind::Pronoun(p) = &m.kind else { return None };
        if p.case != PronounCase::Object {
            return None;
        }
        let tokens = self.doc.tokens();
        let first = tokens.partition_point(|t| (t.sentence as usize) < m.sentence);
        let lowest = m.tokens.start.saturating_sub(8).max(first + 1);
        let comma = (lowest..m.tokens.start).rev().find(|&j| {
            self.doc.token_text(&tokens[j]) == ","
                && self.doc.token_lower(&tokens[j + 1]).ends_with("ing")
                && !crate::mention::is_capitalized(self.doc.token_text(&tokens[j + 1]))
        })?;
        // Nothing that could be the participle's own subject or object in
        // between, nor a clause boundary.
        if (comma + 1..m.tokens.start).any(|j| self.mentions.covering(j).is_some())
            || !self.same_clause(comma + 1, m.tokens.start)
        {
            return None;
        }
        (0..id)
            .rev()
            .take_while(|&x| self.mentions.mentions[x].sentence == m.sentence)
            .find(|&x| self.subjects[x] && self.mentions.mentions[x].tokens.end <= comma)
    }

    /// For an object pronoun in an infinitive clause right after a name
    /// ("X asked Y to let him go", "begged Y to spare him", "waited for Y
    /// to call her"), that name: the infinitive's understood subject. Not
    /// after a preposition of place or company, whose infinitive is the main
    /// clause's purpose ("went to Y to ask him", "met with Y to warn him").
    fn infinitive_subject(&self, id: MentionId) -> Option<MentionId> {
        let m = &self.mentions.mentions[id];
        let MentionKind::Pronoun(p) = &m.kind else { return None };
        if p.case != PronounCase::Object {
            return None;
        }
        let y = id.checked_sub(1)?;
        let ym = &self.mentions.mentions[y];
        if ym.sentence != m.sentence || ym.possessive || !matches!(ym.kind, MentionKind::Name(_)) {
            return None;
        }
        let tokens = self.doc.tokens();
        let lex = crate::lexicon::Lexicon::get();
        let to = ym.tokens.end;
        if to + 2 > m.tokens.start || self.doc.token_lower(&tokens[to]) != "to" {
            return None;
        }
        let verb = &tokens[to + 1];
        if verb.kind != TokenKind::Word
            || crate::mention::is_capitalized(self.doc.token_text(verb))
            || lex.function_word(self.doc.token_lower(verb)).is_some()
        {
            return None;
        }
        let before = ym.tokens.start.checked_sub(1).map(|j| self.doc.token_lower(&tokens[j]));
        if matches!(before, Some("to" | "in" | "at" | "from" | "into" | "with")) {
            return None;
        }
        self.same_clause(to + 1, m.tokens.start).then_some(y)
    }

    /// "X, who ... <pronoun>": the mention right before ", who", when no
    /// other mention stands between it and the pronoun.
    fn relative_antecedent(&self, id: MentionId) -> Option<MentionId> {
        let m = &self.mentions.mentions[id];
        let tokens = self.doc.tokens();
        let previous = id.checked_sub(1).filter(|&p| self.mentions.mentions[p].sentence == m.sentence)?;
        let pm = &self.mentions.mentions[previous];
        let after = pm.tokens.end;
        let comma = tokens.get(after).is_some_and(|t| self.doc.token_text(t) == ",");
        let who = if comma {
            tokens.get(after + 1).is_some_and(|t| self.doc.token_lower(t) == "who")
        } else {
            // A relative clause without its comma: "X who announced his".
            tokens.get(after).is_some_and(|t| self.doc.token_lower(t) == "who")
        };
        (who && matches!(pm.kind, MentionKind::Name(_))).then_some(previous)
    }

    /// The entity of the closest name mention before `id` in its sentence
    /// whose entity's gender agrees.
    fn nearest_mention_before(&self, id: MentionId, gender: Option<Gender>) -> Option<EntityId> {
        let sentence = self.mentions.mentions[id].sentence;
        (0..id)
            .rev()
            .take_while(|&x| self.mentions.mentions[x].sentence == sentence)
            // Names inside a list of relatives are not the topic.
            .filter(|&x| {
                matches!(self.mentions.mentions[x].kind, MentionKind::Name(_))
                    && !self.list_members.contains(&x)
            })
            .filter_map(|x| self.out.single(x).map(|(e, _)| e))
            .find(|&e| match (gender, self.out.entities[e].gender) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
    }

    /// The closest mention before `id` in its sentence that is a subject.
    fn nearest_subject_before(&self, id: MentionId) -> Option<MentionId> {
        let sentence = self.mentions.mentions[id].sentence;
        (0..id)
            .rev()
            .take_while(|&x| self.mentions.mentions[x].sentence == sentence)
            .find(|&x| self.subjects[x])
    }

    /// 0.4 for a name right after "of" ("the daughter of X", "the role of
    /// X"): a complement inside another noun phrase, less of a topic; else 1.
    fn weight(&self, x: MentionId) -> f32 {
        let xm = &self.mentions.mentions[x];
        let tokens = self.doc.tokens();
        let of = xm
            .tokens
            .start
            .checked_sub(1)
            .map(|j| &tokens[j])
            .is_some_and(|t| t.sentence as usize == xm.sentence && self.doc.token_lower(t) == "of");
        // "X (Y) is a boxer": a name in parentheses right after another
        // (the actor after the character, a pseudonym) is an aside.
        let aside = xm.tokens.start >= 1
            && self.doc.token_text(&tokens[xm.tokens.start - 1]) == "("
            && x > 0
            && self.mentions.mentions[x - 1].tokens.end + 1 == xm.tokens.start
            && matches!(self.mentions.mentions[x - 1].kind, MentionKind::Name(_));
        if of || aside { 0.4 } else { 1.0 }
    }

    fn is_first_in_sentence(&self, x: MentionId) -> bool {
        x == 0 || self.mentions.mentions[x - 1].sentence != self.mentions.mentions[x].sentence
    }

    /// The pair a group mention or plural pronoun refers to: the latest
    /// couple (for "the couple") or coordinated pair within three sentences,
    /// else the two people of the current sentence.
    fn plural_pair(&self, id: MentionId, want_couple: bool) -> Option<Pair> {
        let m = &self.mentions.mentions[id];
        let recent = |p: &&Pair| p.sentence + 3 >= m.sentence;
        if want_couple {
            if let Some(p) = self.pairs.iter().rev().take_while(recent).find(|p| p.couple) {
                return Some(*p);
            }
        }
        if let Some(p) =
            self.pairs.iter().rev().take_while(recent).find(|p| p.sentence == m.sentence || !want_couple)
        {
            return Some(*p);
        }
        // The two people of this sentence so far.
        let mut seen: Vec<EntityId> = Vec::new();
        for (x, _) in self.mentions.in_sentence(m.sentence) {
            if x >= id {
                break;
            }
            if let Some((e, _)) = self.out.single(x) {
                if !seen.contains(&e) {
                    seen.push(e);
                }
            }
        }
        if seen.len() == 2 {
            return Some(Pair { a: seen[0], b: seen[1], sentence: m.sentence, couple: false });
        }
        // "X met Y. The two ...": a sentence that opens with a group refers
        // to the two people of the sentence before, when there were exactly two.
        if !seen.is_empty() || m.sentence == 0 || !matches!(m.kind, MentionKind::Group) {
            return None;
        }
        let mut previous: Vec<EntityId> = Vec::new();
        for (x, _) in self.mentions.in_sentence(m.sentence - 1) {
            if let Some((e, _)) = self.out.single(x) {
                if !previous.contains(&e) {
                    previous.push(e);
                }
            }
        }
        (previous.len() == 2).then(|| Pair {
            a: previous[0],
            b: previous[1],
            sentence: m.sentence,
            couple: false,
        })
    }
}

/// "Y was her successor", "Y had been one of his pupils": a possessive
/// pronoun in the predicate of a copula (or of "appointed", "named") does
/// not refer to the predicate's subject Y; that subject, when it is a
/// mention right before the verb group. Not for "her own".
fn copular_subject(doc: &Document, mentions: &Mentions, id: MentionId) -> Option<MentionId> {
    let m = &mentions.mentions[id];
    let MentionKind::Pronoun(p) = &m.kind else { return None };
    if p.case != PronounCase::Possessive {
        return None;
    }
    let tokens = doc.tokens();
    let text = |j: usize| doc.token_lower(&tokens[j]);
    if tokens.get(m.tokens.end).is_some_and(|t| doc.token_lower(t) == "own") {
        return None;
    }
    let first = tokens.partition_point(|t| (t.sentence as usize) < m.sentence);
    let mut j = m.tokens.start;
    // Back over "one of", "also", "the" ... to the verb group.
    while j > first
        && matches!(
            text(j - 1),
            "one"
                | "of"
                | "also"
                | "not"
                | "now"
                | "later"
                | "then"
                | "still"
                | "always"
                | "never"
                | "eventually"
                | "soon"
        )
    {
        j -= 1;
    }
    // The verb group: a copula ("was", "had been", "became"), or a
    // passive "was appointed" (not an active "X appointed his son").
    let be = |w: &str| {
        matches!(w, "is" | "was" | "were" | "be" | "been" | "being" | "became" | "becomes" | "become")
    };
    let mut verb = false;
    while j > first {
        let w = text(j - 1);
        let passive = matches!(w, "appointed" | "named" | "elected") && j - 1 > first && be(text(j - 2));
        if be(w) || passive || matches!(w, "remained" | "remains") {
            verb = true;
        } else if !matches!(
            w,
            "has" | "had" | "have" | "would" | "will" | "later" | "also" | "then" | "soon" | "eventually"
        ) {
            break;
        }
        j -= 1;
    }
    if !verb || j == first {
        return None;
    }
    let subject = mentions.covering(j - 1)?;
    let sm = &mentions.mentions[subject];
    (sm.tokens.end == j && sm.sentence == m.sentence && !sm.possessive).then_some(subject)
}

/// Pronouns that point forward: a singular third-person pronoun inside a
/// phrase fronted before the main clause ("In his review of the book, X
/// noted", "Shortly after she arrived, X said", "Named after her aunt, X
/// was"), with no name before it in its clause, refers to the first name
/// after the phrase's comma that heads the main clause: a subject, a
/// possessor right after the comma ("Throughout his exile, X's health
/// declined"), or a name right after the comma before a lowercase word
/// that is no preposition, conjunction or determiner ("Soon after her
/// return, X swept the prizes").
fn find_cataphora(doc: &Document, mentions: &Mentions, subjects: &[bool]) -> HashMap<MentionId, MentionId> {
    let lex = crate::lexicon::Lexicon::get();
    let tokens = doc.tokens();
    let text = |j: usize| doc.token_text(&tokens[j]);
    let opens_phrase = |w: &str| {
        matches!(lex.function_word(w), Some(crate::lexicon::WordClass::Preposition))
            || matches!(
                w,
                "when"
                    | "while"
                    | "whilst"
                    | "after"
                    | "although"
                    | "though"
                    | "because"
                    | "since"
                    | "once"
                    | "whereas"
                    | "until"
                    | "upon"
                    | "following"
                    | "unlike"
                    | "if"
            )
    };
    let mut out = HashMap::new();
    for (id, m) in mentions.mentions.iter().enumerate() {
        let MentionKind::Pronoun(p) = &m.kind else { continue };
        if p.person != 3 || p.number != Number::Singular || p.case == PronounCase::Reflexive {
            continue;
        }
        // The clause start: the sentence's, or after a colon or semicolon,
        // then past a connective and its comma ("However, ...").
        let first = tokens.partition_point(|t| (t.sentence as usize) < m.sentence);
        let mut start =
            (first..m.tokens.start).rev().find(|&j| matches!(text(j), ";" | ":")).map_or(first, |j| j + 1);
        if start + 2 < m.tokens.start && text(start + 1) == "," && tokens[start].kind == TokenKind::Word {
            start += 2;
        }
        if start >= m.tokens.start {
            continue;
        }
        let opener = doc.token_lower(&tokens[start]);
        let fronted = opens_phrase(opener)
            || (opener.ends_with("ing") && opener.len() > 5 && lex.function_word(opener).is_none())
            || (start + 1 < m.tokens.start
                && opens_phrase(doc.token_lower(&tokens[start + 1]))
                && lex.function_word(opener).is_none_or(|c| c == crate::lexicon::WordClass::Adverb)
                && mentions.covering(start).is_none());
        if !fronted {
            continue;
        }
        // No name before the pronoun in its clause.
        if mentions
            .in_sentence(m.sentence)
            .any(|(x, xm)| x < id && xm.tokens.start >= start && matches!(xm.kind, MentionKind::Name(_)))
        {
            continue;
        }
        let sentence_end = tokens[m.tokens.end..]
            .iter()
            .position(|t| t.sentence as usize != m.sentence)
            .map_or(tokens.len(), |k| m.tokens.end + k);
        let Some(comma) = (m.tokens.end..sentence_end).find(|&j| matches!(text(j), "," | ";" | ":")) else {
            continue;
        };
        if text(comma) != "," {
            continue;
        }
        let clause_end = (comma..sentence_end).find(|&j| text(j) == ";").unwrap_or(sentence_end);
        let target = mentions
            .in_sentence(m.sentence)
            .filter(|(_, xm)| xm.tokens.start > comma && xm.tokens.start < clause_end)
            .find(|(x, xm)| {
                subjects[*x]
                    || xm.possessive && text(xm.tokens.start - 1) == ","
                    || text(xm.tokens.start - 1) == ","
                        && tokens.get(xm.tokens.end).is_some_and(|t| {
                            t.kind == TokenKind::Word
                                && !crate::mention::is_capitalized(doc.token_text(t))
                                && lex.function_word(doc.token_lower(t)).is_none_or(|c| {
                                    matches!(
                                        c,
                                        crate::lexicon::WordClass::Adverb
                                            | crate::lexicon::WordClass::Auxiliary
                                    )
                                })
                        })
                    || !matches!(xm.kind, MentionKind::Name(_))
            })
            .filter(|(_, xm)| matches!(xm.kind, MentionKind::Name(_)));
        if let Some((x, _)) = target {
            out.insert(id, x);
        }
    }
    out
}

/// True when a verb follows the mention (after an age, a parenthesis or an
/// apposition): "Rees was", "Czerkas added", "X, 37, said", "X (born 1950)
/// is", "X, a former actress, said"; also the name in apposition to a
/// subject: "Ann's mother, X, was".
pub(crate) fn is_subject(doc: &Document, mentions: &Mentions, id: MentionId) -> bool {
    subject_verb(doc, mentions, id).is_some()
}

/// Where the verb of a subject mention starts (see [`is_subject`]): past its
/// age, parenthesis or apposition.
fn subject_verb(doc: &Document, mentions: &Mentions, id: MentionId) -> Option<usize> {
    let m = &mentions.mentions[id];
    if m.possessive {
        return None;
    }
    let tokens = doc.tokens();
    let at = |j: usize| tokens.get(j).filter(|t| t.sentence as usize == m.sentence);
    let text = |j: usize| at(j).map_or("", |t| doc.token_text(t));
    let verb = |j: usize| verb_at(doc, m.sentence, j).then_some(j);
    let mut j = m.tokens.end;
    if text(j) == "," && at(j + 1).is_some_and(|t| t.kind == TokenKind::Number) {
        j += 3;
    } else if text(j) == "(" {
        j = (j..j + 15).find(|&k| text(k) == ")").map_or(j, |k| k + 1);
    } else if text(j) == "," {
        let opened = m.tokens.start > 0 && text(m.tokens.start - 1) == ",";
        if opened && verb_at(doc, m.sentence, j + 1) {
            // "Ann's mother, X, was": the apposition closes on the verb.
            return Some(j + 1);
        }
        // "X, a former actress, said": over a comma-bounded apposition.
        if let Some(close) = (j + 2..j + 16).find(|&k| matches!(text(k), "," | ";" | ":" | "")) {
            // A list ("X, Y and Z said") is no apposition; a noun phrase
            // opened by an article may hold a conjunction ("X, the son of
            // A and B, said").
            let article = matches!(at(j + 1).map(|t| doc.token_lower(t)), Some("the" | "a" | "an"));
            if text(close) == ","
                && (article || !(j + 1..close).any(|k| matches!(text(k), "and" | "or" | "but")))
            {
                return verb(close + 1);
            }
        }
        return None;
    }
    verb(j)
}

/// "X's parents divorced": the possessor of a subject noun phrase (a few
/// lowercase words after the clitic, then a verb).
fn is_genitive_subject(doc: &Document, mentions: &Mentions, id: MentionId) -> bool {
    let m = &mentions.mentions[id];
    if !m.possessive {
        return false;
    }
    let tokens = doc.tokens();
    let lex = crate::lexicon::Lexicon::get();
    // Past the clitic, over up to three lowercase content words.
    let mut j = m.tokens.end + 1;
    let mut words = 0;
    while let Some(t) = tokens.get(j).filter(|t| t.sentence as usize == m.sentence) {
        if t.kind != TokenKind::Word
            || crate::mention::is_capitalized(doc.token_text(t))
            || lex.function_word(doc.token_lower(t)).is_some()
            || words == 3
        {
            break;
        }
        if words > 0 && verb_at(doc, m.sentence, j) {
            break;
        }
        words += 1;
        j += 1;
    }
    while tokens.get(j).is_some_and(|t| {
        t.sentence as usize == m.sentence
            && lex.function_word(doc.token_lower(t)) == Some(crate::lexicon::WordClass::Adverb)
    }) {
        j += 1;
    }
    words > 0 && verb_at(doc, m.sentence, j)
}

/// True when token `j` of sentence `sentence` looks like a finite verb, an
/// auxiliary or an adverb before one ("was", "added", "she'd", "later").
fn verb_at(doc: &Document, sentence: usize, j: usize) -> bool {
    let Some(t) = doc.tokens().get(j).filter(|t| t.sentence as usize == sentence) else { return false };
    if t.kind == TokenKind::Clitic {
        // "she'd", "he's": a contracted auxiliary.
        return !crate::mention::is_possessive_clitic(doc, t) || doc.token_lower(t).ends_with('s');
    }
    if t.kind != TokenKind::Word || crate::mention::is_capitalized(doc.token_text(t)) {
        return false;
    }
    let lex = crate::lexicon::Lexicon::get();
    let w = doc.token_lower(t);
    let content = lex.function_word(w).is_none() && lex.kinship(w).is_none() && lex.role(w).is_none();
    // "X often says", "X hastily left": past an adverb in -ly.
    if w.ends_with("ly") && content && verb_at(doc, sentence, j + 1) {
        return true;
    }
    if IRREGULAR_PAST.binary_search(&w).is_ok() {
        return true;
    }
    matches!(lex.function_word(w), Some(crate::lexicon::WordClass::Auxiliary))
        || lex.verb(w).is_some()
        || matches!(w, "later" | "also" | "then" | "never" | "first" | "soon" | "eventually" | "quickly")
        || (w.ends_with("ed") || present_third_person(w))
            && lex.function_word(w).is_none()
            && lex.kinship(w).is_none()
            && lex.role(w).is_none()
}

/// "threatens", "tells", "asks", "finds": a lowercase word in -s that is
/// no -ss, -us or -is noun ("class", "status", "basis"); the present tense
/// of plot summaries.
fn present_third_person(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

/// Irregular past tenses that commonly follow a subject, sorted.
#[rustfmt::skip]
const IRREGULAR_PAST: &[&str] = &[
    "beat", "bore", "bought", "broke", "brought", "burst", "caught", "chose", "drew", "drove",
    "fell", "fled", "flew", "forgot", "gave", "grew", "heard", "hid", "hung", "laid", "lay", "meant", "paid",
    "put", "quit", "rode", "rose", "sat", "shook", "shot", "slept", "sold", "sought", "spoke", "stole", "stood",
    "struck", "swore", "threw", "understood", "withdrew", "woke", "wore", "wound",
];

/// A one-word name without a title that is a common surname and no common
/// given name ("Williams", "Jones", but not "Barbara"): the given-name
/// gender of the word says nothing about its bearer.
fn surname_alone(doc: &Document, name: &crate::mention::NameMention) -> bool {
    let word = normalize::fold_key(doc.span_text(name.name));
    let lex = crate::lexicon::Lexicon::get();
    name.parts == 1
        && name.title.is_none()
        && lex.surnames().contains(&word)
        && lex.given_names().lookup(&word).is_none_or(|n| n.total() < 50_000)
}

/// Folded words of a name span ("Muñoz" → "munoz").
fn name_words(doc: &Document, span: crate::span::Span) -> Vec<String> {
    span.slice(doc.text())
        .split(|c: char| c.is_whitespace())
        .map(normalize::fold_key)
        .map(|w| {
            w.trim_end_matches(['.', ','])
                .trim_matches(|c: char| normalize::is_quote(c) || c == '(' || c == ')')
                .to_string()
        })
        // "Sarah, née Kahn": the marker joins two names of one person.
        .filter(|w| !w.is_empty() && w != "nee" && w != "née")
        .collect()
}

/// "X, 37," — the age in apposition right after a name ending before
/// token `end`.
pub(crate) fn apposition_age(doc: &Document, end: usize) -> Option<u32> {
    let tokens = doc.tokens();
    let sentence = tokens.get(end.checked_sub(1)?)?.sentence;
    let at = |j: usize| tokens.get(j).filter(|t| t.sentence == sentence);
    let open = doc.token_text(at(end)?);
    let number = at(end + 1)?;
    let close = doc.token_text(at(end + 2)?);
    if !matches!((open, close), (",", "," | "." | ";") | ("(", ")")) || number.kind != TokenKind::Number {
        return None;
    }
    let n: u32 = doc.token_text(number).parse().ok()?;
    (1..=120).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests;
