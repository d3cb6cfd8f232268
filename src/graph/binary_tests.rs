//! The binary graph file: what survives a round trip, and what a damaged
//! file gives.

use std::path::Path;
use std::sync::Arc;

use super::binary::{MAGIC, VERSION};
use super::*;
use crate::error::ErrorKind;
use crate::export::binary::{from_bytes, to_bytes};
use crate::export::json::{from_json, to_json};

/// A graph with every kind of value the format holds: documents with and
/// without date and hash; ids kith did not write; every attribute with and
/// without its optional fields; stated and inferred relations with terms
/// and qualifiers; statements whose words are in their sentence, are not,
/// or are empty; a statement dated apart from its document; a sentence
/// stated twice; text that is not ASCII.
const EVERYTHING: &str = r#"{"format_version":2,
"documents":[{"id":"a.txt","date":"2021-12-30","content_hash":"fnv1a128:0123456789abcdef0123456789abcdef"},
             {"id":"b.txt","date":null},{"id":"Zoë – 🙂.txt","date":"1999-01-02"}],
"people":[
 {"id":"p0","name":"Ann Lee","names":["Ann Lee","Lee"],"gender":"female","documents":["a.txt","b.txt"],
  "attributes":[
   {"type":"age","years":39,"as_of":"2021-12-30","born":[-5,1982],"evidence":[
     {"document":"a.txt","date":"2021-12-30","sentence":0,"sentence_text":"Ann Lee, 39, married Bo.","start":0,"end":12,"text":"Ann Lee, 39,","rule":"age-apposition","confidence":0.9}]},
   {"type":"age","years":4000000000,"evidence":[]},
   {"type":"death","date":{"year":2020,"month":7,"day":4},"age":41,"cause":"a \"long\"\nillness","evidence":[
     {"document":"b.txt","date":null,"sentence":7,"sentence_text":"She died.","start":400,"end":409,"text":"died in July","rule":"death-verb","confidence":0.1234}]},
   {"type":"death","date":{"year":-44},"evidence":[]},
   {"type":"death","evidence":[]},
   {"type":"role","value":"cohost","evidence":[]},
   {"type":"hometown","value":"Zoë's 🙂 town","evidence":[]},
   {"type":"gender","value":"male","evidence":[]}]},
 {"id":"bo","name":"Bo","names":["Bo"],"gender":null,"documents":[],"attributes":[]},
 {"id":"p2","name":"Cy Lee","names":["Cy Lee"],"gender":"male","documents":["Zoë – 🙂.txt"],"attributes":[]}],
"relations":[
 {"id":"r0","head":"p0","tail":"bo","type":"spouse","qualifiers":["former","late"],"terms":["ex-wife","wife"],"confidence":0.95,"inferred":null,
  "evidence":[
   {"document":"a.txt","date":"2021-12-30","sentence":0,"sentence_text":"Ann Lee, 39, married Bo.","start":13,"end":20,"text":"married","term":"wife","rule":"married-verb","confidence":0.5},
   {"document":"a.txt","date":"2021-12-30","sentence":0,"sentence_text":"Ann Lee, 39, married Bo.","start":13,"end":13,"text":"","term":"wife","qualifiers":["former"],"rule":"married-verb","confidence":0.5},
   {"document":"Zoë – 🙂.txt","date":"2000-02-02","sentence":4294967295,"sentence_text":"Zoë – 🙂 wed Bo.","start":4294967295,"end":0,"text":"🙂 wed","term":"ex-wife","rule":"wed","confidence":1}]},
 {"id":"r1","head":"p0","tail":"p2","type":"parent","qualifiers":[],"terms":[],"confidence":0,"inferred":null,"evidence":[]},
 {"id":"r2","head":"bo","tail":"p2","type":"relative","qualifiers":["step","half","in-law","adoptive","engaged"],"terms":["step-son"],"confidence":0.45,
  "inferred":{"rule":"step-parent","chain":[{"head":"p0","type":"spouse","tail":"bo"},{"head":"p0","type":"parent","tail":"p2"}]},
  "evidence":[
   {"document":"a.txt","date":"2021-12-30","sentence":0,"sentence_text":"Ann Lee, 39, married Bo.","start":13,"end":20,"text":"married","term":"wife","rule":"married-verb","confidence":0.5}]},
 {"id":"r3","head":"bo","tail":"p2","type":"friend","qualifiers":[],"terms":[],"confidence":1,"inferred":null,"evidence":[]},
 {"id":"r4","head":"p0","tail":"p2","type":"sibling","qualifiers":[],"terms":[],"confidence":1,"inferred":null,"evidence":[]},
 {"id":"r5","head":"p0","tail":"p2","type":"partner","qualifiers":[],"terms":[],"confidence":1,"inferred":null,"evidence":[]}]}"#;

fn everything() -> KinGraph {
    from_json(EVERYTHING, Path::new("everything.json")).expect("a graph")
}

fn round_trip(graph: &KinGraph) -> KinGraph {
    let bytes = to_bytes(graph);
    let again = from_bytes(&bytes, Path::new("g.kith")).expect("reads back");
    // Written again, the same bytes.
    assert_eq!(to_bytes(&again), bytes);
    again
}

#[test]
fn every_field_survives_a_round_trip() {
    let graph = everything();
    let again = round_trip(&graph);
    // The JSON form lists every field.
    assert_eq!(to_json(&again), to_json(&graph));
    assert_eq!(again.documents(), graph.documents());
    for ((_, a), (_, b)) in again.people().zip(graph.people()) {
        assert_eq!(a, b);
    }
    for (a, b) in again.relations().zip(graph.relations()) {
        assert_eq!((a.head, a.tail, a.relation), (b.head, b.tail, b.relation));
    }
    // Ids kith did not write still name their people, and new ids stay
    // clear of the old ones.
    assert_eq!(again.find_person("bo").ok().map(NodeIndex::index), Some(1));
    assert_eq!(again.next_person, graph.next_person);
    // Words not in their sentence, and the largest offsets.
    let r0 = again.relations().next().expect("r0").relation;
    assert_eq!(r0.evidence[1].text(), "");
    assert_eq!((r0.evidence[2].start(), r0.evidence[2].sentence()), (u32::MAX as usize, u32::MAX as usize));
    assert_eq!(r0.evidence[2].date().map(|d| d.to_string()).as_deref(), Some("2000-02-02"));
    let died = &again.people().next().expect("p0").1.attributes[2].evidence[0];
    assert_eq!((died.text(), died.sentence_text()), ("died in July", "She died."));
}

#[test]
fn shared_values_are_shared_after_reading_either_format() {
    let graph = everything();
    for graph in [round_trip(&graph), graph] {
        let relations: Vec<_> = graph.relations().collect();
        // The same statement in a stated relation and in an inferred one's
        // chain; another statement of the same sentence.
        let (a, b) = (&relations[0].relation.evidence[0], &relations[2].relation.evidence[0]);
        let c = &relations[0].relation.evidence[1];
        let same = |x: &GraphEvidence, y: &GraphEvidence| {
            Arc::ptr_eq(&x.sentence_text.block, &y.sentence_text.block)
                && x.sentence_text.at == y.sentence_text.at
        };
        assert!(same(a, b) && same(a, c));
        assert!(Arc::ptr_eq(&a.source, &b.source) && Arc::ptr_eq(&a.reading, &b.reading));
        // Statements of one document share its record, an attribute's too.
        let age = &graph.people().next().expect("p0").1.attributes[0].evidence[0];
        assert!(Arc::ptr_eq(&a.source, &age.source));
    }
}

#[test]
fn the_hostile_graph_survives_a_round_trip() {
    let json = include_str!("../../tests/readers/hostile-graph.json");
    let graph = from_json(json, Path::new("hostile-graph.json")).expect("a graph");
    assert_eq!(to_json(&round_trip(&graph)), to_json(&graph));
    assert_eq!(to_json(&round_trip(&KinGraph::new())), to_json(&KinGraph::new()));
}

#[test]
fn without_statements_the_structure_is_the_same() {
    let graph = everything();
    let bytes = to_bytes(&graph);
    let lean =
        binary::read(|| Ok(std::io::Cursor::new(&bytes[..])), bytes.len() as u64, false).expect("reads");
    assert!(lean.relations().all(|r| r.relation.evidence.is_empty()));
    assert!(lean.people().flat_map(|(_, p)| &p.attributes).all(|a| a.evidence.is_empty()));
    let kinds = |g: &KinGraph| g.relations().map(|r| (r.head, r.tail, r.relation.kind)).collect::<Vec<_>>();
    assert_eq!(kinds(&lean), kinds(&graph));
    // The statements are skipped unread: damage there goes unnoticed...
    let mut damaged = bytes.clone();
    let statements = section_starts(&bytes)[3];
    damaged[statements + 12] ^= 0x55;
    assert!(binary::read(|| Ok(std::io::Cursor::new(&damaged[..])), bytes.len() as u64, false).is_ok());
    // ...but not by a full read.
    assert!(from_bytes(&damaged, Path::new("g.kith")).is_err());
}

/// The file offsets of the sections' tags.
fn section_starts(bytes: &[u8]) -> Vec<usize> {
    let mut at = MAGIC.len() + 4;
    let mut starts = Vec::new();
    while at < bytes.len() {
        starts.push(at);
        let length = u64::from_le_bytes(bytes[at + 1..at + 9].try_into().expect("8 bytes"));
        at += 9 + length as usize + 4;
    }
    starts
}

/// The message of the error from reading `bytes`, which must be one.
fn error(bytes: &[u8]) -> String {
    match from_bytes(bytes, Path::new("dir/g.kith")) {
        Ok(_) => panic!("read {} bytes of a damaged file", bytes.len()),
        Err(e) => {
            assert!(matches!(e.kind(), ErrorKind::BinaryGraph { .. }), "{e}");
            let message = e.to_string();
            assert!(message.starts_with("dir/g.kith: unreadable binary graph: "), "{message}");
            message
        }
    }
}

#[test]
fn a_file_cut_anywhere_is_an_error_naming_the_file() {
    let bytes = to_bytes(&everything());
    for len in 0..bytes.len() {
        error(&bytes[..len]);
    }
    assert!(error(&bytes[..bytes.len() - 1]).contains("cut short"), "{}", error(&bytes[..bytes.len() - 1]));
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(error(&longer).contains("after the end section"));
}

#[test]
fn any_changed_byte_is_an_error_not_a_panic() {
    let bytes = to_bytes(&everything());
    for at in 0..bytes.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut damaged = bytes.clone();
            damaged[at] ^= flip;
            error(&damaged);
        }
    }
}

#[test]
fn damage_is_reported_by_section() {
    let bytes = to_bytes(&everything());
    let starts = section_starts(&bytes);
    assert_eq!(starts.iter().map(|&at| bytes[at]).collect::<Vec<u8>>(), b"DPRSE");
    let mut damaged = bytes.clone();
    // The last byte of the people section's payload (before its CRC).
    damaged[starts[2] - 5] ^= 0x20;
    let message = error(&damaged);
    assert!(message.contains("\"people\""), "{message}");
    let mut other = bytes.clone();
    other[MAGIC.len()] = VERSION as u8 + 1;
    assert!(error(&other).contains("format version 2"), "{}", error(&other));
    assert!(error(b"{\"format_version\":2}").contains("magic"));
    // A huge length cannot make the reader allocate it.
    let mut long = bytes.clone();
    long[starts[1] + 9] = 0xff;
    long[starts[1] + 10..starts[1] + 18].fill(0xff);
    error(&long);
}
