/*!
A Mermaid flowchart, which GitHub, GitLab, Obsidian and other Markdown
viewers draw from a ```` ```mermaid ```` block.

Generations run top-down as in the DOT drawing: a couple (or two parents
of the same child) point at a small family circle, and the lines to their
children leave from it; single parents point at their children. Colours
and line styles per relation type match the DOT export (spouses thick,
partners and friends dashed), the dead are greyed and dashed, and each box
shows the name and the birth/death years.

Labels are quoted, with Mermaid's entity codes for the characters that
would end or re-interpret them (`"` → `#quot;`, `<` → `#lt;`, `#` → `#35;`
…), so names with quotes, markup or brackets show as written. Node ids are
generated (`n0`, `f0`), never taken from the data.
*/

use std::fmt::Write;

use super::dot::kind_style;
use super::family::families;
use super::lifespan::Lifespan;
use crate::fact::RelationKind;
use crate::graph::KinGraph;

/// The graph as Mermaid flowchart source (without the Markdown fence).
pub fn to_mermaid(graph: &KinGraph) -> String {
    let mut out = String::from("flowchart TB\n");
    let ids: std::collections::HashMap<_, String> =
        graph.people().enumerate().map(|(i, (node, _))| (node, format!("n{i}"))).collect();
    let mut deceased = Vec::new();
    for (node, person) in graph.people() {
        let Some(id) = ids.get(&node) else { continue };
        let mut label = label_text(&person.name);
        if let Some(years) = Lifespan::of(person).years_line() {
            label.push_str("<br/>");
            label.push_str(&label_text(&years));
        }
        let _ = writeln!(out, "    {id}[\"{label}\"]");
        if person.is_deceased() {
            deceased.push(id.clone());
        }
    }
    // Link styles are set by the link's position in the source.
    let mut links: Vec<(&'static str, &'static str)> = Vec::new();
    let mut drawn = std::collections::HashSet::new();
    for (i, family) in families(graph).iter().enumerate() {
        let parent_style = kind_style(RelationKind::Parent);
        match family.parents.as_slice() {
            [a, b] => {
                let kind = family.couple_kind(graph);
                let style = kind.map_or(("#888888", "dotted"), kind_style);
                let label = family
                    .couple
                    .first()
                    .and_then(|&e| graph.relation(e))
                    .map(|r| format!("|\"{}\"|", label_text(&r.label())))
                    .unwrap_or_default();
                let _ = writeln!(out, "    f{i}((\" \"))");
                if let (Some(a), Some(b)) = (ids.get(a), ids.get(b)) {
                    let _ = writeln!(out, "    {a} ---{label} f{i}");
                    let _ = writeln!(out, "    {b} --- f{i}");
                    links.push(style);
                    links.push(style);
                }
                if let Some(&first) = family.couple.first() {
                    drawn.insert(first);
                }
                for (child, edges) in &family.children {
                    if let Some(c) = ids.get(child) {
                        let _ = writeln!(out, "    f{i} --> {c}");
                        links.push(parent_style);
                    }
                    drawn.extend(edges.iter().copied());
                }
            }
            [p] => {
                for (child, edges) in &family.children {
                    if let (Some(p), Some(c)) = (ids.get(p), ids.get(child)) {
                        let _ = writeln!(out, "    {p} --> {c}");
                        links.push(parent_style);
                    }
                    drawn.extend(edges.iter().copied());
                }
            }
            _ => {}
        }
    }
    for r in graph.relations() {
        if drawn.contains(&r.edge) {
            continue;
        }
        let (Some(h), Some(t)) = (ids.get(&r.head), ids.get(&r.tail)) else { continue };
        let arrow = if r.relation.kind.is_symmetric() { "---" } else { "-->" };
        let _ = writeln!(out, "    {h} {arrow}|\"{}\"| {t}", label_text(&r.relation.label()));
        links.push(kind_style(r.relation.kind));
    }
    out.push_str("    classDef deceased fill:#e5e5e5,stroke:#737373,stroke-dasharray:4 3,color:#595959\n");
    if !deceased.is_empty() {
        let _ = writeln!(out, "    class {} deceased", deceased.join(","));
    }
    for (i, (color, style)) in links.iter().enumerate() {
        let line = match *style {
            "bold" => "stroke-width:3px",
            "dashed" => "stroke-width:1.5px,stroke-dasharray:6 4",
            "dotted" => "stroke-width:1px,stroke-dasharray:2 3",
            _ => "stroke-width:1.5px",
        };
        let _ = writeln!(out, "    linkStyle {i} stroke:{color},{line}");
    }
    out
}

/// Text made safe inside a quoted Mermaid label: entity codes for the
/// characters Mermaid or HTML would interpret, line breaks as spaces.
pub fn label_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::one_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}
