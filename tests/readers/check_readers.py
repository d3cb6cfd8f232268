#!/usr/bin/env python3
"""Independent readers for kith's export formats.

Runs the kith binary on a graph full of hostile names
(tests/readers/hostile-graph.json: quotes, newlines, <script>, braces,
backslashes, '@', '/', ';', non-Latin letters) and on the seed article,
writes every format, and has a third-party reader load each file:

  node-link  networkx.node_link_graph (edges="links", as D3 names them)
  graphml    networkx.read_graphml (typed keys)
  turtle     rdflib (Turtle parser; reified evidence queried back)
  gedcom     ged4py (GEDCOM 5.5.1 parser)
  neo4j-csv  kuzu COPY FROM (embedded graph database)
  cypher     kuzu, statement by statement after a DDL prologue (Kuzu needs
             declared tables, Neo4j does not; CREATE CONSTRAINT is skipped)
  html       Debian's chromium, headless (--dump-dom), with the page's
             #selftest hook: it clicks a person and a relation
  mermaid    mermaid.js (npm's browser bundle) in headless chromium: a
             scratch page parses and renders the flowchart and lists the
             nodes of the SVG

Each check compares what the reader got with the graph's own JSON (names
exactly, or with the one escape the format cannot carry). Prints one line
per check and a closing "N passed, N failed" line; exits 1 if any failed.

Without the Python packages, chromium or mermaid.js the checks are skipped
with a message, unless CI=true, where a missing reader is a failure.

Usage: check_readers.py [--kith PATH]   (default: target/debug/kith)
"""

import argparse
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "readers" / "hostile-graph.json"
SEED = ROOT / "fixtures" / "kloots-allio-2021-12-30.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MERMAID = Path(os.environ.get("KITH_MERMAID", Path.home() / ".cache" / "kith" / "mermaid"))


def one_line(text):
    """kith's one_line: runs of whitespace become one space."""
    return " ".join(text.split())


class Skip(Exception):
    pass


def need(module):
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise Skip(f"Python package {module!r} is not installed ({err}); scripts/setup --readers installs it")


def kith(args, binary):
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"kith {' '.join(map(str, args))} failed: {result.stderr.strip()}")
    return result


def check_node_link(graph, path):
    nx = need("networkx")
    data = json.loads(path.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="links")
    assert g.is_directed() and g.is_multigraph()
    assert sorted(g.nodes) == sorted(p["id"] for p in graph["people"])
    for p in graph["people"]:
        assert g.nodes[p["id"]]["name"] == p["name"], (g.nodes[p["id"]]["name"], p["name"])
    assert g.number_of_edges() == len(graph["relations"])
    for r in graph["relations"]:
        edge = g.edges[r["head"], r["tail"], r["id"]]
        assert edge["type"] == r["type"]
        assert [e["sentence_text"] for e in edge["evidence"]] == [e["sentence_text"] for e in r["evidence"]]


def check_graphml(graph, path):
    nx = need("networkx")
    g = nx.read_graphml(path)
    assert sorted(g.nodes) == sorted(p["id"] for p in graph["people"])
    for p in graph["people"]:
        assert g.nodes[p["id"]]["name"] == p["name"], (g.nodes[p["id"]]["name"], p["name"])
        assert isinstance(g.nodes[p["id"]]["deceased"], bool)
    assert g.number_of_edges() == len(graph["relations"])
    for head, tail, data in g.edges(data=True):
        assert isinstance(data["confidence"], float) and isinstance(data["evidence_count"], int)
        assert data["type"] in ("spouse", "partner", "parent", "sibling", "relative", "friend")
    types = sorted(d["type"] for _, _, d in g.edges(data=True))
    assert types == sorted(r["type"] for r in graph["relations"])


def check_turtle(graph, path):
    rdflib = need("rdflib")
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    schema = rdflib.Namespace("https://schema.org/")
    wdt = rdflib.Namespace("http://www.wikidata.org/prop/direct/")
    kv = rdflib.Namespace("urn:kith:vocab:")
    names = sorted(str(o) for o in g.objects(None, schema.name) if (None, rdflib.RDF.type, schema.Person))
    people = sorted(str(g.value(s, schema.name)) for s in g.subjects(rdflib.RDF.type, schema.Person))
    assert people == sorted(p["name"] for p in graph["people"]), (people, names)
    statements = list(g.subjects(rdflib.RDF.type, rdflib.RDF.Statement))
    assert len(statements) == len(graph["relations"])
    wikidata = {"spouse": wdt.P26, "partner": wdt.P451, "parent": wdt.P40, "sibling": wdt.P3373,
                "relative": wdt.P1038, "friend": schema.knows}
    sentences = set()
    for s in statements:
        kind = str(g.value(s, kv.relationType))
        assert g.value(s, rdflib.RDF.predicate) == wikidata[kind]
        subject, obj = g.value(s, rdflib.RDF.subject), g.value(s, rdflib.RDF.object)
        assert (subject, wikidata[kind], obj) in g, "the reified triple is asserted too"
        for ev in g.objects(s, kv.evidence):
            sentences.add(str(g.value(ev, kv.sentence)))
    expected = {e["sentence_text"] for r in graph["relations"] for e in r["evidence"]}
    assert sentences == expected


def check_gedcom(graph, path):
    need("ged4py")
    from ged4py.parser import GedcomReader

    with GedcomReader(str(path)) as reader:
        people = list(reader.records0("INDI"))
        families = list(reader.records0("FAM"))
        got = sorted(i.name.format().replace("@@", "@") for i in people)
        # GEDCOM names are one line, and "/" delimits the surname.
        expected = sorted(one_line(p["name"]).replace("/", "\u2215") for p in graph["people"])
        assert got == expected, (got, expected)
        xrefs = {i.xref_id for i in people}
        for fam in families:
            for sub in fam.sub_records:
                if sub.tag in ("HUSB", "WIFE", "CHIL"):
                    assert getattr(sub.value, "xref_id", sub.value) in xrefs, sub.value
        children = sum(1 for f in families for s in f.sub_records if s.tag == "CHIL")
        parent_links = {(r["tail"]) for r in graph["relations"] if r["type"] == "parent"}
        assert children >= len(parent_links)


def kuzu_connection(folder):
    kuzu = need("kuzu")
    db = kuzu.Database(str(folder / "db"))
    return kuzu.Connection(db), db


def rows(conn, query):
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def check_neo4j_csv(graph, folder, work):
    header = (folder / "nodes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("personId:ID,") and header.endswith(",:LABEL"), header
    rel_header = (folder / "relationships.csv").read_text(encoding="utf-8").splitlines()[0]
    assert rel_header.startswith(":START_ID,:END_ID,:TYPE,"), rel_header
    conn, _db = kuzu_connection(work)
    conn.execute(
        "CREATE NODE TABLE Person(id STRING PRIMARY KEY, name STRING, names STRING, gender STRING, "
        "birth_from INT64, birth_to INT64, deceased BOOLEAN, death STRING, death_age INT64, "
        "death_cause STRING, documents STRING, label STRING)")
    conn.execute(
        "CREATE REL TABLE Related(FROM Person TO Person, type STRING, id STRING, qualifiers STRING, "
        "terms STRING, symmetric BOOLEAN, confidence DOUBLE, evidence_count INT64, evidence STRING)")
    conn.execute(f"COPY Person FROM '{folder / 'nodes.csv'}' (HEADER=true, PARALLEL=false)")
    conn.execute(f"COPY Related FROM '{folder / 'relationships.csv'}' (HEADER=true, PARALLEL=false)")
    names = sorted(r[0] for r in rows(conn, "MATCH (p:Person) RETURN p.name"))
    assert names == sorted(p["name"] for p in graph["people"]), names
    got = sorted(tuple(r) for r in rows(conn, "MATCH (a)-[r:Related]->(b) RETURN a.id, r.type, b.id"))
    expected = sorted((r["head"], r["type"].upper(), r["tail"]) for r in graph["relations"])
    assert got == expected, (got, expected)
    for (evidence,) in rows(conn, "MATCH ()-[r:Related]->() RETURN r.evidence"):
        assert json.loads(evidence)[0]["sentence_text"]


def check_cypher(graph, path, work):
    text = path.read_text(encoding="utf-8")
    statements = [l for l in text.splitlines() if l.strip() and not l.startswith("//")]
    assert statements[0].startswith("CREATE CONSTRAINT kith_person_id IF NOT EXISTS FOR (p:Person)")
    assert all(s.endswith(";") for s in statements)
    assert sum(s.startswith("MERGE (p:Person {id: ") for s in statements) == len(graph["people"])
    conn, _db = kuzu_connection(work)
    lists = "STRING[]"
    conn.execute(
        f"CREATE NODE TABLE Person(id STRING PRIMARY KEY, name STRING, names {lists}, gender STRING, "
        f"birth_from INT64, birth_to INT64, deceased BOOLEAN, death STRING, death_age INT64, "
        f"death_cause STRING, documents {lists})")
    props = (f"id STRING, qualifiers {lists}, terms {lists}, symmetric BOOLEAN, confidence DOUBLE, "
             f"evidence_count INT64, evidence {lists}, evidence_documents {lists}, evidence_dates {lists}, "
             f"evidence_rules {lists}")
    for kind in ("SPOUSE", "PARTNER", "PARENT", "SIBLING", "RELATIVE", "FRIEND"):
        conn.execute(f"CREATE REL TABLE {kind}(FROM Person TO Person, {props})")
    for statement in statements[1:]:
        conn.execute(statement)
    for statement in statements[1:]:  # MERGE twice changes nothing
        conn.execute(statement)
    names = sorted(r[0] for r in rows(conn, "MATCH (p:Person) RETURN p.name"))
    # Kuzu reads the escape "\n" as "n" where Neo4j reads a line break.
    expected = sorted(p["name"].replace("\n", "n") for p in graph["people"])
    assert names == expected, (names, expected)
    got = sorted(tuple(r) for r in rows(conn, "MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id"))
    assert got == sorted((r["head"], r["type"].upper(), r["tail"]) for r in graph["relations"]), got


class PreFinder(HTMLParser):
    def __init__(self, pre_id="kith-selftest"):
        super().__init__()
        self.pre_id = pre_id
        self.inside = False
        self.text = None

    def handle_starttag(self, tag, attrs):
        if tag == "pre" and ("id", self.pre_id) in attrs:
            self.inside = True
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "pre":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise Skip("chromium is not installed (apt-get install -y chromium; scripts/setup --readers)")


def dump_dom(url, profile, budget_ms, extra=()):
    """The DOM of `url` after headless chromium ran its scripts; fails on
    any console message."""
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", f"--virtual-time-budget={budget_ms}", "--window-size=1280,900",
         *extra, "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    console = [l for l in result.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l]
    assert not console, "console messages: " + "\n".join(console)
    return result


def check_html(graph, path, work):
    chromium()
    page = path.read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page, "self-contained"
    result = dump_dom(path.resolve().as_uri() + "#selftest", work / "profile", 5000)
    finder = PreFinder()
    finder.feed(result.stdout)
    assert finder.text, "the page's script did not run (no self-test output): " + result.stderr[-1500:]
    report = json.loads(finder.text)
    assert report["errors"] == [], report["errors"]
    assert report["people"] == len(graph["people"]), report
    assert report["links"] == len(graph["relations"]), report
    assert sorted(report["names"]) == sorted(one_line(p["name"]) for p in graph["people"]), report["names"]
    first = graph["people"][0]
    assert one_line(first["name"]) in report["personPanel"], report["personPanel"]
    relation = graph["relations"][0]
    assert one_line(relation["evidence"][0]["sentence_text"]) in one_line(report["linkPanel"]), report["linkPanel"]
    if relation["evidence"][0]["date"]:
        assert relation["evidence"][0]["date"] in report["linkPanel"]
    assert report["searchMatches"] >= 1


# The scratch page for the Mermaid check: mermaid.js parses and renders the
# exported source, then the outcome goes into <pre id="mermaid-result"> as
# JSON: errors, and for each node of the SVG its id and label lines.
MERMAID_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><script src="BUNDLE"></script></head>
<body><div id="graph"></div><pre id="mermaid-result"></pre>
<script>
const source = SOURCE;
(async () => {
  const report = {errors: [], nodes: [], edges: 0};
  try {
    if (typeof mermaid === "undefined") throw new Error("the mermaid bundle did not load");
    mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
    await mermaid.parse(source);
    const {svg} = await mermaid.render("kith", source);
    const holder = document.getElementById("graph");
    holder.innerHTML = svg;
    for (const node of holder.querySelectorAll("g.node")) {
      const label = node.cloneNode(true);
      label.querySelectorAll("br").forEach(br => br.replaceWith("\\n"));
      report.nodes.push({id: node.id, lines: label.textContent.split("\\n")});
    }
    report.edges = holder.querySelectorAll("path.flowchart-link").length;
  } catch (e) {
    report.errors.push(String((e && e.message) || e));
  }
  document.getElementById("mermaid-result").textContent = JSON.stringify(report);
})();
</script></body></html>
"""


def check_mermaid(graph, path, work):
    chromium()
    bundle = MERMAID / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    if not bundle.is_file():
        raise Skip(f"mermaid.js is not installed ({bundle} missing); scripts/setup --readers installs it")
    source = path.read_text(encoding="utf-8")
    assert source.startswith("flowchart TB\n"), source[:40]
    # JSON in a <script>: no "</script>" or "<!--" can end it early.
    literal = json.dumps(source).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = work / "mermaid.html"
    page.write_text(MERMAID_PAGE.replace("BUNDLE", bundle.resolve().as_uri()).replace("SOURCE", literal),
                    encoding="utf-8")
    result = dump_dom(page.resolve().as_uri(), work / "profile-mermaid", 10000,
                      ["--allow-file-access-from-files"])
    finder = PreFinder("mermaid-result")
    finder.feed(result.stdout)
    assert finder.text, "the page's script did not run (no result): " + result.stderr[-1500:]
    report = json.loads(finder.text)
    assert report["errors"] == [], report["errors"]
    # Person boxes are n0, n1, … (family circles f0, f1, …); mermaid names
    # the SVG node "<render id>-flowchart-<node id>-<counter>".
    people = [n for n in report["nodes"] if re.search(r"-flowchart-n\d+-\d+$", n["id"])]
    assert len(people) == len(graph["people"]), report["nodes"]
    got = sorted(n["lines"][0] for n in people)
    assert got == sorted(one_line(p["name"]) for p in graph["people"]), got
    links = sum(1 for l in source.splitlines() if l.lstrip().startswith("linkStyle "))
    assert report["edges"] == links > 0, (report["edges"], links)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kith", default=str(ROOT / "target" / "debug" / "kith"))
    args = parser.parse_args()
    if not Path(args.kith).exists():
        print(f"readers: kith binary {args.kith} not found (cargo build first)", file=sys.stderr)
        return 1
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory(prefix="kith-readers-") as tmp:
        tmp = Path(tmp)
        seed_json = tmp / "seed.json"
        kith(["extract", str(SEED), "--format", "json", "-o", str(seed_json)], args.kith)
        for label, source in (("hostile", HOSTILE), ("seed", seed_json)):
            graph = json.loads(source.read_text(encoding="utf-8"))
            out = tmp / label
            out.mkdir()
            files = {}
            for fmt, name in (("node-link", "g.json"), ("graphml", "g.graphml"), ("turtle", "g.ttl"),
                              ("gedcom", "g.ged"), ("cypher", "g.cypher"), ("neo4j-csv", "csv"),
                              ("html", "g.html"), ("mermaid", "g.mmd")):
                files[fmt] = out / name
                kith(["export", str(source), "--format", fmt, "-o", str(files[fmt])], args.kith)
            checks = [
                ("node-link/networkx", lambda: check_node_link(graph, files["node-link"])),
                ("graphml/networkx", lambda: check_graphml(graph, files["graphml"])),
                ("turtle/rdflib", lambda: check_turtle(graph, files["turtle"])),
                ("gedcom/ged4py", lambda: check_gedcom(graph, files["gedcom"])),
                ("neo4j-csv/kuzu", lambda: check_neo4j_csv(graph, files["neo4j-csv"], out / "kuzu-csv")),
                ("cypher/kuzu", lambda: check_cypher(graph, files["cypher"], out / "kuzu-cypher")),
                ("html/chromium", lambda: check_html(graph, files["html"], out)),
                ("mermaid/mermaid.js", lambda: check_mermaid(graph, files["mermaid"], out)),
            ]
            for name, check in checks:
                (out / "kuzu-csv").mkdir(exist_ok=True)
                (out / "kuzu-cypher").mkdir(exist_ok=True)
                try:
                    check()
                except Skip as why:
                    if IN_CI:
                        failed += 1
                        print(f"FAIL {label} {name}: reader missing in CI: {why}")
                    else:
                        skipped += 1
                        print(f"skip {label} {name}: {why}")
                except Exception:
                    failed += 1
                    print(f"FAIL {label} {name}:\n{traceback.format_exc()}")
                else:
                    passed += 1
                    print(f"ok   {label} {name}")
    print(f"readers: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
