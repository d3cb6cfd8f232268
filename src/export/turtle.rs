/*!
RDF in Turtle, with Wikidata's and schema.org's properties, for triple
stores and RDF libraries (rdflib, Jena, GraphDB).

People are `schema:Person` resources `<urn:kith:person:ID>`, with
`schema:name`, `schema:alternateName`, `schema:gender`, `schema:birthDate`
(an exact year only) and `schema:deathDate`, and kith's own terms (prefix
`kith:`, `urn:kith:vocab:`) for what those cannot say: a birth-year range,
the cause and age of death, the documents.

Each relation is stated with Wikidata's direct properties — P26 spouse,
P451 unmarried partner, P40 child (from the parent), P22 father / P25
mother (from the child, when the parent's gender is known), P3373 sibling,
P1038 relative — and schema.org's (`spouse`, `parent`, `children`,
`sibling`, `relatedTo`, `knows` for friends), in both directions for
symmetric kinds. Its evidence is attached to a classic RDF reification of
the main triple (`rdf:Statement` with `rdf:subject`, `rdf:predicate`,
`rdf:object`, no RDF-star), `<urn:kith:relation:ID>`, which carries the
type, qualifiers, terms, confidence and one `kith:evidence` node per
sentence (sentence, trigger words, document, date, rule, confidence).

Strings are Turtle string literals with `"`, `\` and control characters
escaped; ids are percent-encoded inside the IRIs.
*/

use std::fmt::Write;

use crate::fact::{Gender, RelationKind};
use crate::graph::{GraphEvidence, KinGraph, Person, qualifier_word};

use super::lifespan::Lifespan;

/// The namespace of kith's own terms.
pub const VOCAB: &str = "urn:kith:vocab:";

/// The graph as a Turtle document.
pub fn to_turtle(graph: &KinGraph) -> String {
    let mut out = String::new();
    out.push_str("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n");
    out.push_str("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n");
    out.push_str("@prefix schema: <https://schema.org/> .\n");
    out.push_str("@prefix wdt: <http://www.wikidata.org/prop/direct/> .\n");
    let _ = writeln!(out, "@prefix kith: <{VOCAB}> .");
    for document in graph.documents() {
        let _ = write!(
            out,
            "\n{} a schema:NewsArticle ;\n    schema:identifier {}",
            iri("document", &document.id),
            literal(&document.id)
        );
        if let Some(date) = document.date {
            let _ = write!(out, " ;\n    schema:datePublished \"{date}\"^^xsd:date");
        }
        out.push_str(" .\n");
    }
    for (_, person) in graph.people() {
        write_person(&mut out, person);
    }
    for r in graph.relations() {
        let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) else {
            continue;
        };
        let (h, t) = (iri("person", &head.id), iri("person", &tail.id));
        let relation = r.relation;
        let mut triples: Vec<(String, &str, String)> = Vec::new();
        let both = |p: &'static str, triples: &mut Vec<(String, &str, String)>| {
            triples.push((h.clone(), p, t.clone()));
            triples.push((t.clone(), p, h.clone()));
        };
        let main = match relation.kind {
            RelationKind::Spouse => {
                both("wdt:P26", &mut triples);
                both("schema:spouse", &mut triples);
                "wdt:P26"
            }
            RelationKind::Partner => {
                both("wdt:P451", &mut triples);
                "wdt:P451"
            }
            RelationKind::Sibling => {
                both("wdt:P3373", &mut triples);
                both("schema:sibling", &mut triples);
                "wdt:P3373"
            }
            RelationKind::Relative => {
                both("wdt:P1038", &mut triples);
                both("schema:relatedTo", &mut triples);
                "wdt:P1038"
            }
            RelationKind::Friend => {
                both("schema:knows", &mut triples);
                "schema:knows"
            }
            RelationKind::Parent => {
                triples.push((h.clone(), "wdt:P40", t.clone()));
                match head.gender {
                    Some(Gender::Male) => triples.push((t.clone(), "wdt:P22", h.clone())),
                    Some(Gender::Female) => triples.push((t.clone(), "wdt:P25", h.clone())),
                    None => {}
                }
                triples.push((h.clone(), "schema:children", t.clone()));
                triples.push((t.clone(), "schema:parent", h.clone()));
                "wdt:P40"
            }
        };
        out.push('\n');
        for (s, p, o) in &triples {
            let _ = writeln!(out, "{s} {p} {o} .");
        }
        let _ = write!(
            out,
            "{} a rdf:Statement ;\n    rdf:subject {h} ;\n    rdf:predicate {main} ;\n    rdf:object {t} ;\n    \
             kith:relationType {} ;\n    kith:confidence \"{}\"^^xsd:decimal",
            iri("relation", &KinGraph::relation_id(r.edge)),
            literal(relation.kind.as_str()),
            relation.confidence,
        );
        for &q in &relation.qualifiers {
            let _ = write!(out, " ;\n    kith:qualifier {}", literal(qualifier_word(q)));
        }
        for term in &relation.terms {
            let _ = write!(out, " ;\n    kith:term {}", literal(term));
        }
        for evidence in &relation.evidence {
            let _ = write!(out, " ;\n    kith:evidence {}", evidence_node(evidence));
        }
        out.push_str(" .\n");
    }
    out
}

fn write_person(out: &mut String, person: &Person) {
    let life = Lifespan::of(person);
    let _ = write!(
        out,
        "\n{} a schema:Person ;\n    kith:id {} ;\n    schema:name {}",
        iri("person", &person.id),
        literal(&person.id),
        literal(&person.name)
    );
    for name in person.names.iter().filter(|n| **n != person.name) {
        let _ = write!(out, " ;\n    schema:alternateName {}", literal(name));
    }
    match person.gender {
        Some(Gender::Female) => out.push_str(" ;\n    schema:gender schema:Female"),
        Some(Gender::Male) => out.push_str(" ;\n    schema:gender schema:Male"),
        None => {}
    }
    if let Some((from, to)) = life.born {
        if from == to {
            let _ = write!(out, " ;\n    schema:birthDate \"{from:04}\"^^xsd:gYear");
        }
        let _ = write!(out, " ;\n    kith:birthYearFrom {from} ;\n    kith:birthYearTo {to}");
    }
    if life.deceased {
        out.push_str(" ;\n    kith:deceased true");
    }
    if let Some(date) = life.died {
        let datatype = match (date.month, date.day) {
            (Some(_), Some(_)) => "xsd:date",
            (Some(_), None) => "xsd:gYearMonth",
            _ => "xsd:gYear",
        };
        let _ = write!(out, " ;\n    schema:deathDate \"{date}\"^^{datatype}");
    }
    if let Some(age) = life.death_age {
        let _ = write!(out, " ;\n    kith:deathAge {age}");
    }
    if let Some(cause) = &life.death_cause {
        let _ = write!(out, " ;\n    kith:deathCause {}", literal(cause));
    }
    for document in &person.documents {
        let _ = write!(out, " ;\n    schema:subjectOf {}", iri("document", document));
    }
    out.push_str(" .\n");
}

fn evidence_node(evidence: &GraphEvidence) -> String {
    let mut node = format!(
        "[ a kith:Evidence ;\n        kith:sentence {} ;\n        kith:trigger {} ;\n        kith:document {} ;\n        \
         kith:sentenceIndex {} ;\n        kith:start {} ;\n        kith:end {} ;\n        kith:rule {} ;\n        \
         kith:confidence \"{}\"^^xsd:decimal",
        literal(evidence.sentence_text()),
        literal(evidence.text()),
        iri("document", evidence.document()),
        evidence.sentence(),
        evidence.start(),
        evidence.end(),
        literal(evidence.rule()),
        evidence.confidence(),
    );
    if let Some(date) = evidence.date() {
        let _ = write!(node, " ;\n        kith:date \"{date}\"^^xsd:date");
    }
    node.push_str(" ]");
    node
}

/// `<urn:kith:KIND:ID>` with the id percent-encoded (RFC 3986 unreserved
/// characters stay), so any id makes a valid IRI.
fn iri(kind: &str, id: &str) -> String {
    let mut out = format!("<urn:kith:{kind}:");
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out.push('>');
    out
}

/// A Turtle string literal holding `text` exactly.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
