/*!
`kith build`: extract articles into one graph file, resolving people across
them, and add to the file when it already exists.

Everything is read first (so one bad file means no change at all), then each
document is extracted and merged in order, with a progress bar on standard
error when it is a terminal. The graph is written once, atomically; the
report (with `--report`) and a one-line summary go to standard output.
*/

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use kith::export;
use kith::graph::merge::Added;
use kith::graph::{GraphBuilder, KinGraph};
use kith::input;
use kith::text::Date;

use crate::args::BuildArgs;

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let date = match &args.date {
        Some(value) => {
            Some(value.parse::<Date>().map_err(|_| kith::error::Error::bad_date(value)).context("--date")?)
        }
        None => None,
    };
    let documents = match &args.jsonl {
        Some(path) => input::read_jsonl_path(path)?,
        None => {
            let paths =
                if args.paths.is_empty() { vec![PathBuf::from(input::STDIN)] } else { args.paths.clone() };
            input::read_paths(&paths, date)?
        }
    };
    let graph =
        if args.output.exists() { export::graph_file::read_graph(&args.output)? } else { KinGraph::new() };

    let mut builder = GraphBuilder::new(graph);
    let bar = progress(documents.len());
    for doc in &documents {
        bar.set_message(doc.id().to_string());
        let added = builder
            .add_with(doc, kith::pipeline::extract)
            .with_context(|| args.output.display().to_string())?;
        if let Added::AlreadyPresent { .. } = added {
            bar.set_message(format!("{} (already in the graph)", doc.id()));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let (graph, report) = builder.finish(!args.no_infer);

    export::graph_file::write_graph(&args.output, &graph)?;

    let mut out = String::new();
    if args.report {
        out.push_str(&report.to_string());
    }
    let stats = graph.stats();
    let relations = stats.stated + stats.inferred;
    out.push_str(&format!(
        "{}: {} {} ({} added, {} already present), {} {} ({} new, {} {}), {} {} ({} inferred)\n",
        args.output.display(),
        stats.documents,
        plural(stats.documents, "document", "documents"),
        report.documents_added,
        report.skipped.len(),
        stats.people,
        plural(stats.people, "person", "people"),
        report.people_added,
        report.merges.len(),
        plural(report.merges.len(), "merge", "merges"),
        relations,
        plural(relations, "relation", "relations"),
        stats.inferred,
    ));
    // As in `kith query`: the process ends, so the graph is not freed piece
    // by piece.
    std::mem::forget(graph);
    crate::write_stdout(out.as_bytes())
}

/// A bar on standard error for people watching a terminal; hidden for
/// pipes, logs and single documents.
fn progress(len: usize) -> ProgressBar {
    if len < 2 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} documents, {eta} left  {wide_msg}")
    {
        bar.set_style(style);
    }
    bar
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
