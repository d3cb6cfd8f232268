//! `kith query` end to end on the graph built from the multi-article
//! fixtures: every question's text and JSON answers are pinned by
//! snapshots, and name lookup errors are checked.
//!
//! The fixtures are copied into a fresh folder and built there, so the
//! document ids in the answers are the same on every machine.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const SEED: &str = "fixtures/kloots-allio-2021-12-30.txt";

/// A folder with the fixtures and `g.json` built from them.
fn built() -> TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(dir.path().join("fixtures/multi")).expect("folders");
    fs::copy(root.join(SEED), dir.path().join(SEED)).expect("seed");
    for entry in fs::read_dir(root.join("fixtures/multi")).expect("fixtures") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.path().join("fixtures/multi").join(path.file_name().expect("name")))
            .expect("copy");
    }
    let status = Command::new(env!("CARGO_BIN_EXE_kith"))
        .current_dir(dir.path())
        .args(["build", SEED, "fixtures/multi", "-o", "g.json"])
        .output()
        .expect("kith runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    dir
}

/// The answers to several queries, each under its command line; a failed
/// query shows its exit status and standard error instead.
fn answers(dir: &TempDir, queries: &[&[&str]]) -> String {
    let mut out = String::new();
    for args in queries {
        let output = Command::new(env!("CARGO_BIN_EXE_kith"))
            .current_dir(dir.path())
            .args(["query", "g.json"])
            .args(*args)
            .output()
            .expect("kith runs");
        out.push_str(&format!("$ kith query g.json {}\n", args.join(" ")));
        if output.status.success() {
            assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
            out.push_str(&String::from_utf8_lossy(&output.stdout));
        } else {
            assert!(output.stdout.is_empty());
            out.push_str(&format!(
                "[exit {}] {}",
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        out.push('\n');
    }
    out
}

#[test]
fn person() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["person", "Laura"],
            &["person", "p1"],
            &["person", "--json", "Elvis"],
            &["person", "michael", "allio"]
        ]
    ));
}

#[test]
fn relations() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["relations", "Dan Reyes"],
            &["relations", "Elvis", "--type", "parent"],
            &["relations", "--json", "Carla Reyes", "--type", "spouse"],
        ]
    ));
}

#[test]
fn people() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["people"],
            &["people", "--deceased"],
            &["people", "--born-before", "1980"],
            &["people", "--type", "friend"],
            &["people", "--json", "--deceased"],
        ]
    ));
}

#[test]
fn path() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["path", "Elvis", "James"],
            &["path", "Sofia Reyes", "Rosa Reyes", "--types", "parent,sibling"],
            &["path", "Elvis", "James", "--max", "2"],
            &["path", "Elvis", "James", "--types", "parent,spouse"],
            &["path", "--json", "Elvis", "James"],
        ]
    ));
}

#[test]
fn kin() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["kin", "Elvis", "Amanda Kloots"],
            &["kin", "Elvis", "James"],
            &["kin", "Sofia Reyes", "Rosa Reyes"],
            &["kin", "Leo Reyes", "Max Reyes"],
            &["kin", "Susan Allio", "James"],
            &["kin", "Sam Cordero", "Elvis"],
            &["kin", "Lina Cordero", "Kloots"],
            &["kin", "Nina Ortiz", "Leo Reyes"],
            &["kin", "Dan Reyes", "Carla Reyes"],
            &["kin", "Katie Thurston", "Elvis"],
            &["kin", "--json", "Leo Reyes", "Max Reyes"],
        ]
    ));
}

#[test]
fn neighbors() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["neighbors", "Elvis"],
            &["neighbors", "Elvis", "--depth", "2"],
            &["neighbors", "Elvis", "--depth", "2", "--no-infer"],
            &["neighbors", "--json", "James"],
        ]
    ));
}

#[test]
fn explain() {
    let dir = built();
    insta::assert_snapshot!(answers(
        &dir,
        &[
            &["explain", "Kloots", "Allio"],
            &["explain", "Dan Reyes", "Carla Reyes"],
            &["explain", "Susan Allio", "James"],
            &["explain", "Elvis", "James"],
            &["explain", "--json", "Sam Cordero", "Elvis"],
        ]
    ));
}

#[test]
fn stats() {
    let dir = built();
    insta::assert_snapshot!(answers(&dir, &[&["stats"], &["stats", "--no-infer"], &["stats", "--json"]]));
}

#[test]
fn unknown_and_ambiguous_names_exit_1_with_the_candidates() {
    let dir = built();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kith"))
            .current_dir(dir.path())
            .args(["query", "g.json"])
            .args(args)
            .output()
            .expect("kith runs")
    };
    for args in
        [&["kin", "Nobody", "Elvis"][..], &["path", "Elvis", "Nobody"], &["explain", "Nobody", "Elvis"]]
    {
        let output = run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(output.stdout.is_empty());
        assert_eq!(String::from_utf8_lossy(&output.stderr), "kith: g.json: no person named \"Nobody\"\n");
    }
    let output = run(&["neighbors", "Michael", "Allio"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "kith: g.json: \"Michael Allio\" is ambiguous: Michael Allio (p1, fixtures/kloots-allio-2021-12-30.txt, \
         fixtures/multi/2022-03-10-allio-podcast.txt); Michael Allio (p18, fixtures/multi/2023-02-14-college-hoops.txt)\n"
    );
    // A bad relation type is a usage error.
    assert_eq!(run(&["people", "--type", "cousin"]).status.code(), Some(2));
}

#[test]
fn version_1_graphs_are_still_read() {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(
        dir.path().join("old.json"),
        r#"{"format_version": 1, "documents": [{"id": "a.txt", "date": null}],
  "people": [
    {"id": "p0", "name": "Ann Lee", "names": ["Ann Lee"], "gender": "female", "documents": ["a.txt"], "attributes": []},
    {"id": "p1", "name": "Bo Lee", "names": ["Bo Lee"], "gender": "male", "documents": ["a.txt"], "attributes": []}
  ],
  "relations": [{"id": "r0", "head": "p0", "tail": "p1", "type": "parent", "qualifiers": [], "terms": ["son"],
    "confidence": 0.9, "evidence": []}]}"#,
    )
    .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_kith"))
        .current_dir(dir.path())
        .args(["query", "old.json", "kin", "Bo", "Ann"])
        .output()
        .expect("kith runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Bo Lee is Ann Lee's son\n  chain: Bo Lee ←parent— Ann Lee\n  common ancestor: Ann Lee [p0]\n"
    );
}
