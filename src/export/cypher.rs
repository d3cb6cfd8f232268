/*!
A Cypher script that loads the graph into Neo4j (`cypher-shell -f
graph.cypher`, or pasted into Neo4j Browser).

One statement per line, each ending in `;`: a uniqueness constraint on
`Person.id`, then one `MERGE` per person and one `MATCH … MERGE` per
relation, so running the script twice changes nothing. People are
`:Person` nodes keyed by their kith id; relations are typed by kind in
upper case (`:SPOUSE`, `:PARTNER`, `:PARENT` from parent to child,
`:SIBLING`, `:RELATIVE`, `:FRIEND`), merged once per pair and kind.
Evidence is kept on the relation as parallel lists (`evidence`,
`evidence_documents`, `evidence_dates`, `evidence_rules`): Neo4j
properties cannot hold maps.

Values are written as Cypher literals, never spliced: strings are
single-quoted with `\\`, `'`, and control characters escaped
(`\n`, `\uXXXX`), so no name can end a string or a statement early.
*/

use std::fmt::Write;

use super::gender_word;
use super::lifespan::Lifespan;
use crate::graph::{KinGraph, qualifier_word};

/// The graph as a Cypher script for Neo4j.
pub fn to_cypher(graph: &KinGraph) -> String {
    let mut out = String::new();
    out.push_str(
        "// kith relationship graph for Neo4j: cypher-shell -f FILE (or paste into Neo4j Browser).\n",
    );
    for document in graph.documents() {
        let _ = writeln!(out, "// document: {}", super::one_line(&document.id));
    }
    out.push_str("CREATE CONSTRAINT kith_person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;\n");
    for (_, person) in graph.people() {
        let life = Lifespan::of(person);
        let mut sets = vec![
            format!("p.name = {}", string(&person.name)),
            format!("p.names = {}", strings(&person.names)),
        ];
        if let Some(gender) = person.gender {
            sets.push(format!("p.gender = {}", string(gender_word(gender))));
        }
        if let Some((from, to)) = life.born {
            sets.push(format!("p.birth_from = {from}"));
            sets.push(format!("p.birth_to = {to}"));
        }
        sets.push(format!("p.deceased = {}", life.deceased));
        if let Some(date) = life.died {
            sets.push(format!("p.death = {}", string(&date.to_string())));
        }
        if let Some(age) = life.death_age {
            sets.push(format!("p.death_age = {age}"));
        }
        if let Some(cause) = &life.death_cause {
            sets.push(format!("p.death_cause = {}", string(cause)));
        }
        sets.push(format!("p.documents = {}", strings(&person.documents)));
        let _ = writeln!(out, "MERGE (p:Person {{id: {}}}) SET {};", string(&person.id), sets.join(", "));
    }
    for r in graph.relations() {
        let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) else {
            continue;
        };
        let relation = r.relation;
        let qualifiers: Vec<String> =
            relation.qualifiers.iter().map(|&q| qualifier_word(q).to_string()).collect();
        let evidence = &relation.evidence;
        let sets = [
            format!("r.id = {}", string(&KinGraph::relation_id(r.edge))),
            format!("r.qualifiers = {}", strings(&qualifiers)),
            format!("r.terms = {}", strings(&relation.terms)),
            format!("r.symmetric = {}", relation.kind.is_symmetric()),
            format!("r.confidence = {}", relation.confidence),
            format!("r.evidence_count = {}", evidence.len()),
            format!("r.evidence = {}", strings(evidence.iter().map(|e| e.sentence_text()))),
            format!("r.evidence_documents = {}", strings(evidence.iter().map(|e| e.document()))),
            format!(
                "r.evidence_dates = {}",
                strings(evidence.iter().map(|e| e.date().map(|d| d.to_string()).unwrap_or_default()))
            ),
            format!("r.evidence_rules = {}", strings(evidence.iter().map(|e| e.rule()))),
        ];
        let _ = writeln!(
            out,
            "MATCH (a:Person {{id: {}}}), (b:Person {{id: {}}}) MERGE (a)-[r:{}]->(b) SET {};",
            string(&head.id),
            string(&tail.id),
            relation.kind.as_str().to_uppercase(),
            sets.join(", ")
        );
    }
    out
}

/// A Cypher string literal holding `text` exactly.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Cypher list of string literals.
fn strings<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let items: Vec<String> = items.into_iter().map(|s| string(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_escape_their_quotes() {
        assert_eq!(string("O'Brien \\ \"x\"\n\u{1b}"), "'O\\'Brien \\\\ \"x\"\\n\\u001b'");
    }
}
