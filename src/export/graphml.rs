/*!
GraphML with typed keys, for Gephi, yEd, Cytoscape and networkx
(`networkx.read_graphml`).

Every value is a `<data>` element under a declared `<key>` with a GraphML
type (`string`, `int`, `double`, `boolean`), so tools get numbers as
numbers. Node keys: `label` and `name` (the name), `names`, `gender`,
`birth` ("1981/82"), `birth_from`/`birth_to` (years), `deceased`, `death`
(the date as known), `death_age`, `death_cause`, `documents`. Edge keys:
`type`, `label` ("spouse (late)"), `qualifiers`, `terms`, `symmetric`,
`confidence`, `evidence_count`, `evidence` (each sentence with its document
and date, one per line). Lists are joined with `"; "`. Unknown values are
left out rather than written empty.

The graph is directed (`parent` runs parent → child); symmetric relations
appear once with `symmetric` true. The XML is written by quick-xml, which
escapes markup; characters XML 1.0 forbids even escaped (control
characters other than tab and newline) become U+FFFD.
*/

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};

use super::gender_word;
use super::lifespan::Lifespan;
use crate::graph::{GraphEvidence, KinGraph, qualifier_word};

/// A declared GraphML attribute: id, domain, name, type.
const KEYS: [(&str, &str, &str, &str); 22] = [
    ("n_label", "node", "label", "string"),
    ("n_name", "node", "name", "string"),
    ("n_names", "node", "names", "string"),
    ("n_gender", "node", "gender", "string"),
    ("n_birth", "node", "birth", "string"),
    ("n_birth_from", "node", "birth_from", "int"),
    ("n_birth_to", "node", "birth_to", "int"),
    ("n_deceased", "node", "deceased", "boolean"),
    ("n_death", "node", "death", "string"),
    ("n_death_age", "node", "death_age", "int"),
    ("n_death_cause", "node", "death_cause", "string"),
    ("n_documents", "node", "documents", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_qualifiers", "edge", "qualifiers", "string"),
    ("e_terms", "edge", "terms", "string"),
    ("e_symmetric", "edge", "symmetric", "boolean"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_evidence_count", "edge", "evidence_count", "int"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_rules", "edge", "rules", "string"),
    ("g_documents", "graph", "documents", "string"),
];

/// The graph as a GraphML document.
pub fn to_graphml(graph: &KinGraph) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = write(graph, &mut writer);
    let mut text = String::from_utf8_lossy(&writer.into_inner()).into_owned();
    text.push('\n');
    text
}

fn write(graph: &KinGraph, w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    for (id, domain, name, kind) in KEYS {
        w.create_element("key")
            .with_attributes([("id", id), ("for", domain), ("attr.name", name), ("attr.type", kind)])
            .write_empty()?;
    }
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "kith"), ("edgedefault", "directed")]),
    ))?;
    let documents: Vec<String> = graph
        .documents()
        .iter()
        .map(|d| match d.date {
            Some(date) => format!("{} ({date})", d.id),
            None => d.id.clone(),
        })
        .collect();
    data(w, "g_documents", &documents.join("; "))?;
    for (_, person) in graph.people() {
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", xml_safe(&person.id).as_str())]),
        ))?;
        let life = Lifespan::of(person);
        data(w, "n_label", &person.name)?;
        data(w, "n_name", &person.name)?;
        data(w, "n_names", &person.names.join("; "))?;
        if let Some(gender) = person.gender {
            data(w, "n_gender", gender_word(gender))?;
        }
        if let (Some(text), Some((from, to))) = (life.born_text(), life.born) {
            data(w, "n_birth", &text)?;
            data(w, "n_birth_from", &from.to_string())?;
            data(w, "n_birth_to", &to.to_string())?;
        }
        data(w, "n_deceased", if life.deceased { "true" } else { "false" })?;
        if let Some(date) = life.died {
            data(w, "n_death", &date.to_string())?;
        }
        if let Some(age) = life.death_age {
            data(w, "n_death_age", &age.to_string())?;
        }
        if let Some(cause) = &life.death_cause {
            data(w, "n_death_cause", cause)?;
        }
        data(w, "n_documents", &person.documents.join("; "))?;
        w.write_event(Event::End(BytesStart::new("node").to_end()))?;
    }
    for r in graph.relations() {
        let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) else {
            continue;
        };
        let relation = r.relation;
        let id = KinGraph::relation_id(r.edge);
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", xml_safe(&head.id).as_str()),
            ("target", xml_safe(&tail.id).as_str()),
        ])))?;
        data(w, "e_type", relation.kind.as_str())?;
        data(w, "e_label", &relation.label())?;
        let qualifiers: Vec<&str> = relation.qualifiers.iter().map(|&q| qualifier_word(q)).collect();
        data(w, "e_qualifiers", &qualifiers.join("; "))?;
        data(w, "e_terms", &relation.terms.join("; "))?;
        data(w, "e_symmetric", if relation.kind.is_symmetric() { "true" } else { "false" })?;
        data(w, "e_confidence", &relation.confidence.to_string())?;
        data(w, "e_evidence_count", &relation.evidence.len().to_string())?;
        let sentences: Vec<String> = relation.evidence.iter().map(evidence_line).collect();
        data(w, "e_evidence", &sentences.join("\n"))?;
        let mut rules: Vec<&str> = relation.evidence.iter().map(|e| e.rule()).collect();
        rules.dedup();
        data(w, "e_rules", &rules.join("; "))?;
        w.write_event(Event::End(BytesStart::new("edge").to_end()))?;
    }
    w.write_event(Event::End(BytesStart::new("graph").to_end()))?;
    w.write_event(Event::End(BytesStart::new("graphml").to_end()))?;
    Ok(())
}

/// One evidence sentence with where it comes from: `"…" (doc, 2021-12-30)`.
pub(crate) fn evidence_line(evidence: &GraphEvidence) -> String {
    let sentence = super::one_line(evidence.sentence_text());
    match evidence.date() {
        Some(date) => format!("{sentence} ({}, {date})", super::one_line(evidence.document())),
        None => format!("{sentence} ({})", super::one_line(evidence.document())),
    }
}

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

/// Text XML 1.0 can hold: control characters other than tab, newline and
/// carriage return are not allowed even as character references.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && !matches!(c, '\t' | '\n' | '\r') { '\u{fffd}' } else { c })
        .collect()
}
