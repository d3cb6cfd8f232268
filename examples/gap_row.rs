//! Prints kith's mentions and coreference for GAP rows:
//! `cargo run --example gap_row -- FILE ID...`. A debugging aid.

use kith::mention::MentionKind;
use kith::text::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: gap_row FILE ID...");
    let ids: Vec<String> = args.collect();
    let rows = kith::eval::gap::read_gap(std::path::Path::new(&path)).expect("GAP file");
    for row in rows.iter().filter(|r| ids.contains(&r.id)) {
        let doc = Document::new(row.id.clone(), &row.text, None);
        let mentions = kith::mention::find_with_names(&doc, &kith::eval::gap::name_spans(row, &doc));
        let pronoun = kith::eval::gap::row_offset(row, &doc, row.pronoun_offset);
        let coref = kith::coref::resolve(&doc, &mentions);
        let p = kith::eval::gap::predict(row);
        println!(
            "== {} pron={}@{} A={} ({}) B={} ({}) pred A={} B={}",
            row.id,
            row.pronoun,
            row.pronoun_offset,
            row.a,
            row.a_coref,
            row.b,
            row.b_coref,
            p.a_coref,
            p.b_coref
        );
        for (i, m) in mentions.mentions.iter().enumerate() {
            let kind = match &m.kind {
                MentionKind::Name(_) => "name",
                MentionKind::Pronoun(_) => "pron",
                MentionKind::Description(_) => "desc",
                MentionKind::Group => "group",
            };
            let mark = if Some(m.span.start) == pronoun { "<<<" } else { "" };
            let (ents, conf) = coref.entities_of(i);
            let names: Vec<String> = ents
                .iter()
                .map(|&e| {
                    let ent = &coref.entities[e];
                    let first = ent
                        .mentions
                        .iter()
                        .find(|&&x| matches!(mentions.mentions[x].kind, MentionKind::Name(_)));
                    format!(
                        "E{e}:{}:{:?}",
                        first.map_or("", |&x| mentions.mentions[x].span.slice(doc.text())),
                        ent.gender
                    )
                })
                .collect();
            println!(
                "s{:<3} {kind:5} {:30} -> {:?} {:.2} {mark}",
                m.sentence,
                m.span.slice(doc.text()),
                names,
                conf
            );
        }
    }
}
