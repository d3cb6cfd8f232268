/*!
Questions a reader asks of the graph: who is this name, and how is this
person related to others.

Name lookup is forgiving in the ways news text is (case, accents, a surname
alone) but never guesses: when several people fit, the caller gets all of
them to choose from.
*/

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{KinGraph, Person, Relation};
use crate::fact::RelationKind;

/// A relation with both of its ends, as stored (`head` → `tail`).
#[derive(Debug, Clone, Copy)]
pub struct RelationRef<'g> {
    /// The edge, whose position is the relation's id.
    pub edge: EdgeIndex,
    /// For `parent`: the parent; for symmetric kinds: the lower node.
    pub head: NodeIndex,
    /// For `parent`: the child.
    pub tail: NodeIndex,
    /// The relation.
    pub relation: &'g Relation,
}

/// A relation seen from one of its ends.
#[derive(Debug, Clone, Copy)]
pub struct RelationView<'g> {
    /// The edge, whose position is the relation's id.
    pub edge: EdgeIndex,
    /// The person at the other end.
    pub other: NodeIndex,
    /// The relation type.
    pub kind: RelationKind,
    /// What this end is to the other: "spouse of", "parent of", "child of"...
    /// so callers need not work out directions themselves.
    pub direction_word: &'static str,
    /// The relation.
    pub relation: &'g Relation,
}

/// A person a name could refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The node.
    pub node: NodeIndex,
    /// The person's id, which always finds exactly this person.
    pub id: String,
    /// The person's name.
    pub name: String,
    /// The documents the person comes from, to tell namesakes apart.
    pub documents: Vec<String>,
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}", self.name, self.id)?;
        for document in &self.documents {
            write!(f, ", {document}")?;
        }
        f.write_str(")")
    }
}

/// Why a name did not lead to exactly one person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Lookup {
    /// Nobody has that name.
    #[error("no person named {query:?}")]
    NotFound {
        /// The name as asked.
        query: String,
    },
    /// Several people fit; ask again with a fuller name or an id.
    #[error("{query:?} is ambiguous: {}", list(candidates))]
    Ambiguous {
        /// The name as asked.
        query: String,
        /// Everyone it could be, in node order.
        candidates: Vec<Candidate>,
    },
}

fn list(candidates: &[Candidate]) -> String {
    candidates.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// The form names are compared in: canonical decomposition without accents,
/// lowercase, straight apostrophes, single spaces.
pub(crate) fn fold(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .map(|c| if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02bc}') { '\'' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl KinGraph {
    /// Finds the one person a name refers to.
    ///
    /// Tried in order, stopping at the first step that matches anyone: a
    /// person id (`p3`); a full match with any of a person's names, ignoring
    /// case and accents; for a one-word query, the last word of a name (a
    /// surname, as news text uses them); then any word of a name.
    ///
    /// # Errors
    ///
    /// [`Lookup::NotFound`] when no step matches, [`Lookup::Ambiguous`] with
    /// every candidate when the first matching step matches several people.
    pub fn find_person(&self, name: &str) -> Result<NodeIndex, Lookup> {
        let query = fold(name);
        let not_found = || Lookup::NotFound { query: name.trim().to_string() };
        if query.is_empty() {
            return Err(not_found());
        }
        if let Some((node, _)) = self.people().find(|(_, p)| p.id == name.trim()) {
            return Ok(node);
        }
        let people: Vec<(NodeIndex, &Person, Vec<String>)> = self
            .people()
            .map(|(node, p)| (node, p, p.names.iter().chain([&p.name]).map(|n| fold(n)).collect()))
            .collect();
        let steps: &[Step] = if query.contains(' ') {
            &[Step::FullName]
        } else {
            &[Step::FullName, Step::Surname, Step::AnyWord]
        };
        for &step in steps {
            let found: Vec<(NodeIndex, &Person)> = people
                .iter()
                .filter(|(_, _, names)| step.matches(names, &query))
                .map(|&(node, p, _)| (node, p))
                .collect();
            match found.as_slice() {
                [] => continue,
                [(node, _)] => return Ok(*node),
                many => {
                    let candidates = many
                        .iter()
                        .map(|(node, p)| Candidate {
                            node: *node,
                            id: p.id.clone(),
                            name: p.name.clone(),
                            documents: p.documents.clone(),
                        })
                        .collect();
                    return Err(Lookup::Ambiguous { query: name.trim().to_string(), candidates });
                }
            }
        }
        Err(not_found())
    }

    /// Every relation of a person, read from their side, sorted by kind and
    /// then by the other person.
    ///
    /// Symmetric relations, stored once, show up at both ends; a `parent`
    /// edge reads "parent of" at the parent and "child of" at the child.
    pub fn relations_of(&self, node: NodeIndex) -> impl Iterator<Item = RelationView<'_>> + '_ {
        let outgoing = self.graph.edges_directed(node, Direction::Outgoing).map(|e| {
            let kind = e.weight().kind;
            (e.id(), e.target(), kind, forward_word(kind), e.weight())
        });
        let incoming = self.graph.edges_directed(node, Direction::Incoming).map(|e| {
            let kind = e.weight().kind;
            let word = if kind == RelationKind::Parent { "child of" } else { forward_word(kind) };
            (e.id(), e.source(), kind, word, e.weight())
        });
        let mut views: Vec<RelationView<'_>> = outgoing
            .chain(incoming)
            .map(|(edge, other, kind, direction_word, relation)| RelationView {
                edge,
                other,
                kind,
                direction_word,
                relation,
            })
            .collect();
        views.sort_by_key(|v| (v.kind, v.direction_word, v.other, v.edge));
        views.into_iter()
    }
}

/// The ways a folded query can match a person's folded names, from the
/// most to the least specific.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The whole of some name.
    FullName,
    /// The last word of a name of several words.
    Surname,
    /// Any word of a name.
    AnyWord,
}

impl Step {
    fn matches(self, names: &[String], query: &str) -> bool {
        match self {
            Step::FullName => names.iter().any(|n| n == query),
            Step::Surname => names.iter().any(|n| n.contains(' ') && n.rsplit(' ').next() == Some(query)),
            Step::AnyWord => names.iter().any(|n| n.split(' ').any(|w| w == query)),
        }
    }
}

/// What the head of an edge is to its tail.
fn forward_word(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Spouse => "spouse of",
        RelationKind::Partner => "partner of",
        RelationKind::Parent => "parent of",
        RelationKind::Sibling => "sibling of",
        RelationKind::Relative => "relative of",
        RelationKind::Friend => "friend of",
    }
}
