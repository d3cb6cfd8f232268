/*!
The `kith` command: parses arguments, reads input, runs the library and
writes one output.

The whole output is built in memory and written only once everything has
succeeded, so a failed run prints nothing on standard output (and leaves no
file behind with `-o`). Errors are printed as one line, `kith: ...`, and
exit with 1 for bad input or data and 2 for bad usage (like clap). A closed
pipe (`kith extract ... | head`) is not an error.
*/

mod args;
mod build_cmd;
mod export_cmd;
mod query_cmd;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use kith::export;
use kith::graph::KinGraph;
use kith::input;
use kith::text::{Date, Document};

use crate::args::{Cli, Command, EvalArgs, ExtractArgs, Format, Task};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Eval(args) = &cli.command {
        check_eval(args);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(&err),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Build(args) => build_cmd::run(args),
        Command::Export(args) => export_cmd::export(args),
        Command::Query(args) => query_cmd::run(args),
        Command::Eval(args) => eval(args),
    }
}

/// Prints the error on one line and picks the exit status.
fn report(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let message = format!("{err:#}").replace(['\n', '\r'], " ");
    // Nothing more can be done if standard error is gone too.
    let _ = writeln!(io::stderr(), "kith: {message}");
    let usage = err.downcast_ref::<kith::error::Error>().is_some_and(kith::error::Error::is_usage);
    ExitCode::from(if usage { 2 } else { 1 })
}

fn extract(args: ExtractArgs) -> anyhow::Result<()> {
    let date = match &args.date {
        Some(value) => {
            Some(value.parse::<Date>().map_err(|_| kith::error::Error::bad_date(value)).context("--date")?)
        }
        None => None,
    };
    let format = args.format.unwrap_or_else(|| default_format(args.output.as_deref()));
    export_cmd::check_destination(format, args.output.as_deref());
    let output = match &args.jsonl {
        Some(path) => {
            let documents = input::read_jsonl_path(path)?;
            per_document(&documents, format, args.min_confidence)?
        }
        None => {
            let paths = if args.paths.is_empty() { vec![PathBuf::from(input::STDIN)] } else { args.paths };
            let documents = input::read_paths(&paths, date)?;
            whole(&documents, format, args.min_confidence)?
        }
    };
    export_cmd::write_output(&output, args.output.as_deref())
}

/// Text for people at a terminal; otherwise what the output file's name
/// says, or JSON for programs.
fn default_format(output: Option<&Path>) -> Format {
    match output {
        Some(path) => export_cmd::format_for_path(path).unwrap_or(Format::Json),
        None if io::stdout().is_terminal() => Format::Text,
        None => Format::Json,
    }
}

/// JSON Lines output: one record per input document, in order; `json` and
/// `eval` are line formats, the others describe all documents at once.
fn per_document(
    documents: &[Document],
    format: Format,
    min_confidence: Option<f32>,
) -> anyhow::Result<export_cmd::Output> {
    if !matches!(format, Format::Json | Format::Eval) {
        return whole(documents, format, min_confidence);
    }
    let mut out = String::new();
    for doc in documents {
        let mut graph = KinGraph::from_extraction(doc, &kith::pipeline::extract(doc));
        if let Some(min) = min_confidence {
            graph.drop_relations_below(min);
        }
        out.push_str(&match format {
            Format::Eval => export::eval::eval_line(&graph, doc.id()),
            _ => export::json::to_json_line(&graph),
        });
        out.push('\n');
    }
    Ok(out.into())
}

/// One graph of all documents, in the chosen format.
fn whole(
    documents: &[Document],
    format: Format,
    min_confidence: Option<f32>,
) -> anyhow::Result<export_cmd::Output> {
    let mut graph = KinGraph::new();
    for doc in documents {
        graph.add_document(doc, &kith::pipeline::extract(doc));
    }
    if let Some(min) = min_confidence {
        graph.drop_relations_below(min);
    }
    export_cmd::render_graph(&graph, format)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes).and_then(|()| stdout.flush()).context("cannot write standard output")
}

/// Options that belong to one task only are usage errors with the other,
/// reported by clap like every usage error (exit 2).
fn check_eval(args: &EvalArgs) {
    use clap::CommandFactory;
    let misplaced = match args.task {
        Task::Graph => args.predictions.is_some().then_some("--predictions needs --task gap"),
        Task::Gap if args.misses => Some("--misses needs --task graph"),
        Task::Gap => args.min_confidence.is_some().then_some("--min-confidence needs --task graph"),
    };
    if let Some(message) = misplaced {
        Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message).exit();
    }
}

/// `kith eval`: everything is read and computed first, then printed once.
fn eval(args: EvalArgs) -> anyhow::Result<()> {
    let output = match args.task {
        Task::Graph => {
            let gold = kith::eval::read_gold(&args.gold)?;
            let runs: Vec<kith::eval::Run> =
                gold.iter().map(|doc| kith::eval::run(doc, args.min_confidence)).collect();
            let predictions: Vec<kith::eval::Prediction> =
                runs.iter().map(|r| r.prediction.clone()).collect();
            let scores = kith::eval::score(&gold, &predictions);
            if args.json {
                format!("{}\n", scores.to_json())
            } else if args.misses {
                format!("{}\n\n{}", scores.table(), kith::eval::misses(&gold, &runs))
            } else {
                format!("{}\n", scores.table())
            }
        }
        Task::Gap => {
            use kith::eval::gap;
            let rows = gap::read_gap(&args.gold)?;
            let predictions: Vec<gap::GapPrediction> = rows.iter().map(gap::predict).collect();
            if let Some(path) = &args.predictions {
                export::write_atomically(path, gap::predictions_jsonl(&predictions).as_bytes())?;
            }
            let scores = gap::score(&rows, &predictions);
            format!("{}\n", if args.json { scores.to_json() } else { scores.table() })
        }
    };
    write_stdout(output.as_bytes())
}
