/*!
Graph files in either of kith's two save formats: JSON (the interchange
format, `docs/graph-json.md`) and binary (`.kith`, fast to load,
`docs/graph-binary.md`).

Reading looks at the file's first bytes, so a graph is read whatever its
name. Writing goes by the name: a path ending in `.kith` is written in the
binary format, any other in JSON. The rule is the file name because it is
what users see and give (`kith build -o graph.kith`), and it keeps a file's
format the same from one `kith build` to the next.
*/

use std::io::Read;
use std::path::Path;

use super::{binary, json};
use crate::error::Error;
use crate::graph::KinGraph;

/// The two save formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// kith's graph JSON.
    Json,
    /// kith's binary graph.
    Binary,
}

impl GraphFormat {
    /// The format a graph file named `path` is written in: binary for the
    /// extension `.kith` (any case), JSON otherwise.
    pub fn for_path(path: &Path) -> GraphFormat {
        let binary = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case(binary::EXTENSION));
        if binary { GraphFormat::Binary } else { GraphFormat::Json }
    }

    /// The format of an existing file, by its first bytes: binary when they
    /// are the binary magic, JSON otherwise (whose reader then says what
    /// is wrong with anything else).
    ///
    /// # Errors
    ///
    /// [`crate::error::ErrorKind::Io`] when the file cannot be opened or read.
    pub fn of_file(path: &Path) -> Result<GraphFormat, Error> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut start = Vec::with_capacity(16);
        file.take(16).read_to_end(&mut start).map_err(|e| Error::io(path, e))?;
        Ok(if binary::is_binary_graph(&start) { GraphFormat::Binary } else { GraphFormat::Json })
    }
}

/// Reads a graph file in either format.
///
/// # Errors
///
/// Those of [`json::read_graph`] or [`binary::read_graph`].
pub fn read_graph(path: &Path) -> Result<KinGraph, Error> {
    match GraphFormat::of_file(path)? {
        GraphFormat::Json => json::read_graph(path),
        GraphFormat::Binary => binary::read_graph(path),
    }
}

/// Reads a graph file in either format without the statements behind its
/// facts, for questions that quote no sentence.
///
/// # Errors
///
/// As [`read_graph`].
pub fn read_graph_structure(path: &Path) -> Result<KinGraph, Error> {
    match GraphFormat::of_file(path)? {
        GraphFormat::Json => json::read_graph_structure(path),
        GraphFormat::Binary => binary::read_graph_structure(path),
    }
}

/// Writes a graph file in the format its name asks for
/// ([`GraphFormat::for_path`]), atomically: a temporary file in the same
/// folder, flushed and renamed over `path`.
///
/// # Errors
///
/// [`crate::error::ErrorKind::Write`] naming `path`.
pub fn write_graph(path: &Path, graph: &KinGraph) -> Result<(), Error> {
    match GraphFormat::for_path(path) {
        GraphFormat::Json => json::write_graph(path, graph),
        GraphFormat::Binary => binary::write_graph(path, graph),
    }
}
