//! Reading gold files of the evaluation interchange format.
//!
//! The checks are `score.py`'s, in its order, so a file that one rejects
//! the other rejects on the same line; kith also needs each document's
//! `text` (to run on) and reads its `date` like `kith extract --jsonl`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value};

use super::{EvalEntity, EvalRelation, GoldDoc, py};
use crate::error::{Error, JsonlProblem};
use crate::input::{self, STDIN, json_message};
use crate::text::Date;

/// Reads a gold JSON Lines file (`-` for standard input).
///
/// # Errors
///
/// An unreadable, non-UTF-8 or binary file, or the first bad record with
/// its line: see [`parse_gold`].
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, Error> {
    let text = read_text(path)?;
    parse_gold(path, &text)
}

/// The whole of a UTF-8 file (or standard input), checked to be text.
pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    let mut bytes = Vec::new();
    if path.as_os_str() == STDIN {
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(input::decode(path, &bytes)?.to_string())
}

/// Parses gold documents, one JSON object per line; blank lines are
/// skipped and lines are counted as `score.py` counts them (`\r` ends a
/// line too). `path` only names the source in errors.
///
/// # Errors
///
/// [`crate::error::ErrorKind::Jsonl`] with the 1-based line of the first
/// record that is not JSON, not an object, has no string `id`, lacks
/// `entities` or `relations` (or has them as something other than lists),
/// has a malformed entity or relation, repeats an entity id, relates an
/// entity it does not list, lacks a string `text`, has a `date` other than
/// null or `YYYY-MM-DD`, or repeats a document id.
pub fn parse_gold(path: &Path, text: &str) -> Result<Vec<GoldDoc>, Error> {
    let mut docs = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for (n, line) in py::lines(text).enumerate() {
        let line_no = n + 1;
        if py::strip(line).is_empty() {
            continue;
        }
        let fail = |problem| Error::jsonl(path, line_no, problem);
        let value: Value =
            serde_json::from_str(line).map_err(|e| fail(JsonlProblem::BadJson(json_message(&e))))?;
        let doc = parse_doc(value).map_err(fail)?;
        if let Some(&first) = first_line.get(&doc.id) {
            return Err(fail(JsonlProblem::DuplicateId { id: doc.id, first_line: first }));
        }
        first_line.insert(doc.id.clone(), line_no);
        docs.push(doc);
    }
    Ok(docs)
}

/// One gold record, checked in `score.py`'s order.
fn parse_doc(value: Value) -> Result<GoldDoc, JsonlProblem> {
    let Value::Object(mut obj) = value else { return Err(JsonlProblem::NotObject) };
    let id = match obj.remove("id") {
        None | Some(Value::Null) => return Err(JsonlProblem::MissingId),
        Some(Value::String(id)) => id,
        Some(_) => return Err(JsonlProblem::IdNotString),
    };
    let entities = take_list(&mut obj, "entities")?;
    let relations = take_list(&mut obj, "relations")?;

    let mut parsed_entities: Vec<EvalEntity> = Vec::with_capacity(entities.len());
    for entity in entities {
        let parsed = parse_entity(&entity).ok_or_else(|| JsonlProblem::BadEntity(shorten(&entity)))?;
        if parsed_entities.iter().any(|e| e.id == parsed.id) {
            return Err(JsonlProblem::DuplicateEntity(parsed.id));
        }
        parsed_entities.push(parsed);
    }
    let mut parsed_relations = Vec::with_capacity(relations.len());
    for relation in relations {
        let field = |key: &str| relation.get(key).and_then(Value::as_str).map(str::to_string);
        let (Some(head), Some(kind), Some(tail)) = (field("head"), field("type"), field("tail")) else {
            return Err(JsonlProblem::BadRelation(shorten(&relation)));
        };
        for end in [&head, &tail] {
            if !parsed_entities.iter().any(|e| &e.id == end) {
                return Err(JsonlProblem::UnknownEntity(end.clone()));
            }
        }
        parsed_relations.push(EvalRelation { head, kind, tail });
    }

    let text = match obj.remove("text") {
        None | Some(Value::Null) => return Err(JsonlProblem::MissingText),
        Some(Value::String(text)) => text,
        Some(_) => return Err(JsonlProblem::TextNotString),
    };
    let date = match obj.remove("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            Some(s.parse::<Date>().map_err(|_| JsonlProblem::BadDate(format!("{s:?}")))?)
        }
        Some(other) => return Err(JsonlProblem::BadDate(other.to_string())),
    };
    Ok(GoldDoc { id, text, date, entities: parsed_entities, relations: parsed_relations })
}

/// A field that must be present and a list (`score.py`: missing is one
/// error, present but null or not a list another).
fn take_list(obj: &mut Map<String, Value>, key: &'static str) -> Result<Vec<Value>, JsonlProblem> {
    match obj.remove(key) {
        None => Err(JsonlProblem::MissingField(key)),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(JsonlProblem::BadField { field: key, expected: "a list" }),
    }
}

fn parse_entity(value: &Value) -> Option<EvalEntity> {
    let id = value.get("id")?.as_str()?.to_string();
    let names = value.get("names")?.as_array()?;
    let names = names.iter().map(|n| n.as_str().map(str::to_string)).collect::<Option<Vec<String>>>()?;
    Some(EvalEntity { id, names })
}

/// A JSON value for an error message, cut to keep the message one short
/// line.
fn shorten(value: &Value) -> String {
    const MAX: usize = 80;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn problem(text: &str) -> (usize, JsonlProblem) {
        let err = parse_gold(Path::new("g.jsonl"), text).err().map(|e| match e.kind() {
            ErrorKind::Jsonl { line, problem, .. } => (*line, problem.clone()),
            other => panic!("{other}"),
        });
        err.unwrap_or_else(|| panic!("accepted {text:?}"))
    }

    const OK: &str = r#"{"id": "d", "text": "Ann Lee.", "date": null, "entities": [{"id": "e0", "type": "PER", "names": ["Ann Lee"]}], "relations": []}"#;

    #[test]
    fn reads_documents_and_skips_blank_lines() {
        let text =
            format!("{OK}\n \n{}\r\n", OK.replace("\"d\"", "\"d2\"").replace("null", "\"2020-01-02\""));
        let docs = parse_gold(Path::new("g.jsonl"), &text).expect("valid");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].entities[0].names, ["Ann Lee"]);
        assert_eq!(docs[1].date.map(|d| d.to_string()).as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn each_problem_is_reported_with_its_line() {
        let with = |from: &str, to: &str| OK.replace(from, to);
        assert!(matches!(problem(&format!("{OK}\n{{oops")), (2, JsonlProblem::BadJson(_))));
        assert_eq!(problem("[1]"), (1, JsonlProblem::NotObject));
        assert_eq!(problem(&with("\"id\": \"d\"", "\"id\": 3")), (1, JsonlProblem::IdNotString));
        assert_eq!(problem(&with("\"entities\"", "\"people\"")), (1, JsonlProblem::MissingField("entities")));
        assert_eq!(
            problem(&with("\"relations\": []", "\"relations\": null")),
            (1, JsonlProblem::BadField { field: "relations", expected: "a list" })
        );
        assert!(matches!(problem(&with("\"names\"", "\"name\"")), (1, JsonlProblem::BadEntity(_))));
        assert_eq!(
            problem(&with(
                "\"relations\": []",
                r#""relations": [{"head": "e0", "type": "spouse", "tail": "e9"}]"#
            )),
            (1, JsonlProblem::UnknownEntity("e9".into()))
        );
        assert!(matches!(
            problem(&with("\"relations\": []", r#""relations": [{"head": "e0", "type": 1, "tail": "e0"}]"#)),
            (1, JsonlProblem::BadRelation(_))
        ));
        assert_eq!(
            problem(&with("}]", r#"}, {"id": "e0", "names": []}]"#)),
            (1, JsonlProblem::DuplicateEntity("e0".into()))
        );
        assert_eq!(problem(&with("\"text\": \"Ann Lee.\", ", "")), (1, JsonlProblem::MissingText));
        assert!(matches!(problem(&with("null", "\"May 1\"")), (1, JsonlProblem::BadDate(_))));
        assert_eq!(
            problem(&format!("{OK}\r{OK}")),
            (2, JsonlProblem::DuplicateId { id: "d".into(), first_line: 1 })
        );
    }

    #[test]
    fn messages_name_file_and_line() {
        let err = parse_gold(Path::new("g.jsonl"), "\n{\"id\": \"x\"}").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("g.jsonl, line 2: missing \"entities\""));
    }
}
