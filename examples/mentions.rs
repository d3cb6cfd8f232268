//! Prints the mentions, coreference and facts kith finds in a text file:
//! `cargo run --example mentions -- FILE`. A debugging aid for rule writers.

use kith::mention::MentionKind;
use kith::text::Document;

fn main() {
    let path = std::env::args().nth(1).expect("usage: mentions FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let doc = Document::new(path, &text, None);
    let mentions = kith::mention::find(&doc);
    let coref = kith::coref::resolve(&doc, &mentions);
    for (i, m) in mentions.mentions.iter().enumerate() {
        let kind = match &m.kind {
            MentionKind::Name(_) => "name",
            MentionKind::Pronoun(_) => "pron",
            MentionKind::Description(_) => "desc",
            MentionKind::Group => "group",
        };
        let (ents, conf) = coref.entities_of(i);
        println!("s{:<3} {kind:5} {:40} -> {:?} {:.2}", m.sentence, m.span.slice(doc.text()), ents, conf);
    }
    for k in &mentions.kin {
        println!("kin {} {:?} {:?}", k.span.slice(doc.text()), k.rule, k.referents);
    }
    let facts = kith::relation::extract(&doc, &mentions, &coref);
    for (i, p) in facts.people.iter().enumerate() {
        println!("P{i} {} {:?} {:?}", p.name, p.names, p.gender);
        for a in &p.attributes {
            println!(
                "    {:?}  [{} {:.2}] {:?}",
                a.attribute,
                a.evidence.rule,
                a.evidence.confidence,
                a.evidence.span.slice(doc.text())
            );
        }
    }
    for r in &facts.relations {
        println!(
            "R {} -{}{:?} {:?}-> {}  [{} {:.2}] {:?}",
            facts.people[r.head].name,
            r.kind,
            r.qualifiers,
            r.term,
            facts.people[r.tail].name,
            r.evidence.rule,
            r.evidence.confidence,
            r.evidence.span.slice(doc.text())
        );
    }
}
