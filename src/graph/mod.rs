/*!
The relationship graph: people as nodes, family and friendship relations as
edges, every fact with the sentences that state it.

[`KinGraph`] is built from the [`Extraction`] of each document and is the
only thing the exporters and the `query` command look at. It is
self-contained: evidence copies the sentence it quotes, so a saved graph
explains every edge without the articles it came from.

Invariants, relied on by the exporters and by `from_json`:

- People of different documents are kept apart (one node per person per
  document); merging them is a later stage (entity resolution).
- Within one document, all facts with the same pair and kind are one edge
  whose evidence lists every fact, and whose confidence combines them as
  independent signals: `1 − Π(1 − cᵢ)`.
- Symmetric kinds are stored once, from the lower node index to the higher;
  `parent` edges go from parent to child.
- Nodes and edges are never removed, so indices are dense and equal to the
  position of a person or relation in every output.
*/

mod query;

use std::collections::HashMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, IntoNodeReferences};
use serde::{Deserialize, Serialize};

use crate::fact::{Attribute, Evidence, Extraction, Gender, Qualifier, RelationKind};
use crate::text::{Date, Document};

pub use query::{Candidate, Lookup, RelationRef, RelationView};

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
/// assert_eq!(view.relation.evidence[0].text, "married");
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
    /// people by article (one document until entity resolution lands).
    pub documents: Vec<String>,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub terms: Vec<String>,
    /// 0.0..=1.0, combined over the evidence as independent signals.
    pub confidence: f32,
    /// Every fact that states the relation.
    pub evidence: Vec<GraphEvidence>,
}

impl Relation {
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

/// Where a fact comes from, copied out of its document so that the graph
/// alone can justify every fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphEvidence {
    /// Id of the document.
    pub document: String,
    /// The document's publication date.
    pub date: Option<Date>,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// The whole sentence, as written.
    pub sentence_text: String,
    /// Byte offset of the trigger words in the document text.
    pub start: usize,
    /// Byte offset one past the trigger words.
    pub end: usize,
    /// The trigger words ("late husband", "his wife, Grace").
    pub text: String,
    /// The extraction rule, to trace a fact to its code and tests.
    pub rule: String,
    /// The rule's confidence in this one reading.
    pub confidence: f32,
}

impl GraphEvidence {
    /// Copies an extraction's evidence out of its document.
    ///
    /// Spans outside the text (or off character boundaries) give empty
    /// strings rather than a panic: a bug upstream must not lose the graph.
    pub fn new(doc: &Document, evidence: &Evidence) -> GraphEvidence {
        let text = doc.text();
        let slice = |start: usize, end: usize| text.get(start..end).unwrap_or_default().to_string();
        GraphEvidence {
            document: doc.id().to_string(),
            date: doc.date(),
            sentence: evidence.sentence,
            sentence_text: slice(evidence.sentence_span.start, evidence.sentence_span.end),
            start: evidence.span.start,
            end: evidence.span.end,
            text: slice(evidence.span.start, evidence.span.end),
            rule: evidence.rule.clone(),
            confidence: normalize_confidence(evidence.confidence),
        }
    }

    /// Order of evidence within a fact: by document, then by position.
    fn sort_key(&self) -> (&str, usize, usize, usize, &str) {
        (&self.document, self.sentence, self.start, self.end, &self.rule)
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
fn combined_confidence(evidence: &[GraphEvidence]) -> f32 {
    let doubt: f32 = evidence.iter().map(|e| 1.0 - e.confidence).product();
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

    /// Adds a document's people and relations.
    ///
    /// Its people become new nodes (people are not matched across documents
    /// yet). Relation facts with the same pair and kind become one edge.
    /// Facts that point at people the extraction does not have, or relate a
    /// person to themselves, are dropped: they cannot be drawn or queried.
    pub fn add_document(&mut self, doc: &Document, extraction: &Extraction) {
        self.documents.push(DocumentInfo { id: doc.id().to_string(), date: doc.date() });
        let mut nodes = Vec::with_capacity(extraction.people.len());
        for facts in &extraction.people {
            let id = format!("p{}", self.next_person);
            self.next_person += 1;
            let mut names = vec![facts.name.clone()];
            for name in &facts.names {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
            let mut attributes: Vec<PersonAttribute> = Vec::new();
            for fact in &facts.attributes {
                let evidence = GraphEvidence::new(doc, &fact.evidence);
                match attributes.iter_mut().find(|a| a.attribute == fact.attribute) {
                    Some(existing) => push_evidence(&mut existing.evidence, evidence),
                    None => attributes.push(PersonAttribute {
                        attribute: fact.attribute.clone(),
                        evidence: vec![evidence],
                    }),
                }
            }
            let person = Person {
                id,
                name: facts.name.clone(),
                names,
                gender: facts.gender,
                documents: vec![doc.id().to_string()],
                attributes,
            };
            nodes.push(self.graph.add_node(person));
        }

        let mut edges: HashMap<(NodeIndex, NodeIndex, RelationKind), EdgeIndex> = HashMap::new();
        for fact in &extraction.relations {
            let (Some(&head), Some(&tail)) = (nodes.get(fact.head), nodes.get(fact.tail)) else {
                continue;
            };
            if head == tail {
                continue;
            }
            let (head, tail) = canonical(fact.kind, head, tail);
            let evidence = GraphEvidence::new(doc, &fact.evidence);
            let edge = *edges.entry((head, tail, fact.kind)).or_insert_with(|| {
                self.graph.add_edge(
                    head,
                    tail,
                    Relation {
                        kind: fact.kind,
                        qualifiers: Vec::new(),
                        terms: Vec::new(),
                        confidence: 0.0,
                        evidence: Vec::new(),
                    },
                )
            });
            let Some(relation) = self.graph.edge_weight_mut(edge) else {
                continue;
            };
            relation.qualifiers.extend(fact.qualifiers.iter().copied());
            relation.qualifiers.sort();
            relation.qualifiers.dedup();
            match &fact.term {
                Some(term) if !relation.terms.contains(term) => relation.terms.push(term.clone()),
                _ => {}
            }
            push_evidence(&mut relation.evidence, evidence);
            relation.confidence = combined_confidence(&relation.evidence);
        }
    }

    /// Assembles a graph from already-checked parts (the JSON reader), keeping
    /// the given order so indices match positions.
    pub(crate) fn from_parts(
        documents: Vec<DocumentInfo>,
        people: Vec<Person>,
        relations: Vec<(usize, usize, Relation)>,
    ) -> KinGraph {
        let mut graph = StableDiGraph::with_capacity(people.len(), relations.len());
        let nodes: Vec<NodeIndex> = people.into_iter().map(|p| graph.add_node(p)).collect();
        for (head, tail, relation) in relations {
            graph.add_edge(nodes[head], nodes[tail], relation);
        }
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
        self.people().filter(move |(_, p)| p.documents.iter().any(|d| d == document))
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
        self.relations().filter(move |r| r.relation.evidence.iter().any(|e| e.document == document))
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
        let weak: Vec<_> = self.graph.edge_indices().filter(|&e| self.graph[e].confidence < min).collect();
        for e in weak {
            self.graph.remove_edge(e);
        }
    }

    /// True when the graph has no people (and so no relations).
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }
}

/// The stored direction of a relation: symmetric kinds run from the lower
/// node to the higher, so each pair has one edge per kind; `parent` keeps
/// parent → child.
pub(crate) fn canonical<T: Ord>(kind: RelationKind, head: T, tail: T) -> (T, T) {
    if kind.is_symmetric() && tail < head { (tail, head) } else { (head, tail) }
}

/// Adds evidence unless the same rule already read the same words, keeping
/// the list in document order; repeats would inflate the confidence.
fn push_evidence(list: &mut Vec<GraphEvidence>, evidence: GraphEvidence) {
    let duplicate = list.iter().any(|e| {
        e.document == evidence.document
            && e.start == evidence.start
            && e.end == evidence.end
            && e.rule == evidence.rule
    });
    if !duplicate {
        list.push(evidence);
        list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}

#[cfg(test)]
mod tests;
