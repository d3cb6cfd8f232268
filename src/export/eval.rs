/*!
Predictions in the evaluation interchange format (`FORMAT.md` of the
evaluation sets): one JSON line per document,
`{"id", "entities": [{"id", "type": "PER", "names"}], "relations": [{"head", "type", "tail"}]}`.

The scorer aligns entities by name and ignores direction for symmetric
types, so each symmetric relation is written once; `parent` keeps its
direction (head is the parent).
*/

use serde::Serialize;

use crate::fact::RelationKind;
use crate::graph::KinGraph;

#[derive(Serialize)]
struct Prediction<'g> {
    id: &'g str,
    entities: Vec<Entity<'g>>,
    relations: Vec<PredictedRelation<'g>>,
}

#[derive(Serialize)]
struct Entity<'g> {
    id: &'g str,
    #[serde(rename = "type")]
    kind: &'static str,
    names: &'g [String],
}

#[derive(Serialize)]
struct PredictedRelation<'g> {
    head: &'g str,
    #[serde(rename = "type")]
    kind: RelationKind,
    tail: &'g str,
}

/// The prediction line for one document (without a newline): its people
/// and the relations its sentences state.
///
/// A document the graph does not know gives a line with no entities, which
/// the scorer counts the same as a missing document.
pub fn eval_line(graph: &KinGraph, document: &str) -> String {
    let entities =
        graph.people_of(document).map(|(_, p)| Entity { id: &p.id, kind: "PER", names: &p.names }).collect();
    let id_of = |node| graph.person(node).map_or("", |p| p.id.as_str());
    let relations = graph
        .relations_in(document)
        .map(|r| PredictedRelation { head: id_of(r.head), kind: r.relation.kind, tail: id_of(r.tail) })
        .collect();
    let prediction = Prediction { id: document, entities, relations };
    serde_json::to_string(&prediction).unwrap_or_else(|_| "{}".into())
}

/// One prediction line per document, in the order the documents were added,
/// each ending in a newline: the whole `--format eval` output.
pub fn eval_lines(graph: &KinGraph) -> String {
    let mut out = String::new();
    for document in graph.documents() {
        out.push_str(&eval_line(graph, &document.id));
        out.push('\n');
    }
    out
}
