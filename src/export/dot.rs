/*!
Graphviz DOT for a [`KinGraph`], drawn like a genealogy chart, built as
graphviz-rust's typed AST and printed by its printer.

Names and sentences come from news text, so any of them may hold quotes,
backslashes, braces, newlines or markup. graphviz-rust's printer writes ids
verbatim, so every free-text value goes through one function, [`quoted`],
which makes a DOT quoted string out of it; everything else is a fixed
keyword or a `p0`-style id. No DOT is assembled by string concatenation.

The drawing, top to bottom by generation:

- one box per person: the name and the birth/death years ("1978/79 –
  † 2020"); the dead greyed, dashed and marked †; every attribute in the
  tooltip;
- a couple (spouses, partners, or two parents of the same child) side by
  side on one rank, joined through a small family dot from which the lines
  to their children go down, as pedigree charts do (see [`super::family`]);
- colours by relation type (a legend lists the types present), partners and
  friends dashed, spouses as a double line; siblings, relatives and friends
  do not constrain the ranks, so they never push one generation down;
- labels on the lines say the type and its qualifiers ("spouse (late)");
  lines to children are labelled only when qualified ("parent (step)");
  every line's tooltip is its first evidence sentence and rule.
*/

use graphviz_rust::attributes::{EdgeAttributes, NodeAttributes, dir, rankdir, shape};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::family::{Family, families};
use super::lifespan::Lifespan;
use super::{describe_attribute, one_line};
use crate::fact::RelationKind;
use crate::graph::{KinGraph, Person, Relation};

/// The graph as DOT source text, ending in a newline.
pub fn to_dot(graph: &KinGraph) -> String {
    let mut dot = to_dot_graph(graph).print(&mut PrinterContext::default());
    dot.push('\n');
    dot
}

/// Line colour and style of each relation type, shared by the edges and the
/// legend (and by the Mermaid and HTML writers, so all drawings agree).
pub fn kind_style(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::Parent => ("#1f4e79", "solid"),
        RelationKind::Spouse => ("#b22222", "bold"),
        RelationKind::Partner => ("#cd1076", "dashed"),
        RelationKind::Sibling => ("#cd6600", "solid"),
        RelationKind::Relative => ("#5d478b", "solid"),
        RelationKind::Friend => ("#006400", "dashed"),
    }
}

/// The graph as a DOT syntax tree, for callers that post-process it or hand
/// it to `graphviz_rust::exec`.
pub fn to_dot_graph(graph: &KinGraph) -> Graph {
    let mut graph_attributes = vec![
        graphviz_rust::attributes::GraphAttributes::rankdir(rankdir::TB),
        text_attr("fontname", "Helvetica"),
        text_attr("nodesep", "0.35"),
        text_attr("ranksep", "0.6"),
    ];
    if !graph.documents().is_empty() {
        // The articles drawn, up to three; past that, how many.
        let documents: Vec<String> = match graph.documents() {
            few @ [_] | few @ [_, _] | few @ [_, _, _] => {
                few.iter().map(|d| document_label(&d.id, d.date)).collect()
            }
            many => vec![format!("{} articles", many.len())],
        };
        graph_attributes.push(text_attr("label", &documents.join("\n")));
        graph_attributes.push(text_attr("labelloc", "t"));
        graph_attributes.push(text_attr("fontsize", "11"));
    }
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attributes)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            NodeAttributes::shape(shape::box_),
            text_attr("style", "rounded,filled"),
            text_attr("fillcolor", "white"),
            text_attr("fontname", "Helvetica"),
            text_attr("fontsize", "12"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            text_attr("fontname", "Helvetica"),
            text_attr("fontsize", "9"),
        ])),
    ];
    stmts.extend(graph.people().map(|(_, p)| Stmt::Node(person_node(p))));

    let families = families(graph);
    let mut drawn = vec![false; graph.graph().edge_indices().map(|e| e.index() + 1).max().unwrap_or(0)];
    for (i, family) in families.iter().enumerate() {
        draw_family(graph, i, family, &mut stmts, &mut drawn);
    }
    for r in graph.relations() {
        if drawn.get(r.edge.index()).copied().unwrap_or(false) {
            continue;
        }
        let (Some(head), Some(tail)) = (graph.person(r.head), graph.person(r.tail)) else {
            continue;
        };
        let mut attributes = edge_attributes(r.relation, true);
        if !matches!(r.relation.kind, RelationKind::Parent | RelationKind::Spouse | RelationKind::Partner) {
            // Siblings, relatives and friends say nothing about generations.
            attributes.push(text_attr("constraint", "false"));
        }
        stmts.push(edge(node_id(head), node_id(tail), attributes));
    }
    stmts.extend(legend(graph));
    Graph::DiGraph { id: plain("kith"), strict: false, stmts }
}

/// A couple joined through a family dot with lines down to their children,
/// or a single parent with lines straight to the children.
fn draw_family(graph: &KinGraph, index: usize, family: &Family, stmts: &mut Vec<Stmt>, drawn: &mut [bool]) {
    let mut mark = |edge: petgraph::stable_graph::EdgeIndex| {
        if let Some(slot) = drawn.get_mut(edge.index()) {
            *slot = true;
        }
    };
    let parents: Vec<&Person> = family.parents.iter().filter_map(|&p| graph.person(p)).collect();
    let child_line = |edges: &[petgraph::stable_graph::EdgeIndex]| -> Vec<Attribute> {
        let relations: Vec<&Relation> = edges.iter().filter_map(|&e| graph.relation(e)).collect();
        let (color, _) = kind_style(RelationKind::Parent);
        let mut attributes = vec![text_attr("color", color), text_attr("fontcolor", color)];
        if let Some(qualified) = relations.iter().find(|r| !r.qualifiers.is_empty()) {
            attributes.push(text_attr("label", &qualified.label()));
        }
        if let Some(relation) = relations.first() {
            attributes.extend(evidence_tooltip(relation));
        }
        attributes
    };
    match parents.as_slice() {
        [a, b] => {
            let dot = NodeId(plain(&format!("kith_family_{index}")), None);
            let couple = family.couple.first().and_then(|&e| graph.relation(e));
            let color = couple.map_or("#888888", |r| kind_style(r.kind).0);
            stmts.push(Stmt::Node(Node::new(
                dot.clone(),
                vec![
                    NodeAttributes::shape(shape::point),
                    text_attr("width", "0.08"),
                    text_attr("color", color),
                    text_attr("fillcolor", color),
                    text_attr(
                        "tooltip",
                        &format!("family of {} and {}", one_line(&a.name), one_line(&b.name)),
                    ),
                ],
            )));
            stmts.push(Stmt::Subgraph(Subgraph {
                id: Id::Anonymous(String::new()),
                stmts: vec![
                    Stmt::Attribute(text_attr("rank", "same")),
                    Stmt::Node(Node::new(node_id(a), Vec::new())),
                    Stmt::Node(Node::new(dot.clone(), Vec::new())),
                    Stmt::Node(Node::new(node_id(b), Vec::new())),
                ],
            }));
            let (left, right) = match couple {
                Some(relation) => (edge_attributes(relation, true), edge_attributes(relation, false)),
                None => {
                    // Two parents of one child whom the text never calls a couple.
                    let plain_line = || {
                        vec![
                            text_attr("color", "#888888"),
                            text_attr("style", "dotted"),
                            EdgeAttributes::dir(dir::none),
                            text_attr("tooltip", "parents of the same child"),
                        ]
                    };
                    (plain_line(), plain_line())
                }
            };
            stmts.push(edge(node_id(a), dot.clone(), left));
            stmts.push(edge(dot.clone(), node_id(b), right));
            if let Some(&first) = family.couple.first() {
                mark(first);
            }
            for (child, edges) in &family.children {
                let Some(child) = graph.person(*child) else { continue };
                stmts.push(edge(dot.clone(), node_id(child), child_line(edges)));
                edges.iter().copied().for_each(&mut mark);
            }
        }
        [parent] => {
            for (child, edges) in &family.children {
                let Some(child) = graph.person(*child) else { continue };
                stmts.push(edge(node_id(parent), node_id(child), child_line(edges)));
                edges.iter().copied().for_each(&mut mark);
            }
        }
        _ => {}
    }
}

/// A cluster that shows one sample line per relation type in the graph,
/// and the look of a deceased person when there is one.
fn legend(graph: &KinGraph) -> Option<Stmt> {
    let mut kinds: Vec<RelationKind> = graph.relations().map(|r| r.relation.kind).collect();
    kinds.sort();
    kinds.dedup();
    let deceased = graph.people().any(|(_, p)| p.is_deceased());
    if kinds.is_empty() && !deceased {
        return None;
    }
    let mut stmts = vec![
        Stmt::Attribute(text_attr("label", "Legend")),
        Stmt::Attribute(text_attr("style", "rounded")),
        Stmt::Attribute(text_attr("color", "#b3b3b3")),
        Stmt::Attribute(text_attr("fontsize", "10")),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            NodeAttributes::shape(shape::plaintext),
            text_attr("label", ""),
            text_attr("width", "0.3"),
            text_attr("height", "0.2"),
            text_attr("style", ""),
        ])),
    ];
    for kind in kinds {
        let from = NodeId(plain(&format!("kith_legend_{kind}_a")), None);
        let to = NodeId(plain(&format!("kith_legend_{kind}_b")), None);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Anonymous(String::new()),
            stmts: vec![
                Stmt::Attribute(text_attr("rank", "same")),
                Stmt::Node(Node::new(from.clone(), Vec::new())),
                Stmt::Node(Node::new(to.clone(), Vec::new())),
            ],
        }));
        let (color, style) = kind_style(kind);
        let mut attributes = vec![
            text_attr("label", kind.as_str()),
            text_attr("color", &line_color(kind, color)),
            text_attr("fontcolor", color),
            text_attr("style", style),
        ];
        if kind.is_symmetric() {
            attributes.push(EdgeAttributes::dir(dir::none));
        }
        stmts.push(edge(from, to, attributes));
    }
    if deceased {
        stmts.push(Stmt::Node(Node::new(
            NodeId(plain("kith_legend_deceased"), None),
            vec![
                NodeAttributes::shape(shape::box_),
                text_attr("label", "† deceased"),
                text_attr("style", "rounded,filled,dashed"),
                text_attr("fillcolor", "#e5e5e5"),
                text_attr("fontcolor", "#595959"),
                text_attr("color", "#737373"),
                text_attr("fontsize", "10"),
            ],
        )));
    }
    Some(Stmt::Subgraph(Subgraph { id: plain("cluster_legend"), stmts }))
}

/// A spouse line is drawn double (two strokes of the colour around an
/// invisible one); the others single.
fn line_color(kind: RelationKind, color: &str) -> String {
    if kind == RelationKind::Spouse { format!("{color}:invis:{color}") } else { color.to_string() }
}

fn edge(from: NodeId, to: NodeId, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge { ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)), attributes })
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

/// An identifier kith controls (keywords, `p0`, `cluster_legend`), never text.
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

/// The name on the first line (a name broken over lines is drawn on one),
/// then the birth and death years when known.
fn person_label(person: &Person) -> String {
    let mut lines = vec![one_line(&person.name)];
    lines.extend(Lifespan::of(person).years_line());
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
        attributes.push(text_attr("fillcolor", "#e5e5e5"));
        attributes.push(text_attr("fontcolor", "#595959"));
        attributes.push(text_attr("color", "#737373"));
    }
    Node::new(node_id(person), attributes)
}

/// Colour, style and tooltip of a relation's line; `labelled` puts the
/// type and qualifiers on it (a couple's two half-lines carry one label).
fn edge_attributes(relation: &Relation, labelled: bool) -> Vec<Attribute> {
    let (color, style) = kind_style(relation.kind);
    let mut attributes = Vec::new();
    if labelled {
        attributes.push(text_attr("label", &relation.label()));
    }
    attributes.push(text_attr("color", &line_color(relation.kind, color)));
    attributes.push(text_attr("fontcolor", color));
    attributes.push(text_attr("style", style));
    if relation.kind.is_symmetric() {
        attributes.push(EdgeAttributes::dir(dir::none));
    }
    attributes.extend(evidence_tooltip(relation));
    attributes
}

/// The first evidence sentence and its rule, shown on hover in SVG.
fn evidence_tooltip(relation: &Relation) -> Option<Attribute> {
    let evidence = relation.evidence.first()?;
    let tip = format!("{} ({})", one_line(evidence.sentence_text()), one_line(evidence.rule()));
    Some(text_attr("tooltip", &tip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fact::{Attribute as Fact, PartialDate};

    #[test]
    fn quoted_escapes_everything_dot_would_misread() {
        let id = quoted("a\"b\\c\nd\re{<x>}");
        assert_eq!(id, Id::Escaped("\"a\\\"b\\\\c\\nd e{<x>}\"".to_string()));
    }

    #[test]
    fn labels_show_name_and_years() {
        let death = |cause: Option<&str>| crate::graph::PersonAttribute {
            attribute: Fact::Death {
                date: Some(PartialDate { year: 2020, month: None, day: None }),
                age: Some(41),
                cause: cause.map(Into::into),
            },
            evidence: Vec::new(),
        };
        let person: Person = serde_json::from_value(serde_json::json!({
            "id": "p0", "name": "Luke\nDelgado", "names": ["Luke Delgado"], "gender": null,
            "documents": [], "attributes": [death(None), death(Some("covid"))],
        }))
        .expect("a person");
        assert_eq!(person_label(&person), "Luke Delgado\n1978/79 – † 2020");
    }

    #[test]
    fn an_empty_graph_is_valid_dot() {
        let dot = to_dot(&KinGraph::new());
        assert!(graphviz_rust::parse(&dot).is_ok(), "{dot}");
        assert!(!dot.contains("legend"));
    }
}
