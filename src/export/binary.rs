/*!
kith's binary graph file (`.kith`): the same graph as the JSON file, made to
be loaded fast. A graph of a million people loads from it in about a second
instead of seven, in half the memory (see `docs/graph.md`, "Scale"),
because nothing is parsed as text, values that repeat (documents, rules,
terms, shared sentences) are written once, and the statements sit apart
from the relations: questions that quote no sentence skip them unread, and
a full load reads them on a second thread.

JSON stays the interchange format, the one other programs read
(`docs/graph-json.md`); this one is for kith's own saves. The layout is in
`docs/graph-binary.md`. Files are told apart by their first bytes
([`is_binary_graph`]), not by name; [`super::graph_file`] reads either.
*/

use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::graph::KinGraph;
use crate::graph::binary::{self, DecodeError};

/// The version of the binary layout this build writes and reads; bumped on
/// any change an older reader would misread.
pub const FORMAT_VERSION: u32 = binary::VERSION;

/// The extension that makes [`super::graph_file::write_graph`] (and `kith
/// build -o`) write this format.
pub const EXTENSION: &str = "kith";

/// True when `start` (the first bytes of a file) is the start of a binary
/// graph: its 9-byte magic, `\x89KITH\r\n\x1a\n`.
pub fn is_binary_graph(start: &[u8]) -> bool {
    start.starts_with(&binary::MAGIC)
}

/// The graph as the bytes of a binary graph file.
pub fn to_bytes(graph: &KinGraph) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    // Writing to memory cannot fail; an empty answer would be refused by
    // any reader should it ever.
    if binary::write(&mut out, graph).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// Reads a graph from the bytes of a binary graph file; `origin` names them
/// in errors.
///
/// # Errors
///
/// [`ErrorKind::BinaryGraph`] for bytes that are not a whole binary graph
/// of this version (cut short, altered, another version).
pub fn from_bytes(bytes: &[u8], origin: &Path) -> Result<KinGraph, Error> {
    binary::read(|| Ok(Cursor::new(bytes)), bytes.len() as u64, true).map_err(|e| decode_error(origin, e))
}

/// Writes a graph file in the binary format, streamed to a temporary file
/// in the same folder, flushed to disk and renamed over `path`, so that
/// readers see the old file or the whole new one.
///
/// # Errors
///
/// [`ErrorKind::Write`] naming `path`; no temporary file is left behind.
pub fn write_graph(path: &Path, graph: &KinGraph) -> Result<(), Error> {
    let mut file = super::temp_beside(path)?;
    binary::write(&mut file, graph).map_err(|e| Error::write(path, e))?;
    super::persist(file, path)
}

/// Reads a binary graph file.
///
/// # Errors
///
/// [`ErrorKind::Io`] when the file cannot be read; [`ErrorKind::BinaryGraph`]
/// naming it when it is not a whole binary graph of this version.
pub fn read_graph(path: &Path) -> Result<KinGraph, Error> {
    read_file(path, true)
}

/// Reads a binary graph file without the statements behind its facts
/// (every `evidence` list empty), which are skipped unread: for questions
/// that quote no sentence. Their checksum is then not checked.
///
/// # Errors
///
/// As [`read_graph`].
pub fn read_graph_structure(path: &Path) -> Result<KinGraph, Error> {
    read_file(path, false)
}

#[cfg(any(unix, windows))]
fn read_file(path: &Path, statements: bool) -> Result<KinGraph, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    // One open file, read at two places at once (see `At`): opening the
    // path twice could give two different files, should `kith build`
    // replace it in between.
    binary::read(|| Ok(At { file: &file, position: 0 }), size, statements).map_err(|e| decode_error(path, e))
}

/// Without positioned reads, the file is read whole first.
#[cfg(not(any(unix, windows)))]
fn read_file(path: &Path, statements: bool) -> Result<KinGraph, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    binary::read(|| Ok(Cursor::new(&bytes[..])), bytes.len() as u64, statements)
        .map_err(|e| decode_error(path, e))
}

/// A reader with its own position in a file that other readers share:
/// positioned reads leave the file's own offset alone.
#[cfg(any(unix, windows))]
struct At<'f> {
    file: &'f std::fs::File,
    position: u64,
}

#[cfg(any(unix, windows))]
impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(self.file, buf, self.position)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(self.file, buf, self.position)?;
        self.position += n as u64;
        Ok(n)
    }
}

#[cfg(any(unix, windows))]
impl Seek for At<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match to {
            SeekFrom::Start(position) => self.position = position,
            _ => return Err(io::Error::new(io::ErrorKind::Unsupported, "seek from the start only")),
        }
        Ok(self.position)
    }
}

fn decode_error(path: &Path, error: DecodeError) -> Error {
    match error {
        DecodeError::Io(e) => Error::io(path, e),
        DecodeError::Damaged(message) => ErrorKind::BinaryGraph { path: path.to_path_buf(), message }.into(),
    }
}
