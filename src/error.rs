/*!
The library's error type.

Every error that a user can cause (a missing file, a text that is not UTF-8,
a broken JSON Lines record, a graph file from somewhere else) is a value of
[`Error`], whose message is one line and names the file, and the line for
JSON Lines input, so that the CLI can print it as is and the user can go
straight to the problem. Programming errors are not represented here.
*/

use std::io;
use std::path::{Path, PathBuf};

/// An error from reading input or a saved graph, or from rendering.
///
/// The kind is kept behind [`Error::kind`] (ripgrep's pattern) so that new
/// kinds can be added without breaking callers that only print errors.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error {
    kind: Box<ErrorKind>,
}

impl Error {
    /// What went wrong, for callers that react differently to different
    /// failures (the CLI picks its exit code from it).
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// True when the error is in how kith was called rather than in the data
    /// it read, so that the CLI can exit with the usage status like clap does.
    pub fn is_usage(&self) -> bool {
        matches!(*self.kind, ErrorKind::BadDate { .. })
    }

    pub(crate) fn io(path: &Path, source: io::Error) -> Error {
        ErrorKind::Io { path: path.to_path_buf(), source }.into()
    }

    pub(crate) fn write(path: &Path, source: io::Error) -> Error {
        ErrorKind::Write { path: path.to_path_buf(), source }.into()
    }

    pub(crate) fn jsonl(path: &Path, line: usize, problem: JsonlProblem) -> Error {
        ErrorKind::Jsonl { path: path.to_path_buf(), line, problem }.into()
    }

    /// An invalid `--date` value (or any date given by the caller rather than
    /// by a file), so that front ends report it the same way as the library.
    pub fn bad_date(value: &str) -> Error {
        ErrorKind::BadDate { value: value.to_string() }.into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind: Box::new(kind) }
    }
}

/// The kinds of [`Error`].
///
/// Paths are shown as given on the command line; standard input is shown as
/// `<stdin>`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or folder could not be opened or read.
    #[error("cannot read {}", shown(path))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why the operating system refused.
        #[source]
        source: io::Error,
    },
    /// A file is not UTF-8 text.
    #[error("{}: invalid UTF-8 at byte {offset} (kith reads UTF-8 text)", shown(path))]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// A file holds binary data (a NUL byte), not text.
    #[error("{}: binary data, not text (NUL byte at byte {offset})", shown(path))]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A folder given as input holds no `.txt` file to read.
    #[error("{}: folder has no .txt files", shown(path))]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The same document would be read twice, which would make document ids
    /// ambiguous in every output.
    #[error("{}: given more than once", shown(path))]
    DuplicateInput {
        /// The path given twice.
        path: PathBuf,
    },
    /// A record of a JSON Lines file is unusable.
    #[error("{}, line {line}: {problem}", shown(path))]
    Jsonl {
        /// The JSON Lines file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the record.
        problem: JsonlProblem,
    },
    /// A date given by the caller is not `YYYY-MM-DD`.
    #[error("invalid date {value:?}: expected YYYY-MM-DD")]
    BadDate {
        /// The value as given.
        value: String,
    },
    /// A file given as a graph is not kith's graph JSON.
    #[error("{}: not a kith graph: {message}", shown(path))]
    NotAGraph {
        /// The file.
        path: PathBuf,
        /// What the JSON reader or the consistency check said.
        message: String,
    },
    /// A graph file written by a different version of the format.
    #[error(
        "{}: unsupported graph format_version {found} (this kith reads version {supported})",
        shown(path)
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: String,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// A binary graph file (`.kith`) that cannot be read: cut short,
    /// altered (a section's checksum does not match), or written in another
    /// version of the binary format.
    #[error("{}: unreadable binary graph: {message}", shown(path))]
    BinaryGraph {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the section and byte offset when known.
        message: String,
    },
    /// A document id the graph already holds comes with a different text
    /// (the article changed since it was added): adding it would leave two
    /// versions' facts under one id.
    #[error("{id}: already in the graph with different content (rebuild the graph to replace it)")]
    DocumentChanged {
        /// The document id.
        id: String,
    },
    /// The output file could not be written.
    #[error("cannot write {}", shown(path))]
    Write {
        /// The output file.
        path: PathBuf,
        /// Why the operating system refused.
        #[source]
        source: io::Error,
    },
    /// Rendering needs Graphviz's `dot` program, which is not on `PATH`.
    #[error("Graphviz `dot` is not installed (run scripts/setup)")]
    DotMissing,
    /// A format only Graphviz draws (PNG, PDF) was asked for, and its `dot`
    /// program is missing; SVG has a built-in fallback, these do not.
    #[error(
        "{format} output needs Graphviz's `dot`, which is not installed: install Graphviz \
         (`apt-get install graphviz`, `brew install graphviz`, or scripts/setup), or set KITH_DOT \
         to the path of a `dot` program"
    )]
    GraphvizNeeded {
        /// The format asked for ("PNG", "PDF").
        format: String,
    },
    /// The built-in layout (used for SVG when Graphviz is missing) failed.
    #[error("the built-in SVG layout failed: {message} (install Graphviz for better drawings)")]
    Layout {
        /// What went wrong, on one line.
        message: String,
    },
    /// Graphviz's `dot` ran but failed.
    #[error("Graphviz `dot` failed: {message}")]
    Render {
        /// What `dot` said, on one line.
        message: String,
    },
}

/// What is wrong with one JSON Lines record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonlProblem {
    /// The line is not valid JSON (or not an object).
    #[error("invalid JSON: {0}")]
    BadJson(String),
    /// The line is JSON but not an object.
    #[error("expected a JSON object with \"id\" and \"text\"")]
    NotObject,
    /// The line is not UTF-8.
    #[error("invalid UTF-8 at byte {0} of the line")]
    InvalidUtf8(usize),
    /// No `"id"`, or a null one.
    #[error("missing \"id\"")]
    MissingId,
    /// `"id"` is an empty string.
    #[error("empty \"id\"")]
    EmptyId,
    /// `"id"` is not a string.
    #[error("\"id\" must be a string")]
    IdNotString,
    /// No `"text"`, or a null one.
    #[error("missing \"text\"")]
    MissingText,
    /// `"text"` is not a string.
    #[error("\"text\" must be a string")]
    TextNotString,
    /// `"date"` is neither null nor a `YYYY-MM-DD` string.
    #[error("\"date\" must be YYYY-MM-DD or null, got {0}")]
    BadDate(String),
    /// The id was already used by an earlier line.
    #[error("duplicate id {id:?} (first used on line {first_line})")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Line of its first use.
        first_line: usize,
    },
    /// A field that an evaluation record needs (a gold document's
    /// `entities` or `relations`, a GAP row's `pronoun_offset`) is missing
    /// or null, so the record cannot be scored.
    #[error("missing \"{0}\"")]
    MissingField(&'static str),
    /// A field of an evaluation record has the wrong JSON type or value.
    #[error("\"{field}\" must be {expected}")]
    BadField {
        /// The field.
        field: &'static str,
        /// What it must be ("a list", "a non-negative integer").
        expected: &'static str,
    },
    /// A gold entity without a string `id` and a list of string `names`
    /// (the value is shown, shortened).
    #[error("entity needs a string \"id\" and a list of string \"names\": {0}")]
    BadEntity(String),
    /// Two entities of one gold document share an id, which would make its
    /// relations ambiguous.
    #[error("duplicate entity id {0:?}")]
    DuplicateEntity(String),
    /// A gold relation without string `head`, `type` and `tail` (the value
    /// is shown, shortened).
    #[error("relation needs string \"head\", \"type\" and \"tail\": {0}")]
    BadRelation(String),
    /// A gold relation names an entity the document does not list.
    #[error("relation refers to unknown entity {0:?}")]
    UnknownEntity(String),
    /// A character offset of a GAP row does not point at the words it
    /// should, so offsets and text disagree (or are not character offsets).
    #[error("\"{field}\" {offset} does not point at {expected:?}")]
    BadOffset {
        /// The offset field.
        field: &'static str,
        /// Its value, in characters.
        offset: usize,
        /// The words that should start there.
        expected: String,
    },
}

/// How a path appears in messages: as given, except `-` which is standard
/// input.
pub(crate) fn shown(path: &Path) -> String {
    if path == Path::new("-") { "<stdin>".to_string() } else { path.display().to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_and_name_the_file() {
        let errors: Vec<Error> = vec![
            Error::io(Path::new("a.txt"), io::Error::from(io::ErrorKind::NotFound)),
            ErrorKind::InvalidUtf8 { path: "b.txt".into(), offset: 7 }.into(),
            ErrorKind::Binary { path: "c.bin".into(), offset: 2 }.into(),
            ErrorKind::EmptyFolder { path: "dir".into() }.into(),
            Error::jsonl(Path::new("d.jsonl"), 3, JsonlProblem::MissingText),
            ErrorKind::NotAGraph { path: "g.json".into(), message: "x".into() }.into(),
        ];
        for (err, name) in errors.iter().zip(["a.txt", "b.txt", "c.bin", "dir", "d.jsonl", "g.json"]) {
            let msg = err.to_string();
            assert!(msg.contains(name), "{msg}");
            assert!(!msg.contains('\n'), "{msg}");
        }
        assert_eq!(errors[4].to_string(), "d.jsonl, line 3: missing \"text\"");
        assert_eq!(shown(Path::new("-")), "<stdin>");
    }

    #[test]
    fn source_is_kept_for_the_chain() {
        let err = Error::io(Path::new("a.txt"), io::Error::other("boom"));
        let source = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("boom"));
        assert_eq!(err.to_string(), "cannot read a.txt");
    }
}
