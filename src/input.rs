/*!
Reading articles into [`Document`]s: files, folders of `.txt` files, standard
input, and JSON Lines collections.

Everything is read and checked before anything is returned, so a front end
that produces output only after this succeeds never prints half a result for
a batch with one bad file. Errors name the file (and the line, for JSON
Lines); see [`crate::error::ErrorKind`].
*/

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, ErrorKind, JsonlProblem};
use crate::text::{Date, Document};

/// The path that stands for standard input, as in most Unix tools.
pub const STDIN: &str = "-";

/// Reads every path into documents, in the order given.
///
/// A file becomes one document; a folder becomes one document per `.txt`
/// file directly inside it, sorted by name (so runs are reproducible); `-`
/// reads standard input. A document's id is its path as given (`-` for
/// standard input), which is what outputs and evaluation lines are keyed by.
/// `date`, when given, is the publication date of every document, needed to
/// turn ages into birth years.
///
/// # Errors
///
/// The first unreadable path, non-UTF-8 or binary file, folder without
/// `.txt` files, or a path read twice.
pub fn read_paths(paths: &[PathBuf], date: Option<Date>) -> Result<Vec<Document>, Error> {
    let mut documents = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        for file in expand(path)? {
            if !seen.insert(file.clone()) {
                return Err(ErrorKind::DuplicateInput { path: file }.into());
            }
            let bytes = if file.as_os_str() == STDIN {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io(&file, e))?;
                bytes
            } else {
                fs::read(&file).map_err(|e| Error::io(&file, e))?
            };
            let text = decode(&file, &bytes)?;
            documents.push(Document::new(file.display().to_string(), text, date));
        }
    }
    Ok(documents)
}

/// The files a path stands for: itself, or a folder's `.txt` files.
fn expand(path: &Path) -> Result<Vec<PathBuf>, Error> {
    if path.as_os_str() == STDIN {
        return Ok(vec![path.to_path_buf()]);
    }
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let file = entry.path();
        let is_txt = file.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("txt"));
        // Follows symlinks, so a linked article counts like a real one.
        if is_txt && fs::metadata(&file).is_ok_and(|m| m.is_file()) {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(ErrorKind::EmptyFolder { path: path.to_path_buf() }.into());
    }
    files.sort();
    Ok(files)
}

/// Checks that bytes are text and returns them as a string without a
/// byte-order mark.
///
/// NUL is checked first: a binary file is usually also invalid UTF-8, and
/// "binary data" tells the user more than "invalid UTF-8 at byte 0".
pub(crate) fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Error> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ErrorKind::Binary { path: path.to_path_buf(), offset }.into());
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ErrorKind::InvalidUtf8 { path: path.to_path_buf(), offset: e.valid_up_to() })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads a JSON Lines collection: one `{"id", "text", "date"?}` object per
/// line, in the interchange format of the evaluation sets.
///
/// `path` names the source in error messages (`-` for standard input).
/// Blank lines are skipped; `date` may be missing or null. Ids must be
/// unique, because outputs are keyed by them.
///
/// # Errors
///
/// A read error, or the first bad record with its 1-based line number:
/// invalid UTF-8 or JSON, a missing or empty `id`, a missing `text`, a
/// `date` that is not `YYYY-MM-DD`, or a repeated `id`.
pub fn read_jsonl(path: &Path, mut reader: impl BufRead) -> Result<Vec<Document>, Error> {
    let mut documents = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))? == 0 {
            break;
        }
        line_no += 1;
        let fail = |problem| Error::jsonl(path, line_no, problem);
        let line = std::str::from_utf8(&buf).map_err(|e| fail(JsonlProblem::InvalidUtf8(e.valid_up_to())))?;
        let line = if line_no == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if line.trim().is_empty() {
            continue;
        }
        // Fields other than id, text and date (gold entities, sources,
        // notes) are ignored, so evaluation files can be read directly.
        let value: Value =
            serde_json::from_str(line).map_err(|e| fail(JsonlProblem::BadJson(json_message(&e))))?;
        let Value::Object(mut record) = value else {
            return Err(fail(JsonlProblem::NotObject));
        };
        // A null field counts as a missing one.
        let mut take = |key: &str| record.remove(key).filter(|value| !value.is_null());
        let (id, text, date) = (take("id"), take("text"), take("date"));
        let id = match id {
            None => return Err(fail(JsonlProblem::MissingId)),
            Some(Value::String(id)) if id.trim().is_empty() => {
                return Err(fail(JsonlProblem::EmptyId));
            }
            Some(Value::String(id)) => id,
            Some(_) => return Err(fail(JsonlProblem::IdNotString)),
        };
        let text = match text {
            None => return Err(fail(JsonlProblem::MissingText)),
            Some(Value::String(text)) => text,
            Some(_) => return Err(fail(JsonlProblem::TextNotString)),
        };
        let date = match date {
            None => None,
            Some(Value::String(s)) => match s.parse::<Date>() {
                Ok(date) => Some(date),
                Err(_) => return Err(fail(JsonlProblem::BadDate(format!("{s:?}")))),
            },
            Some(other) => return Err(fail(JsonlProblem::BadDate(other.to_string()))),
        };
        if let Some(&first) = first_line.get(&id) {
            return Err(fail(JsonlProblem::DuplicateId { id, first_line: first }));
        }
        first_line.insert(id.clone(), line_no);
        documents.push(Document::new(id, &text, date));
    }
    Ok(documents)
}

/// Reads a JSON Lines file, or standard input for `-`, with [`read_jsonl`].
///
/// # Errors
///
/// An unopenable file, or any error of [`read_jsonl`].
pub fn read_jsonl_path(path: &Path) -> Result<Vec<Document>, Error> {
    if path.as_os_str() == STDIN {
        return read_jsonl(path, io::stdin().lock());
    }
    let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_jsonl(path, io::BufReader::new(file))
}

/// serde_json's message without its "at line 1 column N" suffix, which would
/// contradict the line number kith reports; the column is kept. (The eval
/// readers use this one too.)
pub(crate) fn json_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rsplit_once(" at line ") {
        Some((what, _)) => format!("{what} at column {}", err.column()),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(text: &str) -> Result<Vec<Document>, Error> {
        read_jsonl(Path::new("t.jsonl"), text.as_bytes())
    }

    fn problem(text: &str) -> (usize, JsonlProblem) {
        let err = jsonl(text).err().unwrap_or_else(|| panic!("accepted {text:?}"));
        match err.kind() {
            ErrorKind::Jsonl { line, problem, .. } => (*line, problem.clone()),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn reads_records_skipping_blank_lines_and_extra_fields() {
        let docs = jsonl(
            "{\"id\":\"a\",\"text\":\"Hi.\",\"date\":\"2021-12-30\",\"entities\":[]}\n\n  \n\
             {\"id\":\"b\",\"text\":\"\",\"date\":null}\r\n{\"id\":\"c\",\"text\":\"x\"}",
        )
        .expect("valid");
        let ids: Vec<_> = docs.iter().map(Document::id).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(docs[0].date().map(|d| d.to_string()).as_deref(), Some("2021-12-30"));
        assert!(docs[1].date().is_none());
    }

    #[test]
    fn reports_the_line_of_each_problem() {
        let ok = "{\"id\":\"a\",\"text\":\"\"}\n";
        assert!(matches!(problem(&format!("{ok}\n{{oops")), (3, JsonlProblem::BadJson(_))));
        assert_eq!(problem("{\"text\":\"x\"}"), (1, JsonlProblem::MissingId));
        assert_eq!(problem("{\"id\":\" \",\"text\":\"x\"}"), (1, JsonlProblem::EmptyId));
        assert_eq!(problem("{\"id\":3,\"text\":\"x\"}"), (1, JsonlProblem::IdNotString));
        assert_eq!(problem(&format!("{ok}{{\"id\":\"b\"}}")), (2, JsonlProblem::MissingText));
        assert_eq!(problem("{\"id\":\"b\",\"text\":1}"), (1, JsonlProblem::TextNotString));
        assert!(matches!(
            problem("{\"id\":\"b\",\"text\":\"\",\"date\":\"30/12/2021\"}"),
            (1, JsonlProblem::BadDate(_))
        ));
        assert_eq!(
            problem(&format!("{ok}{ok}")),
            (2, JsonlProblem::DuplicateId { id: "a".into(), first_line: 1 })
        );
        assert_eq!(problem("[1,2]"), (1, JsonlProblem::NotObject));
    }

    #[test]
    fn json_errors_give_a_column_not_a_second_line_number() {
        let err = jsonl("{\"id\": }").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("t.jsonl, line 1: invalid JSON: expected value at column"), "{err}");
        assert!(!err.contains("at line 1"), "{err}");
    }

    #[test]
    fn binary_is_detected_before_utf8() {
        let err = decode(Path::new("x"), b"\x89PNG\0").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("x: binary data, not text (NUL byte at byte 4)"));
        let err = decode(Path::new("x"), b"ab\xffc").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("x: invalid UTF-8 at byte 2 (kith reads UTF-8 text)"));
        assert_eq!(decode(Path::new("x"), "\u{feff}hi".as_bytes()).ok(), Some("hi"));
    }
}
