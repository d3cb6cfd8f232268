/*!
Rendering DOT to SVG, PNG or PDF.

Graphviz's `dot` program draws best and is used whenever it is installed
(`scripts/setup` installs it). Which program runs is `dot` on `PATH`, or
the path in the environment variable `KITH_DOT` when it is set and not
empty (`KITH_DOT=/nonexistent` simulates a machine without Graphviz).

Without Graphviz, SVG is still drawn, by layout-rs, a pure-Rust layered
layout: plainer (no double lines, no rounded boxes) but never missing. The
caller gets a note to show the user ([`Rendered::note`]); the library
prints nothing. PNG and PDF have no fallback: asking for them without
Graphviz is an error that says how to install it.

`dot` is run directly with the DOT on its standard input (rather than through
`graphviz_rust::exec`, which goes through a temporary file), so that "not
found" can only mean the program, not the temporary directory.
*/

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::{Command, Stdio};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::error::{Error, ErrorKind};

/// The environment variable that names the `dot` program to run.
pub const DOT_VARIABLE: &str = "KITH_DOT";

/// What a drawing is rendered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Scalable vector graphics, with tooltips (Graphviz) — and the only
    /// target the built-in fallback draws.
    Svg,
    /// A bitmap, for places that show no SVG.
    Png,
    /// A printable page.
    Pdf,
}

impl Target {
    /// Graphviz's name for the output format (`-T` argument).
    fn graphviz_name(self) -> &'static str {
        match self {
            Target::Svg => "svg",
            Target::Png => "png",
            Target::Pdf => "pdf",
        }
    }
}

/// A drawing, and what the user should know about how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Set when Graphviz was missing and the built-in layout drew the SVG,
    /// so front ends can say why the drawing looks plainer.
    pub note: Option<String>,
}

/// Draws DOT source as SVG, PNG or PDF: with Graphviz when it is installed,
/// otherwise (SVG only) with the built-in layout.
///
/// # Errors
///
/// [`ErrorKind::GraphvizNeeded`] for PNG and PDF without Graphviz;
/// [`ErrorKind::Render`] when `dot` fails; [`ErrorKind::Layout`] when the
/// fallback cannot lay the graph out.
pub fn render(dot: &str, target: Target) -> Result<Rendered, Error> {
    match render_with_graphviz(dot, target) {
        Ok(bytes) => Ok(Rendered { bytes, note: None }),
        Err(err) if matches!(err.kind(), ErrorKind::DotMissing) => match target {
            Target::Svg => Ok(Rendered {
                bytes: render_svg_builtin(dot)?.into_bytes(),
                note: Some(
                    "Graphviz `dot` is not installed; drew the SVG with the built-in layout \
                     (install Graphviz, or run scripts/setup, for the full drawing)"
                        .to_string(),
                ),
            }),
            Target::Png => Err(ErrorKind::GraphvizNeeded { format: "PNG".into() }.into()),
            Target::Pdf => Err(ErrorKind::GraphvizNeeded { format: "PDF".into() }.into()),
        },
        Err(err) => Err(err),
    }
}

/// Lays out and draws DOT source as an SVG document with Graphviz only.
///
/// # Errors
///
/// [`ErrorKind::DotMissing`] when `dot` is not installed;
/// [`ErrorKind::Render`] when it fails (its message, on one line).
pub fn render_svg(dot: &str) -> Result<String, Error> {
    render_with_graphviz(dot, Target::Svg).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// The program run as Graphviz's `dot`: `KITH_DOT` when set, else `dot`.
pub fn dot_program() -> OsString {
    match std::env::var_os(DOT_VARIABLE) {
        Some(path) if !path.is_empty() => path,
        _ => OsString::from("dot"),
    }
}

/// True when Graphviz's `dot` can be run, so callers (and tests) can tell
/// in advance which renderer will draw.
pub fn graphviz_available() -> bool {
    Command::new(dot_program())
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs Graphviz's `dot` on DOT source.
///
/// # Errors
///
/// [`ErrorKind::DotMissing`] when the program is not there;
/// [`ErrorKind::Render`] when it fails.
pub fn render_with_graphviz(dot: &str, target: Target) -> Result<Vec<u8>, Error> {
    let mut child = Command::new(dot_program())
        .arg(format!("-T{}", target.graphviz_name()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| render_error(&e))?;
    // Fed from a thread so that a large drawing cannot fill the output pipe
    // while its input is still being written.
    let input = child.stdin.take();
    let source = dot.to_string();
    let feeder = std::thread::spawn(move || match input {
        Some(mut stdin) => stdin.write_all(source.as_bytes()),
        None => Ok(()),
    });
    let output = child.wait_with_output().map_err(|e| render_error(&e))?;
    let fed = feeder.join().unwrap_or_else(|_| Err(io::Error::other("input thread panicked")));
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        let message = if message.trim().is_empty() {
            format!("exited with {}", output.status)
        } else {
            message.into_owned()
        };
        return Err(ErrorKind::Render { message: super::one_line(&message) }.into());
    }
    fed.map_err(|e| render_error(&e))?;
    Ok(output.stdout)
}

/// Draws DOT source as SVG with layout-rs, without Graphviz.
///
/// The DOT is first reduced to what layout-rs understands: rank groups and
/// clusters are flattened (it lays out by edges alone), colour lists
/// (`a:invis:a`, Graphviz's double line) become one colour, and the
/// attributes it does not know are dropped.
///
/// # Errors
///
/// [`ErrorKind::Layout`] when the DOT does not parse or the layout fails.
pub fn render_svg_builtin(dot: &str) -> Result<String, Error> {
    let layout_error =
        |message: String| Error::from(ErrorKind::Layout { message: super::one_line(&message) });
    let graph = graphviz_rust::parse(dot).map_err(layout_error)?;
    let simple = simplify(graph);
    let Graph::DiGraph { stmts, .. } = &simple else { unreachable!("simplify makes a digraph") };
    if !stmts.iter().any(|s| matches!(s, Stmt::Node(_) | Stmt::Edge(_))) {
        // layout-rs cannot lay out nothing; an empty drawing is the answer.
        return Ok(EMPTY_SVG.to_string());
    }
    let simple = simple.print(&mut PrinterContext::default());
    // layout-rs asserts on graphs it cannot handle; a panic there must not
    // take the program down, nor print a backtrace.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let drawn = std::panic::catch_unwind(|| {
        let mut parser = layout::gv::DotParser::new(&simple);
        let ast = parser.process()?;
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&ast);
        let mut visual = builder.get();
        let mut svg = layout::backends::svg::SVGWriter::new();
        visual.do_it(false, false, false, &mut svg);
        Ok::<String, String>(svg.finalize())
    });
    std::panic::set_hook(hook);
    match drawn {
        Ok(Ok(svg)) => Ok(svg),
        Ok(Err(message)) => Err(layout_error(message)),
        Err(_) => Err(layout_error("layout-rs could not lay this graph out".to_string())),
    }
}

/// What an empty graph draws as.
const EMPTY_SVG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n\
<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n";

/// The attributes layout-rs reads; the rest only confuse it.
const LAYOUT_ATTRIBUTES: [&str; 6] = ["label", "color", "fillcolor", "style", "shape", "fontsize"];

fn simplify(graph: Graph) -> Graph {
    let (id, stmts) = match graph {
        Graph::DiGraph { id, stmts, .. } | Graph::Graph { id, stmts, .. } => (id, stmts),
    };
    let mut out = Vec::new();
    flatten(stmts, &mut out);
    Graph::DiGraph { id, strict: false, stmts: out }
}

/// True for the family dots of [`super::dot`]'s drawings.
fn is_family(vertex: &Vertex) -> bool {
    matches!(vertex, Vertex::N(NodeId(Id::Plain(name), _)) if name.starts_with("kith_family_"))
}

fn flatten(stmts: Vec<Stmt>, out: &mut Vec<Stmt>) {
    for stmt in stmts {
        match stmt {
            Stmt::Subgraph(Subgraph { id, stmts }) => {
                // The legend cluster's samples would float unattached.
                if !matches!(&id, Id::Plain(name) if name.starts_with("cluster_legend")) {
                    flatten(stmts, out);
                }
            }
            Stmt::Node(Node { id, attributes }) if attributes.is_empty() => {
                // A bare mention (inside a rank group) adds nothing.
                let _ = id;
            }
            Stmt::Node(Node { id, .. }) if is_family(&Vertex::N(id.clone())) => {
                // A small empty circle instead of Graphviz's point.
                let label = Attribute(Id::Plain("label".into()), Id::Escaped("\"\"".into()));
                out.push(Stmt::Node(Node { id, attributes: vec![label] }));
            }
            Stmt::Node(Node { id, attributes }) => {
                out.push(Stmt::Node(Node { id, attributes: keep(attributes) }))
            }
            Stmt::Edge(Edge { ty: EdgeTy::Pair(from, to), attributes }) => {
                // Without rank groups, both partners must point at their
                // family dot to stay on one level above their children: the
                // half-line from the dot to the second partner is reversed.
                let to_partner = is_family(&from) && attributes.iter().any(|Attribute(k, v)| {
                    matches!((k, v), (Id::Plain(k), Id::Plain(v)) if k == "dir" && v == "none")
                });
                let ty = if to_partner { EdgeTy::Pair(to, from) } else { EdgeTy::Pair(from, to) };
                out.push(Stmt::Edge(Edge { ty, attributes: keep(attributes) }));
            }
            Stmt::Edge(Edge { ty, attributes }) => {
                out.push(Stmt::Edge(Edge { ty, attributes: keep(attributes) }))
            }
            Stmt::GAttribute(GraphAttributes::Node(a)) => {
                out.push(Stmt::GAttribute(GraphAttributes::Node(keep(a))))
            }
            Stmt::GAttribute(GraphAttributes::Edge(a)) => {
                out.push(Stmt::GAttribute(GraphAttributes::Edge(keep(a))))
            }
            Stmt::GAttribute(GraphAttributes::Graph(_)) | Stmt::Attribute(_) => {}
        }
    }
}

fn keep(attributes: Vec<Attribute>) -> Vec<Attribute> {
    attributes
        .into_iter()
        .filter(|Attribute(key, _)| matches!(key, Id::Plain(k) if LAYOUT_ATTRIBUTES.contains(&k.as_str())))
        .filter_map(|Attribute(key, value)| match (&key, value) {
            // "a:invis:a" draws a double line in Graphviz; one stroke here.
            (_, Id::Escaped(v)) if v.contains(':') => {
                let first = v.trim_matches('"').split(':').next().unwrap_or_default().to_string();
                Some(Attribute(key, Id::Escaped(format!("\"{first}\""))))
            }
            // Styles layout-rs does not know ("rounded,filled") are left out.
            (Id::Plain(k), Id::Escaped(v)) if k == "style" => {
                let style = v.trim_matches('"');
                ["dashed", "dotted", "bold", "solid"]
                    .iter()
                    .find(|s| style.split(',').any(|part| part == **s))
                    .map(|s| Attribute(key.clone(), Id::Plain((*s).to_string())))
            }
            (Id::Plain(k), Id::Escaped(v)) if k == "shape" && v.trim_matches('"') == "plaintext" => None,
            (_, value) => Some(Attribute(key, value)),
        })
        .collect()
}

fn render_error(err: &io::Error) -> Error {
    match err.kind() {
        io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied => ErrorKind::DotMissing.into(),
        _ => ErrorKind::Render { message: super::one_line(&err.to_string()) }.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_dot_is_explained() {
        let err = render_error(&io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(err.to_string(), "Graphviz `dot` is not installed (run scripts/setup)");
        let err = render_error(&io::Error::other("Error: <stdin>: syntax error\nin line 1"));
        assert_eq!(err.to_string(), "Graphviz `dot` failed: Error: <stdin>: syntax error in line 1");
    }

    #[test]
    fn the_builtin_layout_draws_empty_and_single_node_graphs() {
        assert!(render_svg_builtin("digraph kith { }").expect("empty").contains("<svg"));
        assert!(render_svg_builtin("digraph kith { p0 [label=\"A\"] }").expect("one node").contains("<svg"));
    }

    #[test]
    fn the_builtin_layout_draws_svg_with_escaped_text() {
        let svg =
            render_svg_builtin("digraph { a [label=\"<b> & \\\"q\\\"\"]; a -> b [color=\"red:invis:red\"] }")
                .expect("drawn");
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("&lt;b&gt; &amp;"), "{svg}");
    }
}
