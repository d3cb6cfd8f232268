/*!
The relationship graph: people as nodes, family and friendship relations as
edges, every fact with the sentences that state it.

[`KinGraph`] is built from the [`Extraction`] of each document and is the
only thing the exporters and the `query` command look at. It is
self-contained: evidence copies the sentence it quotes, so a saved graph
explains every edge without the articles it came from.

Two ways in:

- [`KinGraph::add_document`] keeps each document's people apart (one node
  per person per document): what `kith extract` shows, one article at a time.
- [`GraphBuilder`] (`kith build`) resolves people across documents
  ([`merge`]), skips documents it already holds (same content hash), and
  derives kin from chains (`infer.rs`, [`Inference`]), flagged apart from what
  the text says.

Invariants, relied on by the exporters and by `from_json`:

- All facts with the same pair and kind are one edge whose evidence lists
  every statement, and whose confidence combines them as independent
  signals: `1 − Π(1 − cᵢ)`. An inferred edge (see [`Inference`]) is never
  merged with a stated one; its confidence is that of its chain.
- Symmetric kinds are stored once, from the lower node index to the higher;
  `parent` edges go from parent to child.
- Nodes and edges are never removed, so indices are dense and equal to the
  position of a person or relation in every output.
*/

pub(crate) mod binary;
mod evidence;
mod infer;
mod kin;
mod load;
pub mod merge;
pub mod names;
mod path;
mod query;

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, IntoNodeReferences};
use serde::{Deserialize, Serialize};

use crate::fact::{Attribute, Extraction, Gender, PersonFacts, Qualifier, RelationFact, RelationKind};
use crate::text::{Date, Document};

pub use evidence::GraphEvidence;
pub(crate) use evidence::{Quoter, intern_reading, with_interner};
pub use infer::{ChainLink, Inference};
pub use kin::Kinship;
pub(crate) use load::{parse as parse_graph, parse_structure as parse_graph_structure};
pub use merge::{BuildReport, GraphBuilder};
pub use path::{PathFilter, PathStep, RelationPath};
pub use query::{
    Candidate, Explanation, GraphStats, Lookup, PeopleFilter, Reached, RelationRef, RelationView,
};

/// The people of one or more documents and the relations between them.
///
/// # Example
///
/// ```
/// use kith::fact::{Evidence, Extraction, PersonFacts, RelationFact, RelationKind};
/// use kith::graph::KinGraph;
/// use kith::span::Span;
/// use kith::text::Document;
///
/// let doc = Document::new("a.txt", "Ann Lee married Bo Lee.", None);
/// let person = |name: &str| PersonFacts {
///     name: name.to_string(),
///     names: vec![name.to_string()],
///     gender: None,
///     mentions: vec![],
///     attributes: vec![],
/// };
/// let evidence = Evidence {
///     sentence: 0,
///     sentence_span: Span::new(0, 23),
///     span: Span::new(8, 15),
///     rule: "married-verb".into(),
///     confidence: 0.8,
/// };
/// let extraction = Extraction {
///     people: vec![person("Ann Lee"), person("Bo Lee")],
///     relations: vec![RelationFact {
///         head: 1,
///         tail: 0,
///         kind: RelationKind::Spouse,
///         qualifiers: vec![],
///         term: Some("married".into()),
///         evidence,
///     }],
/// };
/// let graph = KinGraph::from_extraction(&doc, &extraction);
///
/// // Symmetric relations read the same from either end.
/// let ann = graph.find_person("ann lee").unwrap();
/// let view = graph.relations_of(ann).next().unwrap();
/// assert_eq!(view.direction_word, "spouse of");
/// assert_eq!(graph.person(view.other).unwrap().name, "Bo Lee");
/// assert_eq!(view.relation.evidence[0].text(), "married");
/// ```
#[derive(Debug, Clone, Default)]
pub struct KinGraph {
    graph: StableDiGraph<Person, Relation>,
    documents: Vec<DocumentInfo>,
    /// The number in the next new person's id (`p<n>`), above every id in
    /// the graph, so ids stay unique after loading a saved graph.
    next_person: usize,
}

/// A document the graph was built from; evidence refers to it by `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The document's id (its path, or its JSON Lines id).
    pub id: String,
    /// Publication date, which ages in the evidence are relative to.
    pub date: Option<Date>,
    /// [`content_hash`] of the document's text, so that `kith build` can
    /// tell an article it already holds from a new one whatever its path.
    /// Kept by [`GraphBuilder`]; `None` (and left out of the JSON) in the
    /// per-article graphs of [`KinGraph::add_document`] and in graphs
    /// written before format version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
}

/// A stable fingerprint of a text: 128-bit FNV-1a of its UTF-8 bytes (after
/// the NFC normalisation every [`Document`] applies), as `fnv1a128:` and 32
/// hex digits.
///
/// Stable across platforms and Rust versions (unlike `std`'s hasher), which a
/// hash stored in a file needs; not cryptographic, which deduplicating one's
/// own articles does not need.
pub fn content_hash(text: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let hash = text.bytes().fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    format!("fnv1a128:{hash:032x}")
}

/// A person (a node).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id within the graph (`p0`, `p1`, ...), used by relations and
    /// by every output format so that people can be referred to unambiguously.
    pub id: String,
    /// The fullest name the text gives.
    pub name: String,
    /// Every distinct surface name, `name` first; what name lookups match.
    pub names: Vec<String>,
    /// Gender when some cue in the text shows it.
    pub gender: Option<Gender>,
    /// Ids of the documents that mention this person, so exporters can group
    /// people by article. Shared strings: an article's people share its id.
    pub documents: Vec<Arc<str>>,
    /// What the text says about the person, each with its evidence.
    pub attributes: Vec<PersonAttribute>,
}

impl Person {
    /// True when the text says the person has died; exporters mark them.
    pub fn is_deceased(&self) -> bool {
        self.attributes.iter().any(|a| matches!(a.attribute, Attribute::Death { .. }))
    }
}

/// One attribute of a person, with every place the text states it.
///
/// Read by a hand-written `Deserialize` (in `load.rs`) that avoids serde's
/// slow `flatten` on the way in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonAttribute {
    /// What is said (serialized inline: `{"type": "age", "years": 39, ...}`).
    #[serde(flatten)]
    pub attribute: Attribute,
    /// Where it is said.
    pub evidence: Vec<GraphEvidence>,
}

/// A relation between two people (an edge).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// The relation type; `parent` edges point from parent to child.
    pub kind: RelationKind,
    /// Union of the qualifiers of every fact merged into this edge, sorted.
    pub qualifiers: Vec<Qualifier>,
    /// The kinship words as written ("late husband", "son"), in order of
    /// first appearance, so a reader sees more than the closed set of kinds.
    /// Shared strings: a few words serve millions of relations.
    pub terms: Vec<Arc<str>>,
    /// 0.0..=1.0: for a stated relation, combined over the evidence as
    /// independent signals; for an inferred one, the product over its chain
    /// (every link must hold).
    pub confidence: f32,
    /// `None` when the text states the relation; for a relation derived from
    /// others (a sibling through a shared parent), the rule and the chain of
    /// stated relations it comes from, so that inference stays apart from
    /// what the articles say. Boxed: most relations are stated, and an
    /// empty box costs a pointer where an inline `Inference` would cost 48
    /// bytes on each of millions of edges.
    #[serde(default)]
    pub inferred: Option<Box<Inference>>,
    /// Every statement of the relation; for an inferred relation, the
    /// statements of every link of its chain.
    pub evidence: Vec<GraphEvidence>,
}

impl Relation {
    /// True when an article states the relation (it is not inferred).
    pub fn is_stated(&self) -> bool {
        self.inferred.is_none()
    }

    /// For a relation that some statements give as current and later ones
    /// as ended (`former` or `late`: "wife" in 2019, "ex-wife" in 2022), the
    /// date of the last statement still current and the first one saying it
    /// ended, so readers see when it changed. `None` when no dated statement
    /// says it ended, or none says it was current before.
    pub fn ended_between(&self) -> Option<(Date, Date)> {
        let ended = |e: &GraphEvidence| {
            e.qualifiers().iter().any(|q| matches!(q, Qualifier::Former | Qualifier::Late))
        };
        let first_ended = self.evidence.iter().filter(|e| ended(e)).filter_map(GraphEvidence::date).min()?;
        let last_current = self
            .evidence
            .iter()
            .filter(|e| !ended(e))
            .filter_map(GraphEvidence::date)
            .filter(|&d| d < first_ended)
            .max()?;
        Some((last_current, first_ended))
    }
    /// The kind with its qualifiers, as edge labels show it:
    /// `spouse (late)`, `parent (step, adoptive)`.
    pub fn label(&self) -> String {
        if self.qualifiers.is_empty() {
            return self.kind.as_str().to_string();
        }
        let words: Vec<&str> = self.qualifiers.iter().map(|&q| qualifier_word(q)).collect();
        format!("{} ({})", self.kind, words.join(", "))
    }
}

/// The word for a qualifier in labels and summaries (the same as its JSON
/// spelling).
pub fn qualifier_word(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Late => "late",
        Qualifier::Former => "former",
        Qualifier::Step => "step",
        Qualifier::Half => "half",
        Qualifier::InLaw => "in-law",
        Qualifier::Adoptive => "adoptive",
        Qualifier::Engaged => "engaged",
    }
}

/// Clamps a confidence to 0..=1 (NaN counts as 0) and rounds it to four
/// decimals, which is all the precision a rule's estimate has, and which
/// keeps the JSON form short and exactly reproducible.
pub(crate) fn normalize_confidence(confidence: f32) -> f32 {
    if confidence.is_nan() {
        return 0.0;
    }
    (confidence.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
}

/// `1 − Π(1 − cᵢ)`: several independent readings of the same fact make it
/// more certain than any one of them.
pub(crate) fn combined_confidence(evidence: &[GraphEvidence]) -> f32 {
    let doubt: f32 = evidence.iter().map(|e| 1.0 - e.confidence()).product();
    normalize_confidence(1.0 - doubt)
}

impl KinGraph {
    /// An empty graph.
    pub fn new() -> KinGraph {
        KinGraph::default()
    }

    /// The graph of one document.
    pub fn from_extraction(doc: &Document, extraction: &Extraction) -> KinGraph {
        let mut graph = KinGraph::new();
        graph.add_document(doc, extraction);
        graph
    }

    /// Adds a document's people and relations, keeping its people apart
    /// from everyone already in the graph (one new node per person): the
    /// graph of separate articles that `kith extract` shows. To resolve
    /// people across documents, use [`GraphBuilder`].
    ///
    /// Relation facts with the same pair and kind become one edge. Facts
    /// that point at people the extraction does not have, or relate a person
    /// to themselves, are dropped: they cannot be drawn or queried.
    pub fn add_document(&mut self, doc: &Document, extraction: &Extraction) {
        self.documents.push(DocumentInfo { id: doc.id().to_string(), date: doc.date(), content_hash: None });
        let mut quoter = Quoter::new(doc);
        let nodes: Vec<NodeIndex> =
            extraction.people.iter().map(|facts| self.add_person(&mut quoter, facts)).collect();
        let mut edges: HashMap<(NodeIndex, NodeIndex, RelationKind), EdgeIndex> = HashMap::new();
        for fact in &extraction.relations {
            let (Some(&head), Some(&tail)) = (nodes.get(fact.head), nodes.get(fact.tail)) else {
                continue;
            };
            self.add_relation_fact(&mut quoter, fact, head, tail, &mut edges);
        }
    }

    /// A new node for a person of a document, with a fresh id.
    pub(crate) fn add_person(&mut self, quoter: &mut Quoter<'_>, facts: &PersonFacts) -> NodeIndex {
        let id = format!("p{}", self.next_person);
        self.next_person += 1;
        let mut person = Person {
            id,
            name: facts.name.clone(),
            names: vec![facts.name.clone()],
            gender: facts.gender,
            documents: Vec::new(),
            attributes: Vec::new(),
        };
        absorb_person(&mut person, quoter, facts);
        self.graph.add_node(person)
    }

    /// Adds one relation fact between two nodes: to the stated edge of the
    /// same pair and kind when there is one (found through `edges`, a cache
    /// the caller keeps for one batch, or by looking at the nodes' edges),
    /// else to a new edge.
    pub(crate) fn add_relation_fact(
        &mut self,
        quoter: &mut Quoter<'_>,
        fact: &RelationFact,
        head: NodeIndex,
        tail: NodeIndex,
        edges: &mut HashMap<(NodeIndex, NodeIndex, RelationKind), EdgeIndex>,
    ) -> Option<EdgeIndex> {
        if head == tail {
            return None;
        }
        let (head, tail) = canonical(fact.kind, head, tail);
        let key = (head, tail, fact.kind);
        let edge = match edges.get(&key) {
            Some(&edge) => edge,
            None => {
                let existing = self
                    .graph
                    .edges_connecting(head, tail)
                    .find(|e| e.weight().kind == fact.kind && e.weight().is_stated())
                    .map(|e| e.id());
                let edge = existing.unwrap_or_else(|| {
                    self.graph.add_edge(
                        head,
                        tail,
                        Relation {
                            kind: fact.kind,
                            qualifiers: Vec::new(),
                            terms: Vec::new(),
                            confidence: 0.0,
                            inferred: None,
                            evidence: Vec::new(),
                        },
                    )
                });
                edges.insert(key, edge);
                edge
            }
        };
        let relation = self.graph.edge_weight_mut(edge)?;
        relation.qualifiers.extend(fact.qualifiers.iter().copied());
        relation.qualifiers.sort();
        relation.qualifiers.dedup();
        match &fact.term {
            Some(term) if !relation.terms.iter().any(|t| **t == **term) => {
                relation.terms.push(quoter.string(term));
            }
            _ => {}
        }
        push_evidence(&mut relation.evidence, quoter.relation_evidence(fact));
        relation.confidence = combined_confidence(&relation.evidence);
        Some(edge)
    }

    /// Keeps only the relations `keep` accepts and renumbers the rest
    /// densely, in their order, so relation ids stay positions. People are
    /// never removed.
    pub(crate) fn retain_relations(&mut self, keep: impl Fn(&Relation) -> bool) {
        let before = self.graph.edge_count();
        self.graph.retain_edges(|g, e| g.edge_weight(e).is_some_and(&keep));
        if self.graph.edge_count() != before {
            let compact = petgraph::Graph::from(std::mem::take(&mut self.graph));
            self.graph = StableDiGraph::from(compact);
        }
    }

    /// A graph from a petgraph graph whose node order is the people order
    /// (the file reader's), with the documents it was built from.
    pub(crate) fn from_graph(
        documents: Vec<DocumentInfo>,
        graph: StableDiGraph<Person, Relation>,
    ) -> KinGraph {
        let next_person = graph
            .node_weights()
            .filter_map(|p| p.id.strip_prefix('p')?.parse::<usize>().ok())
            .map(|n| n.saturating_add(1))
            .chain([graph.node_count()])
            .max()
            .unwrap_or_default();
        KinGraph { graph, documents, next_person }
    }

    /// The documents the graph was built from, in the order they were added.
    pub fn documents(&self) -> &[DocumentInfo] {
        &self.documents
    }

    /// The underlying petgraph graph, for its algorithms and adaptors (paths,
    /// `EdgeFiltered` views by relation kind).
    pub fn graph(&self) -> &StableDiGraph<Person, Relation> {
        &self.graph
    }

    /// The person at a node, if the node is in this graph.
    pub fn person(&self, node: NodeIndex) -> Option<&Person> {
        self.graph.node_weight(node)
    }

    /// The relation on an edge, if the edge is in this graph.
    pub fn relation(&self, edge: EdgeIndex) -> Option<&Relation> {
        self.graph.edge_weight(edge)
    }

    /// Every person, in node order (the order of every output).
    pub fn people(&self) -> impl Iterator<Item = (NodeIndex, &Person)> + '_ {
        (&self.graph).node_references()
    }

    /// The people mentioned in one document, in node order.
    pub fn people_of<'g>(&'g self, document: &'g str) -> impl Iterator<Item = (NodeIndex, &'g Person)> + 'g {
        self.people().filter(move |(_, p)| p.documents.iter().any(|d| **d == *document))
    }

    /// Every relation, in edge order, with its ends (`head` is the parent for
    /// `parent` relations).
    pub fn relations(&self) -> impl Iterator<Item = RelationRef<'_>> + '_ {
        // A stable graph lists its edges in index order.
        (&self.graph).edge_references().map(|e| RelationRef {
            edge: e.id(),
            head: e.source(),
            tail: e.target(),
            relation: e.weight(),
        })
    }

    /// The relations stated in one document, in edge order.
    pub fn relations_in<'g>(&'g self, document: &'g str) -> impl Iterator<Item = RelationRef<'g>> {
        self.relations().filter(move |r| r.relation.evidence.iter().any(|e| e.document() == document))
    }

    /// The id relations have in every output (`r0`, `r1`, ...), derived from
    /// the edge's position so it needs no storage and survives a round trip.
    pub fn relation_id(edge: EdgeIndex) -> String {
        format!("r{}", edge.index())
    }

    /// Removes every relation whose combined confidence is below `min`
    /// (`--min-confidence`): a user who wants only sure edges gets them,
    /// and the people stay.
    pub fn drop_relations_below(&mut self, min: f32) {
        self.retain_relations(|r| r.confidence >= min);
    }

    /// True when the graph has no people (and so no relations).
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }
}

impl DocumentInfo {
    /// The record of a document: id, date and content hash.
    pub fn of(doc: &Document) -> DocumentInfo {
        DocumentInfo {
            id: doc.id().to_string(),
            date: doc.date(),
            content_hash: Some(content_hash(doc.text())),
        }
    }
}

/// Adds what a document says about a person to a node's person: names,
/// gender when it had none, the document, attributes (equal attributes
/// merge their evidence).
pub(crate) fn absorb_person(person: &mut Person, quoter: &mut Quoter<'_>, facts: &PersonFacts) {
    let doc = quoter.doc();
    for name in std::iter::once(&facts.name).chain(&facts.names) {
        if !person.names.contains(name) {
            person.names.push(name.clone());
        }
    }
    if person.gender.is_none() {
        person.gender = facts.gender;
    }
    if !person.documents.iter().any(|d| **d == *doc.id()) {
        person.documents.push(quoter.document_id());
    }
    for fact in &facts.attributes {
        let evidence = quoter.evidence(&fact.evidence);
        match person.attributes.iter_mut().find(|a| a.attribute == fact.attribute) {
            Some(existing) => push_evidence(&mut existing.evidence, evidence),
            None => person
                .attributes
                .push(PersonAttribute { attribute: fact.attribute.clone(), evidence: vec![evidence] }),
        }
    }
}

/// A name or a word from an article made safe for one line of terminal
/// output (whitespace runs as one space, control characters as U+FFFD), for
/// the sentences this module writes itself (paths, kinship).
pub(crate) fn plain(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.chars().map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect())
        .collect();
    words.join(" ")
}

/// The stored direction of a relation: symmetric kinds run from the lower
/// node to the higher, so each pair has one edge per kind; `parent` keeps
/// parent → child.
pub(crate) fn canonical<T: Ord>(kind: RelationKind, head: T, tail: T) -> (T, T) {
    if kind.is_symmetric() && tail < head { (tail, head) } else { (head, tail) }
}

/// Adds evidence unless the same rule already read the same words, keeping
/// the list in document order; repeats would inflate the confidence.
pub(crate) fn push_evidence(list: &mut Vec<GraphEvidence>, evidence: GraphEvidence) {
    let duplicate = list.iter().any(|e| {
        e.document() == evidence.document()
            && e.start() == evidence.start()
            && e.end() == evidence.end()
            && e.rule() == evidence.rule()
    });
    if !duplicate {
        list.push(evidence);
        list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}

#[cfg(test)]
mod binary_tests;
#[cfg(test)]
mod build_tests;
#[cfg(test)]
mod tests;
