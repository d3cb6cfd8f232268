//! Development aid: FORMAT.md predictions for a JSONL file, one line per
//! document (`cargo run --release --example predict -- GOLD.jsonl`). The CLI's
//! `kith extract --format eval --jsonl` is the supported way.
use kith::text::{Date, Document};
use std::io::BufRead;

fn main() {
    let path = std::env::args().nth(1).expect("usage: predict FILE");
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("readable"));
    for line in file.lines() {
        let line = line.expect("utf-8");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let date = v["date"].as_str().and_then(|d| d.parse::<Date>().ok());
        let doc = Document::new(v["id"].as_str().unwrap_or(""), v["text"].as_str().unwrap_or(""), date);
        let x = kith::pipeline::extract(&doc);
        let entities: Vec<_> = x
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| serde_json::json!({"id": format!("p{i}"), "type": "PER", "names": p.names}))
            .collect();
        let relations: Vec<_> = x
            .relations
            .iter()
            .map(|r| serde_json::json!({"head": format!("p{}", r.head), "type": r.kind.as_str(), "tail": format!("p{}", r.tail)}))
            .collect();
        println!("{}", serde_json::json!({"id": v["id"], "entities": entities, "relations": relations}));
    }
}
