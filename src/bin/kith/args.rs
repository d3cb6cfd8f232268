/*!
The command line, as clap derive types. Only parsing lives here; turning
arguments into work is `main.rs`'s job.
*/

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Reads news articles and builds a graph of the people in them and how they
/// are related, with the sentence behind every fact.
#[derive(Debug, Parser)]
#[command(name = "kith", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract people and relations from articles.
    Extract(ExtractArgs),
    /// Ask a saved graph about a person.
    Query(QueryArgs),
    /// Measure kith against gold data: score its graphs as score.py does, or
    /// its pronoun resolution on GAP.
    Eval(EvalArgs),
}

/// `kith extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles: UTF-8 text files, folders (their .txt files), or - for
    /// standard input. Without PATH or --jsonl, reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read documents from a JSON Lines file, one {"id", "text", "date"} object
    /// per line (- for standard input); json and eval output then has one line
    /// per document, in input order.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "date"])]
    pub jsonl: Option<PathBuf>,

    /// Publication date of the articles, which ages are counted from.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Output format [default: text on a terminal, json otherwise, or from the
    /// extension of --output].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,

    /// Write the output to this file (replaced in one step, and only when
    /// everything succeeded) instead of standard output.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Keep only relations whose confidence (0 to 1) is at least this.
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    pub min_confidence: Option<f32>,
}

/// A confidence threshold between 0 and 1.
fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a confidence between 0 and 1")),
    }
}

/// Output formats of `kith extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A summary for people to read, with the evidence of every fact.
    Text,
    /// kith's graph JSON, which `kith query` reads.
    Json,
    /// Graphviz DOT.
    Dot,
    /// One prediction line per document for the evaluation scorer.
    Eval,
    /// An SVG drawing (needs Graphviz's `dot`).
    Svg,
}

/// `kith query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A graph saved by `kith extract --format json`.
    #[arg(value_name = "GRAPH.json")]
    pub graph: PathBuf,

    /// What to ask.
    #[command(subcommand)]
    pub question: Question,

    /// Answer in JSON.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The questions `kith query` answers.
#[derive(Debug, Subcommand)]
pub enum Question {
    /// A person's names, gender, attributes (with their sources) and relations.
    Person {
        /// A name (any case, accents optional), a surname alone, or an id
        /// such as p3.
        #[arg(required = true, value_name = "NAME")]
        name: Vec<String>,
    },
    /// Each relation of a person, with the sentences that state it.
    Relations {
        /// A name (any case, accents optional), a surname alone, or an id
        /// such as p3.
        #[arg(required = true, value_name = "NAME")]
        name: Vec<String>,
    },
}

/// `kith eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold data: documents in the evaluation interchange format (each with
    /// its text, people and relations), or GAP rows with --task gap; - for
    /// standard input.
    #[arg(value_name = "GOLD.jsonl")]
    pub gold: PathBuf,

    /// What to measure.
    #[arg(long, value_enum, default_value_t = Task::Graph)]
    pub task: Task,

    /// Print the scores as one JSON object (for graphs, exactly score.py's).
    #[arg(long)]
    pub json: bool,

    /// After the table, list every false positive with its evidence and
    /// every miss with the sentences naming both people (graph task).
    #[arg(long, conflicts_with = "json")]
    pub misses: bool,

    /// Score only relations whose confidence is at least X, 0 to 1 (graph
    /// task).
    #[arg(long, value_name = "X", value_parser = confidence)]
    pub min_confidence: Option<f32>,

    /// Write kith's answers, one {"id", "a_coref", "b_coref"} line per row,
    /// to this file (GAP task; replaced in one step).
    #[arg(long, value_name = "OUT")]
    pub predictions: Option<PathBuf>,
}

/// The tasks of `kith eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Task {
    /// People and relations of gold documents, scored like score.py.
    Graph,
    /// Pronoun resolution on GAP rows: F1 over the A and B decisions, by
    /// gender.
    Gap,
}

/// A confidence threshold: a number from 0 to 1.
fn confidence(value: &str) -> Result<f32, String> {
    match value.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{value:?} is not a number from 0 to 1")),
    }
}
