/*!
kith's graph JSON: the save format that `kith query` reads.

The layout (documented in `docs/graph-json.md`) is fixed by the structs
below: keys always appear in the same order, people and relations in node
and edge order, and optional values are written as `null` rather than left
out, so a graph has exactly one JSON form. Reading that form back and
writing it again gives the same bytes.
*/

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::fact::{Qualifier, RelationKind};
use crate::graph::{DocumentInfo, GraphEvidence, KinGraph, Person, Relation};

/// The format version this build writes and reads; bumped on any change
/// that an older reader would misread.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct GraphOut<'g> {
    format_version: u32,
    documents: &'g [DocumentInfo],
    people: Vec<&'g Person>,
    relations: Vec<RelationOut<'g>>,
}

#[derive(Serialize)]
struct RelationOut<'g> {
    id: String,
    head: &'g str,
    tail: &'g str,
    #[serde(rename = "type")]
    kind: RelationKind,
    qualifiers: &'g [Qualifier],
    terms: &'g [String],
    confidence: f32,
    evidence: &'g [GraphEvidence],
}

#[derive(Deserialize)]
struct GraphIn {
    documents: Vec<DocumentInfo>,
    people: Vec<Person>,
    relations: Vec<RelationIn>,
}

#[derive(Deserialize)]
struct RelationIn {
    head: String,
    tail: String,
    #[serde(rename = "type")]
    kind: RelationKind,
    qualifiers: Vec<Qualifier>,
    terms: Vec<String>,
    confidence: f32,
    evidence: Vec<GraphEvidence>,
}

fn graph_out(graph: &KinGraph) -> GraphOut<'_> {
    let people: Vec<&Person> = graph.people().map(|(_, p)| p).collect();
    let id_of = |node| graph.person(node).map_or("", |p: &Person| p.id.as_str());
    let relations = graph
        .relations()
        .map(|r| RelationOut {
            id: KinGraph::relation_id(r.edge),
            head: id_of(r.head),
            tail: id_of(r.tail),
            kind: r.relation.kind,
            qualifiers: &r.relation.qualifiers,
            terms: &r.relation.terms,
            confidence: r.relation.confidence,
            evidence: &r.relation.evidence,
        })
        .collect();
    GraphOut { format_version: FORMAT_VERSION, documents: graph.documents(), people, relations }
}

/// Pretty JSON with a final newline, as files and terminals want it.
fn pretty(value: &impl Serialize) -> String {
    // Serializing plain structs of strings and numbers into a String cannot
    // fail; an empty object is a safe answer should that ever change.
    let mut json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}

/// The graph as pretty-printed JSON with a final newline, for files and
/// terminals.
pub fn to_json(graph: &KinGraph) -> String {
    pretty(&graph_out(graph))
}

/// The graph as one line of JSON without a newline, for one-record-per-line
/// outputs (`kith extract --jsonl`).
pub fn to_json_line(graph: &KinGraph) -> String {
    serde_json::to_string(&graph_out(graph)).unwrap_or_else(|_| "{}".into())
}

/// Reads a graph written by [`to_json`] or [`to_json_line`].
///
/// `origin` names the source in error messages. Symmetric relations stored
/// the other way round are turned to the canonical direction, so a
/// hand-edited file still gives a consistent graph.
///
/// # Errors
///
/// [`ErrorKind::UnsupportedVersion`] for another `format_version`;
/// [`ErrorKind::NotAGraph`] for anything else that is not a consistent kith
/// graph (invalid JSON, missing keys, duplicate person ids, relations that
/// name unknown people or a person with themselves).
pub fn from_json(json: &str, origin: &Path) -> Result<KinGraph, Error> {
    let not_a_graph =
        |message: String| Error::from(ErrorKind::NotAGraph { path: origin.to_path_buf(), message });
    let value: Value = serde_json::from_str(json).map_err(|e| not_a_graph(e.to_string()))?;
    match value.get("format_version") {
        None => return Err(not_a_graph("no \"format_version\"".into())),
        Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(found) => {
            return Err(ErrorKind::UnsupportedVersion {
                path: origin.to_path_buf(),
                found: found.to_string(),
                supported: FORMAT_VERSION,
            }
            .into());
        }
    }
    let parsed: GraphIn = serde_json::from_str(json).map_err(|e| not_a_graph(e.to_string()))?;

    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, person) in parsed.people.iter().enumerate() {
        if index.insert(person.id.as_str(), i).is_some() {
            return Err(not_a_graph(format!("person id {:?} is used twice", person.id)));
        }
    }
    let mut relations = Vec::with_capacity(parsed.relations.len());
    for (i, r) in parsed.relations.into_iter().enumerate() {
        let end = |id: &str| {
            index
                .get(id)
                .copied()
                .ok_or_else(|| not_a_graph(format!("relation {} names unknown person {id:?}", i)))
        };
        let (head, tail) = (end(&r.head)?, end(&r.tail)?);
        if head == tail {
            return Err(not_a_graph(format!("relation {i} relates {:?} to themselves", r.head)));
        }
        let (head, tail) = crate::graph::canonical(r.kind, head, tail);
        let relation = Relation {
            kind: r.kind,
            qualifiers: r.qualifiers,
            terms: r.terms,
            confidence: r.confidence,
            evidence: r.evidence,
        };
        relations.push((head, tail, relation));
    }
    Ok(KinGraph::from_parts(parsed.documents, parsed.people, relations))
}

/// Reads a graph file.
///
/// # Errors
///
/// An unreadable or non-UTF-8 file, or any error of [`from_json`].
pub fn read_graph(path: &Path) -> Result<KinGraph, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    from_json(crate::input::decode(path, &bytes)?, path)
}

/// One person with their relations, for `kith query ... person --json`.
#[derive(Serialize)]
struct PersonAnswer<'g> {
    #[serde(flatten)]
    person: &'g Person,
    relations: Vec<RelationAnswer<'g>>,
}

/// A relation seen from the person asked about.
#[derive(Serialize)]
struct RelationAnswer<'g> {
    id: String,
    role: &'static str,
    other: &'g str,
    other_name: &'g str,
    #[serde(rename = "type")]
    kind: RelationKind,
    qualifiers: &'g [Qualifier],
    terms: &'g [String],
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'g [GraphEvidence]>,
}

fn answers(
    graph: &KinGraph,
    node: petgraph::stable_graph::NodeIndex,
    with_evidence: bool,
) -> Vec<RelationAnswer<'_>> {
    graph
        .relations_of(node)
        .map(|view| {
            let other = graph.person(view.other);
            RelationAnswer {
                id: KinGraph::relation_id(view.edge),
                role: view.direction_word,
                other: other.map_or("", |p| p.id.as_str()),
                other_name: other.map_or("", |p| p.name.as_str()),
                kind: view.kind,
                qualifiers: &view.relation.qualifiers,
                terms: &view.relation.terms,
                confidence: view.relation.confidence,
                evidence: with_evidence.then_some(view.relation.evidence.as_slice()),
            }
        })
        .collect()
}

/// A person, their attributes with sources and their relations (without
/// evidence), as pretty JSON: the machine form of `kith query ... person`.
pub fn person_json(graph: &KinGraph, node: petgraph::stable_graph::NodeIndex) -> String {
    let Some(person) = graph.person(node) else {
        return "null\n".into();
    };
    let answer = PersonAnswer { person, relations: answers(graph, node, false) };
    pretty(&answer)
}

/// A person's relations with their evidence, as pretty JSON: the machine
/// form of `kith query ... relations`.
pub fn relations_json(graph: &KinGraph, node: petgraph::stable_graph::NodeIndex) -> String {
    #[derive(Serialize)]
    struct Answer<'g> {
        person: &'g str,
        name: &'g str,
        relations: Vec<RelationAnswer<'g>>,
    }
    let Some(person) = graph.person(node) else {
        return "null\n".into();
    };
    let answer = Answer { person: &person.id, name: &person.name, relations: answers(graph, node, true) };
    pretty(&answer)
}
