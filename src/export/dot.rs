/*!
Graphviz DOT for a [`KinGraph`], built as graphviz-rust's typed AST and
printed by its printer.

Names and sentences come from news text, so any of them may hold quotes,
backslashes, braces, newlines or markup. graphviz-rust's printer writes ids
verbatim, so every free-text value goes through one function, [`quoted`],
which makes a DOT quoted string out of it; everything else is a fixed
keyword or a `p0`-style id. No DOT is assembled by string concatenation.

The drawing: one box per person (rounded; grey and dashed when the person
has died, with † and what is known of the death), one frame per document,
parent → child arrows top to bottom, and one line style per symmetric kind
(spouse double and bold, partner dashed, friend dotted, sibling and relative
in their own colours). Qualifiers appear on the edge label ("spouse
(late)"); the evidence sentence is the edge's tooltip in SVG output.
*/

use graphviz_rust::attributes::{EdgeAttributes, NodeAttributes, dir, rankdir, shape};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::{death_phrase, describe_attribute, one_line};
use crate::fact::{Attribute as Fact, RelationKind};
use crate::graph::{KinGraph, Person, Relation};

/// The graph as DOT source text, ending in a newline.
pub fn to_dot(graph: &KinGraph) -> String {
    let mut dot = to_dot_graph(graph).print(&mut PrinterContext::default());
    dot.push('\n');
    dot
}

/// The graph as a DOT syntax tree, for callers that post-process it or hand
/// it to `graphviz_rust::exec`.
pub fn to_dot_graph(graph: &KinGraph) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            graphviz_rust::attributes::GraphAttributes::rankdir(rankdir::TB),
            text_attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            NodeAttributes::shape(shape::box_),
            text_attr("style", "rounded"),
            text_attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            text_attr("fontname", "Helvetica"),
            text_attr("fontsize", "10"),
        ])),
    ];

    for (i, document) in graph.documents().iter().enumerate() {
        let mut frame = vec![
            Stmt::Attribute(text_attr("label", &document_label(&document.id, document.date))),
            Stmt::Attribute(text_attr("style", "rounded")),
            Stmt::Attribute(text_attr("color", "grey70")),
        ];
        frame.extend(graph.people_of(&document.id).map(|(_, p)| Stmt::Node(person_node(p))));
        // Couples side by side, so the arrows to their children stay short.
        // Inside the frame: a rank group outside it would pull the people out.
        for r in graph.relations_in(&document.id) {
            if !matches!(r.relation.kind, RelationKind::Spouse | RelationKind::Partner) {
                continue;
            }
            if let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) {
                frame.push(Stmt::Subgraph(Subgraph {
                    id: Id::Anonymous(String::new()),
                    stmts: vec![
                        Stmt::Attribute(text_attr("rank", "same")),
                        Stmt::Node(Node::new(node_id(head), Vec::new())),
                        Stmt::Node(Node::new(node_id(tail), Vec::new())),
                    ],
                }));
            }
        }
        stmts.push(Stmt::Subgraph(Subgraph { id: plain(&format!("cluster_{i}")), stmts: frame }));
    }

    for r in graph.relations() {
        let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) else {
            continue;
        };
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(head)), Vertex::N(node_id(tail))),
            attributes: edge_attributes(r.relation),
        }));
    }

    Graph::DiGraph { id: plain("kith"), strict: false, stmts }
}

/// A DOT quoted string holding `text` exactly, whatever it contains.
///
/// Backslashes and double quotes are escaped, newlines become Graphviz's
/// `\n` line break, and other control characters become spaces (DOT has no
/// escape for them).
pub fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// An attribute whose value is free text (or contains characters that DOT
/// only accepts quoted, such as `,`, `#` or `:`).
fn text_attr(key: &str, value: &str) -> Attribute {
    Attribute(plain(key), quoted(value))
}

/// An identifier kith controls (keywords, `p0`, `cluster_0`), never text.
fn plain(id: &str) -> Id {
    Id::Plain(id.to_string())
}

/// Person ids are `p<number>` when kith made them, but a hand-edited graph
/// could hold anything, so they are quoted unless they are plain DOT ids.
fn node_id(person: &Person) -> NodeId {
    let is_plain = person.id.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && person.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    NodeId(if is_plain { plain(&person.id) } else { quoted(&person.id) }, None)
}

fn document_label(id: &str, date: Option<crate::text::Date>) -> String {
    match date {
        Some(date) => format!("{} ({date})", one_line(id)),
        None => one_line(id),
    }
}

/// Name, then the attributes a reader wants at a glance: age (or birth
/// year), roles, and for the dead † with date, age and cause.
fn person_label(person: &Person) -> String {
    let mut ages = Vec::new();
    let mut roles = Vec::new();
    // Several rules may report the same death ("late husband" and "died in
    // July 2020"); the label shows the one that says the most.
    let mut death: Option<(usize, String)> = None;
    for attribute in person.attributes.iter().map(|a| &a.attribute) {
        match attribute {
            Fact::Age { years, .. } => ages.push(format!("age {years}")),
            Fact::Role { value } => roles.push(one_line(value)),
            Fact::Death { date, age, cause } => {
                let known =
                    usize::from(date.is_some()) + usize::from(age.is_some()) + usize::from(cause.is_some());
                if death.as_ref().is_none_or(|(best, _)| known > *best) {
                    death = Some((known, death_phrase("†", date.as_ref(), *age, cause.as_deref())));
                }
            }
            Fact::Hometown { .. } | Fact::Gender { .. } => {}
        }
    }
    let facts: Vec<String> = ages.into_iter().chain(roles).collect();
    let mut lines = vec![one_line(&person.name)];
    if !facts.is_empty() {
        lines.push(facts.join(", "));
    }
    lines.extend(death.map(|(_, line)| line));
    lines.join("\n")
}

fn person_node(person: &Person) -> Node {
    let mut tooltip: Vec<String> =
        vec![person.names.iter().map(|n| one_line(n)).collect::<Vec<_>>().join(" / ")];
    tooltip.extend(person.attributes.iter().map(|a| describe_attribute(&a.attribute)));
    let mut attributes =
        vec![text_attr("label", &person_label(person)), text_attr("tooltip", &tooltip.join("\n"))];
    if person.is_deceased() {
        attributes.push(text_attr("style", "rounded,filled,dashed"));
        attributes.push(text_attr("fillcolor", "grey88"));
        attributes.push(text_attr("fontcolor", "grey25"));
    }
    Node::new(node_id(person), attributes)
}

fn edge_attributes(relation: &Relation) -> Vec<Attribute> {
    let (color, style) = match relation.kind {
        RelationKind::Parent => ("#1f4e79", "solid"),
        RelationKind::Spouse => ("firebrick:invis:firebrick", "bold"),
        RelationKind::Partner => ("deeppink3", "dashed"),
        RelationKind::Sibling => ("darkorange3", "solid"),
        RelationKind::Relative => ("mediumpurple4", "solid"),
        RelationKind::Friend => ("darkgreen", "dotted"),
    };
    let font_color = color.split(':').next().unwrap_or(color);
    let mut attributes = vec![
        text_attr("label", &relation.label()),
        text_attr("color", color),
        text_attr("fontcolor", font_color),
        text_attr("style", style),
    ];
    if relation.kind.is_symmetric() {
        attributes.push(EdgeAttributes::dir(dir::none));
    }
    if let Some(evidence) = relation.evidence.first() {
        let tip = format!("{} ({})", one_line(&evidence.sentence_text), one_line(&evidence.rule));
        attributes.push(text_attr("tooltip", &tip));
    }
    attributes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_everything_dot_would_misread() {
        let id = quoted("a\"b\\c\nd\re{<x>}");
        assert_eq!(id, Id::Escaped("\"a\\\"b\\\\c\\nd e{<x>}\"".to_string()));
    }

    #[test]
    fn the_most_detailed_death_labels_the_person() {
        let death = |cause: Option<&str>| crate::graph::PersonAttribute {
            attribute: Fact::Death { date: None, age: Some(41), cause: cause.map(Into::into) },
            evidence: Vec::new(),
        };
        let person = Person {
            id: "p0".into(),
            name: "Luke Delgado".into(),
            names: vec!["Luke Delgado".into()],
            gender: None,
            documents: Vec::new(),
            attributes: vec![death(None), death(Some("covid")), death(None)],
        };
        assert_eq!(person_label(&person), "Luke Delgado\n† at 41 of covid");
    }

    #[test]
    fn an_empty_graph_is_valid_dot() {
        let dot = to_dot(&KinGraph::new());
        assert!(graphviz_rust::parse(&dot).is_ok(), "{dot}");
    }
}
