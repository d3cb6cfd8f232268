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
    /// Extract articles into one graph file, resolving people across them;
    /// adds to the file when it exists.
    Build(BuildArgs),
    /// Write a saved graph in another format (optionally around one person or
    /// for some relation types).
    Export(crate::export_cmd::ExportArgs),
    /// Ask a saved graph about people and how they are related.
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
    /// kith's binary graph file (`.kith`): the same graph, fast to load.
    Kith,
    /// Graphviz DOT.
    Dot,
    /// One prediction line per document for the evaluation scorer.
    Eval,
    /// An SVG drawing (Graphviz's `dot`, or a built-in layout without it).
    Svg,
    /// A PNG drawing (needs Graphviz's `dot`).
    Png,
    /// A PDF drawing (needs Graphviz's `dot`).
    Pdf,
    /// Node-link JSON for networkx's node_link_graph and D3.
    NodeLink,
    /// GraphML with typed keys, for Gephi, yEd and networkx.
    Graphml,
    /// A Cypher script of MERGE statements for Neo4j.
    Cypher,
    /// nodes.csv and relationships.csv for neo4j-admin import (-o DIR).
    Neo4jCsv,
    /// RDF Turtle with Wikidata and schema.org properties.
    Turtle,
    /// GEDCOM 5.5.1 for genealogy programs (Gramps).
    Gedcom,
    /// A Mermaid flowchart for Markdown viewers.
    Mermaid,
    /// One self-contained interactive HTML page.
    Html,
}

/// `kith build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Articles: UTF-8 text files, folders (their .txt files), or - for
    /// standard input.
    #[arg(value_name = "PATH", required_unless_present = "jsonl")]
    pub paths: Vec<PathBuf>,

    /// Read documents from a JSON Lines file, one {"id", "text", "date"}
    /// object per line (- for standard input).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "date"])]
    pub jsonl: Option<PathBuf>,

    /// Publication date of the articles, which ages are counted from.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// The graph file: added to when it exists, created otherwise (replaced
    /// in one step, and only when everything succeeded). Written in kith's
    /// binary format when its name ends in `.kith` (fast to load), in JSON
    /// otherwise; an existing file is read in either.
    #[arg(long, short, value_name = "GRAPH", required = true)]
    pub output: PathBuf,

    /// List every merge, conflict and changed relation after the summary.
    #[arg(long)]
    pub report: bool,

    /// Do not derive kin from chains (siblings through a shared parent,
    /// grandparents, in-laws...); inferred relations already in the file
    /// are dropped.
    #[arg(long)]
    pub no_infer: bool,
}

/// `kith query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A graph saved by `kith build` or `kith extract --format json`, in
    /// JSON or binary (`.kith`; told apart by the first bytes).
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,

    /// What to ask.
    #[command(subcommand)]
    pub question: Question,

    /// Answer in JSON.
    #[arg(long, global = true)]
    pub json: bool,

    /// Leave inferred relations out: answer from what the articles say.
    #[arg(long, global = true)]
    pub no_infer: bool,
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
        /// Only relations of this type.
        #[arg(long = "type", value_name = "T")]
        kind: Option<kith::fact::RelationKind>,
    },
    /// Everyone in the graph, or those that fit the filters.
    People {
        /// Only people who have died.
        #[arg(long)]
        deceased: bool,
        /// Only people certainly born before this year (from their ages).
        #[arg(long, value_name = "YEAR")]
        born_before: Option<i32>,
        /// Only people with a relation of this type.
        #[arg(long = "type", value_name = "T")]
        kind: Option<kith::fact::RelationKind>,
    },
    /// The shortest chain of relations from A to B.
    Path {
        /// Where the chain starts (a name or an id).
        #[arg(value_name = "A")]
        from: String,
        /// Where it ends.
        #[arg(value_name = "B")]
        to: String,
        /// At most this many relations.
        #[arg(long, value_name = "N")]
        max: Option<usize>,
        /// Only relations of these types (comma-separated).
        #[arg(long, value_name = "T,...", value_delimiter = ',')]
        types: Vec<kith::fact::RelationKind>,
    },
    /// How A is related to B, in kinship words ("A is B's grandson").
    Kin {
        /// The first person (a name or an id).
        #[arg(value_name = "A")]
        a: String,
        /// The second person.
        #[arg(value_name = "B")]
        b: String,
    },
    /// Everyone within some relations of a person.
    Neighbors {
        /// A name or an id.
        #[arg(required = true, value_name = "NAME")]
        name: Vec<String>,
        /// How many relations away.
        #[arg(long, value_name = "K", default_value_t = 1)]
        depth: usize,
    },
    /// Every sentence, article and date behind every fact between A and B.
    Explain {
        /// The first person (a name or an id).
        #[arg(value_name = "A")]
        a: String,
        /// The second person.
        #[arg(value_name = "B")]
        b: String,
    },
    /// Counts of documents, people and relations.
    Stats,
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
