/*!
kith's graph JSON: the save format that `kith query` reads.

The layout (documented in `docs/graph-json.md`) is fixed by the structs
below: keys always appear in the same order, people and relations in node
and edge order, and optional values are written as `null` rather than left
out, so a graph has exactly one JSON form. Reading that form back and
writing it again gives the same bytes.
*/

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::fact::{Qualifier, RelationKind};
use crate::graph::{DocumentInfo, GraphEvidence, Inference, KinGraph, Person};

/// The format version this build writes and reads; bumped on any change
/// that an older reader would misread (version 2 added inferred relations,
/// which a version 1 reader would take for stated ones).
pub const FORMAT_VERSION: u32 = 2;

/// Older versions this build still reads: version 1 lacks content hashes,
/// inferred relations and per-statement terms, which read as absent.
pub const READS_VERSIONS: [u32; 2] = [1, 2];

#[derive(Serialize)]
struct GraphOut<'g> {
    format_version: u32,
    documents: &'g [DocumentInfo],
    people: PeopleOut<'g>,
    relations: RelationsOut<'g>,
}

/// The people, serialized one by one from the graph (no list is built, so
/// saving a large graph costs no second copy of it).
struct PeopleOut<'g>(&'g KinGraph);

impl Serialize for PeopleOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.people().map(|(_, p)| p))
    }
}

/// The relations, serialized one by one from the graph.
struct RelationsOut<'g>(&'g KinGraph);

impl Serialize for RelationsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let graph = self.0;
        let id_of = |node| graph.person(node).map_or("", |p: &Person| p.id.as_str());
        serializer.collect_seq(graph.relations().map(|r| RelationOut {
            id: KinGraph::relation_id(r.edge),
            head: id_of(r.head),
            tail: id_of(r.tail),
            kind: r.relation.kind,
            qualifiers: &r.relation.qualifiers,
            terms: &r.relation.terms,
            confidence: r.relation.confidence,
            inferred: r.relation.inferred.as_deref(),
            evidence: &r.relation.evidence,
        }))
    }
}

#[derive(Serialize)]
struct RelationOut<'g> {
    id: String,
    head: &'g str,
    tail: &'g str,
    #[serde(rename = "type")]
    kind: RelationKind,
    qualifiers: &'g [Qualifier],
    terms: &'g [Arc<str>],
    confidence: f32,
    inferred: Option<&'g Inference>,
    evidence: &'g [GraphEvidence],
}

fn graph_out(graph: &KinGraph) -> GraphOut<'_> {
    GraphOut {
        format_version: FORMAT_VERSION,
        documents: graph.documents(),
        people: PeopleOut(graph),
        relations: RelationsOut(graph),
    }
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
    let check_version = |version: Option<&Value>| match version {
        None => Err(not_a_graph("no \"format_version\"".into())),
        Some(v) if v.as_u64().is_some_and(|v| READS_VERSIONS.iter().any(|&r| u64::from(r) == v)) => Ok(()),
        Some(found) => Err(Error::from(ErrorKind::UnsupportedVersion {
            path: origin.to_path_buf(),
            found: found.to_string(),
            supported: FORMAT_VERSION,
        })),
    };
    // One pass straight into the graph (a large graph is read once); only
    // when it fails is the text read again, loosely, to say whether the
    // version is the problem.
    crate::graph::parse_graph(json, &READS_VERSIONS).or_else(|err| {
        let value: Value = serde_json::from_str(json).map_err(|e| not_a_graph(e.to_string()))?;
        check_version(value.get("format_version"))?;
        Err(not_a_graph(err.to_string()))
    })
}

/// Reads a graph file.
///
/// # Errors
///
/// An unreadable or non-UTF-8 file, or any error of [`from_json`].
pub fn read_graph(path: &Path) -> Result<KinGraph, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    // Valid UTF-8 is checked in one fast pass; only bytes that are not get
    // the full diagnosis (binary data, the offset). A NUL in valid UTF-8 is
    // invalid JSON, which the reader reports.
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(_) => crate::input::decode(path, &bytes)?,
    };
    from_json(text, path)
}

/// Reads a graph file without the statements behind its facts: every
/// `evidence` list is empty. For questions that never quote a sentence
/// (paths, kinship, neighbours, counts) on large graphs: the statements are
/// most of the file and of the memory. The file is streamed, never held
/// whole.
///
/// # Errors
///
/// As [`read_graph`].
pub fn read_graph_structure(path: &Path) -> Result<KinGraph, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = std::io::BufReader::with_capacity(1 << 20, file);
    crate::graph::parse_graph_structure(reader, &READS_VERSIONS).or_else(|err| {
        if err.is_io() {
            return Err(Error::io(path, std::io::Error::other(err.to_string())));
        }
        // The careful reader says what is wrong, version included.
        read_graph(path).and_then(|_| {
            Err(ErrorKind::NotAGraph { path: path.to_path_buf(), message: err.to_string() }.into())
        })
    })
}

/// Writes a graph file the way `kith build` keeps it: the one-line form of
/// [`to_json_line`] and a newline, streamed to a temporary file in the same
/// folder and renamed over `path` (like [`super::write_atomically`]), so a
/// graph of millions of relations is never held as one string.
///
/// # Errors
///
/// [`ErrorKind::Write`] naming `path`; no temporary file is left behind.
pub fn write_graph(path: &Path, graph: &KinGraph) -> Result<(), Error> {
    use std::io::Write as _;
    let file = super::temp_beside(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer(&mut out, &graph_out(graph))
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| Error::write(path, e))?;
    let file = out.into_inner().map_err(|e| Error::write(path, e.into_error()))?;
    super::persist(file, path)
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
    terms: &'g [Arc<str>],
    confidence: f32,
    inferred: Option<&'g Inference>,
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
                inferred: view.relation.inferred.as_deref(),
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
