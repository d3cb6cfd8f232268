/*!
Writers from a [`KinGraph`](crate::graph::KinGraph) to the formats people and
programs read, plus the readers of kith's own graph files.

Each format is a sibling module with no knowledge of the others:

- [`json`]: kith's graph JSON, the lossless save and interchange format
  (`from_json` reads it back; the schema is in `docs/graph-json.md`).
- [`binary`]: the binary graph file (`.kith`), the same graph made to load
  fast (`docs/graph-binary.md`); [`graph_file`] reads either format and
  writes the one a file name asks for.
- [`eval`]: one prediction line per document in the evaluation interchange
  format, for the scorer.
- [`dot`]: Graphviz DOT, built as a typed AST so no name can break the file.
- [`text`]: the human-readable summary and the `query` answers.
- [`render`]: DOT to SVG, PNG or PDF through Graphviz's `dot`, with a
  pure-Rust SVG fallback (layout-rs) when Graphviz is missing.
- [`nodelink`], [`graphml`], [`cypher`], [`neo4j_csv`], [`turtle`],
  [`gedcom`], [`mermaid`], [`html`]: the formats other tools open
  (networkx and D3; Gephi and yEd; Neo4j; RDF stores; Gramps; Markdown
  viewers; a browser). `docs/exports.md` says which tool reads which.
- [`select`]: the subgraph around a person or of some relation types,
  cut before exporting.
- [`family`], [`lifespan`]: readings shared by several writers (couples
  with their children; birth and death years).

All writers are deterministic: the same graph gives the same bytes, so
outputs can be snapshot-tested and diffed.
*/

pub mod binary;
pub mod cypher;
pub mod dot;
pub mod eval;
pub mod family;
pub mod gedcom;
pub mod graph_file;
pub mod graphml;
pub mod html;
pub mod json;
pub mod lifespan;
pub mod mermaid;
pub mod neo4j_csv;
pub mod nodelink;
pub mod render;
pub mod select;
pub mod text;
pub mod turtle;

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::fact::{Attribute, PartialDate};

/// Writes a whole output file so that readers see either the old file or
/// the complete new one, never a partial write: the bytes go to a temporary
/// file in the same folder, which is then renamed over `path`.
///
/// # Errors
///
/// [`crate::error::ErrorKind::Write`] naming `path` when the folder is not
/// writable, the disk is full, or the rename fails; no temporary file is
/// left behind.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut file = temp_beside(path)?;
    file.write_all(contents).map_err(|e| Error::write(path, e))?;
    persist(file, path)
}

/// A temporary file in `path`'s folder (so the rename cannot cross file
/// systems), with the mode an ordinary new file gets (0666 less the umask)
/// or the mode of the file it will replace — a temporary file is private
/// (0600) otherwise.
pub(crate) fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kith-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    builder.tempfile_in(folder).map_err(|e| Error::write(path, e))
}

/// Flushes a file from [`temp_beside`] to disk and renames it over `path`
/// in one step; on failure the temporary file is removed.
pub(crate) fn persist(file: tempfile::NamedTempFile, path: &Path) -> Result<(), Error> {
    file.as_file().sync_all().map_err(|e| Error::write(path, e))?;
    file.persist(path).map_err(|e| Error::write(path, e.error))?;
    Ok(())
}

/// An attribute as a short phrase ("age 39 (born 1981–1982)", "died
/// 2020-07 at 41 of coronavirus complications"), shared by the text and DOT
/// writers so that both say the same thing.
pub fn describe_attribute(attribute: &Attribute) -> String {
    match attribute {
        Attribute::Age { years, as_of, born } => {
            let mut out = format!("age {years}");
            let mut notes = Vec::new();
            if let Some(date) = as_of {
                notes.push(format!("on {date}"));
            }
            if let Some((from, to)) = born {
                notes.push(born_phrase(*from, *to));
            }
            if !notes.is_empty() {
                out.push_str(&format!(" ({})", notes.join(", ")));
            }
            out
        }
        Attribute::Death { date, age, cause } => death_phrase("died", date.as_ref(), *age, cause.as_deref()),
        Attribute::Role { value } => format!("role: {}", one_line(value)),
        Attribute::Hometown { value } => format!("from {}", one_line(value)),
        Attribute::Gender { value } => format!("gender: {}", gender_word(*value)),
    }
}

/// What is known of a death, after `mark` ("died", or "†" where space is
/// short): "died 2020-07 at 41 of coronavirus complications".
pub(crate) fn death_phrase(
    mark: &str,
    date: Option<&PartialDate>,
    age: Option<u32>,
    cause: Option<&str>,
) -> String {
    let mut out = mark.to_string();
    if let Some(date) = date {
        out.push_str(&format!(" {date}"));
    }
    if let Some(age) = age {
        out.push_str(&format!(" at {age}"));
    }
    if let Some(cause) = cause {
        out.push_str(&format!(" of {}", one_line(cause)));
    }
    out
}

/// "born 1982" or "born 1981–1982": an age and a date give a one-year range.
fn born_phrase(from: i32, to: i32) -> String {
    if from == to { format!("born {from}") } else { format!("born {from}–{to}") }
}

/// The lowercase word for a gender, as the JSON spells it.
pub fn gender_word(gender: crate::fact::Gender) -> &'static str {
    match gender {
        crate::fact::Gender::Female => "female",
        crate::fact::Gender::Male => "male",
    }
}

/// Text from an article made safe for one line of terminal output: runs of
/// whitespace become one space and control characters (which could move the
/// cursor or recolour a terminal) become U+FFFD.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c.is_control() { '\u{fffd}' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_read_as_phrases() {
        let age = Attribute::Age { years: 39, as_of: None, born: Some((1981, 1982)) };
        assert_eq!(describe_attribute(&age), "age 39 (born 1981–1982)");
        let death = Attribute::Death {
            date: Some(PartialDate { year: 2020, month: Some(7), day: None }),
            age: Some(41),
            cause: Some("coronavirus\ncomplications".into()),
        };
        assert_eq!(describe_attribute(&death), "died 2020-07 at 41 of coronavirus complications");
        let bare = Attribute::Death { date: None, age: None, cause: None };
        assert_eq!(describe_attribute(&bare), "died");
    }

    #[test]
    fn one_line_removes_breaks_and_control_characters() {
        assert_eq!(one_line("  a\n\tb \u{1b}[31mc  "), "a b \u{fffd}[31mc");
    }
}
