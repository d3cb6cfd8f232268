/*!
Node-link JSON: the shape networkx's `node_link_graph` and D3's force
layouts read directly.

```json
{"directed": true, "multigraph": true, "graph": {...},
 "nodes": [{"id": "p0", "name": "...", ...}],
 "links": [{"source": "p0", "target": "p1", "key": "r0", "type": "spouse", ...}]}
```

Nodes are keyed by the person id, links refer to them by id (D3's
`forceLink().id(d => d.id)`), and every link has a `key` (the relation id)
because two people can be related in more than one way, which networkx
keeps apart only in a multigraph. Symmetric relations appear once, with
`"symmetric": true`; `parent` links point from parent to child.
*/

use serde_json::{Value, json};

use super::gender_word;
use super::lifespan::Lifespan;
use crate::graph::KinGraph;

/// The graph as pretty node-link JSON with a final newline.
pub fn to_node_link(graph: &KinGraph) -> String {
    let mut text = serde_json::to_string_pretty(&node_link_value(graph)).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The node-link document as a JSON value, for callers that embed it.
pub fn node_link_value(graph: &KinGraph) -> Value {
    let nodes: Vec<Value> = graph
        .people()
        .map(|(_, person)| {
            let life = Lifespan::of(person);
            json!({
                "id": person.id,
                "name": person.name,
                "names": person.names,
                "gender": person.gender.map(gender_word),
                "born": life.born.map(|(from, to)| vec![from, to]),
                "deceased": life.deceased,
                "died": life.died.map(|d| d.to_string()),
                "death_age": life.death_age,
                "death_cause": life.death_cause,
                "documents": person.documents,
                "attributes": person.attributes,
            })
        })
        .collect();
    let id_of = |node| graph.person(node).map_or(String::new(), |p| p.id.clone());
    let links: Vec<Value> = graph
        .relations()
        .map(|r| {
            json!({
                "source": id_of(r.head),
                "target": id_of(r.tail),
                "key": KinGraph::relation_id(r.edge),
                "type": r.relation.kind.as_str(),
                "symmetric": r.relation.kind.is_symmetric(),
                "label": r.relation.label(),
                "qualifiers": r.relation.qualifiers,
                "terms": r.relation.terms,
                "confidence": r.relation.confidence,
                "evidence": r.relation.evidence,
            })
        })
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {"name": "kith", "documents": graph.documents()},
        "nodes": nodes,
        "links": links,
    })
}
