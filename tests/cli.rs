//! The `kith` binary end to end: bad input fails cleanly (non-zero exit, one
//! line on stderr naming the file, nothing on stdout), good input succeeds,
//! `-o` is atomic, and `query` finds people or says why not.
//!
//! These tests do not depend on what the extraction stages find: `query`
//! runs on a hand-written graph file, and `extract` is checked for its
//! input handling and output shape.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use tempfile::TempDir;

fn kith() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kith"))
}

/// A fresh folder for one test, which runs kith inside it.
struct Dir {
    dir: TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir { dir: tempfile::tempdir().expect("temporary folder") }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, contents).expect("write test file");
        path
    }

    fn kith(&self) -> Command {
        let mut cmd = kith();
        cmd.current_dir(self.dir.path());
        cmd
    }

    /// The names in the folder, to prove nothing was left behind.
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Runs a command that must fail: exit `code`, empty stdout, and exactly
/// one stderr line `kith: ...` containing every `needle`. Returns the line.
fn fails(cmd: &mut Command, code: i32, needles: &[&str]) -> String {
    let output = cmd.output().expect("kith runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
    assert!(output.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(stderr.starts_with("kith: ") && stderr.ends_with('\n'), "{stderr:?}");
    for needle in needles {
        assert!(stderr.contains(needle), "{stderr:?} lacks {needle:?}");
    }
    stderr
}

/// Runs a command that must succeed and returns its stdout.
fn succeeds(cmd: &mut Command) -> String {
    let output = cmd.output().expect("kith runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(stderr.is_empty(), "{stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn missing_file() {
    let dir = Dir::new();
    fails(dir.kith().args(["extract", "nope.txt"]), 1, &["nope.txt", "No such file"]);
}

#[test]
fn unreadable_file() {
    let dir = Dir::new();
    let path = dir.write("locked.txt", "secret");
    set_mode(&path, 0o000);
    if fs::read(&path).is_err() {
        fails(dir.kith().args(["extract", "locked.txt"]), 1, &["locked.txt", "ermission denied"]);
        set_mode(&path, 0o644);
        return;
    }
    // Running as root, where mode 000 does not stop reads: a path through a
    // regular file cannot be opened by anyone (ENOTDIR).
    set_mode(&path, 0o644);
    fails(
        dir.kith().args(["extract", "locked.txt/article.txt"]),
        1,
        &["locked.txt/article.txt", "Not a directory"],
    );
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

/// A file that opens but fails while being read (EIO), even for root.
#[test]
fn file_that_fails_while_reading() {
    let mem = Path::new("/proc/self/mem");
    if !mem.exists() {
        return;
    }
    fails(kith().args(["extract", "/proc/self/mem"]), 1, &["/proc/self/mem"]);
}

#[test]
fn folder_without_txt_files() {
    let dir = Dir::new();
    fs::create_dir(dir.path("articles")).expect("mkdir");
    fs::write(dir.path("articles/notes.md"), "not an article").expect("write");
    fails(dir.kith().args(["extract", "articles"]), 1, &["articles", "no .txt files"]);
}

#[test]
fn folder_with_txt_files_reads_them_in_name_order() {
    let dir = Dir::new();
    fs::create_dir(dir.path("articles")).expect("mkdir");
    for name in ["b.txt", "a.txt", "skip.md"] {
        fs::write(dir.path("articles").join(name), "Text.").expect("write");
    }
    let out = succeeds(dir.kith().args(["extract", "--format", "eval", "articles"]));
    let ids: Vec<String> =
        out.lines().map(|l| json(l)["id"].as_str().unwrap_or_default().to_string()).collect();
    let expected: Vec<String> =
        ["a.txt", "b.txt"].iter().map(|n| Path::new("articles").join(n).display().to_string()).collect();
    assert_eq!(ids, expected);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = Dir::new();
    dir.write("latin1.txt", b"Zo\xeb said hi");
    fails(dir.kith().args(["extract", "latin1.txt"]), 1, &["latin1.txt", "invalid UTF-8 at byte 2"]);
}

#[test]
fn binary_data_is_refused() {
    let dir = Dir::new();
    dir.write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    fails(dir.kith().args(["extract", "image.txt"]), 1, &["image.txt", "binary data", "byte 8"]);
}

#[test]
fn one_bad_file_means_no_output_at_all() {
    let dir = Dir::new();
    dir.write("good.txt", "Fine text.");
    dir.write("bad.txt", b"\xff");
    fails(dir.kith().args(["extract", "good.txt", "bad.txt"]), 1, &["bad.txt"]);
}

#[test]
fn malformed_jsonl_names_the_line() {
    let dir = Dir::new();
    dir.write(
        "docs.jsonl",
        "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n{\"id\": \"c\", \"text\": }\n",
    );
    fails(
        dir.kith().args(["extract", "--jsonl", "docs.jsonl"]),
        1,
        &["docs.jsonl", "line 3", "invalid JSON"],
    );
}

#[test]
fn jsonl_without_text_names_the_line() {
    let dir = Dir::new();
    dir.write("docs.jsonl", "{\"id\": \"a\", \"text\": \"One.\"}\n\n{\"id\": \"b\"}\n");
    fails(
        dir.kith().args(["extract", "--jsonl", "docs.jsonl", "--format", "eval"]),
        1,
        &["docs.jsonl", "line 3", "missing \"text\""],
    );
}

#[test]
fn jsonl_problems_with_id_and_date() {
    let dir = Dir::new();
    let cases = [
        ("{\"text\": \"x\"}", "missing \"id\""),
        ("{\"id\": \"\", \"text\": \"x\"}", "empty \"id\""),
        ("{\"id\": \"a\", \"text\": \"x\", \"date\": \"Dec 30\"}", "\"date\" must be YYYY-MM-DD"),
        ("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}", "duplicate id \"a\""),
    ];
    for (contents, needle) in cases {
        dir.write("docs.jsonl", contents);
        fails(dir.kith().args(["extract", "--jsonl", "docs.jsonl"]), 1, &["docs.jsonl, line ", needle]);
    }
}

#[test]
fn jsonl_gives_one_line_per_document_in_input_order() {
    let dir = Dir::new();
    dir.write(
        "docs.jsonl",
        "{\"id\": \"z\", \"text\": \"Last.\", \"date\": \"2021-12-30\", \"entities\": []}\n\
         {\"id\": \"a\", \"text\": \"First.\", \"date\": null}\n",
    );
    let eval = succeeds(dir.kith().args(["extract", "--jsonl", "docs.jsonl", "--format", "eval"]));
    let lines: Vec<serde_json::Value> = eval.lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], serde_json::json!({"id": "z", "entities": [], "relations": []}));
    assert_eq!(lines[1]["id"], "a");

    let graphs = succeeds(dir.kith().args(["extract", "--jsonl", "docs.jsonl", "--format", "json"]));
    let lines: Vec<serde_json::Value> = graphs.lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["format_version"], 2);
    assert_eq!(lines[0]["documents"], serde_json::json!([{"id": "z", "date": "2021-12-30"}]));

    let stdin = succeeds(
        dir.kith()
            .args(["extract", "--jsonl", "-", "-f", "eval"])
            .write_stdin("{\"id\":\"s\",\"text\":\"\"}"),
    );
    assert_eq!(stdin, "{\"id\":\"s\",\"entities\":[],\"relations\":[]}\n");
}

#[test]
fn bad_date_is_a_usage_error() {
    let dir = Dir::new();
    dir.write("a.txt", "Text.");
    fails(
        dir.kith().args(["extract", "--date", "30/12/2021", "a.txt"]),
        2,
        &["--date", "30/12/2021", "YYYY-MM-DD"],
    );
}

#[test]
fn usage_errors_exit_2() {
    let output = kith().args(["extract", "--format", "xls"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let output = kith().output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn empty_file_gives_an_empty_graph() {
    let dir = Dir::new();
    dir.write("empty.txt", "");
    let graph = json(&succeeds(dir.kith().args(["extract", "empty.txt", "--date", "2021-12-30"])));
    assert_eq!(graph["format_version"], 2);
    assert_eq!(graph["documents"], serde_json::json!([{"id": "empty.txt", "date": "2021-12-30"}]));
    assert_eq!(graph["people"], serde_json::json!([]));
    assert_eq!(graph["relations"], serde_json::json!([]));
    let text = succeeds(dir.kith().args(["extract", "empty.txt", "--format", "text"]));
    assert_eq!(text, "empty.txt: 0 people, 0 relations\n");
}

#[test]
fn standard_input_is_the_default() {
    let graph = json(&succeeds(kith().arg("extract").write_stdin("Some text.")));
    assert_eq!(graph["documents"], serde_json::json!([{"id": "-", "date": null}]));
    fails(kith().args(["extract", "-", "-"]).write_stdin("x"), 1, &["<stdin>", "more than once"]);
}

#[test]
fn output_file_is_written_whole() {
    let dir = Dir::new();
    dir.write("a.txt", "Text.");
    succeeds(dir.kith().args(["extract", "a.txt", "-o", "graph.json"]));
    let written = fs::read_to_string(dir.path("graph.json")).expect("written");
    assert_eq!(json(&written)["documents"][0]["id"], "a.txt");
    assert_eq!(dir.listing(), ["a.txt", "graph.json"], "no temporary file left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path("graph.json")).expect("meta").permissions().mode();
        assert_ne!(mode & 0o044, 0, "readable like any new file, not 0600: {mode:o}");
    }
    // The format follows the extension when not given.
    succeeds(dir.kith().args(["extract", "a.txt", "-o", "graph.dot"]));
    let dot = fs::read_to_string(dir.path("graph.dot")).expect("written");
    assert!(dot.starts_with("digraph kith {"), "{dot}");
}

#[test]
fn output_file_is_not_touched_on_error() {
    let dir = Dir::new();
    fails(dir.kith().args(["extract", "nope.txt", "-o", "graph.json"]), 1, &["nope.txt"]);
    assert!(dir.listing().is_empty(), "{:?}", dir.listing());
    dir.write("graph.json", "old");
    fails(dir.kith().args(["extract", "nope.txt", "-o", "graph.json"]), 1, &["nope.txt"]);
    assert_eq!(fs::read_to_string(dir.path("graph.json")).expect("kept"), "old");
    assert_eq!(dir.listing(), ["graph.json"]);
}

#[test]
fn unwritable_output_is_an_error() {
    let dir = Dir::new();
    dir.write("a.txt", "Text.");
    fails(
        dir.kith().args(["extract", "a.txt", "-o", "missing/graph.json"]),
        1,
        &["cannot write missing/graph.json"],
    );
}

#[test]
fn closed_pipe_is_not_an_error() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["extract", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Close the reading end before kith writes (it reads all input first).
    drop(child.stdout.take());
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(b"Some text.").expect("feed");
    }
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{:?}", output.status);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn png_without_graphviz_says_how_to_install_it() {
    // Without Graphviz, SVG falls back to the built-in layout (tests/exports.rs);
    // PNG has no fallback.
    let dir = Dir::new();
    dir.write("a.txt", "Text.");
    fails(
        dir.kith().env("PATH", dir.path("no-bin")).args(["extract", "a.txt", "-f", "png", "-o", "a.png"]),
        1,
        &["PNG output needs Graphviz's `dot`, which is not installed", "apt-get install graphviz"],
    );
}

/// A graph as `kith extract --format json` writes it, by hand: two Lees (so
/// "Lee" is ambiguous) and their son.
const GRAPH: &str = r#"{
  "format_version": 1,
  "documents": [{"id": "lee.txt", "date": "2020-05-01"}],
  "people": [
    {"id": "p0", "name": "Ann Lee", "names": ["Ann Lee", "Lee"], "gender": "female",
     "documents": ["lee.txt"],
     "attributes": [{"type": "age", "years": 40, "evidence": [
       {"document": "lee.txt", "date": "2020-05-01", "sentence": 0,
        "sentence_text": "Ann Lee, 40, married Bo Lee.", "start": 9, "end": 11,
        "text": "40", "rule": "age-apposition", "confidence": 0.9}]}]},
    {"id": "p1", "name": "Bo Lee", "names": ["Bo Lee"], "gender": "male",
     "documents": ["lee.txt"], "attributes": []},
    {"id": "p2", "name": "Čedo Lee-Ortiz", "names": ["Čedo Lee-Ortiz", "Čedo"], "gender": null,
     "documents": ["lee.txt"], "attributes": []}
  ],
  "relations": [
    {"id": "r0", "head": "p0", "tail": "p1", "type": "spouse", "qualifiers": [],
     "terms": ["married"], "confidence": 0.8, "evidence": [
       {"document": "lee.txt", "date": "2020-05-01", "sentence": 0,
        "sentence_text": "Ann Lee, 40, married Bo Lee.", "start": 13, "end": 20,
        "text": "married", "rule": "married-verb", "confidence": 0.8}]},
    {"id": "r1", "head": "p1", "tail": "p2", "type": "parent", "qualifiers": ["step"],
     "terms": ["stepson"], "confidence": 0.7, "evidence": [
       {"document": "lee.txt", "date": "2020-05-01", "sentence": 1,
        "sentence_text": "Their stepson, Čedo, is 12.", "start": 35, "end": 42,
        "text": "stepson", "rule": "child-possessive", "confidence": 0.7}]}
  ]
}"#;

#[test]
fn query_person_shows_names_attributes_and_relations() {
    let dir = Dir::new();
    dir.write("graph.json", GRAPH);
    let out = succeeds(dir.kith().args(["query", "graph.json", "person", "ann", "lee"]));
    assert!(out.starts_with("Ann Lee [p0] (female), in lee.txt\n"), "{out}");
    assert!(out.contains("age 40"), "{out}");
    assert!(out.contains("\"Ann Lee, 40, married Bo Lee.\""), "{out}");
    assert!(out.contains("spouse of Bo Lee [p1]"), "{out}");

    // Accents are optional, and the child sees the parent edge as "child of".
    let out = succeeds(dir.kith().args(["query", "graph.json", "person", "cedo", "--json"]));
    let answer = json(&out);
    assert_eq!(answer["id"], "p2");
    assert_eq!(answer["relations"][0]["role"], "child of");
    assert_eq!(answer["relations"][0]["other"], "p1");
}

#[test]
fn query_relations_shows_the_evidence() {
    let dir = Dir::new();
    dir.write("graph.json", GRAPH);
    let out = succeeds(dir.kith().args(["query", "graph.json", "relations", "Bo Lee"]));
    assert!(out.contains("Ann Lee —spouse— Bo Lee  [0.80]"), "{out}");
    assert!(out.contains("Bo Lee —parent (step)→ Čedo Lee-Ortiz  [0.70]"), "{out}");
    assert!(out.contains("\"Their stepson, Čedo, is 12.\""), "{out}");
    assert!(out.contains("rule child-possessive"), "{out}");
    let out = succeeds(dir.kith().args(["query", "graph.json", "relations", "p1", "--json"]));
    let answer = json(&out);
    assert_eq!(answer["relations"].as_array().map(Vec::len), Some(2));
    assert_eq!(answer["relations"][1]["evidence"][0]["rule"], "child-possessive");
}

#[test]
fn query_unknown_name() {
    let dir = Dir::new();
    dir.write("graph.json", GRAPH);
    fails(
        dir.kith().args(["query", "graph.json", "person", "Nobody"]),
        1,
        &["graph.json", "no person named \"Nobody\""],
    );
}

#[test]
fn query_ambiguous_name_lists_the_candidates() {
    let dir = Dir::new();
    // "Lee" is one of Ann Lee's own names, so it finds her alone...
    dir.write("graph.json", GRAPH);
    let out = succeeds(dir.kith().args(["query", "graph.json", "person", "Lee"]));
    assert!(out.starts_with("Ann Lee [p0]"), "{out}");
    // ...without it, it is the surname of both Lees (not of Lee-Ortiz).
    dir.write("graph.json", GRAPH.replace("[\"Ann Lee\", \"Lee\"]", "[\"Ann Lee\"]"));
    let line = fails(
        dir.kith().args(["query", "graph.json", "person", "lee"]),
        1,
        &["graph.json", "\"lee\" is ambiguous", "Ann Lee (p0, lee.txt)", "Bo Lee (p1, lee.txt)"],
    );
    assert!(!line.contains("p2"), "{line}");
}

#[test]
fn query_refuses_files_that_are_not_graphs() {
    let dir = Dir::new();
    dir.write("notes.json", "{\"hello\": 1}");
    fails(dir.kith().args(["query", "notes.json", "person", "x"]), 1, &["notes.json", "not a kith graph"]);
    dir.write("future.json", "{\"format_version\": 7}");
    fails(
        dir.kith().args(["query", "future.json", "person", "x"]),
        1,
        &["future.json", "unsupported graph format_version 7"],
    );
    fails(dir.kith().args(["query", "missing.json", "person", "x"]), 1, &["missing.json"]);
}

#[test]
fn min_confidence_drops_weak_relations_and_keeps_people() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/kloots-allio-2021-12-30.txt");
    let all =
        Command::cargo_bin("kith").unwrap().args(["extract", "--format", "json", seed]).output().unwrap();
    let strict = Command::cargo_bin("kith")
        .unwrap()
        .args(["extract", "--format", "json", "--min-confidence", "0.8", seed])
        .output()
        .unwrap();
    assert!(all.status.success() && strict.status.success());
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    let strict: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    let n = |v: &serde_json::Value, k: &str| v[k].as_array().unwrap().len();
    assert_eq!(n(&all, "people"), n(&strict, "people"));
    assert!(n(&strict, "relations") < n(&all, "relations"));
    assert!(strict["relations"].as_array().unwrap().iter().all(|r| r["confidence"].as_f64().unwrap() >= 0.8));
    // Out of range is a usage error.
    Command::cargo_bin("kith").unwrap().args(["extract", "--min-confidence", "1.5", seed]).assert().code(2);
}
