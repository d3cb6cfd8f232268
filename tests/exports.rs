//! The export formats of issue 5, checked in Rust on the hostile graph
//! (`tests/readers/hostile-graph.json`: quotes, newlines, `<script>`,
//! braces, backslashes, `@`, `/`, `;`, non-Latin letters) and on the seed
//! article: every file parses with a reader of its syntax and gives the
//! names back; drawings render with Graphviz and without it
//! (`KITH_DOT=/nonexistent`); and the `export` command's options.
//!
//! The third-party readers (networkx, rdflib, ged4py, kuzu, chromium) run
//! from `tests/readers/check_readers.py`, which `.ci/run` calls; these tests
//! need nothing but Rust (and Graphviz, when installed or in CI).

use std::path::{Path, PathBuf};
use std::process::Command;

use kith::export::{cypher, dot, gedcom, graphml, html, json, mermaid, neo4j_csv, nodelink, render, turtle};
use kith::graph::KinGraph;

const HOSTILE: &str = include_str!("readers/hostile-graph.json");
const SEED: &str = "fixtures/kloots-allio-2021-12-30.txt";

fn hostile() -> KinGraph {
    json::from_json(HOSTILE, Path::new("hostile-graph.json")).expect("the hostile graph reads")
}

fn names(graph: &KinGraph) -> Vec<String> {
    graph.people().map(|(_, p)| p.name.clone()).collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// True when Graphviz can be run; in CI its absence is a failure, since
/// `.ci/run` installs it.
fn graphviz() -> bool {
    let available = render::graphviz_available();
    assert!(available || !in_ci(), "Graphviz `dot` must be installed in CI (scripts/setup)");
    if !available {
        eprintln!("skipped: Graphviz `dot` is not installed (scripts/setup installs it)");
    }
    available
}

fn kith() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kith"))
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

#[test]
fn hostile_graph_has_every_kind_of_trouble() {
    let graph = hostile();
    let all = names(&graph).join("");
    for needle in ["\"", "\n", "<script>", "{", "\\", "@", "/", ";", "李"] {
        assert!(all.contains(needle), "{needle:?}");
    }
    assert_eq!(
        graph.relations().map(|r| r.relation.kind).collect::<std::collections::BTreeSet<_>>().len(),
        6
    );
}

#[test]
fn node_link_keeps_names_and_links() {
    let graph = hostile();
    let value: serde_json::Value = serde_json::from_str(&nodelink::to_node_link(&graph)).expect("JSON");
    assert_eq!(value["directed"], true);
    assert_eq!(value["multigraph"], true);
    let got: Vec<&str> =
        value["nodes"].as_array().expect("nodes").iter().filter_map(|n| n["name"].as_str()).collect();
    assert_eq!(got, names(&graph));
    let links = value["links"].as_array().expect("links");
    assert_eq!(links.len(), graph.relations().count());
    assert_eq!(links[0]["source"], "p0");
    assert_eq!(links[0]["key"], "r0");
    assert!(links[0]["evidence"][0]["sentence_text"].is_string());
}

#[test]
fn graphml_is_well_formed_with_typed_keys() {
    use quick_xml::events::Event;
    let graph = hostile();
    let text = graphml::to_graphml(&graph);
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut key, mut got, mut types) = (String::new(), Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"data" => {
                key = e
                    .try_get_attribute("key")
                    .ok()
                    .flatten()
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
            }
            Event::Empty(e) if e.name().as_ref() == b"key" => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                types.push((attr("attr.name").unwrap_or_default(), attr("attr.type").unwrap_or_default()));
            }
            Event::Text(t) if key == "n_name" => {
                got.push(t.decode().expect("UTF-8").into_owned());
                key.clear();
            }
            Event::GeneralRef(r) if key == "n_name" => {
                // quick-xml reports entity references apart from the text.
                let entity = format!("&{};", String::from_utf8_lossy(&r));
                let decoded = quick_xml::escape::unescape(&entity).expect("entity").into_owned();
                if let Some(last) = got.last_mut() {
                    last.push_str(&decoded);
                }
            }
            Event::End(e) if e.name().as_ref() == b"data" => key.clear(),
            _ => {}
        }
    }
    assert!(types.contains(&("confidence".into(), "double".into())));
    assert!(types.contains(&("evidence_count".into(), "int".into())));
    assert!(types.contains(&("deceased".into(), "boolean".into())));
    assert_eq!(got.len(), graph.people().count());
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!text.contains("<script>"));
}

#[test]
fn cypher_statements_are_one_line_each_with_escaped_strings() {
    let graph = hostile();
    let script = cypher::to_cypher(&graph);
    let statements: Vec<&str> = script.lines().filter(|l| !l.starts_with("//") && !l.is_empty()).collect();
    assert_eq!(statements.len(), 1 + graph.people().count() + graph.relations().count());
    assert!(statements.iter().all(|s| s.ends_with(';')));
    for name in names(&graph) {
        assert!(script.contains(&format!("p.name = {}", cypher::string(&name))), "{name:?}");
    }
    assert!(script.contains("MERGE (a)-[r:SPOUSE]->(b)"));
    assert_eq!(cypher::string("it's \\ \n"), "'it\\'s \\\\ \\n'");
}

/// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn neo4j_csv_has_import_headers_and_every_name() {
    let graph = hostile();
    let files = neo4j_csv::to_neo4j_csv(&graph);
    let names_of =
        |name: &str| files.iter().find(|(n, _)| *n == name).map(|(_, t)| csv_records(t)).expect(name);
    let nodes = names_of("nodes.csv");
    assert_eq!(nodes[0][0], "personId:ID");
    assert_eq!(nodes[0].last().map(String::as_str), Some(":LABEL"));
    let got: Vec<String> = nodes[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(got, names(&graph));
    assert!(nodes.iter().all(|r| r.len() == nodes[0].len()));
    let relationships = names_of("relationships.csv");
    assert_eq!(relationships[0][..3], [":START_ID", ":END_ID", ":TYPE"]);
    assert_eq!(relationships.len(), 1 + graph.relations().count());
    let evidence: serde_json::Value = serde_json::from_str(&relationships[1][9]).expect("evidence is JSON");
    assert!(evidence[0]["sentence_text"].is_string());
}

/// Undoes kith's Turtle string escapes.
fn turtle_unescape(literal: &str) -> String {
    let mut out = String::new();
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[test]
fn turtle_names_round_trip_and_relations_are_reified() {
    let graph = hostile();
    let ttl = turtle::to_turtle(&graph);
    let got: Vec<String> = ttl
        .lines()
        .filter_map(|l| l.trim().strip_prefix("schema:name \""))
        .map(|l| {
            let l = l.trim_end_matches([';', ' ', '.']);
            turtle_unescape(l.strip_suffix('"').unwrap_or(l))
        })
        .collect();
    assert_eq!(got, names(&graph));
    assert_eq!(ttl.matches(" a rdf:Statement ;").count(), graph.relations().count());
    for property in
        ["wdt:P26", "wdt:P451", "wdt:P40", "wdt:P22", "wdt:P25", "wdt:P3373", "wdt:P1038", "schema:knows"]
    {
        assert!(ttl.contains(property), "{property}");
    }
    assert!(!ttl.contains("<<"), "no RDF-star");
}

#[test]
fn gedcom_lines_are_valid_and_pointers_resolve() {
    let graph = hostile();
    let ged = gedcom::to_gedcom(&graph);
    assert!(ged.starts_with("0 HEAD\n") && ged.ends_with("0 TRLR\n"));
    assert!(ged.contains("2 VERS 5.5.1\n") && ged.contains("1 CHAR UTF-8\n"));
    let mut level = 0;
    let mut defined = std::collections::BTreeSet::new();
    let mut used = Vec::new();
    for line in ged.lines() {
        assert!(line.chars().count() <= 255, "{line}");
        let mut parts = line.splitn(3, ' ');
        let this: usize = parts.next().and_then(|l| l.parse().ok()).expect("a level");
        assert!(this <= level + 1, "level jumps: {line}");
        level = this;
        let second = parts.next().unwrap_or_default();
        if second.starts_with('@') {
            defined.insert(second.to_string());
        } else if let Some(value) = parts.next()
            && matches!(second, "HUSB" | "WIFE" | "CHIL" | "FAMS" | "FAMC" | "ASSO" | "SOUR")
            && value.starts_with('@')
        {
            used.push(value.to_string());
        }
    }
    assert!(used.iter().all(|p| defined.contains(p)), "{used:?} / {defined:?}");
    for person in names(&graph) {
        let name = one_line(&person).replace('/', "\u{2215}").replace('@', "@@");
        let surname = name.rsplit_once(' ').map(|(g, s)| format!("{g} /{s}/")).unwrap_or(name);
        assert!(ged.contains(&format!("1 NAME {surname}\n")), "{surname}");
    }
    assert!(ged.contains("1 MARR Y") && ged.contains("1 CHIL @I3@") && ged.contains("2 PEDI adopted"));
    assert!(ged.contains("2 CAUS \"quotes\" & <tags>\n3 CONT {braces}"));
}

#[test]
fn mermaid_labels_are_quoted_and_escaped() {
    let graph = hostile();
    let source = mermaid::to_mermaid(&graph);
    assert!(source.starts_with("flowchart TB\n"));
    for line in source.lines().filter(|l| l.trim_start().starts_with('n') && l.contains("[\"")) {
        let label =
            line.split_once("[\"").and_then(|(_, rest)| rest.strip_suffix("\"]")).expect("quoted label");
        assert!(!label.contains('"') && !label.contains('<') || label.contains("<br/>"), "{label}");
        assert!(!label.replace("<br/>", "").contains('<'), "{label}");
    }
    assert!(source.contains("#lt;script#gt;alert(1)#lt;/script#gt;"));
    assert!(source.contains("classDef deceased"));
}

#[test]
fn html_embeds_the_node_link_data_safely() {
    let graph = hostile();
    let page = html::to_html(&graph);
    let start = page.find("<script type=\"application/json\" id=\"kith-data\">").expect("data element");
    let rest = &page[start..];
    let body = &rest[rest.find('>').expect("tag end") + 1..rest.find("</script>").expect("data end")];
    let data: serde_json::Value = serde_json::from_str(body).expect("data is JSON");
    assert_eq!(data, nodelink::node_link_value(&graph));
    assert_eq!(page.matches("<script").count(), 4, "error hook, data, styles, app");
    assert!(!page.contains("src=") && !page.contains("<link"), "nothing loaded from elsewhere");
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn dot_parses_and_renders_hostile_names() {
    let graph = hostile();
    let source = dot::to_dot(&graph);
    graphviz_rust::parse(&source).unwrap_or_else(|e| panic!("{e}\n{source}"));
    let svg = render::render_svg_builtin(&source).expect("the built-in layout draws it");
    assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
    if graphviz() {
        for target in [render::Target::Svg, render::Target::Png, render::Target::Pdf] {
            let drawn = render::render(&source, target).expect("Graphviz renders kith's DOT");
            assert_eq!(drawn.note, None);
            let magic: &[u8] = match target {
                render::Target::Svg => b"<?xml",
                render::Target::Png => b"\x89PNG",
                render::Target::Pdf => b"%PDF",
            };
            assert!(drawn.bytes.starts_with(magic), "{target:?}");
        }
    }
}

#[test]
fn without_graphviz_svg_falls_back_and_png_pdf_say_how_to_install_it() {
    let dir = temp();
    for (format, file) in [("svg", "g.svg"), ("png", "g.png"), ("pdf", "g.pdf")] {
        let out = dir.path().join(file);
        let output = kith()
            .env("KITH_DOT", "/nonexistent/dot")
            .args(["extract", SEED, "--format", format, "-o"])
            .arg(&out)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        if format == "svg" {
            assert!(output.status.success(), "{stderr}");
            assert!(
                stderr
                    .contains("note: Graphviz `dot` is not installed; drew the SVG with the built-in layout")
            );
            let svg = std::fs::read_to_string(&out).expect("written");
            assert!(svg.contains("<svg") && svg.contains("Amanda Kloots"), "{svg}");
        } else {
            assert_eq!(output.status.code(), Some(1), "{stderr}");
            assert!(
                stderr.contains(&format!("{} output needs Graphviz's `dot`", format.to_uppercase())),
                "{stderr}"
            );
            assert!(stderr.contains("apt-get install graphviz") && stderr.contains("KITH_DOT"), "{stderr}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(!out.exists(), "nothing written on failure");
        }
    }
}

#[test]
fn with_graphviz_the_cli_draws_png_and_pdf() {
    if !graphviz() {
        return;
    }
    let dir = temp();
    let out = dir.path().join("seed.png");
    let output = kith().args(["extract", SEED, "-o"]).arg(&out).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "no fallback note with Graphviz");
    assert!(std::fs::read(&out).expect("written").starts_with(b"\x89PNG"));
}

/// Saves the seed article's graph and returns its path.
fn seed_graph(dir: &Path) -> PathBuf {
    let path = dir.join("seed.json");
    let output = kith().args(["extract", SEED, "--format", "json", "-o"]).arg(&path).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    path
}

fn export_json(graph: &Path, extra: &[&str]) -> serde_json::Value {
    let output =
        kith().arg("export").arg(graph).args(["--format", "json"]).args(extra).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn people_names(graph: &serde_json::Value) -> Vec<String> {
    let mut names: Vec<String> = graph["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(String::from))
        .collect();
    names.sort();
    names
}

#[test]
fn export_cuts_around_a_person_and_by_type() {
    let dir = temp();
    let graph = seed_graph(dir.path());
    let around = export_json(&graph, &["--around", "Kloots", "--depth", "1"]);
    assert_eq!(people_names(&around), ["Amanda Kloots", "Elvis", "Michael Allio", "Nick Cordero"]);
    let two = export_json(&graph, &["--around", "Kloots", "--depth", "2"]);
    assert_eq!(people_names(&two).len(), 6, "Allio's wife and son are two steps away");
    let family = export_json(&graph, &["--around", "Kloots", "--depth", "3", "--types", "spouse,parent"]);
    assert_eq!(people_names(&family), ["Amanda Kloots", "Elvis", "Nick Cordero"]);
    let types = export_json(&graph, &["--types", "friend"]);
    assert_eq!(people_names(&types).len(), 7, "--types alone keeps the people");
    let relations = types["relations"].as_array().expect("relations");
    assert!(relations.iter().all(|r| r["type"] == "friend") && relations.len() == 1);
}

#[test]
fn export_writes_every_format_and_picks_it_from_the_extension() {
    let dir = temp();
    let graph = seed_graph(dir.path());
    for (file, needle) in [
        ("g.graphml", "<graphml"),
        ("g.ttl", "@prefix wdt:"),
        ("g.ged", "0 HEAD"),
        ("g.mmd", "flowchart TB"),
        ("g.html", "<!DOCTYPE html>"),
        ("g.cypher", "MERGE (p:Person"),
        ("g.dot", "digraph kith"),
    ] {
        let out = dir.path().join(file);
        let output = kith().arg("export").arg(&graph).arg("-o").arg(&out).output().expect("runs");
        assert!(output.status.success(), "{file}: {}", String::from_utf8_lossy(&output.stderr));
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.contains(needle), "{file}");
        assert!(text.contains("Kloots"), "{file}");
    }
    let output = kith().arg("export").arg(&graph).args(["--format", "node-link"]).output().expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("node-link on stdout");
    assert_eq!(value["nodes"].as_array().map(Vec::len), Some(7));
    let folder = dir.path().join("neo4j");
    let output = kith()
        .arg("export")
        .arg(&graph)
        .args(["--format", "neo4j-csv", "-o"])
        .arg(&folder)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(folder.join("nodes.csv").exists() && folder.join("relationships.csv").exists());
}

#[test]
fn export_usage_errors_exit_2() {
    let dir = temp();
    let graph = seed_graph(dir.path());
    let output = kith().arg("export").arg(&graph).args(["--format", "neo4j-csv"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("-o DIR"));
    let output = kith().arg("export").arg(&graph).args(["--types", "cousin"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = kith().arg("export").arg(&graph).args(["--around", "Nobody Here"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn extract_offers_the_same_formats() {
    for (format, needle) in
        [("graphml", "<graphml"), ("turtle", "schema:Person"), ("gedcom", "INDI"), ("mermaid", "flowchart")]
    {
        let output = kith().args(["extract", SEED, "--format", format]).output().expect("runs");
        assert!(output.status.success(), "{format}");
        assert!(String::from_utf8_lossy(&output.stdout).contains(needle), "{format}");
    }
}
