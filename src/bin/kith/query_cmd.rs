/*!
`kith query GRAPH ...`: questions about a saved graph, answered in text for
people or, with `--json`, in JSON for programs.

Names are looked up as entity resolution compares them (case, accents,
punctuation, titles, a unique surname alone); an unknown or ambiguous name
is an error naming the graph file, with the candidates listed.
*/

use std::fmt::Write;

use anyhow::Context;
use kith::export::{self, one_line};
use kith::fact::{Qualifier, RelationKind};
use kith::graph::{GraphEvidence, Inference, Kinship, PathFilter, PeopleFilter, RelationPath, RelationRef};
use kith::graph::{KinGraph, Person};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde::Serialize;
use serde_json::{Value, json};

use crate::args::{QueryArgs, Question};

pub fn run(args: QueryArgs) -> anyhow::Result<()> {
    // Questions that quote no sentence read the graph without its
    // statements: most of a large file, and of the memory.
    let quotes = matches!(
        args.question,
        Question::Person { .. } | Question::Relations { .. } | Question::Explain { .. }
    );
    let mut graph = if quotes {
        export::graph_file::read_graph(&args.graph)?
    } else {
        export::graph_file::read_graph_structure(&args.graph)?
    };
    if args.no_infer {
        graph.drop_inferred();
    }
    let origin = args.graph.display().to_string();
    let find = |graph: &KinGraph, name: &str| graph.find_person(name).with_context(|| origin.clone());
    let output = match &args.question {
        Question::Person { name } => {
            let node = find(&graph, &name.join(" "))?;
            if args.json {
                export::json::person_json(&graph, node)
            } else {
                export::text::person_text(&graph, node)
            }
        }
        Question::Relations { name, kind } => {
            let node = find(&graph, &name.join(" "))?;
            if let Some(kind) = kind {
                graph.retain_kinds(&[*kind]);
            }
            if args.json {
                export::json::relations_json(&graph, node)
            } else {
                export::text::relations_text(&graph, node)
            }
        }
        Question::People { deceased, born_before, kind } => {
            let filter = PeopleFilter { deceased: *deceased, born_before: *born_before, kind: *kind };
            people(&graph, &graph.people_matching(&filter), args.json)
        }
        Question::Path { from, to, max, types } => {
            let (a, b) = (find(&graph, from)?, find(&graph, to)?);
            let filter = PathFilter { kinds: types.clone(), inferred: false, max: *max };
            path(&graph, a, b, graph.shortest_path(a, b, &filter).as_ref(), args.json)
        }
        Question::Kin { a, b } => {
            let (a, b) = (find(&graph, a)?, find(&graph, b)?);
            kin(&graph, a, b, &graph.kinship(a, b), args.json)
        }
        Question::Neighbors { name, depth } => {
            let node = find(&graph, &name.join(" "))?;
            neighbors(&graph, node, *depth, args.json)
        }
        Question::Explain { a, b } => {
            let (a, b) = (find(&graph, a)?, find(&graph, b)?);
            explain(&graph, a, b, args.json)
        }
        Question::Stats => stats(&graph, args.json),
    };
    // The process ends right after: freeing a large graph piece by piece
    // (millions of allocations, a good part of a second at a million
    // people) would only delay the answer.
    std::mem::forget(graph);
    crate::write_stdout(output.as_bytes())
}

fn pretty(value: &Value) -> String {
    let mut out = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// `Name [p3]`, safe for one terminal line.
fn label(graph: &KinGraph, node: NodeIndex) -> String {
    graph.person(node).map_or_else(String::new, |p| format!("{} [{}]", one_line(&p.name), p.id))
}

/// A person as the JSON answers refer to them.
fn person_ref(graph: &KinGraph, node: NodeIndex) -> Value {
    graph.person(node).map_or(Value::Null, |p| json!({"id": p.id, "name": p.name}))
}

fn people(graph: &KinGraph, nodes: &[NodeIndex], as_json: bool) -> String {
    if as_json {
        let list: Vec<Value> = nodes
            .iter()
            .filter_map(|&node| {
                let p = graph.person(node)?;
                Some(json!({
                    "id": p.id,
                    "name": p.name,
                    "gender": p.gender,
                    "born": graph.born(node),
                    "deceased": p.is_deceased(),
                    "documents": p.documents,
                }))
            })
            .collect();
        return pretty(&Value::Array(list));
    }
    let mut out = String::new();
    for &node in nodes {
        let Some(p) = graph.person(node) else { continue };
        let _ = write!(out, "{}", label(graph, node));
        if let Some(gender) = p.gender {
            let _ = write!(out, " ({})", export::gender_word(gender));
        }
        if let Some((from, to)) = graph.born(node) {
            let years = if from == to { from.to_string() } else { format!("{from}–{to}") };
            let _ = write!(out, ", born {years}");
        }
        if let Some(death) = death(p) {
            let _ = write!(out, ", {death}");
        }
        let documents: Vec<String> = p.documents.iter().map(|d| one_line(d)).collect();
        let _ = writeln!(out, "; in {}", documents.join(", "));
    }
    let _ = writeln!(out, "{} {}", nodes.len(), plural(nodes.len(), "person", "people"));
    out
}

/// The most detailed death attribute, as a phrase.
fn death(person: &Person) -> Option<String> {
    person
        .attributes
        .iter()
        .filter(|a| matches!(a.attribute, kith::fact::Attribute::Death { .. }))
        .map(|a| export::describe_attribute(&a.attribute))
        .max_by_key(String::len)
}

fn steps_json(graph: &KinGraph, path: &RelationPath) -> Value {
    let steps: Vec<Value> = path
        .steps
        .iter()
        .map(|s| {
            let relation = graph.relation(s.edge);
            json!({
                "from": person_ref(graph, s.from),
                "role": s.role,
                "to": person_ref(graph, s.to),
                "relation": KinGraph::relation_id(s.edge),
                "type": s.kind,
                "qualifiers": relation.map(|r| r.qualifiers.clone()).unwrap_or_default(),
                "inferred": relation.is_some_and(|r| !r.is_stated()),
            })
        })
        .collect();
    Value::Array(steps)
}

fn path(graph: &KinGraph, a: NodeIndex, b: NodeIndex, found: Option<&RelationPath>, as_json: bool) -> String {
    if as_json {
        return pretty(&json!({
            "from": person_ref(graph, a),
            "to": person_ref(graph, b),
            "length": found.map(|p| p.steps.len()),
            "steps": found.map(|p| steps_json(graph, p)),
        }));
    }
    match found {
        Some(found) => format!("{}\n", graph.path_line(found)),
        None => format!("no chain of relations links {} and {}\n", label(graph, a), label(graph, b)),
    }
}

fn kin(graph: &KinGraph, a: NodeIndex, b: NodeIndex, kinship: &Kinship, as_json: bool) -> String {
    if as_json {
        return pretty(&json!({
            "a": person_ref(graph, a),
            "b": person_ref(graph, b),
            "term": kinship.term,
            "sentence": kinship.sentence,
            "basis": kinship.basis,
            "through": kinship.through.iter().map(|&n| person_ref(graph, n)).collect::<Vec<_>>(),
            "path": kinship.path.as_ref().map(|p| steps_json(graph, p)),
        }));
    }
    let mut out = format!("{}\n", kinship.sentence);
    if let Some(found) = &kinship.path
        && !found.steps.is_empty()
        && kinship.basis != "none"
    {
        let _ = writeln!(out, "  chain: {}", graph.path_line(found));
    }
    let names: Vec<String> = kinship.through.iter().map(|&n| label(graph, n)).collect();
    if !names.is_empty() {
        let what =
            if matches!(kinship.basis, "blood" | "step") { "common ancestor" } else { "through the spouse" };
        let _ = writeln!(out, "  {what}: {}", names.join(", "));
    }
    out
}

fn neighbors(graph: &KinGraph, node: NodeIndex, depth: usize, as_json: bool) -> String {
    let reached = graph.neighbors_within(node, depth);
    let inferred = |edge: EdgeIndex| graph.relation(edge).is_some_and(|r| !r.is_stated());
    if as_json {
        let list: Vec<Value> = reached
            .iter()
            .map(|r| {
                json!({
                    "person": person_ref(graph, r.node),
                    "depth": r.depth,
                    "role": r.role,
                    "of": person_ref(graph, r.via),
                    "relation": KinGraph::relation_id(r.edge),
                    "inferred": inferred(r.edge),
                })
            })
            .collect();
        return pretty(&json!({"person": person_ref(graph, node), "depth": depth, "neighbors": list}));
    }
    let mut out = format!(
        "{}: {} {} within {depth} {}\n",
        label(graph, node),
        reached.len(),
        plural(reached.len(), "person", "people"),
        plural(depth, "relation", "relations"),
    );
    for r in &reached {
        let mark = graph
            .relation(r.edge)
            .and_then(|rel| rel.inferred.as_ref())
            .map_or_else(String::new, |i| format!(" (inferred: {})", one_line(&i.rule)));
        let _ = writeln!(
            out,
            "  {}  {}  {} {}{mark}",
            r.depth,
            label(graph, r.node),
            r.role,
            label(graph, r.via)
        );
    }
    out
}

fn relation_ref(graph: &KinGraph, edge: EdgeIndex) -> Option<RelationRef<'_>> {
    let (head, tail) = graph.graph().edge_endpoints(edge)?;
    Some(RelationRef { edge, head, tail, relation: graph.relation(edge)? })
}

/// A relation with all its statements, for `explain --json`. Typed rather
/// than a `json!` value, so confidences keep their short `f32` form
/// (0.879, not 0.8790000081062317), as in the graph file.
#[derive(Serialize)]
struct RelationJson<'g> {
    id: String,
    head: Value,
    #[serde(rename = "type")]
    kind: RelationKind,
    tail: Value,
    qualifiers: &'g [Qualifier],
    terms: &'g [std::sync::Arc<str>],
    confidence: f32,
    inferred: Option<&'g Inference>,
    evidence: &'g [GraphEvidence],
}

#[derive(Serialize)]
struct ExplainJson<'g> {
    a: Value,
    b: Value,
    direct: bool,
    path: Option<Value>,
    relations: Vec<RelationJson<'g>>,
}

fn relation_json(graph: &KinGraph, edge: EdgeIndex) -> Option<RelationJson<'_>> {
    let r = relation_ref(graph, edge)?;
    Some(RelationJson {
        id: KinGraph::relation_id(edge),
        head: person_ref(graph, r.head),
        kind: r.relation.kind,
        tail: person_ref(graph, r.tail),
        qualifiers: &r.relation.qualifiers,
        terms: &r.relation.terms,
        confidence: r.relation.confidence,
        inferred: r.relation.inferred.as_deref(),
        evidence: &r.relation.evidence,
    })
}

fn explain(graph: &KinGraph, a: NodeIndex, b: NodeIndex, as_json: bool) -> String {
    let explanation = graph.explain(a, b);
    let edges: Vec<EdgeIndex> = match &explanation.path {
        Some(path) => path.steps.iter().map(|s| s.edge).collect(),
        None => explanation.direct.clone(),
    };
    if as_json {
        let answer = ExplainJson {
            a: person_ref(graph, a),
            b: person_ref(graph, b),
            direct: !explanation.direct.is_empty(),
            path: explanation.path.as_ref().map(|p| steps_json(graph, p)),
            relations: edges.iter().filter_map(|&e| relation_json(graph, e)).collect(),
        };
        let mut out = serde_json::to_string_pretty(&answer).unwrap_or_else(|_| "{}".into());
        out.push('\n');
        return out;
    }
    let mut out = String::new();
    if explanation.direct.is_empty() {
        match &explanation.path {
            Some(path) => {
                let _ = writeln!(
                    out,
                    "{} and {}: no relation links them directly; the shortest chain, {} {}:",
                    label(graph, a),
                    label(graph, b),
                    path.steps.len(),
                    plural(path.steps.len(), "relation", "relations"),
                );
                let _ = writeln!(out, "  {}", graph.path_line(path));
            }
            None => {
                let _ = writeln!(out, "{} and {}: nothing links them", label(graph, a), label(graph, b));
            }
        }
    } else {
        let _ = writeln!(
            out,
            "{} and {}: {} {}",
            label(graph, a),
            label(graph, b),
            edges.len(),
            plural(edges.len(), "relation", "relations"),
        );
    }
    for edge in edges {
        if let Some(r) = relation_ref(graph, edge) {
            out.push_str(&export::text::relation_text(graph, &r, "  "));
        }
    }
    out
}

fn stats(graph: &KinGraph, as_json: bool) -> String {
    let s = graph.stats();
    if as_json {
        let by_kind: serde_json::Map<String, Value> = s
            .by_kind
            .iter()
            .map(|(k, stated, inferred)| (k.to_string(), json!({"stated": stated, "inferred": inferred})))
            .collect();
        return pretty(&json!({
            "documents": s.documents,
            "people": s.people,
            "people_in_several_documents": s.people_in_several_documents,
            "deceased": s.deceased,
            "relations": {"stated": s.stated, "inferred": s.inferred},
            "by_type": by_kind,
            "components": s.components,
            "largest_component": s.largest_component,
        }));
    }
    let mut out = String::new();
    let _ = writeln!(out, "documents: {}", s.documents);
    let _ = writeln!(
        out,
        "people: {} ({} in several documents, {} deceased)",
        s.people, s.people_in_several_documents, s.deceased
    );
    let _ = writeln!(out, "relations: {} stated, {} inferred", s.stated, s.inferred);
    for (kind, stated, inferred) in &s.by_kind {
        let _ = writeln!(out, "  {kind}: {stated} stated, {inferred} inferred");
    }
    let _ = writeln!(
        out,
        "connected groups: {} (largest: {} {})",
        s.components,
        s.largest_component,
        plural(s.largest_component, "person", "people")
    );
    out
}
