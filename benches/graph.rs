//! The graph at scale: a synthetic graph of 1M people and 3M relations,
//! saved, loaded and searched, with the peak memory of each step.
//!
//! ```sh
//! cargo bench --bench graph                 # 1M people, 3M relations
//! cargo bench --bench graph -- --people 100000
//! cargo bench --bench graph -- --format kith --keep   # load only the binary file; keep both
//! ```
//!
//! Not a divan bench: one load of a 1M graph takes seconds and a few GB, so
//! each step runs once, and loading runs in a fresh process (this binary,
//! started again with `--load FILE`) so that its peak memory (VmHWM from
//! `/proc/self/status`) is the load's own, not the generator's.
//!
//! The graph is saved in both formats, JSON (`.json`) and binary (`.kith`),
//! and each is loaded, with and without the statements.
//!
//! The graph is what `kith build` writes for families in the news: one
//! article per ten people (two couples and their three children each, with
//! ages), every relation with one statement (a sentence of about 90 bytes),
//! and one friendship per person to someone of another article, which makes
//! the graph one connected world for the path searches.
//! The figures are reported in `docs/graph.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use kith::graph::{KinGraph, PathFilter};
use petgraph::stable_graph::NodeIndex;

const GIVEN: [&str; 16] = [
    "Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jill", "Kai", "Lena", "Milo", "Nora",
    "Omar", "Pia",
];
const SURNAMES: [&str; 16] = [
    "Abbot",
    "Brandt",
    "Castell",
    "Dunmore",
    "Ekwall",
    "Farrow",
    "Gilchrist",
    "Halvorsen",
    "Iqbal",
    "Jablonski",
    "Kettering",
    "Lindqvist",
    "Moravec",
    "Nakashima",
    "Okafor",
    "Pellegrini",
];

/// A small deterministic generator (SplitMix64), so every run builds the
/// same graph without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One evidence object, as kith writes it.
fn evidence(
    out: &mut String,
    document: &str,
    sentence: usize,
    text: &str,
    words: &str,
    rule: &str,
    term: &str,
) {
    let start = sentence * 100;
    let _ = write!(
        out,
        r#"{{"document":"{document}","date":"2022-05-01","sentence":{sentence},"sentence_text":"{text}","start":{start},"end":{},"text":"{words}","term":"{term}","rule":"{rule}","confidence":0.9}}"#,
        start + words.len()
    );
}

/// The graph file of `people` people in articles of ten, in kith's JSON
/// (one line, as the bench saves it too).
fn generate(people: usize) -> String {
    let families = people / 10;
    let mut rng = Rng(42);
    let name =
        |i: usize| format!("{} {}{}", GIVEN[i % GIVEN.len()], SURNAMES[(i / 10) % SURNAMES.len()], i / 160);
    let mut out = String::with_capacity(people * 1200);
    out.push_str(r#"{"format_version":2,"documents":["#);
    for f in 0..families {
        if f > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"id":"news/{f:07}.txt","date":"2022-05-01","content_hash":"fnv1a128:{:032x}"}}"#,
            f
        );
    }
    out.push_str(r#"],"people":["#);
    for i in 0..families * 10 {
        if i > 0 {
            out.push(',');
        }
        let full = name(i);
        let surname = full.rsplit(' ').next().unwrap_or_default().to_string();
        let gender = if i % 2 == 0 { "female" } else { "male" };
        let age = if i % 10 < 2 || (5..7).contains(&(i % 10)) { 30 + i % 40 } else { 1 + i % 20 };
        let document = format!("news/{:07}.txt", i / 10);
        let sentence = format!("{full}, {age}, spoke to reporters about the family business on Monday.");
        let _ = write!(
            out,
            r#"{{"id":"p{i}","name":"{full}","names":["{full}","{surname}"],"gender":"{gender}","documents":["{document}"],"attributes":[{{"type":"age","years":{age},"as_of":"2022-05-01","born":[{},{}],"evidence":["#,
            2021 - age as i32,
            2022 - age as i32
        );
        evidence(&mut out, &document, i % 10, &sentence, &format!("{full}, {age}"), "age-apposition", "");
        out.push_str("]}]}");
    }
    out.push_str(r#"],"relations":["#);
    let mut r = 0usize;
    let mut relation = |out: &mut String, head: usize, tail: usize, kind: &str, term: &str, rule: &str| {
        if r > 0 {
            out.push(',');
        }
        let document = format!("news/{:07}.txt", head / 10);
        let sentence = format!(
            "{}'s {term}, {}, said the family had always been close to the community.",
            name(head),
            name(tail)
        );
        let _ = write!(
            out,
            r#"{{"id":"r{r}","head":"p{head}","tail":"p{tail}","type":"{kind}","qualifiers":[],"terms":["{term}"],"confidence":0.9,"inferred":null,"evidence":["#
        );
        evidence(out, &document, head % 10, &sentence, &format!("{term}, {}", name(tail)), rule, term);
        out.push_str("]}");
        r += 1;
    };
    for f in 0..families {
        let base = f * 10;
        for couple in [0, 5] {
            let (a, b) = (base + couple, base + couple + 1);
            relation(&mut out, a, b, "spouse", "husband", "possessive-kin-name");
            for child in 2..5 {
                relation(&mut out, a, base + couple + child, "parent", "son", "possessive-kin-name");
                relation(&mut out, b, base + couple + child, "parent", "son", "possessive-kin-name");
            }
            for (x, y) in [(2, 3), (2, 4), (3, 4)] {
                relation(
                    &mut out,
                    base + couple + x,
                    base + couple + y,
                    "sibling",
                    "brother",
                    "sibling-list",
                );
            }
        }
    }
    // One friend per person, in another article.
    for i in 0..families * 10 {
        let mut j = rng.below(families * 10);
        if j / 10 == i / 10 {
            j = (j + 10) % (families * 10);
        }
        let (a, b) = if i < j { (i, j) } else { (j, i) };
        relation(&mut out, a, b, "friend", "friend", "friends-copula");
    }
    out.push_str("]}");
    out
}

/// Peak resident memory of this process so far, in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU time of this process so far (user, system), in seconds, from
/// `/proc/self/stat`: on a shared machine, the wall time of a step also
/// counts the time other programs held the cores.
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses).
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN) / 100.0;
    (ticks(11), ticks(12))
}

/// The load step, in its own process: load (all of it, or without the
/// statements), then search paths. The format is found from the file's
/// first bytes, as `kith query` does.
fn load(path: &Path, structure: bool, searches: usize) {
    let start = Instant::now();
    let graph = if structure {
        kith::export::graph_file::read_graph_structure(path)
    } else {
        kith::export::graph_file::read_graph(path)
    };
    let graph = graph.unwrap_or_else(|e| panic!("{e}"));
    let loaded = start.elapsed();
    let (user, system) = cpu_seconds();
    println!(
        "load {}{}: {:.2} s (CPU {user:.2} s user + {system:.2} s system; {} people, {} relations), peak RSS {:.0} MB",
        path.extension().and_then(|e| e.to_str()).unwrap_or_default(),
        if structure { " without statements" } else { "" },
        loaded.as_secs_f64(),
        graph.people().count(),
        graph.relations().count(),
        peak_mb()
    );
    let mut rng = Rng(7);
    let n = graph.graph().node_count();
    let mut times = Vec::with_capacity(searches);
    let mut lengths = 0;
    for _ in 0..searches {
        let (a, b) = (NodeIndex::new(rng.below(n)), NodeIndex::new(rng.below(n)));
        let start = Instant::now();
        let path = graph.shortest_path(a, b, &PathFilter::default());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        lengths += path.map_or(0, |p| p.steps.len());
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    println!(
        "path: {searches} random pairs, mean {mean:.2} ms, median {:.2} ms, max {:.2} ms, mean length {:.1}",
        times.get(times.len() / 2).copied().unwrap_or(0.0),
        times.last().copied().unwrap_or(0.0),
        lengths as f64 / searches.max(1) as f64
    );
    let start = Instant::now();
    let some = NodeIndex::new(n / 2);
    let _ = graph.kinship(some, NodeIndex::new(n / 3));
    println!("kin: {:.2} ms", start.elapsed().as_secs_f64() * 1000.0);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let searches = value("--searches").and_then(|s| s.parse().ok()).unwrap_or(100);
    if let Some(path) = value("--load") {
        load(Path::new(&path), false, searches);
        return;
    }
    if let Some(path) = value("--load-structure") {
        load(Path::new(&path), true, searches);
        return;
    }
    let people: usize = value("--people").and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let generated = folder.join("graph-bench-generated.json");
    let saved = [folder.join("graph-bench-saved.json"), folder.join("graph-bench-saved.kith")];

    let start = Instant::now();
    let json = generate(people);
    println!("generate: {:.2} s, {:.0} MB of JSON", start.elapsed().as_secs_f64(), json.len() as f64 / 1e6);
    let start = Instant::now();
    let graph: KinGraph = kith::export::json::from_json(&json, &generated).unwrap_or_else(|e| panic!("{e}"));
    drop(json);
    println!("parse generated: {:.2} s", start.elapsed().as_secs_f64());

    // Each format as `kith build` writes it (by the file's extension):
    // streamed to a temporary file, flushed to disk, renamed.
    for path in &saved {
        let start = Instant::now();
        kith::export::graph_file::write_graph(path, &graph).unwrap_or_else(|e| panic!("{e}"));
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        println!(
            "save {}: {:.2} s ({:.0} MB), peak RSS so far {:.0} MB",
            path.extension().and_then(|e| e.to_str()).unwrap_or_default(),
            start.elapsed().as_secs_f64(),
            size as f64 / 1e6,
            peak_mb()
        );
    }
    drop(graph);

    let only = value("--format");
    for path in &saved {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if only.as_deref().is_some_and(|f| f != extension) {
            continue;
        }
        for step in ["--load", "--load-structure"] {
            let status = std::process::Command::new(std::env::current_exe().unwrap_or_default())
                .args([step, &path.display().to_string(), "--searches", &searches.to_string()])
                .status();
            if !status.is_ok_and(|s| s.success()) {
                eprintln!("the {step} step failed");
            }
        }
    }
    if !args.iter().any(|a| a == "--keep") {
        for path in &saved {
            let _ = std::fs::remove_file(path);
        }
    }
}
