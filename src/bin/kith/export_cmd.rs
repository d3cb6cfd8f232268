/*!
`kith export GRAPH --format F`: a saved graph in another format, optionally
cut to the people around one person or to some relation types first; and
the shared writer behind `kith extract --format F` for the same formats.

Every format is built whole in memory ([`Output`]) and written only when
it succeeded: one file (or standard output), or for `neo4j-csv` a folder
with two files.
*/

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use kith::export;
use kith::export::render::{Target, render};
use kith::export::select::{Selection, subgraph};
use kith::fact::RelationKind;
use kith::graph::KinGraph;

use crate::args::Format;

/// `kith export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A graph saved by `kith extract --format json` (or `kith build`), in
    /// JSON or binary (`.kith`).
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,

    /// Output format [default: from the extension of --output, else json].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,

    /// Write to this file (for neo4j-csv: this folder) instead of standard
    /// output; replaced in one step, only when everything succeeded.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Keep only the people within --depth relations of this person (a
    /// name, a surname alone, or an id such as p3).
    #[arg(long, value_name = "NAME")]
    pub around: Option<String>,

    /// How many relations away from --around to go.
    #[arg(long, value_name = "K", default_value_t = 1, requires = "around")]
    pub depth: usize,

    /// Keep only relations of these types (comma-separated: spouse,
    /// partner, parent, sibling, relative, friend).
    #[arg(long, value_name = "T,...", value_delimiter = ',')]
    pub types: Option<Vec<RelationKind>>,
}

/// A finished output: the bytes of one file, or the files of a folder.
#[derive(Debug)]
pub enum Output {
    /// One file's contents.
    File(Vec<u8>),
    /// A folder's files, by name (`neo4j-csv`).
    Folder(Vec<(&'static str, String)>),
}

impl From<String> for Output {
    fn from(text: String) -> Output {
        Output::File(text.into_bytes())
    }
}

/// `kith export`.
pub fn export(args: ExportArgs) -> anyhow::Result<()> {
    let format = args
        .format
        .unwrap_or_else(|| args.output.as_deref().and_then(format_for_path).unwrap_or(Format::Json));
    check_destination(format, args.output.as_deref());
    let mut graph = export::graph_file::read_graph(&args.graph)?;
    if args.around.is_some() || args.types.is_some() {
        let around = match &args.around {
            Some(name) => {
                Some((graph.find_person(name).with_context(|| args.graph.display().to_string())?, args.depth))
            }
            None => None,
        };
        graph = subgraph(&graph, &Selection { around, kinds: args.types.clone() })?;
    }
    let output = render_graph(&graph, format)?;
    write_output(&output, args.output.as_deref())
}

/// The graph in one of the formats that describe a whole graph.
pub fn render_graph(graph: &KinGraph, format: Format) -> anyhow::Result<Output> {
    let drawing = |target: Target| -> anyhow::Result<Output> {
        let rendered = render(&export::dot::to_dot(graph), target)?;
        if let Some(note) = rendered.note {
            // A note, not an error: the drawing was made.
            let _ = writeln!(io::stderr(), "kith: note: {note}");
        }
        Ok(Output::File(rendered.bytes))
    };
    Ok(match format {
        Format::Text => export::text::to_text(graph).into(),
        Format::Json => export::json::to_json(graph).into(),
        Format::Kith => Output::File(export::binary::to_bytes(graph)),
        Format::Dot => export::dot::to_dot(graph).into(),
        Format::Eval => export::eval::eval_lines(graph).into(),
        Format::Svg => drawing(Target::Svg)?,
        Format::Png => drawing(Target::Png)?,
        Format::Pdf => drawing(Target::Pdf)?,
        Format::NodeLink => export::nodelink::to_node_link(graph).into(),
        Format::Graphml => export::graphml::to_graphml(graph).into(),
        Format::Cypher => export::cypher::to_cypher(graph).into(),
        Format::Neo4jCsv => Output::Folder(export::neo4j_csv::to_neo4j_csv(graph)),
        Format::Turtle => export::turtle::to_turtle(graph).into(),
        Format::Gedcom => export::gedcom::to_gedcom(graph).into(),
        Format::Mermaid => export::mermaid::to_mermaid(graph).into(),
        Format::Html => export::html::to_html(graph).into(),
    })
}

/// The format a file name asks for, by its extension.
pub fn format_for_path(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "dot" | "gv" => Format::Dot,
        "svg" => Format::Svg,
        "png" => Format::Png,
        "pdf" => Format::Pdf,
        "txt" => Format::Text,
        "json" => Format::Json,
        "kith" => Format::Kith,
        "graphml" => Format::Graphml,
        "cypher" | "cql" => Format::Cypher,
        "ttl" => Format::Turtle,
        "ged" => Format::Gedcom,
        "mmd" | "mermaid" => Format::Mermaid,
        "html" | "htm" => Format::Html,
        _ => return None,
    })
}

/// Usage errors that can be told before any work: a folder format needs
/// `-o DIR`, and binary drawings are not sent to a terminal.
pub fn check_destination(format: Format, output: Option<&Path>) {
    use clap::CommandFactory;
    let problem = match (format, output) {
        (Format::Neo4jCsv, None) => Some("--format neo4j-csv writes a folder: give it with -o DIR"),
        (Format::Png | Format::Pdf | Format::Kith, None) if io::stdout().is_terminal() => Some(
            "PNG, PDF and kith are binary: write them to a file with -o FILE, or redirect standard output",
        ),
        _ => None,
    };
    if let Some(message) = problem {
        crate::args::Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message).exit();
    }
}

/// Writes an output to a file (atomically), a folder, or standard output.
pub fn write_output(output: &Output, path: Option<&Path>) -> anyhow::Result<()> {
    match (output, path) {
        (Output::File(bytes), Some(path)) => export::write_atomically(path, bytes)?,
        (Output::File(bytes), None) => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(bytes).and_then(|()| stdout.flush()).context("cannot write standard output")?;
        }
        (Output::Folder(files), Some(folder)) => {
            std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
            for (name, contents) in files {
                export::write_atomically(&folder.join(name), contents.as_bytes())?;
            }
        }
        (Output::Folder(_), None) => anyhow::bail!("this format writes a folder: give it with -o DIR"),
    }
    Ok(())
}
