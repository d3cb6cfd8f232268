/*!
Cutting a subgraph before exporting: the people within some steps of one
person (`--around NAME --depth K`), the relations of some types
(`--types spouse,parent`), or both.

The cut graph is made by filtering kith's own graph JSON and reading it
back, so it is a [`KinGraph`] like any other (every writer takes it) and
keeps whatever the graph records, including fields added later. People
keep their ids; relations are renumbered (`r0`, `r1`, …) in their
original order, as in any graph file.
*/

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

use petgraph::stable_graph::NodeIndex;

use crate::error::Error;
use crate::fact::RelationKind;
use crate::graph::KinGraph;

/// What to keep of a graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Keep only the people within `depth` relations of this person
    /// (following the kept relation types, in either direction).
    pub around: Option<(NodeIndex, usize)>,
    /// Keep only relations of these types; `None` keeps all.
    pub kinds: Option<Vec<RelationKind>>,
}

/// The part of `graph` that `selection` keeps: the people (all, or those
/// reached from the `around` person), the relations of the kept types
/// between them, and the documents they come from.
///
/// # Errors
///
/// Only if the graph's own JSON could not be read back, which would be a
/// bug in the JSON writer.
pub fn subgraph(graph: &KinGraph, selection: &Selection) -> Result<KinGraph, Error> {
    let kept_kind = |kind: RelationKind| selection.kinds.as_ref().is_none_or(|k| k.contains(&kind));
    let people: BTreeSet<NodeIndex> = match selection.around {
        None => graph.people().map(|(node, _)| node).collect(),
        Some((start, depth)) => {
            let mut seen = BTreeSet::from([start]);
            let mut queue = VecDeque::from([(start, 0)]);
            while let Some((node, distance)) = queue.pop_front() {
                if distance == depth {
                    continue;
                }
                for view in graph.relations_of(node) {
                    if kept_kind(view.kind) && seen.insert(view.other) {
                        queue.push_back((view.other, distance + 1));
                    }
                }
            }
            seen
        }
    };
    let ids: BTreeSet<String> =
        people.iter().filter_map(|&node| graph.person(node)).map(|p| p.id.clone()).collect();
    let relations: Vec<bool> = graph
        .relations()
        .map(|r| kept_kind(r.relation.kind) && people.contains(&r.head) && people.contains(&r.tail))
        .collect();

    let mut value: serde_json::Value =
        serde_json::from_str(&super::json::to_json(graph)).map_err(|e| not_a_graph(&e.to_string()))?;
    let mut documents = BTreeSet::new();
    if let Some(list) = value.get_mut("people").and_then(serde_json::Value::as_array_mut) {
        list.retain(|p| p.get("id").and_then(serde_json::Value::as_str).is_some_and(|id| ids.contains(id)));
        for person in list.iter() {
            for d in person.get("documents").and_then(serde_json::Value::as_array).into_iter().flatten() {
                if let Some(d) = d.as_str() {
                    documents.insert(d.to_string());
                }
            }
        }
    }
    if let Some(list) = value.get_mut("relations").and_then(serde_json::Value::as_array_mut) {
        let mut keep = relations.into_iter();
        list.retain(|_| keep.next().unwrap_or(false));
    }
    if selection.around.is_some()
        && let Some(list) = value.get_mut("documents").and_then(serde_json::Value::as_array_mut)
    {
        list.retain(|d| {
            d.get("id").and_then(serde_json::Value::as_str).is_some_and(|id| documents.contains(id))
        });
    }
    super::json::from_json(&value.to_string(), Path::new("<subgraph>"))
}

fn not_a_graph(message: &str) -> Error {
    crate::error::ErrorKind::NotAGraph { path: "<subgraph>".into(), message: message.to_string() }.into()
}
