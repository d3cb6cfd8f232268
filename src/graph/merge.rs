/*!
Building one graph from many articles: entity resolution across documents,
incremental additions and the build report.

[`GraphBuilder`] takes a graph (empty, or loaded from a file), adds
documents one at a time and hands back the graph and a [`BuildReport`].

- **Documents** are known by the hash of their text: a document the graph
  already holds (under any id) changes nothing; an id that comes back with a
  different text is an error, not a silent second version.
- **People** of a new document are resolved against the graph. Within the
  document, the extraction has already joined a bare surname to its full
  name;
  across documents a person is the same node when:
  1. their full names have the same key (given name and surname, folded:
     see [`super::names`]) and nothing they say conflicts; or
  2. a relative of theirs in this document is already resolved, and that
     node has a relative of the same kind (same direction) whose name fits
     — which is how someone named only "James" is found: as the son of the
     same father, never by the first name alone.
- **Conflicts** keep namesakes apart: birth years (from ages at different
  article dates) at least two years apart, different genders, death years
  apart, two different mothers (or fathers, or more than two parents), two
  different current spouses in articles a year or less apart, different
  generational suffixes or middle names. A birth year off by one is merged
  and reported. Several candidates that nothing tells apart are not
  guessed at: the person becomes a new node and the report says so.
- **Inference** is recomputed at [`GraphBuilder::finish`]: the previous
  inferred relations are dropped when the builder starts, so they always
  follow the stated ones (see `infer.rs`).
*/

use std::collections::{HashMap, HashSet};
use std::fmt;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::names::{NameParts, fuller};
use super::{DocumentInfo, GraphEvidence, KinGraph, Person, Quoter, absorb_person, content_hash};
use crate::error::{Error, ErrorKind};
use crate::fact::{Attribute, Extraction, Gender, PersonFacts, Qualifier, RelationKind};
use crate::text::{Date, Document};

/// Builds a graph from documents, resolving people across them.
///
/// # Example
///
/// ```
/// use kith::graph::{GraphBuilder, KinGraph};
/// use kith::text::Document;
///
/// let mut builder = GraphBuilder::new(KinGraph::new());
/// for (id, text) in [
///     ("a.txt", "Ana Cruz, 40, married Tom Hale in 2010."),
///     ("b.txt", "Tom Hale and his wife, Ana Cruz, opened a bakery."),
/// ] {
///     let doc = Document::new(id, text, None);
///     let facts = kith::pipeline::extract(&doc);
///     builder.add(&doc, &facts).unwrap();
/// }
/// let (graph, report) = builder.finish(true);
/// assert_eq!(graph.people().count(), 2);
/// assert_eq!(report.merges.len(), 2);
/// ```
#[derive(Debug)]
pub struct GraphBuilder {
    graph: KinGraph,
    /// Full-name keys of every name of every person.
    by_key: HashMap<(String, String), Vec<NodeIndex>>,
    /// Content hash → id of the document that has it.
    by_hash: HashMap<String, String>,
    /// Document id → its content hash (`None` for documents of graphs
    /// written before hashes were kept).
    by_id: HashMap<String, Option<String>>,
    /// Relations that got a statement in this run, for the report.
    touched: HashSet<EdgeIndex>,
    report: BuildReport,
}

/// What [`GraphBuilder::add`] did with a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// The document was new and its facts are in the graph.
    New,
    /// The graph already holds the same text, under this id; nothing changed.
    AlreadyPresent {
        /// The id the text is held under.
        id: String,
    },
}

/// Everything a build did, for the summary line and `kith build --report`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuildReport {
    /// Documents added in this run.
    pub documents_added: usize,
    /// Documents skipped because the graph already held their text.
    pub skipped: Vec<Skipped>,
    /// People of this run's documents who became new nodes.
    pub people_added: usize,
    /// People of this run's documents found to be someone already in the
    /// graph.
    pub merges: Vec<Merge>,
    /// Disagreements found while resolving: namesakes kept apart, and what
    /// did not quite agree in people merged anyway.
    pub conflicts: Vec<Conflict>,
    /// Relations that changed between articles ("wife", later "ex-wife").
    pub changes: Vec<Change>,
    /// Relations inferred at the end of the run.
    pub inferred: usize,
}

/// A document whose text the graph already held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The id it was given in this run.
    pub id: String,
    /// The id the graph holds it under.
    pub same_as: String,
}

/// A person of a new document resolved to a person of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The document.
    pub document: String,
    /// The name the document gives.
    pub as_named: String,
    /// The person's id.
    pub person: String,
    /// The person's name after the merge.
    pub name: String,
    /// Why they are the same person.
    pub reason: MergeReason,
}

/// Why two mentions were found to be one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeReason {
    /// The same full name, and nothing conflicting.
    SameName,
    /// The same relation to someone already resolved ("child of" the same
    /// father in both articles).
    Relative {
        /// What the person is to the relative: "child of", "spouse of".
        role: &'static str,
        /// The relative's id.
        relative: String,
        /// The relative's name.
        relative_name: String,
    },
}

/// A disagreement between what a new document says about a person and what
/// the graph says about a namesake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The document.
    pub document: String,
    /// The name the document gives.
    pub as_named: String,
    /// The person of the graph it was compared with.
    pub person: String,
    /// That person's name.
    pub name: String,
    /// True when the conflict kept them apart (two people), false when they
    /// were merged anyway (a birth year off by one).
    pub kept_apart: bool,
    /// What disagrees, for people to read.
    pub detail: String,
}

/// A relation that some articles give as current and later ones as ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// One end (for `parent`, the parent).
    pub head: String,
    /// The other end.
    pub tail: String,
    /// The relation, as its label says it now ("spouse (former)").
    pub label: String,
    /// The last date it was stated as current, with the words and document.
    pub before: (Date, String, String),
    /// The first date it was stated as ended, with the words and document.
    pub after: (Date, String, String),
}

impl GraphBuilder {
    /// Starts from a graph (empty or loaded), dropping its inferred
    /// relations — they are derived again, from every stated relation, at
    /// [`GraphBuilder::finish`].
    pub fn new(mut graph: KinGraph) -> GraphBuilder {
        graph.retain_relations(super::Relation::is_stated);
        let mut builder = GraphBuilder {
            graph,
            by_key: HashMap::new(),
            by_hash: HashMap::new(),
            by_id: HashMap::new(),
            touched: HashSet::new(),
            report: BuildReport::default(),
        };
        let nodes: Vec<NodeIndex> = builder.graph.graph.node_indices().collect();
        for node in nodes {
            builder.index_names(node);
        }
        for doc in &builder.graph.documents {
            if let Some(hash) = &doc.content_hash {
                builder.by_hash.entry(hash.clone()).or_insert_with(|| doc.id.clone());
            }
            builder.by_id.insert(doc.id.clone(), doc.content_hash.clone());
        }
        builder
    }

    /// The graph as built so far (without this run's inferred relations).
    pub fn graph(&self) -> &KinGraph {
        &self.graph
    }

    /// Whether the graph already holds this document's text, without
    /// extracting it: callers skip the extraction, the costly part, for
    /// documents they would add for nothing.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DocumentChanged`] when the id is in the graph with a
    /// different text.
    pub fn check(&self, doc: &Document) -> Result<Added, Error> {
        let hash = content_hash(doc.text());
        if let Some(id) = self.by_hash.get(&hash) {
            return Ok(Added::AlreadyPresent { id: id.clone() });
        }
        match self.by_id.get(doc.id()) {
            // A graph from before content hashes: the id is all there is.
            Some(None) => Ok(Added::AlreadyPresent { id: doc.id().to_string() }),
            Some(Some(_)) => Err(ErrorKind::DocumentChanged { id: doc.id().to_string() }.into()),
            None => Ok(Added::New),
        }
    }

    /// Adds a document, running `extract` on it only when the graph does not
    /// already hold it: extraction is the costly part of a build.
    ///
    /// # Errors
    ///
    /// As [`GraphBuilder::check`].
    pub fn add_with(
        &mut self,
        doc: &Document,
        extract: impl FnOnce(&Document) -> Extraction,
    ) -> Result<Added, Error> {
        match self.check(doc)? {
            Added::New => self.add(doc, &extract(doc)),
            Added::AlreadyPresent { id } => {
                self.report.skipped.push(Skipped { id: doc.id().to_string(), same_as: id.clone() });
                Ok(Added::AlreadyPresent { id })
            }
        }
    }

    /// Adds a document and its extraction, resolving its people against
    /// the graph. A document the graph already holds changes nothing.
    ///
    /// # Errors
    ///
    /// As [`GraphBuilder::check`].
    pub fn add(&mut self, doc: &Document, extraction: &Extraction) -> Result<Added, Error> {
        if let Added::AlreadyPresent { id } = self.check(doc)? {
            self.report.skipped.push(Skipped { id: doc.id().to_string(), same_as: id.clone() });
            return Ok(Added::AlreadyPresent { id });
        }
        let info = DocumentInfo::of(doc);
        if let Some(hash) = &info.content_hash {
            self.by_hash.insert(hash.clone(), info.id.clone());
        }
        self.by_id.insert(info.id.clone(), info.content_hash.clone());
        self.graph.documents.push(info);
        self.report.documents_added += 1;

        let (targets, conflicts) = Resolution::new(self, doc, extraction).run();
        self.report.conflicts.extend(conflicts);
        let mut quoter = Quoter::new(doc);
        let mut nodes = Vec::with_capacity(targets.len());
        for (facts, target) in extraction.people.iter().zip(targets) {
            let node = match target {
                Some((node, found)) => {
                    self.absorb(node, &mut quoter, facts);
                    let reason = match found {
                        Found::Name => MergeReason::SameName,
                        Found::Relative { role, anchor } => {
                            let (relative, relative_name) = self
                                .graph
                                .graph
                                .node_weight(anchor)
                                .map_or((String::new(), String::new()), |p| (p.id.clone(), p.name.clone()));
                            MergeReason::Relative { role, relative, relative_name }
                        }
                    };
                    let person = &self.graph.graph[node];
                    self.report.merges.push(Merge {
                        document: doc.id().to_string(),
                        as_named: facts.name.clone(),
                        person: person.id.clone(),
                        name: person.name.clone(),
                        reason,
                    });
                    node
                }
                None => {
                    self.report.people_added += 1;
                    let node = self.graph.add_person(&mut quoter, facts);
                    self.index_names(node);
                    node
                }
            };
            nodes.push(node);
        }

        let mut edges = HashMap::new();
        for fact in &extraction.relations {
            let (Some(&head), Some(&tail)) = (nodes.get(fact.head), nodes.get(fact.tail)) else {
                continue;
            };
            if let Some(edge) = self.graph.add_relation_fact(&mut quoter, fact, head, tail, &mut edges) {
                self.touched.insert(edge);
            }
        }
        Ok(Added::New)
    }

    /// Ends the run: derives kin from chains unless `infer` is false, and
    /// reports the relations that changed between articles.
    pub fn finish(mut self, infer: bool) -> (KinGraph, BuildReport) {
        let mut touched: Vec<EdgeIndex> = self.touched.iter().copied().collect();
        touched.sort();
        for edge in touched {
            let Some((head, tail)) = self.graph.graph.edge_endpoints(edge) else {
                continue;
            };
            let relation = &self.graph.graph[edge];
            let Some((before, after)) = relation.ended_between() else {
                continue;
            };
            let statement = |date: Date, ended: bool| {
                relation
                    .evidence
                    .iter()
                    .filter(|e| e.date() == Some(date))
                    .find(|e| {
                        ended
                            == e.qualifiers().iter().any(|q| matches!(q, Qualifier::Former | Qualifier::Late))
                    })
                    .map(|e| (date, e.term().unwrap_or(e.text()).to_string(), e.document().to_string()))
            };
            let (Some(before), Some(after)) = (statement(before, false), statement(after, true)) else {
                continue;
            };
            let name = |n: NodeIndex| format!("{} [{}]", self.graph.graph[n].name, self.graph.graph[n].id);
            self.report.changes.push(Change {
                head: name(head),
                tail: name(tail),
                label: relation.label(),
                before,
                after,
            });
        }
        if infer {
            self.report.inferred = self.graph.infer();
        }
        (self.graph, self.report)
    }

    /// Adds a document's facts about a person to an existing node, keeping
    /// the fullest name as the display name.
    fn absorb(&mut self, node: NodeIndex, quoter: &mut Quoter<'_>, facts: &PersonFacts) {
        let person = &mut self.graph.graph[node];
        absorb_person(person, quoter, facts);
        let best = person.names.iter().fold(person.name.as_str(), |best, n| fuller(best, n)).to_string();
        if best != person.name {
            person.names.retain(|n| *n != best);
            person.names.insert(0, best.clone());
            person.name = best;
        }
        self.index_names(node);
    }

    /// Records the full-name keys of a person.
    fn index_names(&mut self, node: NodeIndex) {
        let Some(person) = self.graph.graph.node_weight(node) else {
            return;
        };
        for name in &person.names {
            if let Some(key) = NameParts::parse(name).key() {
                let nodes = self.by_key.entry(key).or_default();
                if !nodes.contains(&node) {
                    nodes.push(node);
                }
            }
        }
    }
}

/// How a person of the document was matched.
#[derive(Debug, Clone, Copy)]
enum Found {
    /// By full name.
    Name,
    /// Through a relative already resolved to `anchor`.
    Relative { role: &'static str, anchor: NodeIndex },
}

/// Which way a relation points, seen from one end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// This end is the parent.
    ParentOf,
    /// This end is the child.
    ChildOf,
    /// Symmetric kinds.
    Both,
}

impl Side {
    fn word(self, kind: RelationKind) -> &'static str {
        match (self, kind) {
            (Side::ParentOf, _) => "parent of",
            (Side::ChildOf, _) => "child of",
            (_, RelationKind::Spouse) => "spouse of",
            (_, RelationKind::Partner) => "partner of",
            (_, RelationKind::Sibling) => "sibling of",
            (_, RelationKind::Relative) => "relative of",
            _ => "friend of",
        }
    }
}

/// A relation of a person of the new document.
#[derive(Debug, Clone)]
struct Tie {
    kind: RelationKind,
    side: Side,
    other: usize,
    qualifiers: Vec<Qualifier>,
}

/// What resolution knows of one person of the new document.
#[derive(Debug)]
struct Newcomer<'x> {
    facts: &'x PersonFacts,
    parts: NameParts,
    ties: Vec<Tie>,
}

/// The resolution of one document's people.
struct Resolution<'b, 'x> {
    builder: &'b GraphBuilder,
    doc: &'x Document,
    people: Vec<Newcomer<'x>>,
    /// Decided targets: `Some(Some(node))` merged, `Some(None)` new.
    decided: Vec<Option<(NodeIndex, Found)>>,
    used: HashSet<NodeIndex>,
    /// Hard conflicts found, by (person, node), reported once.
    kept_apart: Vec<(usize, NodeIndex, String)>,
    soft: Vec<(usize, NodeIndex, String)>,
    ambiguous: Vec<(usize, Vec<NodeIndex>)>,
}

impl<'b, 'x> Resolution<'b, 'x> {
    fn new(builder: &'b GraphBuilder, doc: &'x Document, extraction: &'x Extraction) -> Self {
        let mut people: Vec<Newcomer<'x>> = extraction
            .people
            .iter()
            .map(|facts| Newcomer { facts, parts: NameParts::parse(&facts.name), ties: Vec::new() })
            .collect();
        for fact in &extraction.relations {
            let (h, t) = (fact.head, fact.tail);
            if h == t || h >= people.len() || t >= people.len() {
                continue;
            }
            let (hs, ts) = if fact.kind == RelationKind::Parent {
                (Side::ParentOf, Side::ChildOf)
            } else {
                (Side::Both, Side::Both)
            };
            let q = fact.qualifiers.clone();
            people[h].ties.push(Tie { kind: fact.kind, side: hs, other: t, qualifiers: q.clone() });
            people[t].ties.push(Tie { kind: fact.kind, side: ts, other: h, qualifiers: q });
        }
        let n = people.len();
        Resolution {
            builder,
            doc,
            people,
            decided: vec![None; n],
            used: HashSet::new(),
            kept_apart: Vec::new(),
            soft: Vec::new(),
            ambiguous: Vec::new(),
        }
    }

    fn graph(&self) -> &'b KinGraph {
        &self.builder.graph
    }

    /// Decides every person: rounds until nothing changes, since resolving
    /// one person gives the next one a relative to be found through.
    fn run(mut self) -> (Vec<Option<(NodeIndex, Found)>>, Vec<Conflict>) {
        let n = self.people.len();
        let mut open: Vec<usize> = (0..n).collect();
        let mut last_ambiguous: HashMap<usize, Vec<NodeIndex>> = HashMap::new();
        loop {
            let mut progress = false;
            let mut still = Vec::new();
            for i in open {
                match self.decide(i) {
                    Decision::Merge(node, found) => {
                        self.decided[i] = Some((node, found));
                        self.used.insert(node);
                        progress = true;
                    }
                    Decision::Wait(candidates) => {
                        if candidates.len() > 1 {
                            last_ambiguous.insert(i, candidates);
                        }
                        still.push(i);
                    }
                }
            }
            open = still;
            if !progress || open.is_empty() {
                break;
            }
        }
        for i in open {
            if let Some(candidates) = last_ambiguous.remove(&i) {
                self.ambiguous.push((i, candidates));
            }
        }
        let conflicts = self.conflicts();
        (self.decided, conflicts)
    }

    /// What was found, for the builder's report.
    fn conflicts(&self) -> Vec<Conflict> {
        let graph = self.graph();
        let doc = self.doc.id().to_string();
        let person = |node: NodeIndex| graph.graph.node_weight(node);
        let mut conflicts = Vec::new();
        let mut seen = HashSet::new();
        for (kept_apart, list) in [(true, &self.kept_apart), (false, &self.soft)] {
            for (i, node, detail) in list {
                if !seen.insert((*i, *node, detail.clone())) {
                    continue;
                }
                // A hard conflict with the node the person was merged into
                // cannot happen; a soft one only matters if merged there.
                let merged_here = self.decided[*i].is_some_and(|(n, _)| n == *node);
                if kept_apart == merged_here {
                    continue;
                }
                let Some(p) = person(*node) else { continue };
                conflicts.push(Conflict {
                    document: doc.clone(),
                    as_named: self.people[*i].facts.name.clone(),
                    person: p.id.clone(),
                    name: p.name.clone(),
                    kept_apart,
                    detail: detail.clone(),
                });
            }
        }
        for (i, candidates) in &self.ambiguous {
            let names: Vec<String> = candidates
                .iter()
                .filter_map(|&n| person(n))
                .map(|p| format!("{} [{}]", p.name, p.id))
                .collect();
            conflicts.push(Conflict {
                document: doc.clone(),
                as_named: self.people[*i].facts.name.clone(),
                person: String::new(),
                name: String::new(),
                kept_apart: true,
                detail: format!(
                    "could be {}; nothing tells them apart, so kept as a new person",
                    names.join(" or ")
                ),
            });
        }
        conflicts
    }

    /// What to do with one person now.
    fn decide(&mut self, i: usize) -> Decision {
        let mut candidates: Vec<(NodeIndex, Found)> = Vec::new();
        if let Some(key) = self.people[i].parts.key()
            && let Some(nodes) = self.builder.by_key.get(&key)
        {
            for &node in nodes {
                let compatible = self.graph().graph.node_weight(node).is_some_and(|p| {
                    NameParts::parse(&p.name).compatible(&self.people[i].parts)
                        || p.names.iter().any(|n| NameParts::parse(n).compatible(&self.people[i].parts))
                });
                if compatible {
                    candidates.push((node, Found::Name));
                }
            }
        }
        for (node, found) in self.through_relatives(i) {
            if !candidates.iter().any(|(n, _)| *n == node) {
                candidates.push((node, found));
            }
        }
        candidates.retain(|(node, _)| !self.used.contains(node));
        let mut viable = Vec::new();
        for (node, found) in candidates {
            let findings = self.compare(i, node);
            let mut hard = false;
            for (is_hard, detail) in findings {
                if is_hard {
                    hard = true;
                    self.kept_apart.push((i, node, detail));
                } else {
                    self.soft.push((i, node, detail));
                }
            }
            if !hard {
                viable.push((node, found));
            }
        }
        match viable.as_slice() {
            [] => Decision::Wait(Vec::new()),
            [(node, found)] => Decision::Merge(*node, *found),
            _ => {
                let mut scored: Vec<(i32, NodeIndex, Found)> =
                    viable.iter().map(|&(node, found)| (self.score(i, node), node, found)).collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                if scored[0].0 > scored[1].0 {
                    Decision::Merge(scored[0].1, scored[0].2)
                } else {
                    Decision::Wait(viable.iter().map(|(n, _)| *n).collect())
                }
            }
        }
    }

    /// People of the graph who stand in the same relation to an already
    /// resolved relative as person `i` does in the document, with a name
    /// that fits.
    fn through_relatives(&self, i: usize) -> Vec<(NodeIndex, Found)> {
        let graph = &self.graph().graph;
        let me = &self.people[i];
        let mut found = Vec::new();
        for tie in &me.ties {
            let Some((anchor, _)) = self.decided[tie.other] else {
                continue;
            };
            // The node must be to the anchor what `i` is to the relative.
            let edges: Vec<(NodeIndex, &super::Relation)> = match tie.side {
                Side::ChildOf => graph
                    .edges_directed(anchor, Direction::Outgoing)
                    .map(|e| (e.target(), e.weight()))
                    .filter(|(_, r)| r.kind == RelationKind::Parent)
                    .collect(),
                Side::ParentOf => graph
                    .edges_directed(anchor, Direction::Incoming)
                    .map(|e| (e.source(), e.weight()))
                    .filter(|(_, r)| r.kind == RelationKind::Parent)
                    .collect(),
                Side::Both => graph
                    .edges_directed(anchor, Direction::Outgoing)
                    .map(|e| (e.target(), e.weight()))
                    .chain(
                        graph.edges_directed(anchor, Direction::Incoming).map(|e| (e.source(), e.weight())),
                    )
                    .filter(|(_, r)| same_kind(r.kind, tie.kind))
                    .collect(),
            };
            for (node, relation) in edges {
                if !relation.is_stated() || found.iter().any(|(n, _)| *n == node) {
                    continue;
                }
                let Some(person) = graph.node_weight(node) else { continue };
                if person.names.iter().any(|n| NameParts::parse(n).compatible(&me.parts)) {
                    found.push((node, Found::Relative { role: tie.side.word(tie.kind), anchor }));
                }
            }
        }
        found
    }

    /// How well a candidate fits beyond the name: relatives in common
    /// count most, then agreeing birth years, hometowns and roles.
    fn score(&self, i: usize, node: NodeIndex) -> i32 {
        let graph = &self.graph().graph;
        let me = &self.people[i];
        let Some(person) = graph.node_weight(node) else { return 0 };
        let mut score = 0;
        let neighbours: HashSet<NodeIndex> = graph.neighbors_undirected(node).collect();
        for tie in &me.ties {
            if let Some((anchor, _)) = self.decided[tie.other]
                && neighbours.contains(&anchor)
            {
                score += 10;
            }
        }
        let mine = born_ranges(me.facts.attributes.iter().map(|a| &a.attribute));
        let theirs = born_ranges(person.attributes.iter().map(|a| &a.attribute));
        if mine.iter().any(|a| theirs.iter().any(|b| distance(*a, *b) == 0)) {
            score += 2;
        }
        for fact in &me.facts.attributes {
            if matches!(fact.attribute, Attribute::Hometown { .. } | Attribute::Role { .. })
                && person.attributes.iter().any(|a| a.attribute == fact.attribute)
            {
                score += 1;
            }
        }
        score
    }

    /// What disagrees between person `i` and a node: `(hard, detail)`.
    fn compare(&self, i: usize, node: NodeIndex) -> Vec<(bool, String)> {
        let graph = &self.graph().graph;
        let me = &self.people[i];
        let Some(them) = graph.node_weight(node) else { return Vec::new() };
        let mut findings = Vec::new();
        let their_parts = NameParts::parse(&them.name);
        if !their_parts.compatible(&me.parts) && !me.parts.single() && !their_parts.single() {
            findings.push((true, format!("names differ: {:?} and {:?}", me.facts.name, them.name)));
        }
        if let (Some(a), Some(b)) = (me.facts.gender, them.gender)
            && a != b
        {
            findings.push((true, format!("gender: {} here, {} there", gender(a), gender(b))));
        }
        let mine = born_ranges(me.facts.attributes.iter().map(|a| &a.attribute));
        let theirs = born_ranges(them.attributes.iter().map(|a| &a.attribute));
        let gap = mine.iter().flat_map(|a| theirs.iter().map(move |b| (distance(*a, *b), *a))).max();
        if let Some((d, a)) = gap
            && d > 0
        {
            let span = (
                theirs.iter().map(|r| r.0).min().unwrap_or(a.0),
                theirs.iter().map(|r| r.1).max().unwrap_or(a.1),
            );
            let detail = format!("born {} here, {} there", years(a), years(span));
            findings.push((d >= 2, if d >= 2 { detail } else { format!("ages disagree: {detail}") }));
        }
        if let (Some(a), Some(b)) = (
            death_year(me.facts.attributes.iter().map(|x| &x.attribute)),
            death_year(them.attributes.iter().map(|x| &x.attribute)),
        ) && (a - b).abs() > 1
        {
            findings.push((true, format!("died {a} here, {b} there")));
        }
        if let Some(detail) = self.parents_conflict(i, node) {
            findings.push((true, detail));
        }
        if let Some(detail) = self.spouses_conflict(i, node) {
            findings.push((true, detail));
        }
        findings
    }

    /// Two different mothers (or fathers), or more than two parents in all.
    fn parents_conflict(&self, i: usize, node: NodeIndex) -> Option<String> {
        let graph = &self.graph().graph;
        let me = &self.people[i];
        let mine: Vec<(&NameParts, Option<Gender>, &str)> = me
            .ties
            .iter()
            .filter(|t| {
                t.kind == RelationKind::Parent && t.side == Side::ChildOf && biological(&t.qualifiers)
            })
            .map(|t| {
                let p = &self.people[t.other];
                (&p.parts, p.facts.gender, p.facts.name.as_str())
            })
            .collect();
        if mine.is_empty() {
            return None;
        }
        let theirs: Vec<(NameParts, Option<Gender>, &str)> = graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| e.weight().kind == RelationKind::Parent && e.weight().is_stated())
            .filter(|e| biological(&e.weight().qualifiers))
            .filter_map(|e| graph.node_weight(e.source()))
            .map(|p| (NameParts::parse(&p.name), p.gender, p.name.as_str()))
            .collect();
        for (a, ga, na) in &mine {
            for (b, gb, nb) in &theirs {
                if ga.is_some() && ga == gb && a.given_differs(b) && !a.compatible(b) {
                    return Some(format!("parent {na:?} here, {nb:?} there"));
                }
            }
        }
        let unmatched = mine.iter().filter(|(a, ..)| !theirs.iter().any(|(b, ..)| a.compatible(b))).count();
        (theirs.len() + unmatched > 2).then(|| {
            let all: Vec<&str> = mine.iter().map(|m| m.2).chain(theirs.iter().map(|t| t.2)).collect();
            format!("more than two parents: {}", all.join(", "))
        })
    }

    /// Two different current spouses in articles at most a year apart (or
    /// undated): remarriage is possible over longer spans. A spouse either
    /// side names in any way (an ex-wife here, the wife there) is the same
    /// spouse, not a conflict.
    fn spouses_conflict(&self, i: usize, node: NodeIndex) -> Option<String> {
        let graph = &self.graph().graph;
        let me = &self.people[i];
        let current = |q: &[Qualifier]| !q.iter().any(|q| matches!(q, Qualifier::Former | Qualifier::Late));
        let date = self.doc.date();
        let mine: Vec<(&Newcomer<'_>, bool)> = me
            .ties
            .iter()
            .filter(|t| t.kind == RelationKind::Spouse)
            .map(|t| (&self.people[t.other], current(&t.qualifiers)))
            .collect();
        // The node's spouses: name, current, stated in an article close in time.
        let theirs: Vec<(NameParts, &str, bool)> = graph
            .edges_directed(node, Direction::Outgoing)
            .chain(graph.edges_directed(node, Direction::Incoming))
            .filter(|e| e.weight().kind == RelationKind::Spouse && e.weight().is_stated())
            .filter_map(|e| {
                let other = if e.source() == node { e.target() } else { e.source() };
                let spouse = graph.node_weight(other)?;
                let latest = e.weight().evidence.iter().filter_map(GraphEvidence::date).max();
                let close = match (date, latest) {
                    (Some(a), Some(b)) => (a.year - b.year).abs() <= 1,
                    _ => true,
                };
                Some((
                    NameParts::parse(&spouse.name),
                    spouse.name.as_str(),
                    current(&e.weight().qualifiers) && close,
                ))
            })
            .collect();
        for (spouse, is_current) in &mine {
            if !is_current || theirs.iter().any(|(parts, ..)| spouse.parts.compatible(parts)) {
                continue;
            }
            for (parts, name, close_and_current) in &theirs {
                let named_here = mine.iter().any(|(m, _)| m.parts.compatible(parts));
                if *close_and_current && !named_here && spouse.parts.given_differs(parts) {
                    return Some(format!("spouse {:?} here, {:?} there", spouse.facts.name, name));
                }
            }
        }
        None
    }
}

/// What to do with a person this round.
enum Decision {
    Merge(NodeIndex, Found),
    /// Not yet: no candidate, or several that nothing tells apart.
    Wait(Vec<NodeIndex>),
}

/// Spouse and partner anchor each other: "his wife" in one article may be
/// "his partner" in another.
fn same_kind(a: RelationKind, b: RelationKind) -> bool {
    a == b
        || matches!(
            (a, b),
            (RelationKind::Spouse, RelationKind::Partner) | (RelationKind::Partner, RelationKind::Spouse)
        )
}

/// Not a step- or adoptive parent: a person has at most two of these.
fn biological(qualifiers: &[Qualifier]) -> bool {
    !qualifiers.iter().any(|q| matches!(q, Qualifier::Step | Qualifier::Adoptive))
}

/// Birth-year ranges a person's attributes give: ages at article dates, and
/// an age at a dated death.
pub(crate) fn born_ranges<'a>(attributes: impl Iterator<Item = &'a Attribute>) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for attribute in attributes {
        match attribute {
            Attribute::Age { born: Some(range), .. } => out.push(*range),
            Attribute::Death { date: Some(date), age: Some(age), .. } => {
                let age = i32::try_from(*age).unwrap_or(i32::MAX);
                out.push((date.year.saturating_sub(age).saturating_sub(1), date.year.saturating_sub(age)));
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The year of death the attributes give, if any.
fn death_year<'a>(mut attributes: impl Iterator<Item = &'a Attribute>) -> Option<i32> {
    attributes.find_map(|a| match a {
        Attribute::Death { date: Some(date), .. } => Some(date.year),
        _ => None,
    })
}

/// Years between two birth-year ranges; 0 when they overlap.
fn distance(a: (i32, i32), b: (i32, i32)) -> i32 {
    (b.0 - a.1).max(a.0 - b.1).max(0)
}

fn years((from, to): (i32, i32)) -> String {
    if from == to { from.to_string() } else { format!("{from}–{to}") }
}

fn gender(g: Gender) -> &'static str {
    match g {
        Gender::Female => "female",
        Gender::Male => "male",
    }
}

impl fmt::Display for BuildReport {
    /// One line per event, grouped: skipped documents, merges, conflicts,
    /// changes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.skipped {
            writeln!(f, "skipped: {}: same text as {}", s.id, s.same_as)?;
        }
        for m in &self.merges {
            write!(f, "merged: {:?} in {} is {} [{}]", m.as_named, m.document, m.name, m.person)?;
            match &m.reason {
                MergeReason::SameName => writeln!(f, " (same name)")?,
                MergeReason::Relative { role, relative, relative_name } => {
                    writeln!(f, " ({role} {relative_name} [{relative}] in both)")?;
                }
            }
        }
        for c in &self.conflicts {
            if c.person.is_empty() {
                writeln!(f, "ambiguous: {:?} in {}: {}", c.as_named, c.document, c.detail)?;
            } else if c.kept_apart {
                writeln!(
                    f,
                    "kept apart: {:?} in {} is not {} [{}]: {}",
                    c.as_named, c.document, c.name, c.person, c.detail
                )?;
            } else {
                writeln!(
                    f,
                    "conflict: {} [{}] ({:?} in {}): {}",
                    c.name, c.person, c.as_named, c.document, c.detail
                )?;
            }
        }
        for c in &self.changes {
            writeln!(
                f,
                "changed: {} and {}: {:?} on {} ({}), {:?} on {} ({}): {}, ended between {} and {}",
                c.head,
                c.tail,
                c.before.1,
                c.before.0,
                c.before.2,
                c.after.1,
                c.after.0,
                c.after.2,
                c.label,
                c.before.0,
                c.after.0
            )?;
        }
        Ok(())
    }
}

impl KinGraph {
    /// People of the graph who appear in more than one document: the
    /// people entity resolution joined.
    pub fn people_in_several_documents(&self) -> impl Iterator<Item = (NodeIndex, &Person)> + '_ {
        self.people().filter(|(_, p)| p.documents.len() > 1)
    }
}
