//! `kith eval` scores exactly as the reference scorer does.
//!
//! The parity test runs, on every evaluation set, `kith extract --format
//! eval` → `score.py --json` and `kith eval --json`, and requires the same
//! bytes. The evaluation sets live outside the repository
//! (`../shared/eval`); without them the parity tests are skipped with a
//! message, except in CI (env `CI` set), where they fail.
//!
//! Everything else uses made-up names and texts.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kith::eval::{Prediction, parse_gold, score};
use serde_json::Value;

fn kith() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kith"))
}

/// `../shared/eval`, or `None` (after saying why) when it is absent
/// outside CI.
fn eval_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if dir.join("score.py").is_file() {
        return Some(dir);
    }
    assert!(std::env::var_os("CI").is_none(), "{} is missing; CI needs the evaluation sets", dir.display());
    eprintln!("skipped: {} is missing", dir.display());
    None
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn score_py(dir: &Path, gold: &Path, pred: &Path, json: bool) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(dir.join("score.py")).arg(gold).arg(pred);
    if json {
        cmd.arg("--json");
    }
    stdout_of(&mut cmd)
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
}

#[test]
fn kith_eval_equals_score_py_on_every_set() {
    let Some(dir) = eval_dir() else { return };
    let tmp = tempfile::tempdir().expect("temporary folder");
    for set in ["seed", "news-dev", "redocred-dev"] {
        let gold = dir.join(format!("{set}.jsonl"));
        let pred = tmp.path().join(format!("{set}.pred.jsonl"));
        let lines = stdout_of(kith().args(["extract", "--format", "eval", "--jsonl"]).arg(&gold));
        fs::write(&pred, lines).expect("write predictions");

        let expected = score_py(&dir, &gold, &pred, true);
        let got = stdout_of(kith().arg("eval").arg(&gold).arg("--json"));
        assert_eq!(parse(&got), parse(&expected), "{set}: values differ");
        assert_eq!(got, expected, "{set}: formatting differs");

        let table = stdout_of(kith().arg("eval").arg(&gold));
        assert_eq!(table, score_py(&dir, &gold, &pred, false), "{set}: table differs");
    }
}

/// Three documents where alignment ties decide: a tie on shared names and
/// length goes to the earlier gold entity; two pickers of one gold entity
/// keep the earlier; a later, better picker displaces an earlier one (which
/// then aligns with nothing and its relations are wrong); length is
/// counted in characters; mirrored and repeated symmetric relations count
/// once; a document without prediction counts as empty.
const TIES_GOLD: &str = r#"{"id": "d1", "text": "", "date": null, "entities": [{"id": "e0", "names": ["Ann Lee", "Lee"]}, {"id": "e1", "names": ["Lee"]}, {"id": "e2", "names": ["Bo Park", "Park"]}, {"id": "e3", "names": ["Cy"]}], "relations": [{"head": "e0", "type": "spouse", "tail": "e2"}, {"head": "e1", "type": "parent", "tail": "e3"}, {"head": "e2", "type": "sibling", "tail": "e0"}]}
{"id": "d2", "text": "", "date": null, "entities": [{"id": "g0", "names": ["Dee Quinn", "Quinn"]}, {"id": "g1", "names": ["Eve Quinn", "Quinn"]}, {"id": "g2", "names": ["Zoë", "Z"]}, {"id": "g3", "names": ["Anna", "Y"]}], "relations": [{"head": "g0", "type": "parent", "tail": "g1"}, {"head": "g2", "type": "friend", "tail": "g3"}]}
{"id": "d3", "text": "", "date": null, "entities": [{"id": "x", "names": ["Solo"]}], "relations": []}
"#;

const TIES_PRED: &str = r#"{"id": "d1", "entities": [{"id": "p0", "names": ["Lee"]}, {"id": "p1", "names": ["Lee"]}, {"id": "p2", "names": ["Park", "Bo Park"]}, {"id": "p3", "names": ["Park"]}, {"id": "p4", "names": ["the Cy's"]}], "relations": [{"head": "p2", "type": "spouse", "tail": "p0"}, {"head": "p1", "type": "parent", "tail": "p4"}, {"head": "p3", "type": "spouse", "tail": "p0"}, {"head": "p0", "type": "spouse", "tail": "p2"}]}
{"id": "d2", "entities": [{"id": "q0", "names": ["Quinn"]}, {"id": "q1", "names": ["Eve Quinn", "Quinn"]}, {"id": "q2", "names": ["Dee Quinn"]}, {"id": "q3", "names": ["Zoë", "Anna"]}, {"id": "q4", "names": ["Z"]}], "relations": [{"head": "q2", "type": "parent", "tail": "q1"}, {"head": "q0", "type": "parent", "tail": "q1"}, {"head": "q4", "type": "friend", "tail": "q3"}]}
"#;

/// What `score.py --json` prints for the two files above.
const TIES_SCORES: &str = r#"{"docs": 3, "entities": {"p": 0.7, "r": 0.7778, "f1": 0.7368, "tp": 7, "fp": 3, "fn": 2}, "relations": {"micro": {"p": 0.5, "r": 0.6, "f1": 0.5455, "tp": 3, "fp": 3, "fn": 2}, "per_type": {"friend": {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}, "parent": {"p": 0.3333, "r": 0.5, "f1": 0.4, "tp": 1, "fp": 2, "fn": 1}, "sibling": {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}, "spouse": {"p": 0.5, "r": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}}}}"#;

#[test]
fn alignment_ties_are_resolved_as_score_py_resolves_them() {
    let gold = parse_gold(Path::new("ties-gold.jsonl"), TIES_GOLD).expect("valid gold");
    let pred: Vec<Prediction> =
        TIES_PRED.lines().map(|l| serde_json::from_str(l).expect("valid prediction")).collect();
    let scores = score(&gold, &pred);
    assert_eq!(scores.to_json(), TIES_SCORES);

    // And score.py itself agrees, when it is here to ask (the parity test
    // is the one that insists on it).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if !dir.join("score.py").is_file() {
        return;
    }
    let tmp = tempfile::tempdir().expect("temporary folder");
    let (g, p) = (tmp.path().join("gold.jsonl"), tmp.path().join("pred.jsonl"));
    fs::write(&g, TIES_GOLD).expect("write");
    fs::write(&p, TIES_PRED).expect("write");
    assert_eq!(score_py(&dir, &g, &p, true), format!("{TIES_SCORES}\n"));
    assert_eq!(score_py(&dir, &g, &p, false), format!("{}\n", scores.table()));
}

/// A runs kith on its own text; the gold says what a reader finds.
const MADE_UP: &str = r#"{"id": "m1", "text": "Ivo Brandt, 40, married Mia Torres in 2010. Mia Torres and Ivo Brandt have a son, Leo.", "date": "2020-05-01", "entities": [{"id": "a", "names": ["Ivo Brandt", "Brandt"]}, {"id": "b", "names": ["Mia Torres", "Torres"]}, {"id": "c", "names": ["Leo"]}], "relations": [{"head": "a", "type": "spouse", "tail": "b"}, {"head": "a", "type": "parent", "tail": "c"}, {"head": "b", "type": "parent", "tail": "c"}]}"#;

#[test]
fn text_misses_and_confidence_threshold() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let gold = tmp.path().join("gold.jsonl");
    fs::write(&gold, format!("{MADE_UP}\n")).expect("write");

    let table = stdout_of(kith().arg("eval").arg(&gold));
    assert!(table.starts_with("docs: 1\n"), "{table}");
    assert!(table.contains("\nrelations micro "), "{table}");

    let misses = stdout_of(kith().arg("eval").arg(&gold).arg("--misses"));
    assert!(misses.starts_with(&table), "{misses}");
    assert!(misses.contains("\nmisses") || misses.ends_with("misses: none\n"), "{misses}");

    // The threshold only removes predicted relations: 0 changes nothing,
    // and 1 leaves at most as many.
    let json = |extra: &[&str]| parse(&stdout_of(kith().arg("eval").arg(&gold).arg("--json").args(extra)));
    let all = json(&[]);
    assert_eq!(json(&["--min-confidence", "0"]), all);
    let strict = json(&["--min-confidence", "1"]);
    let predicted = |v: &Value| {
        v["relations"]["micro"]["tp"].as_u64().unwrap_or(0)
            + v["relations"]["micro"]["fp"].as_u64().unwrap_or(0)
    };
    assert!(predicted(&strict) <= predicted(&all));
    assert_eq!(strict["entities"], all["entities"]);
}

/// Runs a command that must fail with `code`, print nothing on stdout and
/// one stderr line containing every needle.
fn fails(cmd: &mut Command, code: i32, needles: &[&str]) {
    let out = cmd.output().expect("run");
    assert_eq!(out.status.code(), Some(code), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "{cmd:?} printed {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    if code == 1 {
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    for needle in needles {
        assert!(err.contains(needle), "{cmd:?}: {err:?} lacks {needle:?}");
    }
}

#[test]
fn bad_gold_fails_with_file_and_line() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let cases = [
        ("json.jsonl", format!("{MADE_UP}\n{{\"id\": ")),
        ("lacks.jsonl", format!("\n{}", MADE_UP.replace(r#""relations": "#, r#""links": "#))),
        ("unknown.jsonl", MADE_UP.replace(r#""tail": "c"}]"#, r#""tail": "z"}]"#)),
    ];
    let expected =
        [("line 2", "invalid JSON"), ("line 2", "missing \"relations\""), ("line 1", "unknown entity \"z\"")];
    for ((name, contents), (line, what)) in cases.iter().zip(expected) {
        let path = tmp.path().join(name);
        fs::write(&path, contents).expect("write");
        fails(kith().arg("eval").arg(&path).arg("--json"), 1, &[name, line, what]);
    }
    fails(kith().arg("eval").arg(tmp.path().join("absent.jsonl")), 1, &["absent.jsonl"]);
}

#[test]
fn options_of_the_other_task_are_usage_errors() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let gold = tmp.path().join("gold.jsonl");
    fs::write(&gold, MADE_UP).expect("write");
    let out = tmp.path().join("p.jsonl");
    fails(kith().arg("eval").arg(&gold).arg("--predictions").arg(&out), 2, &["--predictions"]);
    fails(kith().args(["eval", "--task", "gap", "--misses"]).arg(&gold), 2, &["--misses"]);
    fails(
        kith().args(["eval", "--task", "gap", "--min-confidence", "0.5"]).arg(&gold),
        2,
        &["--min-confidence"],
    );
    fails(kith().args(["eval", "--min-confidence", "1.5"]).arg(&gold), 2, &["1.5"]);
    fails(kith().args(["eval", "--json", "--misses"]).arg(&gold), 2, &["--misses"]);
    assert!(!out.exists());
}

/// GAP-style rows over made-up text (character offsets; "Zoë" makes them
/// differ from byte offsets).
const GAP_ROWS: &str = r#"{"id": "t-1", "text": "Zoë Marsh met Tobias Renn in Oslo. She later wrote a book about the city.", "pronoun": "She", "pronoun_offset": 35, "a": "Zoë Marsh", "a_offset": 0, "a_coref": true, "b": "Tobias Renn", "b_offset": 14, "b_coref": false}
{"id": "t-2", "text": "Zoë Marsh met Tobias Renn in Oslo. He later wrote a book about the city.", "pronoun": "He", "pronoun_offset": 35, "a": "Zoë Marsh", "a_offset": 0, "a_coref": false, "b": "Tobias Renn", "b_offset": 14, "b_coref": true}
{"id": "t-3", "text": "Tobias Renn thanked Zoë Marsh and Ada Fell for her help.", "pronoun": "her", "pronoun_offset": 47, "a": "Zoë Marsh", "a_offset": 20, "a_coref": false, "b": "Ada Fell", "b_offset": 34, "b_coref": false}
"#;

#[test]
fn gap_task_scores_and_writes_predictions() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let rows = tmp.path().join("gap.jsonl");
    fs::write(&rows, GAP_ROWS).expect("write");
    let out = tmp.path().join("answers.jsonl");
    let json =
        stdout_of(kith().args(["eval", "--task", "gap", "--json"]).arg(&rows).arg("--predictions").arg(&out));
    let v = parse(&json);
    let mut keys: Vec<&str> =
        v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort_unstable();
    assert_eq!(keys, ["bias", "feminine", "masculine", "overall", "rows"]);
    assert!(json.starts_with("{\"rows\": 3, \"overall\": {\"p\": "), "{json}");
    assert_eq!(v["overall"]["tp"].as_u64().unwrap_or(0) + v["overall"]["fn"].as_u64().unwrap_or(0), 2);

    let answers = fs::read_to_string(&out).expect("predictions written");
    let ids: Vec<String> =
        answers.lines().map(|l| parse(l)["id"].as_str().unwrap_or_default().to_string()).collect();
    assert_eq!(ids, ["t-1", "t-2", "t-3"]);
    assert!(answers.lines().all(|l| parse(l)["a_coref"].is_boolean() && parse(l)["b_coref"].is_boolean()));

    let table = stdout_of(kith().args(["eval", "--task", "gap"]).arg(&rows));
    assert!(table.starts_with("rows: 3\n"), "{table}");
    assert!(table.contains("\nbias (F1 feminine / F1 masculine): "), "{table}");

    let bad = tmp.path().join("bad.jsonl");
    fs::write(&bad, GAP_ROWS.replace("\"pronoun_offset\": 47", "\"pronoun_offset\": 46")).expect("write");
    fails(kith().args(["eval", "--task", "gap"]).arg(&bad), 1, &["bad.jsonl", "line 3", "pronoun_offset"]);
}
