/*!
`nodes.csv` and `relationships.csv` in the header format of
`neo4j-admin database import` (Neo4j 5):

```sh
neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --multiline-fields=true neo4j
```

`nodes.csv` has `personId:ID`, the person's properties and `:LABEL`
(`Person`); `relationships.csv` has `:START_ID`, `:END_ID`, `:TYPE` (the
kind in upper case; `PARENT` from parent to child) and the relation's
properties. Fields are always double-quoted, quotes doubled (RFC 4180);
a name may hold a line break, hence `--multiline-fields=true`.

Lists of free text (names, documents, evidence) are JSON text in one
field: `neo4j-admin`'s array fields split on `;`, which names and
sentences may contain. Only `qualifiers` (a closed vocabulary) is a
`string[]` field. Columns are in the same order as the Cypher export's
properties, so other importers that match columns by position (Kùzu's
`COPY FROM`) load them too.
*/

use serde_json::json;

use super::gender_word;
use super::lifespan::Lifespan;
use crate::graph::{KinGraph, qualifier_word};

/// The header of `nodes.csv`.
pub const NODES_HEADER: &str = "personId:ID,name,names,gender,birth_from:int,birth_to:int,deceased:boolean,\
death,death_age:int,death_cause,documents,:LABEL";

/// The header of `relationships.csv`.
pub const RELATIONSHIPS_HEADER: &str = ":START_ID,:END_ID,:TYPE,id,qualifiers:string[],terms,symmetric:boolean,\
confidence:float,evidence_count:int,evidence";

/// The two files, as (file name, contents).
pub fn to_neo4j_csv(graph: &KinGraph) -> Vec<(&'static str, String)> {
    let mut nodes = format!("{NODES_HEADER}\n");
    for (_, person) in graph.people() {
        let life = Lifespan::of(person);
        let fields = [
            quoted(&person.id),
            quoted(&person.name),
            quoted(&json!(person.names).to_string()),
            person.gender.map(|g| quoted(gender_word(g))).unwrap_or_default(),
            life.born.map(|(from, _)| from.to_string()).unwrap_or_default(),
            life.born.map(|(_, to)| to.to_string()).unwrap_or_default(),
            life.deceased.to_string(),
            life.died.map(|d| quoted(&d.to_string())).unwrap_or_default(),
            life.death_age.map(|a| a.to_string()).unwrap_or_default(),
            life.death_cause.as_deref().map(quoted).unwrap_or_default(),
            quoted(&json!(person.documents).to_string()),
            quoted("Person"),
        ];
        nodes.push_str(&fields.join(","));
        nodes.push('\n');
    }
    let mut relationships = format!("{RELATIONSHIPS_HEADER}\n");
    for r in graph.relations() {
        let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) else {
            continue;
        };
        let relation = r.relation;
        let qualifiers: Vec<&str> = relation.qualifiers.iter().map(|&q| qualifier_word(q)).collect();
        let fields = [
            quoted(&head.id),
            quoted(&tail.id),
            quoted(&relation.kind.as_str().to_uppercase()),
            quoted(&KinGraph::relation_id(r.edge)),
            quoted(&qualifiers.join(";")),
            quoted(&json!(relation.terms).to_string()),
            relation.kind.is_symmetric().to_string(),
            relation.confidence.to_string(),
            relation.evidence.len().to_string(),
            quoted(&json!(relation.evidence).to_string()),
        ];
        relationships.push_str(&fields.join(","));
        relationships.push('\n');
    }
    vec![("nodes.csv", nodes), ("relationships.csv", relationships)]
}

/// An RFC 4180 field: double-quoted, inner quotes doubled.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}
