//! The exporters on hand-built graphs: JSON round trip, DOT that survives
//! hostile names, the evaluation line shape, and snapshots of the text and
//! DOT a reader sees.
//!
//! The graphs are built from hand-made `Extraction`s over invented text, so
//! these tests do not depend on the extraction stages.

use graphviz_rust::dot_structures::{Attribute as DotAttribute, Graph, Id, Node, Stmt, Subgraph};
use kith::export::{dot, eval, json, text};
use kith::fact::{
    Attribute, AttributeFact, Evidence, Extraction, Gender, PartialDate, PersonFacts, Qualifier,
    RelationFact, RelationKind,
};
use kith::graph::KinGraph;
use kith::span::Span;
use kith::text::{Date, Document};
use proptest::prelude::*;
use std::path::Path;

/// A document made of sentences joined by spaces, which knows where each
/// sentence and each trigger word is.
struct Article {
    text: String,
    sentences: Vec<Span>,
}

impl Article {
    fn new(sentences: &[&str]) -> Article {
        let mut text = String::new();
        let mut spans = Vec::new();
        for sentence in sentences {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push(Span::new(text.len(), text.len() + sentence.len()));
            text.push_str(sentence);
        }
        Article { text, sentences: spans }
    }

    fn evidence(&self, sentence: usize, trigger: &str, rule: &str, confidence: f32) -> Evidence {
        let span = self.sentences[sentence];
        let at = span.slice(&self.text).find(trigger).expect("trigger in sentence") + span.start;
        Evidence {
            sentence,
            sentence_span: span,
            span: Span::new(at, at + trigger.len()),
            rule: rule.to_string(),
            confidence,
        }
    }
}

fn person(name: &str, names: &[&str], gender: Option<Gender>) -> PersonFacts {
    PersonFacts {
        name: name.to_string(),
        names: names.iter().map(ToString::to_string).collect(),
        gender,
        mentions: Vec::new(),
        attributes: Vec::new(),
    }
}

fn relation(
    head: usize,
    tail: usize,
    kind: RelationKind,
    qualifiers: &[Qualifier],
    term: &str,
    evidence: Evidence,
) -> RelationFact {
    RelationFact { head, tail, kind, qualifiers: qualifiers.to_vec(), term: Some(term.to_string()), evidence }
}

fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|_| panic!("invalid date {s}"))
}

/// An invented obituary-style story with every kind of fact the exporters
/// show: ages, roles, a death, a late spouse stated twice, parents, a
/// sibling and a friend.
fn family() -> (Document, Extraction) {
    let article = Article::new(&[
        "Dana Whitcombe, 41, a cardiologist from Leeds, married Tomás Ibarra in 2010.",
        "Ibarra, her late husband, died of a stroke in March 2020 at the age of 52.",
        "Their daughter, Maya, is 9.",
        "Whitcombe's brother, Owen Whitcombe, runs a bakery.",
        "Priya Natarajan has been Whitcombe's friend since college.",
    ]);
    let on = Some(date("2021-06-01"));
    let mut dana = person("Dana Whitcombe", &["Dana Whitcombe", "Whitcombe"], Some(Gender::Female));
    dana.attributes = vec![
        AttributeFact {
            attribute: Attribute::Age { years: 41, as_of: on, born: Some((1979, 1980)) },
            evidence: article.evidence(0, "41", "age-apposition", 0.9),
        },
        AttributeFact {
            attribute: Attribute::Role { value: "cardiologist".into() },
            evidence: article.evidence(0, "a cardiologist", "role-apposition", 0.8),
        },
        AttributeFact {
            attribute: Attribute::Hometown { value: "Leeds".into() },
            evidence: article.evidence(0, "from Leeds", "hometown-from", 0.7),
        },
    ];
    let mut tomas = person("Tomás Ibarra", &["Tomás Ibarra", "Ibarra"], Some(Gender::Male));
    tomas.attributes = vec![AttributeFact {
        attribute: Attribute::Death {
            date: Some(PartialDate { year: 2020, month: Some(3), day: None }),
            age: Some(52),
            cause: Some("a stroke".into()),
        },
        evidence: article.evidence(1, "died", "death-of", 0.9),
    }];
    let mut maya = person("Maya", &["Maya"], Some(Gender::Female));
    maya.attributes = vec![AttributeFact {
        attribute: Attribute::Age { years: 9, as_of: on, born: Some((2011, 2012)) },
        evidence: article.evidence(2, "is 9", "age-copula", 0.8),
    }];
    let owen = person("Owen Whitcombe", &["Owen Whitcombe"], Some(Gender::Male));
    let priya = person("Priya Natarajan", &["Priya Natarajan"], None);
    let extraction = Extraction {
        people: vec![dana, tomas, maya, owen, priya],
        relations: vec![
            relation(
                0,
                1,
                RelationKind::Spouse,
                &[],
                "married",
                article.evidence(0, "married", "married-verb", 0.8),
            ),
            relation(
                1,
                0,
                RelationKind::Spouse,
                &[Qualifier::Late],
                "late husband",
                article.evidence(1, "her late husband", "spouse-possessive", 0.75),
            ),
            relation(
                0,
                2,
                RelationKind::Parent,
                &[],
                "daughter",
                article.evidence(2, "Their daughter", "child-possessive", 0.85),
            ),
            relation(
                1,
                2,
                RelationKind::Parent,
                &[],
                "daughter",
                article.evidence(2, "Their daughter", "child-possessive", 0.85),
            ),
            relation(
                3,
                0,
                RelationKind::Sibling,
                &[],
                "brother",
                article.evidence(3, "Whitcombe's brother", "sibling-possessive", 0.9),
            ),
            relation(
                4,
                0,
                RelationKind::Friend,
                &[],
                "friend",
                article.evidence(4, "Whitcombe's friend", "friend-possessive", 0.7),
            ),
        ],
    };
    (Document::new("whitcombe.txt", &article.text, on), extraction)
}

/// Names and sentences that would break naive DOT, JSON or terminal output.
const HOSTILE: [&str; 8] = [
    "Robert \"Bobby\" Tables",
    "Evil\nNewline",
    "{brace} } {",
    "<script>alert(1)</script>",
    "李小龍",
    "back\\slash\\",
    "\"; rankdir=LR; x [label=\"",
    "Ω -> p1 -- p2 // #",
];

fn hostile() -> (Document, Extraction) {
    let sentences: Vec<String> =
        HOSTILE.iter().map(|name| format!("{name} met \"x\" {{ }} <b> \\N.")).collect();
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let article = Article::new(&refs);
    let mut people: Vec<PersonFacts> =
        HOSTILE.iter().map(|name| person(name, &[name, "Tables\\"], None)).collect();
    people[1].attributes.push(AttributeFact {
        attribute: Attribute::Death {
            date: None,
            age: None,
            cause: Some("\"quotes\" & <tags>\n{braces}".into()),
        },
        evidence: article.evidence(1, "met", "death\"rule", 0.5),
    });
    people[2].attributes.push(AttributeFact {
        attribute: Attribute::Role { value: "role \\\" } ]".into() },
        evidence: article.evidence(2, "met", "role", 0.5),
    });
    let kinds = RelationKind::ALL;
    let relations = (0..HOSTILE.len() - 1)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            relation(
                i,
                i + 1,
                kind,
                &[Qualifier::Former],
                "\"term\"\n",
                article.evidence(i, "met", "rule\\", 0.5),
            )
        })
        .collect();
    (Document::new("evil \"doc\"\n{}.txt", &article.text, None), Extraction { people, relations })
}

fn family_graph() -> KinGraph {
    let (doc, extraction) = family();
    KinGraph::from_extraction(&doc, &extraction)
}

fn two_document_graph() -> KinGraph {
    let mut graph = family_graph();
    let (doc, extraction) = hostile();
    graph.add_document(&doc, &extraction);
    graph
}

#[test]
fn json_round_trip_is_byte_identical() {
    for graph in [KinGraph::new(), family_graph(), two_document_graph()] {
        let first = json::to_json(&graph);
        let read = json::from_json(&first, Path::new("g.json")).expect("reads its own output");
        assert_eq!(json::to_json(&read), first);
        let line = json::to_json_line(&graph);
        assert!(!line.contains('\n'));
        let read = json::from_json(&line, Path::new("g.jsonl")).expect("reads one-line form");
        assert_eq!(json::to_json(&read), first);
    }
}

#[test]
fn people_added_to_a_loaded_graph_get_fresh_ids() {
    let mut graph = json::from_json(&json::to_json(&family_graph()), Path::new("g.json")).expect("reads");
    let (doc, extraction) = hostile();
    graph.add_document(&doc, &extraction);
    let ids: Vec<&str> = graph.people().map(|(_, p)| p.id.as_str()).collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert_eq!(ids[5], "p5");
}

#[test]
fn json_reader_rejects_what_is_not_a_kith_graph() {
    let cases = [
        ("not json", "not a kith graph"),
        ("[1, 2]", "not a kith graph: no \"format_version\""),
        ("{\"format_version\": 3}", "unsupported graph format_version 3"),
        ("{\"format_version\": 1}", "missing field `documents`"),
        (
            "{\"format_version\":1,\"documents\":[],\"people\":[],\"relations\":[{\"id\":\"r0\",\
             \"head\":\"p0\",\"tail\":\"p1\",\"type\":\"friend\",\"qualifiers\":[],\"terms\":[],\
             \"confidence\":1,\"evidence\":[]}]}",
            "relation 0 names unknown person \"p0\"",
        ),
    ];
    for (input, expected) in cases {
        let err = json::from_json(input, Path::new("g.json")).err().map(|e| e.to_string());
        let err = err.expect("rejected");
        assert!(err.starts_with("g.json: "), "{err}");
        assert!(err.contains(expected), "{err} lacks {expected}");
        assert!(!err.contains('\n'), "{err}");
    }
}

#[test]
fn json_keys_come_in_schema_order() {
    let value: serde_json::Value = serde_json::from_str(&json::to_json(&family_graph())).expect("json");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    };
    // serde_json's Map sorts keys unless preserve_order is on, so compare
    // against the text itself for order.
    let text = json::to_json(&family_graph());
    let order = ["\"format_version\"", "\"documents\"", "\"people\"", "\"relations\""];
    let positions: Vec<usize> = order.iter().filter_map(|k| text.find(k)).collect();
    assert_eq!(positions.len(), 4);
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let relation = &value["relations"][0];
    let mut expected =
        ["confidence", "evidence", "head", "id", "inferred", "qualifiers", "tail", "terms", "type"];
    expected.sort_unstable();
    assert_eq!(keys(relation), expected);
    assert_eq!(relation["id"], "r0");
    assert_eq!(relation["type"], "spouse");
    assert_eq!(relation["qualifiers"], serde_json::json!(["late"]));
    assert_eq!(relation["terms"], serde_json::json!(["married", "late husband"]));
    assert_eq!(relation["evidence"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["people"][0]["attributes"][0]["type"], "age");
}

/// The inside of a DOT quoted string, with the escapes kith writes undone.
fn unquote(id: &Id) -> String {
    let Id::Escaped(raw) = id else {
        return format!("{id:?}");
    };
    let inner = raw.strip_prefix('"').and_then(|s| s.strip_suffix('"')).expect("quoted");
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn nodes(stmts: &[Stmt], found: &mut Vec<Node>) {
    for stmt in stmts {
        match stmt {
            Stmt::Node(node) => found.push(node.clone()),
            Stmt::Subgraph(Subgraph { stmts, .. }) => nodes(stmts, found),
            _ => {}
        }
    }
}

fn attribute<'a>(attributes: &'a [DotAttribute], key: &str) -> Option<&'a Id> {
    attributes.iter().find(|a| a.0 == Id::Plain(key.to_string())).map(|a| &a.1)
}

#[test]
fn dot_with_hostile_names_parses_back_with_the_names_intact() {
    let graph = two_document_graph();
    let source = dot::to_dot(&graph);
    let parsed = graphviz_rust::parse(&source).unwrap_or_else(|e| panic!("{e}\n{source}"));
    let Graph::DiGraph { stmts, .. } = parsed else { panic!("not a digraph") };
    let mut found = Vec::new();
    nodes(&stmts, &mut found);
    // People are the labelled nodes outside the legend.
    let labelled: Vec<&Node> = found
        .iter()
        .filter(|n| attribute(&n.attributes, "label").is_some())
        .filter(|n| !matches!(&n.id.0, Id::Plain(id) if id.starts_with("kith_")))
        .collect();
    assert_eq!(labelled.len(), graph.people().count());
    for (node, (_, person)) in labelled.iter().zip(graph.people()) {
        assert_eq!(node.id.0, Id::Plain(person.id.clone()));
        let label = attribute(&node.attributes, "label").map(unquote).unwrap_or_default();
        let first_line = label.lines().next().unwrap_or_default();
        // Line breaks inside a name are drawn as spaces; nothing else changes.
        assert_eq!(first_line, person.name.replace('\n', " "), "{label:?}");
    }
    // Couples are drawn through a family dot (two half-lines), and their
    // children hang from it, so edges and relations are not one to one;
    // every relation's tooltip is there.
    let tooltips = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Edge(e) => attribute(&e.attributes, "tooltip").map(unquote),
            _ => None,
        })
        .collect::<Vec<_>>();
    for r in graph.relations() {
        let sentence = r.relation.evidence[0].sentence_text().replace('\n', " ");
        assert!(tooltips.iter().any(|t| t.contains(&sentence)), "{sentence}");
    }
}

#[test]
fn dot_marks_the_dead_and_styles_each_kind() {
    let source = dot::to_dot(&family_graph());
    assert!(source.contains("rankdir=TB"));
    assert!(source.contains("label=\"Tomás Ibarra\\n1967/68 – † 2020\""), "{source}");
    assert!(source.contains("style=\"rounded,filled,dashed\""));
    assert!(source.contains("label=\"spouse (late)\""));
    assert!(source.contains("dir=none"));
    // The couple shares a rank and a family dot; their daughter hangs from it.
    assert!(source.contains("p0 -> kith_family_0"), "{source}");
    assert!(source.contains("kith_family_0 -> p2"), "parent lines point at the child");
    assert!(source.contains("subgraph cluster_legend"), "a legend");
}

#[test]
fn eval_lines_have_the_prediction_shape() {
    let graph = family_graph();
    let lines = eval::eval_lines(&graph);
    assert_eq!(lines.lines().count(), 1);
    assert!(lines.ends_with('\n'));
    let line: serde_json::Value = serde_json::from_str(lines.trim_end()).expect("one JSON object");
    assert_eq!(line["id"], "whitcombe.txt");
    let entities = line["entities"].as_array().expect("entities");
    assert_eq!(entities.len(), 5);
    assert_eq!(
        entities[0],
        serde_json::json!({
            "id": "p0", "type": "PER", "names": ["Dana Whitcombe", "Whitcombe"]
        })
    );
    let relations: Vec<(String, String, String)> = line["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (field("head"), field("type"), field("tail"))
        })
        .collect();
    let expected = [
        ("p0", "spouse", "p1"),
        ("p0", "parent", "p2"),
        ("p1", "parent", "p2"),
        ("p0", "sibling", "p3"),
        ("p0", "friend", "p4"),
    ];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(h, t, l)| (h.to_string(), t.to_string(), l.to_string())).collect();
    assert_eq!(relations, expected, "symmetric relations once, parents first");
}

#[test]
fn eval_lines_keep_documents_apart() {
    let graph = two_document_graph();
    let lines: Vec<serde_json::Value> =
        eval::eval_lines(&graph).lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["id"], "evil \"doc\"\n{}.txt");
    assert_eq!(lines[1]["entities"].as_array().map(Vec::len), Some(HOSTILE.len()));
    assert_eq!(lines[1]["relations"].as_array().map(Vec::len), Some(HOSTILE.len() - 1));
    assert_eq!(eval::eval_line(&graph, "unknown"), r#"{"id":"unknown","entities":[],"relations":[]}"#);
}

#[test]
fn text_summary_snapshot() {
    insta::assert_snapshot!("text_summary", text::to_text(&family_graph()));
}

#[test]
fn dot_snapshot() {
    insta::assert_snapshot!("dot", dot::to_dot(&family_graph()));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("json", json::to_json(&family_graph()));
}

#[test]
fn query_answers_snapshot() {
    let graph = family_graph();
    let dana = graph.find_person("whitcombe").expect("unique surname match");
    let answers = [
        text::person_text(&graph, dana),
        text::relations_text(&graph, dana),
        json::person_json(&graph, dana),
    ];
    insta::assert_snapshot!("query_answers", answers.join("\n----\n"));
}

#[test]
fn text_summary_keeps_hostile_text_on_its_lines() {
    let summary = text::to_text(&two_document_graph());
    assert!(!summary.contains('\u{1b}'));
    assert!(summary.contains("Evil Newline [p6]"), "{summary}");
    assert!(summary.contains("evil \"doc\" {}.txt: 8 people, 7 relations"), "{summary}");
}

#[test]
fn svg_renders_when_graphviz_is_installed() {
    if std::process::Command::new("dot").arg("-V").output().is_err() {
        eprintln!("skipped: Graphviz `dot` is not installed (scripts/setup installs it)");
        return;
    }
    let svg = kith::export::render::render_svg(&dot::to_dot(&two_document_graph()))
        .expect("dot renders kith's DOT");
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("&lt;script&gt;"), "markup in names is escaped in SVG");
    assert!(!svg.contains("<script>"));
}

proptest! {
    // No regression file: proptest cannot locate one for an integration test.
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any names, confidences and relations: the JSON is a fixed point and
    /// the DOT parses.
    #[test]
    fn any_graph_round_trips(
        names in prop::collection::vec("\\PC{0,12}", 1..6),
        facts in prop::collection::vec((0usize..6, 0usize..6, 0usize..6, any::<f32>()), 0..10),
    ) {
        let text: String = names.join(". ");
        let people = names.iter().map(|n| person(n, &[n.as_str()], None)).collect::<Vec<_>>();
        let relations = facts
            .iter()
            .map(|&(head, tail, kind, confidence)| RelationFact {
                head,
                tail,
                kind: RelationKind::ALL[kind],
                qualifiers: Vec::new(),
                term: None,
                evidence: Evidence {
                    sentence: 0,
                    sentence_span: Span::new(0, text.len()),
                    span: Span::new(0, 0),
                    rule: "any".into(),
                    confidence,
                },
            })
            .collect();
        let doc = Document::new("any", &text, None);
        let graph = KinGraph::from_extraction(&doc, &Extraction { people, relations });
        let first = json::to_json(&graph);
        let read = json::from_json(&first, Path::new("any.json"));
        prop_assert!(read.is_ok(), "{:?}", read.err().map(|e| e.to_string()));
        if let Ok(read) = read {
            prop_assert_eq!(json::to_json(&read), first);
        }
        let source = dot::to_dot(&graph);
        prop_assert!(graphviz_rust::parse(&source).is_ok(), "{}", source);
    }
}
