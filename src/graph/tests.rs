use super::*;
use crate::fact::{AttributeFact, Evidence, PersonFacts, RelationFact};
use crate::span::Span;

const TEXT: &str = "Zoë Saldaña married Marco Perego. Their son is Cy. Marco's brother is Leo Perego.";

/// The byte spans of the three sentences of `TEXT`.
fn sentences() -> [(usize, usize); 3] {
    let first = TEXT.find(" Their").unwrap_or(0);
    let second = TEXT.find(" Marco's").unwrap_or(0);
    [(0, first), (first + 1, second), (second + 1, TEXT.len())]
}

fn evidence(sentence: usize, trigger: &str, rule: &str, confidence: f32) -> Evidence {
    let (start, end) = sentences()[sentence];
    let at = TEXT[start..end].find(trigger).map_or(start, |i| start + i);
    Evidence {
        sentence,
        sentence_span: Span::new(start, end),
        span: Span::new(at, at + trigger.len()),
        rule: rule.to_string(),
        confidence,
    }
}

fn person(name: &str, names: &[&str]) -> PersonFacts {
    PersonFacts {
        name: name.to_string(),
        names: names.iter().map(ToString::to_string).collect(),
        gender: None,
        mentions: Vec::new(),
        attributes: Vec::new(),
    }
}

fn fact(head: usize, tail: usize, kind: RelationKind, evidence: Evidence) -> RelationFact {
    RelationFact { head, tail, kind, qualifiers: Vec::new(), term: None, evidence }
}

fn extraction() -> Extraction {
    let mut zoe = person("Zoë Saldaña", &["Zoë Saldaña", "Saldaña"]);
    zoe.attributes.push(AttributeFact {
        attribute: Attribute::Role { value: "actress".into() },
        evidence: evidence(0, "Zoë Saldaña", "role", 0.5),
    });
    zoe.attributes.push(AttributeFact {
        attribute: Attribute::Role { value: "actress".into() },
        evidence: evidence(1, "Their", "role", 0.5),
    });
    let mut spouse_again = fact(1, 0, RelationKind::Spouse, evidence(1, "Their", "couple", 0.5));
    spouse_again.qualifiers = vec![Qualifier::Former];
    spouse_again.term = Some("their".into());
    let mut spouse = fact(0, 1, RelationKind::Spouse, evidence(0, "married", "married", 0.5));
    spouse.term = Some("married".into());
    Extraction {
        people: vec![
            zoe,
            person("Marco Perego", &["Marco Perego", "Marco"]),
            person("Cy", &["Cy"]),
            person("Leo Perego", &["Leo Perego"]),
        ],
        relations: vec![
            spouse,
            spouse_again.clone(),
            // The same reading twice must not raise the confidence.
            spouse_again,
            fact(0, 2, RelationKind::Parent, evidence(1, "son", "son", 0.9)),
            fact(1, 2, RelationKind::Parent, evidence(1, "son", "son", 0.9)),
            fact(3, 1, RelationKind::Sibling, evidence(2, "brother", "brother", 0.8)),
            // Out of range and self-relations are dropped, not panics.
            fact(0, 9, RelationKind::Friend, evidence(0, "married", "bad", 1.0)),
            fact(2, 2, RelationKind::Friend, evidence(0, "married", "bad", 1.0)),
        ],
    }
}

fn graph() -> KinGraph {
    KinGraph::from_extraction(&Document::new("zoe.txt", TEXT, None), &extraction())
}

#[test]
fn facts_with_the_same_pair_and_kind_become_one_edge() {
    let graph = graph();
    let relations: Vec<_> = graph.relations().collect();
    assert_eq!(relations.len(), 4, "{relations:#?}");
    let spouse = relations[0].relation;
    assert_eq!(spouse.kind, RelationKind::Spouse);
    assert_eq!(spouse.evidence.len(), 2);
    assert_eq!(spouse.confidence, 0.75);
    assert_eq!(spouse.qualifiers, [Qualifier::Former]);
    assert!(spouse.terms.iter().map(|t| &**t).eq(["married", "their"]), "{:?}", spouse.terms);
    assert_eq!(spouse.label(), "spouse (former)");
    assert_eq!(spouse.evidence[0].sentence_text(), "Zoë Saldaña married Marco Perego.");
    assert_eq!(spouse.evidence[0].text(), "married");
    assert_eq!(spouse.evidence[0].document(), "zoe.txt");
}

#[test]
fn equal_attributes_merge_their_evidence() {
    let graph = graph();
    let zoe = graph.people().next().map(|(_, p)| p.clone());
    let zoe = zoe.expect("a person");
    assert_eq!(zoe.id, "p0");
    assert_eq!(zoe.attributes.len(), 1);
    assert_eq!(zoe.attributes[0].evidence.len(), 2);
    assert_eq!(zoe.names, ["Zoë Saldaña", "Saldaña"]);
}

#[test]
fn symmetric_edges_run_from_the_lower_node_and_parent_edges_from_the_parent() {
    let graph = graph();
    for r in graph.relations() {
        if r.relation.kind.is_symmetric() {
            assert!(r.head < r.tail, "{r:?}");
        }
    }
    let sibling = graph.relations().find(|r| r.relation.kind == RelationKind::Sibling);
    let sibling = sibling.expect("sibling edge");
    assert_eq!((sibling.head.index(), sibling.tail.index()), (1, 3));
    let parents: Vec<_> = graph
        .relations()
        .filter(|r| r.relation.kind == RelationKind::Parent)
        .map(|r| (r.head.index(), r.tail.index()))
        .collect();
    assert_eq!(parents, [(0, 2), (1, 2)]);
}

#[test]
fn relations_read_from_either_end() {
    let graph = graph();
    let marco = graph.find_person("Marco Perego").expect("found");
    let words: Vec<_> = graph
        .relations_of(marco)
        .map(|v| (v.direction_word, graph.person(v.other).map(|p| p.name.clone())))
        .collect();
    assert_eq!(
        words,
        [
            ("spouse of", Some("Zoë Saldaña".to_string())),
            ("parent of", Some("Cy".to_string())),
            ("sibling of", Some("Leo Perego".to_string())),
        ]
    );
    let cy = graph.find_person("cy").expect("found");
    let words: Vec<_> = graph.relations_of(cy).map(|v| v.direction_word).collect();
    assert_eq!(words, ["child of", "child of"]);
}

#[test]
fn names_are_found_ignoring_case_and_accents_and_by_unique_surname() {
    let graph = graph();
    let zoe = graph.find_person("zoe saldana").expect("folded");
    assert_eq!(graph.find_person("SALDAÑA"), Ok(zoe));
    assert_eq!(graph.find_person("  Zoë   Saldaña "), Ok(zoe));
    assert_eq!(graph.find_person("p0"), Ok(zoe));
    // "Marco" is a listed name of Marco Perego only.
    let marco = graph.find_person("Marco").expect("name");
    assert_eq!(graph.person(marco).map(|p| p.id.as_str()), Some("p1"));
    // Any word of a name, when no surname matches.
    let leo = graph.find_person("leo").expect("given name");
    assert_eq!(graph.person(leo).map(|p| p.id.as_str()), Some("p3"));
}

#[test]
fn shared_surnames_are_ambiguous_and_unknown_names_are_not_found() {
    let graph = graph();
    match graph.find_person("Perego") {
        Err(Lookup::Ambiguous { candidates, .. }) => {
            let ids: Vec<_> = candidates.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, ["p1", "p3"]);
            let err = graph.find_person("Perego").err().map(|e| e.to_string());
            assert_eq!(
                err.as_deref(),
                Some("\"Perego\" is ambiguous: Marco Perego (p1, zoe.txt); Leo Perego (p3, zoe.txt)")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(graph.find_person("Nobody"), Err(Lookup::NotFound { query: "Nobody".into() }));
    assert!(matches!(graph.find_person("  "), Err(Lookup::NotFound { .. })));
}

#[test]
fn documents_keep_their_people_apart() {
    let mut graph = graph();
    graph.add_document(&Document::new("again.txt", TEXT, None), &extraction());
    assert_eq!(graph.documents().len(), 2);
    assert_eq!(graph.people().count(), 8);
    assert_eq!(
        graph.people_of("again.txt").map(|(_, p)| p.id.as_str()).collect::<Vec<_>>(),
        ["p4", "p5", "p6", "p7"]
    );
    assert_eq!(graph.relations_in("again.txt").count(), 4);
    assert!(matches!(graph.find_person("Zoë Saldaña"), Err(Lookup::Ambiguous { .. })));
}

#[test]
fn confidences_are_clamped_and_rounded() {
    assert_eq!(normalize_confidence(f32::NAN), 0.0);
    assert_eq!(normalize_confidence(1.5), 1.0);
    assert_eq!(normalize_confidence(-1.0), 0.0);
    assert_eq!(normalize_confidence(0.123_456), 0.1235);
}

#[test]
fn bad_spans_give_empty_text_not_a_panic() {
    let doc = Document::new("x", "é", None);
    let evidence = Evidence {
        sentence: 0,
        sentence_span: Span::new(0, 1),
        span: Span::new(5, 9),
        rule: "r".into(),
        confidence: 1.0,
    };
    let copied = GraphEvidence::new(&doc, &evidence);
    assert_eq!((copied.sentence_text(), copied.text()), ("", ""));
}
