/*!
The human-readable forms: the summary `kith extract` prints on a terminal,
and the answers of `kith query`.

Every fact is followed by the sentence that states it, so a reader can check
the extraction without opening the article. Text from the article is put on
one line with control characters replaced (see [`one_line`]), so a hostile
article cannot scramble the terminal. Sentences are numbered from 1 here, for
people; the JSON's `sentence` index counts from 0.
*/

use std::fmt::Write;

use petgraph::stable_graph::NodeIndex;

use super::{describe_attribute, gender_word, one_line};
use crate::graph::{GraphEvidence, KinGraph, Person, RelationRef, qualifier_word};

/// The summary of every document: its people (names, gender, attributes with
/// their sentences), then its relations with their evidence.
pub fn to_text(graph: &KinGraph) -> String {
    let mut out = String::new();
    if graph.documents().is_empty() {
        out.push_str("No documents.\n");
    }
    for (i, document) in graph.documents().iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let people: Vec<(NodeIndex, &Person)> = graph.people_of(&document.id).collect();
        let relations: Vec<RelationRef<'_>> = graph.relations_in(&document.id).collect();
        let _ = write!(out, "{}", one_line(&document.id));
        if let Some(date) = document.date {
            let _ = write!(out, " ({date})");
        }
        let _ = writeln!(
            out,
            ": {} {}, {} {}",
            people.len(),
            plural(people.len(), "person", "people"),
            relations.len(),
            plural(relations.len(), "relation", "relations"),
        );
        if !people.is_empty() {
            out.push_str("\nPeople\n");
            for (_, person) in &people {
                write_person(&mut out, person, "  ", false);
            }
        }
        if !relations.is_empty() {
            out.push_str("\nRelations\n");
            for r in &relations {
                write_relation(&mut out, graph, r, "  ", false);
            }
        }
    }
    out
}

/// The answer to `kith query GRAPH person NAME`: names, gender, attributes
/// with their sources, and one line per relation.
pub fn person_text(graph: &KinGraph, node: NodeIndex) -> String {
    let mut out = String::new();
    let Some(person) = graph.person(node) else {
        return out;
    };
    write_person(&mut out, person, "", true);
    let relations: Vec<_> = graph.relations_of(node).collect();
    if relations.is_empty() {
        out.push_str("  no relations\n");
    } else {
        out.push_str("  relations:\n");
    }
    for view in relations {
        let other = graph.person(view.other);
        let qualifiers: Vec<&str> = view.relation.qualifiers.iter().map(|&q| qualifier_word(q)).collect();
        let _ = write!(
            out,
            "    {} {} [{}]",
            view.direction_word,
            other.map_or_else(String::new, |p| one_line(&p.name)),
            other.map_or("", |p| p.id.as_str()),
        );
        if !qualifiers.is_empty() {
            let _ = write!(out, " ({})", qualifiers.join(", "));
        }
        if let Some((before, after)) = view.relation.ended_between() {
            let _ = write!(out, " (ended between {before} and {after})");
        }
        if let Some(inference) = &view.relation.inferred {
            let _ = write!(out, " (inferred: {})", one_line(&inference.rule));
        }
        let _ = writeln!(out, "  [{:.2}]", view.relation.confidence);
    }
    out
}

/// The answer to `kith query GRAPH relations NAME`: each relation of the
/// person with every sentence that states it.
pub fn relations_text(graph: &KinGraph, node: NodeIndex) -> String {
    let mut out = String::new();
    let Some(person) = graph.person(node) else {
        return out;
    };
    let views: Vec<_> = graph.relations_of(node).collect();
    let _ = writeln!(
        out,
        "{} [{}]: {} {}",
        one_line(&person.name),
        person.id,
        views.len(),
        plural(views.len(), "relation", "relations")
    );
    for view in views {
        let Some((head, tail)) = graph.graph().edge_endpoints(view.edge) else {
            continue;
        };
        let r = RelationRef { edge: view.edge, head, tail, relation: view.relation };
        write_relation(&mut out, graph, &r, "  ", true);
    }
    out
}

/// One relation with every statement behind it (for an inferred one, its
/// chain and the statements of each link), as `kith query ... explain`
/// prints it.
pub fn relation_text(graph: &KinGraph, r: &RelationRef<'_>, indent: &str) -> String {
    let mut out = String::new();
    write_relation(&mut out, graph, r, indent, true);
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn write_person(out: &mut String, person: &Person, indent: &str, with_documents: bool) {
    let _ = write!(out, "{indent}{} [{}]", one_line(&person.name), person.id);
    if let Some(gender) = person.gender {
        let _ = write!(out, " ({})", gender_word(gender));
    }
    if with_documents && !person.documents.is_empty() {
        let documents: Vec<String> = person.documents.iter().map(|d| one_line(d)).collect();
        let _ = write!(out, ", in {}", documents.join(", "));
    }
    out.push('\n');
    let others: Vec<String> =
        person.names.iter().filter(|n| **n != person.name).map(|n| one_line(n)).collect();
    if !others.is_empty() {
        let _ = writeln!(out, "{indent}  also named: {}", others.join(", "));
    }
    for attribute in &person.attributes {
        let _ = writeln!(out, "{indent}  {}", describe_attribute(&attribute.attribute));
        for evidence in &attribute.evidence {
            write_evidence(out, evidence, &format!("{indent}    "), with_documents);
        }
    }
}

/// `Sophie Marlow —spouse (late)— Luke Delgado  [0.95]` for symmetric kinds,
/// `Sophie Marlow —parent→ Oscar  [0.90]` for `parent`, then the evidence.
fn write_relation(
    out: &mut String,
    graph: &KinGraph,
    r: &RelationRef<'_>,
    indent: &str,
    with_documents: bool,
) {
    let name = |node| graph.person(node).map_or_else(String::new, |p: &Person| one_line(&p.name));
    let arrow = if r.relation.kind.is_symmetric() { "—" } else { "→" };
    let inferred =
        r.relation.inferred.as_ref().map_or_else(String::new, |i| format!(", inferred: {}", i.rule));
    let _ = writeln!(
        out,
        "{indent}{} —{}{}{arrow} {}  [{:.2}]",
        name(r.head),
        r.relation.label(),
        one_line(&inferred),
        name(r.tail),
        r.relation.confidence,
    );
    if let Some((before, after)) = r.relation.ended_between() {
        let _ = writeln!(out, "{indent}  ended between {before} and {after}");
    }
    if let Some(inference) = &r.relation.inferred {
        let by_id = |id: &str| {
            graph
                .people()
                .find(|(_, p)| p.id == id)
                .map_or_else(|| id.to_string(), |(_, p)| one_line(&p.name))
        };
        let links: Vec<String> = inference
            .chain
            .iter()
            .map(|l| {
                let arrow = if l.kind.is_symmetric() { "—" } else { "→" };
                format!("{} —{}{arrow} {}", by_id(&l.head), l.kind, by_id(&l.tail))
            })
            .collect();
        let _ = writeln!(out, "{indent}  chain: {}", links.join("; "));
    }
    for evidence in &r.relation.evidence {
        write_evidence(out, evidence, &format!("{indent}  "), with_documents);
    }
}

/// The quoted sentence, then where it is and which rule read it.
fn write_evidence(out: &mut String, evidence: &GraphEvidence, indent: &str, with_document: bool) {
    let _ = writeln!(out, "{indent}\"{}\"", one_line(evidence.sentence_text()));
    let _ = write!(out, "{indent}  ");
    if with_document {
        let _ = write!(out, "{}, ", one_line(evidence.document()));
        if let Some(date) = evidence.date() {
            let _ = write!(out, "{date}, ");
        }
    }
    let _ = write!(out, "sentence {}, rule {}", evidence.sentence() + 1, one_line(evidence.rule()));
    if !evidence.text().is_empty() {
        let _ = write!(out, ", words \"{}\"", one_line(evidence.text()));
    }
    out.push('\n');
}
