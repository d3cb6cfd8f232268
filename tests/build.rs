//! `kith build` end to end on the multi-article fixtures (the seed article
//! and `fixtures/multi/`): people resolved across articles, the report of
//! merges, conflicts and changes, incremental builds, and the file format.
//!
//! Each test copies the fixtures into a fresh folder and runs kith there,
//! so document ids (the paths as given) are the same on every machine.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const SEED: &str = "fixtures/kloots-allio-2021-12-30.txt";

/// A fresh folder holding a copy of the fixtures.
struct Dir {
    dir: TempDir,
}

impl Dir {
    fn new() -> Dir {
        let dir = Dir { dir: tempfile::tempdir().expect("temporary folder") };
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        fs::create_dir_all(dir.path("fixtures/multi")).expect("folders");
        fs::copy(root.join(SEED), dir.path(SEED)).expect("seed");
        for entry in fs::read_dir(root.join("fixtures/multi")).expect("fixtures") {
            let path = entry.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            fs::copy(&path, dir.path(&format!("fixtures/multi/{name}"))).expect("copy");
        }
        dir
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn kith(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kith"));
        cmd.current_dir(self.dir.path());
        cmd
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).expect("read")
    }

    /// The names of the files in `folder`, sorted.
    fn files(&self, folder: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path(folder))
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into())
            .collect();
        names.sort();
        names
    }

    /// The multi-article fixtures in name order (the order of their dates).
    fn articles(&self) -> Vec<String> {
        self.files("fixtures/multi").into_iter().map(|name| format!("fixtures/multi/{name}")).collect()
    }
}

/// Runs a command that must succeed with nothing on stderr; its stdout.
fn succeeds(cmd: &mut Command) -> String {
    let output = cmd.output().expect("kith runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(stderr.is_empty(), "{stderr}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn graph(dir: &Dir) -> serde_json::Value {
    serde_json::from_str(&dir.read("g.json")).expect("JSON")
}

#[test]
fn build_resolves_people_and_reports_merges_conflicts_and_changes() {
    let dir = Dir::new();
    let out = succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json", "--report"]));
    insta::assert_snapshot!("report", out);
}

#[test]
fn the_summary_line_without_report() {
    let dir = Dir::new();
    let out = succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json"]));
    assert_eq!(
        out,
        "g.json: 6 documents (6 added, 0 already present), 20 people (20 new, 10 merges), \
         38 relations (14 inferred)\n"
    );
}

#[test]
fn the_graph_file_is_versioned_one_line_json_with_content_hashes() {
    let dir = Dir::new();
    succeeds(dir.kith().args(["build", SEED, "-o", "g.json"]));
    let text = dir.read("g.json");
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("{\"format_version\":2,"), "{}", &text[..40]);
    let g = graph(&dir);
    let document = &g["documents"][0];
    assert_eq!(document["id"], SEED);
    assert_eq!(document["date"], "2021-12-30");
    assert!(document["content_hash"].as_str().is_some_and(|h| h.starts_with("fnv1a128:") && h.len() == 41));
    // Every statement keeps its document, date, sentence, span, rule and
    // confidence.
    let evidence = &g["relations"][0]["evidence"][0];
    for key in ["document", "date", "sentence", "sentence_text", "start", "end", "text", "rule", "confidence"]
    {
        assert!(!evidence[key].is_null(), "{key} in {evidence}");
    }
    // No temporary file is left behind.
    assert_eq!(dir.files("."), ["fixtures", "g.json"]);
}

#[test]
fn adding_articles_later_gives_the_graph_of_one_build() {
    let dir = Dir::new();
    let articles = dir.articles();
    let mut all = vec!["build".to_string(), SEED.to_string()];
    all.extend(articles.iter().cloned());
    all.extend(["-o".into(), "once.json".into()]);
    succeeds(dir.kith().args(&all));

    succeeds(dir.kith().args(["build", SEED, &articles[0], &articles[1], "-o", "g.json"]));
    let mut rest = vec!["build".to_string()];
    rest.extend(articles[2..].iter().cloned());
    rest.extend(["-o".into(), "g.json".into()]);
    let out = succeeds(dir.kith().args(&rest));
    assert!(out.starts_with("g.json: 6 documents (3 added, 0 already present)"), "{out}");
    assert_eq!(dir.read("g.json"), dir.read("once.json"));
}

#[test]
fn a_document_already_in_the_graph_changes_nothing() {
    let dir = Dir::new();
    succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json"]));
    let before = dir.read("g.json");
    let out = succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json", "--report"]));
    assert_eq!(dir.read("g.json"), before);
    assert!(out.ends_with("g.json: 6 documents (0 added, 6 already present), 20 people (0 new, 0 merges), 38 relations (14 inferred)\n"), "{out}");
    // The same text under another name is the same document.
    fs::copy(dir.path(SEED), dir.path("copy.txt")).expect("copy");
    let out = succeeds(dir.kith().args(["build", "copy.txt", "-o", "g.json", "--report"]));
    assert!(out.starts_with(&format!("skipped: copy.txt: same text as {SEED}\n")), "{out}");
    assert_eq!(dir.read("g.json"), before);
}

#[test]
fn an_article_that_changed_is_refused_and_the_graph_kept() {
    let dir = Dir::new();
    succeeds(dir.kith().args(["build", SEED, "-o", "g.json"]));
    let before = dir.read("g.json");
    fs::write(dir.path(SEED), "date 2021-12-30 Rewritten\nNobody here.").expect("edit");
    let output = dir.kith().args(["build", SEED, "-o", "g.json"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "kith: g.json: {SEED}: already in the graph with different content (rebuild the graph to replace it)\n"
        )
    );
    assert_eq!(dir.read("g.json"), before);
}

#[test]
fn no_infer_leaves_only_what_the_articles_say() {
    let dir = Dir::new();
    succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json"]));
    let inferred = |g: &serde_json::Value| {
        g["relations"].as_array().map_or(0, |rs| rs.iter().filter(|r| !r["inferred"].is_null()).count())
    };
    assert_eq!(inferred(&graph(&dir)), 14);
    let first = &graph(&dir)["relations"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| !r["inferred"].is_null()).cloned());
    let first = first.clone().expect("an inferred relation");
    assert!(first["type"] == "relative" || first["type"] == "sibling", "{first}");
    assert!(first["inferred"]["chain"].as_array().is_some_and(|c| c.len() >= 2), "{first}");
    // Building again with --no-infer drops them.
    let out = succeeds(dir.kith().args(["build", SEED, "-o", "g.json", "--no-infer"]));
    assert!(out.ends_with("24 relations (0 inferred)\n"), "{out}");
    assert_eq!(inferred(&graph(&dir)), 0);
}

#[test]
fn jsonl_input_and_usage_errors() {
    let dir = Dir::new();
    fs::write(
        dir.path("in.jsonl"),
        "{\"id\":\"one\",\"text\":\"Ana Cruz, 40, married Tom Hale.\",\"date\":\"2020-01-10\"}\n\
         {\"id\":\"two\",\"text\":\"Tom Hale and his wife, Ana Cruz, opened a shop.\",\"date\":\"2021-02-01\"}\n",
    )
    .expect("write");
    let out = succeeds(dir.kith().args(["build", "--jsonl", "in.jsonl", "-o", "g.json", "--report"]));
    assert!(out.contains("merged: \"Ana Cruz\" in two is Ana Cruz [p0] (same name)"), "{out}");
    assert!(out.ends_with("g.json: 2 documents (2 added, 0 already present), 2 people (2 new, 2 merges), 1 relation (0 inferred)\n"), "{out}");
    // -o is required; a missing file is an error naming it.
    let output = dir.kith().args(["build", SEED]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = dir.kith().args(["build", "missing.txt", "-o", "g.json"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.txt"));
    assert!(!dir.path("g.json").exists() || dir.read("g.json").contains("\"two\""));
}

/// The graph file as JSON, whatever its format.
fn as_json(dir: &Dir, graph: &str) -> String {
    succeeds(dir.kith().args(["export", graph, "--format", "json"]))
}

#[test]
fn a_kith_file_is_binary_and_holds_the_graph_of_the_json_file() {
    let dir = Dir::new();
    let out = succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.kith"]));
    assert!(out.starts_with("g.kith: 6 documents (6 added, 0 already present)"), "{out}");
    succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json"]));
    let bytes = fs::read(dir.path("g.kith")).expect("read");
    assert!(bytes.starts_with(b"\x89KITH\r\n\x1a\n"));
    assert!(bytes.len() < dir.read("g.json").len() / 2, "{} bytes", bytes.len());
    assert_eq!(as_json(&dir, "g.kith"), as_json(&dir, "g.json"));
    // Every question reads it (the lean ones without its statements).
    for question in [&["stats"][..], &["person", "p0"], &["path", "p0", "p3"], &["neighbors", "p0"]] {
        let mut args = vec!["query", "g.kith", "--json"];
        args.extend_from_slice(question);
        let mut same = args.clone();
        same[1] = "g.json";
        assert_eq!(succeeds(dir.kith().args(&args)), succeeds(dir.kith().args(&same)), "{question:?}");
    }
    // No temporary file is left behind.
    assert_eq!(dir.files("."), ["fixtures", "g.json", "g.kith"]);
}

#[test]
fn adding_articles_to_a_kith_file_gives_the_graph_of_one_build() {
    let dir = Dir::new();
    let articles = dir.articles();
    let mut all = vec!["build".to_string(), SEED.to_string()];
    all.extend(articles.iter().cloned());
    all.extend(["-o".into(), "once.json".into()]);
    succeeds(dir.kith().args(&all));

    succeeds(dir.kith().args(["build", SEED, &articles[0], "-o", "g.kith"]));
    let mut rest = vec!["build".to_string()];
    rest.extend(articles[1..].iter().cloned());
    rest.extend(["-o".into(), "g.kith".into(), "--report".into()]);
    let out = succeeds(dir.kith().args(&rest));
    assert!(out.contains("g.kith: 6 documents (4 added, 0 already present)"), "{out}");
    assert_eq!(as_json(&dir, "g.kith"), as_json(&dir, "once.json"));
    // Nothing new: the same bytes.
    let before = fs::read(dir.path("g.kith")).expect("read");
    let out = succeeds(dir.kith().args(["build", SEED, "-o", "g.kith"]));
    assert!(out.starts_with("g.kith: 6 documents (0 added, 1 already present)"), "{out}");
    assert_eq!(fs::read(dir.path("g.kith")).expect("read"), before);
}

#[test]
fn formats_convert_both_ways_and_files_are_read_by_content() {
    let dir = Dir::new();
    succeeds(dir.kith().args(["build", SEED, "fixtures/multi", "-o", "g.json"]));
    // An old graph file (JSON) converts to binary, and back to the same JSON.
    succeeds(dir.kith().args(["export", "g.json", "-o", "g.kith"]));
    succeeds(dir.kith().args(["export", "g.kith", "-o", "back.json"]));
    assert_eq!(dir.read("back.json"), as_json(&dir, "g.json"));
    // The name does not decide how a file is read: a binary graph under a
    // .json name is read as binary, and `kith build` adds to it in the
    // format the name asks for (JSON).
    fs::copy(dir.path("g.kith"), dir.path("binary.json")).expect("copy");
    assert_eq!(as_json(&dir, "binary.json"), as_json(&dir, "g.json"));
    succeeds(dir.kith().args(["build", SEED, "-o", "binary.json"]));
    assert!(dir.read("binary.json").starts_with("{\"format_version\":2,"));
}

#[test]
fn a_damaged_kith_file_is_an_error_naming_it() {
    let dir = Dir::new();
    succeeds(dir.kith().args(["build", SEED, "-o", "g.kith"]));
    let bytes = fs::read(dir.path("g.kith")).expect("read");
    fs::write(dir.path("cut.kith"), &bytes[..bytes.len() / 2]).expect("write");
    // A byte of the statements, which are most of the file.
    let mut flipped = bytes.clone();
    flipped[bytes.len() * 2 / 3] ^= 0x10;
    fs::write(dir.path("flipped.kith"), &flipped).expect("write");
    let fails = |args: &[&str], name: &str, problem: &str| {
        let output = dir.kith().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with(&format!("kith: {name}: unreadable binary graph: ")), "{stderr}");
        assert!(stderr.contains(problem) && stderr.lines().count() == 1, "{stderr}");
    };
    for args in [
        &["query", "cut.kith", "stats"][..],
        &["query", "cut.kith", "person", "p0"],
        &["build", SEED, "-o", "cut.kith"],
    ] {
        fails(args, "cut.kith", "cut short");
    }
    for args in [&["query", "flipped.kith", "person", "p0"][..], &["build", SEED, "-o", "flipped.kith"]] {
        fails(args, "flipped.kith", "checksum of section \"statements\"");
    }
    // Questions that quote no sentence skip the statements unread, so
    // their damage goes unnoticed there.
    succeeds(dir.kith().args(["query", "flipped.kith", "stats"]));
    // `kith build` left the damaged files as they were.
    assert_eq!(fs::read(dir.path("flipped.kith")).expect("read"), flipped);
    assert_eq!(fs::read(dir.path("cut.kith")).expect("read").len(), bytes.len() / 2);
}
