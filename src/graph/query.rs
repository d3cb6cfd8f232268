/*!
Questions a reader asks of the graph: who is this name, how is this person
related to others, who is around them, what does the graph hold.

Name lookup is forgiving in the ways news text is (case, accents,
punctuation, titles, a surname alone — the same folding entity resolution
uses) but never guesses: when several people fit, the caller gets all of
them to choose from.
*/

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::merge::born_ranges;
use super::names::{NameParts, fold_name};
use super::path::{PathFilter, RelationPath};
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

/// The form names are compared in (see [`fold_name`]).
fn fold(name: &str) -> String {
    fold_name(name)
}

impl KinGraph {
    /// Finds the one person a name refers to.
    ///
    /// Tried in order, stopping at the first step that matches anyone: a
    /// person id (`p3`); a full match with any of a person's names, ignoring
    /// case, accents and punctuation; the same given name and surname once
    /// titles and middle names are set aside ("Dr. Ana Cruz" finds "Ana B.
    /// Cruz"); for a one-word query, the last word of a name (a surname, as
    /// news text uses them); then any word of a name.
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
            &[Step::FullName, Step::Key]
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
                            documents: p.documents.iter().map(ToString::to_string).collect(),
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
    /// The same given name and surname, titles and middle names aside.
    Key,
    /// The last word of a name of several words.
    Surname,
    /// Any word of a name.
    AnyWord,
}

impl Step {
    fn matches(self, names: &[String], query: &str) -> bool {
        match self {
            Step::FullName => names.iter().any(|n| n == query),
            Step::Key => {
                let wanted = NameParts::parse(query);
                wanted.key().is_some_and(|key| {
                    names.iter().any(|n| {
                        let parts = NameParts::parse(n);
                        parts.key().as_ref() == Some(&key) && parts.compatible(&wanted)
                    })
                })
            }
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

/// Which people `kith query people` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleFilter {
    /// Only people the text says have died.
    pub deceased: bool,
    /// Only people certainly born before this year (their latest possible
    /// birth year, from ages and article dates, is earlier).
    pub born_before: Option<i32>,
    /// Only people with at least one relation of this type.
    pub kind: Option<RelationKind>,
}

/// A person reached from another within some steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    /// The person reached.
    pub node: NodeIndex,
    /// Steps from the start.
    pub depth: usize,
    /// The person one step closer to the start.
    pub via: NodeIndex,
    /// The relation between `via` and `node`.
    pub edge: EdgeIndex,
    /// What `node` is to `via`: "child of", "friend of"...
    pub role: &'static str,
}

/// Everything the graph holds between two people: the relations that link
/// them directly, or the shortest chain when none does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Relations between the two, stated ones first, in edge order.
    pub direct: Vec<EdgeIndex>,
    /// When no relation links them directly: the shortest chain of stated
    /// relations, whose every step is explained.
    pub path: Option<RelationPath>,
}

/// Counts that describe a graph (`kith query GRAPH stats`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphStats {
    /// Documents the graph was built from.
    pub documents: usize,
    /// People.
    pub people: usize,
    /// People mentioned in more than one document (joined by resolution).
    pub people_in_several_documents: usize,
    /// People the text says have died.
    pub deceased: usize,
    /// Relations stated by the articles.
    pub stated: usize,
    /// Relations inferred from chains.
    pub inferred: usize,
    /// Per relation type: (type, stated, inferred), in schema order.
    pub by_kind: Vec<(RelationKind, usize, usize)>,
    /// Groups of people linked by some chain of relations.
    pub components: usize,
    /// People in the largest such group.
    pub largest_component: usize,
}

impl KinGraph {
    /// The range of years a person was born in, as ages at article dates
    /// and a dated death at a known age pin it down: the earliest and the
    /// latest year any statement allows.
    pub fn born(&self, node: NodeIndex) -> Option<(i32, i32)> {
        let person = self.graph.node_weight(node)?;
        let ranges = born_ranges(person.attributes.iter().map(|a| &a.attribute));
        let from = ranges.iter().map(|r| r.0).min()?;
        let to = ranges.iter().map(|r| r.1).max()?;
        Some((from, to))
    }

    /// The people a filter keeps, in node order.
    pub fn people_matching(&self, filter: &PeopleFilter) -> Vec<NodeIndex> {
        self.people()
            .filter(|(node, person)| {
                (!filter.deceased || person.is_deceased())
                    && filter.born_before.is_none_or(|year| self.born(*node).is_some_and(|(_, to)| to < year))
                    && filter.kind.is_none_or(|kind| self.relations_of(*node).any(|v| v.kind == kind))
            })
            .map(|(node, _)| node)
            .collect()
    }

    /// Everyone within `depth` relations of a person, nearest first (then in
    /// the order the relations are listed), each with the relation it was
    /// reached by.
    pub fn neighbors_within(&self, start: NodeIndex, depth: usize) -> Vec<Reached> {
        let mut seen: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(node) = queue.pop_front() {
            let d = seen[&node];
            if d >= depth {
                continue;
            }
            for view in self.relations_of(node) {
                if seen.contains_key(&view.other) {
                    continue;
                }
                seen.insert(view.other, d + 1);
                queue.push_back(view.other);
                let role = match view.direction_word {
                    "parent of" => "child of",
                    "child of" => "parent of",
                    word => word,
                };
                out.push(Reached { node: view.other, depth: d + 1, via: node, edge: view.edge, role });
            }
        }
        out
    }

    /// The relations between two people, or the shortest chain between
    /// them when nothing links them directly.
    pub fn explain(&self, a: NodeIndex, b: NodeIndex) -> Explanation {
        let mut direct: Vec<EdgeIndex> = self
            .graph
            .edges_connecting(a, b)
            .chain(self.graph.edges_connecting(b, a))
            .map(|e| e.id())
            .collect();
        direct.sort_by_key(|&e| (self.graph.edge_weight(e).is_some_and(|r| !r.is_stated()), e));
        direct.dedup();
        let path =
            if direct.is_empty() && a != b { self.shortest_path(a, b, &PathFilter::default()) } else { None };
        Explanation { direct, path }
    }

    /// Counts of documents, people and relations, and how connected the
    /// graph is.
    pub fn stats(&self) -> GraphStats {
        let mut stats = GraphStats {
            documents: self.documents.len(),
            people: self.graph.node_count(),
            by_kind: RelationKind::ALL.iter().map(|&k| (k, 0, 0)).collect(),
            ..GraphStats::default()
        };
        for (_, person) in self.people() {
            stats.people_in_several_documents += usize::from(person.documents.len() > 1);
            stats.deceased += usize::from(person.is_deceased());
        }
        // Union-find over node positions for the connected groups.
        let bound = self.graph.node_bound();
        let mut parent: Vec<usize> = (0..bound).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for e in (&self.graph).edge_references() {
            let r = e.weight();
            if let Some(entry) = stats.by_kind.iter_mut().find(|k| k.0 == r.kind) {
                if r.is_stated() {
                    entry.1 += 1;
                } else {
                    entry.2 += 1;
                }
            }
            if r.is_stated() {
                stats.stated += 1;
            } else {
                stats.inferred += 1;
            }
            let (x, y) = (root(&mut parent, e.source().index()), root(&mut parent, e.target().index()));
            if x != y {
                parent[x] = y;
            }
        }
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for node in self.graph.node_indices() {
            *sizes.entry(root(&mut parent, node.index())).or_default() += 1;
        }
        stats.components = sizes.len();
        stats.largest_component = sizes.values().copied().max().unwrap_or(0);
        stats
    }

    /// Keeps only the relations of the given types (`--type`), so that every
    /// answer is about them alone.
    pub fn retain_kinds(&mut self, kinds: &[RelationKind]) {
        self.retain_relations(|r| kinds.contains(&r.kind));
    }

    /// Removes every inferred relation, for answers from what the articles
    /// say alone (`kith query --no-infer`).
    pub fn drop_inferred(&mut self) {
        self.retain_relations(Relation::is_stated);
    }
}
