/*!
One self-contained HTML page that draws the graph and explains it: open it
in any browser, offline.

The page inlines everything (its CSS, a small layered layout in plain
JavaScript, and the graph as node-link JSON); a Content-Security-Policy
forbids every network request, so nothing is fetched from a CDN or
elsewhere. It shows generations top-down with couples side by side, lets
the reader pan and zoom, search names (case- and accent-insensitive),
click a person for their attributes and relations, and click a relation
for its evidence sentences with article, date, rule and confidence.

Safety: the data sits in a `<script type="application/json">` element with
`<`, `>`, `&` and the JavaScript line separators escaped as `\uXXXX`, so no
name can close the element; the script only ever puts data on the page
with `textContent`, never as markup.

Test hook: opened with `#selftest` at the end of its URL, the page clicks
the first person and the first relation itself and leaves what it showed,
and any script error, in a hidden `<pre id="kith-selftest">`, so a
headless browser's `--dump-dom` can check it.
*/

use serde_json::{Value, json};

use super::dot::kind_style;
use super::nodelink::node_link_value;
use crate::fact::RelationKind;
use crate::graph::KinGraph;

const SCRIPT: &str = include_str!("html/app.js");
const STYLE: &str = include_str!("html/style.css");

/// The graph as a self-contained HTML page.
pub fn to_html(graph: &KinGraph) -> String {
    let data = node_link_value(graph);
    let styles: serde_json::Map<String, Value> = RelationKind::ALL
        .iter()
        .map(|&k| {
            let (color, style) = kind_style(k);
            (k.as_str().to_string(), json!([color, style]))
        })
        .collect();
    let title = match graph.documents() {
        [] => "kith graph".to_string(),
        [one] => format!("kith graph: {}", super::one_line(&one.id)),
        many => format!("kith graph: {} articles", many.len()),
    };
    let documents: Vec<String> = graph
        .documents()
        .iter()
        .map(|d| match d.date {
            Some(date) => format!("{} ({date})", super::one_line(&d.id)),
            None => super::one_line(&d.id),
        })
        .collect();
    let legend: String = RelationKind::ALL
        .iter()
        .map(|&k| {
            let (color, style) = kind_style(k);
            let class = if style == "dashed" { " class=\"dashed\"" } else { "" };
            format!("<span{class} style=\"--c:{color}\">{}</span>", k.as_str())
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"kith {version}\">\n\
<title>{title}</title>\n\
<script>window.__kithErrors = [];\
window.addEventListener('error', function (e) {{ window.__kithErrors.push(String(e.message || e)); }});\
(function () {{ var error = console.error; console.error = function () {{ window.__kithErrors.push(Array.prototype.join.call(arguments, ' ')); return error.apply(console, arguments); }}; }})();</script>\n\
<style>\n{STYLE}</style>\n</head>\n<body>\n\
<header><h1>{title}</h1><input id=\"search\" type=\"search\" placeholder=\"Search a name…\" aria-label=\"Search a name\" autocomplete=\"off\"><span id=\"count\"></span>\
<div class=\"legend\">{legend}</div><div class=\"docs\">{docs}</div></header>\n\
<main><div id=\"canvas\"><svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"relationship graph\"></svg></div>\n\
<aside id=\"panel\"><p class=\"sub\">Click a person or a line to see what the articles say. Drag to move, scroll to zoom.</p></aside></main>\n\
<script type=\"application/json\" id=\"kith-data\">{data}</script>\n\
<script type=\"application/json\" id=\"kith-style\">{styles}</script>\n\
<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        title = escape_html(&title),
        docs = escape_html(&documents.join(" · ")),
        data = script_json(&data),
        styles = script_json(&Value::Object(styles)),
    )
}

/// JSON that can sit inside a `<script>` element: nothing in it can end the
/// element or open a comment, and it stays valid JavaScript.
fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for HTML element content and attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_close_its_script_element() {
        let json = script_json(&json!({"name": "</script><script>alert(1)</script> & \u{2028}"}));
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let back: Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back["name"], "</script><script>alert(1)</script> & \u{2028}");
    }

    #[test]
    fn the_page_needs_no_network() {
        let page = to_html(&KinGraph::new());
        assert!(page.contains("default-src 'none'"));
        assert!(!page.contains("http://") || !page.contains("src=\"http"));
        assert!(!page.contains("<script src"));
    }
}
