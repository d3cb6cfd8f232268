/*!
Pronoun resolution on GAP (Webster et al., TACL 2018): does the pronoun
refer to name A, to name B, or to neither?

Every relation kith finds through "his wife" or "she" depends on its
coreference stage; GAP measures that stage alone, on text kith was not
written for, and by gender, so a rule that works for one gender only shows
up as a bias ratio away from 1.

kith answers with its own pipeline over the whole text: mentions, then
coreference. The task says A and B are people, so their spans are handed to
the mention stage as names (`mention::find_with_names`), as the GAP paper's
systems receive the candidate spans; which of them the pronoun refers to is
decided by kith's coreference alone. The pronoun's entity is compared with
the entities of the name mentions at A's and B's offsets. When no name
mention is there all the same, the name is compared with the names of the pronoun's entity
instead (case- and accent-insensitively: equal, or one's words a subset of
the other's), so a name kith missed at that spot can still be matched to
the person kith linked the pronoun to elsewhere in the text.

Scoring follows the GAP paper: each row gives two decisions (A, B); over all
decisions, TP = predicted and gold true, FP = predicted true and gold false,
FN = predicted false and gold true; P/R/F1 overall and by the pronoun's
gender, and the bias ratio F1(feminine) / F1(masculine).
*/

use std::collections::HashSet;
use std::fmt::Write;
use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

use super::gold::read_text;
use super::score::unrounded;
use super::{Prf, py};
use crate::coref;
use crate::error::{Error, JsonlProblem};
use crate::input::json_message;
use crate::mention::{self, MentionKind};
use crate::span::Span;
use crate::text::Document;
use crate::text::normalize::fold_key;

/// One GAP example. Offsets are in characters (Unicode scalar values) of
/// `text`, as the GAP files give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    /// The example's id.
    pub id: String,
    /// A passage of Wikipedia text.
    pub text: String,
    /// The pronoun as written ("her", "His").
    pub pronoun: String,
    /// Where the pronoun starts.
    pub pronoun_offset: usize,
    /// Name A.
    pub a: String,
    /// Where name A starts.
    pub a_offset: usize,
    /// Gold: the pronoun refers to A.
    pub a_coref: bool,
    /// Name B.
    pub b: String,
    /// Where name B starts.
    pub b_offset: usize,
    /// Gold: the pronoun refers to B.
    pub b_coref: bool,
}

/// kith's answer for one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapPrediction {
    /// The row's id.
    pub id: String,
    /// The pronoun refers to A.
    pub a_coref: bool,
    /// The pronoun refers to B.
    pub b_coref: bool,
}

/// The pronoun's grammatical gender, the split GAP reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounGender {
    /// she, her, hers, herself.
    Feminine,
    /// he, him, his, himself.
    Masculine,
}

impl PronounGender {
    /// The gender of a pronoun, in any case; `None` for other words.
    pub fn of(pronoun: &str) -> Option<PronounGender> {
        match pronoun.to_lowercase().as_str() {
            "she" | "her" | "hers" | "herself" => Some(PronounGender::Feminine),
            "he" | "him" | "his" | "himself" => Some(PronounGender::Masculine),
            _ => None,
        }
    }
}

/// GAP scores: overall, by gender, and the bias ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct GapScores {
    /// Rows scored.
    pub rows: usize,
    /// All A and B decisions.
    pub overall: Prf,
    /// Decisions of rows with a feminine pronoun.
    pub feminine: Prf,
    /// Decisions of rows with a masculine pronoun.
    pub masculine: Prf,
    /// F1(feminine) / F1(masculine) from the unrounded F1s, rounded to four
    /// decimals; `None` when masculine F1 is 0.
    pub bias: Option<f64>,
}

impl GapScores {
    /// `{"rows", "overall", "feminine", "masculine", "bias"}`, written like
    /// the graph scores (`json.dumps` style; `bias` null when undefined).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"rows\": {}, \"overall\": {}, \"feminine\": {}, \"masculine\": {}, \"bias\": {}}}",
            self.rows,
            self.overall.to_json(),
            self.feminine.to_json(),
            self.masculine.to_json(),
            self.bias.map_or("null".to_string(), py::float_repr)
        )
    }

    /// A table in the layout of the graph scores.
    pub fn table(&self) -> String {
        let mut out = format!("rows: {}\n", self.rows);
        let _ = writeln!(out, "{:18}{:>7}{:>7}{:>7}{:>6}{:>6}{:>6}", "", "P", "R", "F1", "tp", "fp", "fn");
        let _ = writeln!(out, "{}", self.overall.row("overall"));
        let _ = writeln!(out, "{}", self.feminine.row("  feminine"));
        let _ = writeln!(out, "{}", self.masculine.row("  masculine"));
        match self.bias {
            Some(bias) => {
                let _ = write!(out, "bias (F1 feminine / F1 masculine): {bias:.3}");
            }
            None => out.push_str("bias (F1 feminine / F1 masculine): undefined (masculine F1 is 0)"),
        }
        out
    }
}

/// Reads a GAP JSON Lines file (`-` for standard input).
///
/// # Errors
///
/// An unreadable or non-UTF-8 file, or the first bad row with its line:
/// not JSON, not an object, a missing or mistyped field, or an offset that
/// does not point at its pronoun or name.
pub fn read_gap(path: &Path) -> Result<Vec<GapRow>, Error> {
    let text = read_text(path)?;
    parse_gap(path, &text)
}

/// Parses GAP rows, one JSON object per line (blank lines skipped). `path`
/// only names the source in errors.
///
/// # Errors
///
/// As [`read_gap`].
pub fn parse_gap(path: &Path, text: &str) -> Result<Vec<GapRow>, Error> {
    let mut rows = Vec::new();
    for (n, line) in py::lines(text).enumerate() {
        if py::strip(line).is_empty() {
            continue;
        }
        let fail = |problem| Error::jsonl(path, n + 1, problem);
        let value: Value =
            serde_json::from_str(line).map_err(|e| fail(JsonlProblem::BadJson(json_message(&e))))?;
        let Value::Object(obj) = value else { return Err(fail(JsonlProblem::NotObject)) };
        rows.push(parse_row(&obj).map_err(fail)?);
    }
    Ok(rows)
}

fn parse_row(obj: &Map<String, Value>) -> Result<GapRow, JsonlProblem> {
    let string = |key: &'static str| match obj.get(key) {
        None | Some(Value::Null) => Err(JsonlProblem::MissingField(key)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(JsonlProblem::BadField { field: key, expected: "a string" }),
    };
    let offset = |key: &'static str| match obj.get(key) {
        None | Some(Value::Null) => Err(JsonlProblem::MissingField(key)),
        Some(v) => v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(JsonlProblem::BadField { field: key, expected: "a non-negative integer" }),
    };
    let flag = |key: &'static str| match obj.get(key) {
        None | Some(Value::Null) => Err(JsonlProblem::MissingField(key)),
        Some(v) => v.as_bool().ok_or(JsonlProblem::BadField { field: key, expected: "true or false" }),
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => return Err(JsonlProblem::MissingId),
        Some(Value::String(id)) => id.clone(),
        Some(_) => return Err(JsonlProblem::IdNotString),
    };
    let text = match obj.get("text") {
        None | Some(Value::Null) => return Err(JsonlProblem::MissingText),
        Some(Value::String(text)) => text.clone(),
        Some(_) => return Err(JsonlProblem::TextNotString),
    };
    let row = GapRow {
        id,
        pronoun: string("pronoun")?,
        pronoun_offset: offset("pronoun_offset")?,
        a: string("a")?,
        a_offset: offset("a_offset")?,
        a_coref: flag("a_coref")?,
        b: string("b")?,
        b_offset: offset("b_offset")?,
        b_coref: flag("b_coref")?,
        text,
    };
    for (field, at, words) in [
        ("pronoun_offset", row.pronoun_offset, &row.pronoun),
        ("a_offset", row.a_offset, &row.a),
        ("b_offset", row.b_offset, &row.b),
    ] {
        let points = char_to_byte(&row.text, at).is_some_and(|b| row.text[b..].starts_with(words.as_str()));
        if !points {
            return Err(JsonlProblem::BadOffset { field, offset: at, expected: words.clone() });
        }
    }
    Ok(row)
}

/// The byte offset of character `chars` of `text` (the end for
/// `chars == len`), or `None` past the end.
fn char_to_byte(text: &str, chars: usize) -> Option<usize> {
    text.char_indices().map(|(b, _)| b).chain([text.len()]).nth(chars)
}

/// A character offset into the text as given, as a byte offset into
/// kith's NFC copy of it (the same unless normalisation changed the text
/// before the offset).
fn doc_offset(text: &str, doc: &Document, chars: usize) -> Option<usize> {
    let byte = char_to_byte(text, chars)?;
    if doc.text() == text { Some(byte) } else { Some(text.get(..byte)?.nfc().map(char::len_utf8).sum()) }
}

/// The byte offset in `doc` (the row's text as kith read it) of a
/// character offset of the row.
pub fn row_offset(row: &GapRow, doc: &Document, chars: usize) -> Option<usize> {
    doc_offset(&row.text, doc, chars)
}

/// Names A and B as spans of `doc`: the task names them as people, so kith
/// takes them as name mentions (its own detector may not know a name)
/// before it decides coreference.
pub fn name_spans(row: &GapRow, doc: &Document) -> Vec<Span> {
    [(row.a_offset, &row.a), (row.b_offset, &row.b)]
        .into_iter()
        .filter_map(|(at, name)| {
            let start = row_offset(row, doc, at)?;
            let len: usize = name.nfc().map(char::len_utf8).sum();
            Some(Span::new(start, (start + len).min(doc.text().len())))
        })
        .filter(|s| doc.text().is_char_boundary(s.start) && doc.text().is_char_boundary(s.end))
        .collect()
}

/// kith's answer for one row: coreference over the whole text, then A and
/// B compared with the pronoun's entity (see the module documentation for
/// the fallback when a name is not a mention).
pub fn predict(row: &GapRow) -> GapPrediction {
    let doc = Document::new(row.id.clone(), &row.text, None);
    let to_doc = |chars: usize| doc_offset(&row.text, &doc, chars);
    let mentions = mention::find_with_names(&doc, &name_spans(row, &doc));
    let coreference = coref::resolve(&doc, &mentions);
    let pronoun_entity = to_doc(row.pronoun_offset)
        .and_then(|b| mentions.mentions.iter().position(|m| m.span.start == b))
        .and_then(|m| coreference.single(m))
        .map(|(entity, _)| entity);
    let Some(pronoun_entity) = pronoun_entity else {
        return GapPrediction { id: row.id.clone(), a_coref: false, b_coref: false };
    };
    // Names of the pronoun's entity, for names kith did not detect.
    let entity_names: Vec<String> = coreference.entities[pronoun_entity]
        .mentions
        .iter()
        .filter_map(|&m| match &mentions.mentions[m].kind {
            MentionKind::Name(name) => Some(fold_key(doc.span_text(name.name))),
            _ => None,
        })
        .collect();
    let decide = |chars: usize, name: &str| {
        // The name mention covering the token at the name's first byte.
        let mention = to_doc(chars).and_then(|b| {
            let tokens = doc.tokens();
            let t = tokens.partition_point(|t| t.span.end <= b);
            if tokens.get(t)?.span.start > b {
                return None;
            }
            let m = mentions.covering(t)?;
            matches!(mentions.mentions[m].kind, MentionKind::Name(_)).then_some(m)
        });
        match mention.and_then(|m| coreference.single(m)) {
            Some((entity, _)) => entity == pronoun_entity,
            None => same_name(&fold_key(name), &entity_names),
        }
    };
    GapPrediction {
        id: row.id.clone(),
        a_coref: decide(row.a_offset, &row.a),
        b_coref: decide(row.b_offset, &row.b),
    }
}

/// True when a folded name equals one of `names` or its words are a subset
/// or superset of one's ("Ann Lee" and "Lee"; "Lee" and "Ann Lee").
fn same_name(name: &str, names: &[String]) -> bool {
    let words: HashSet<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && names.iter().any(|other| {
            let theirs: HashSet<&str> = other.split(' ').filter(|w| !w.is_empty()).collect();
            !theirs.is_empty() && (words.is_subset(&theirs) || theirs.is_subset(&words))
        })
}

/// Scores predictions against rows, matched by position (`predictions[i]`
/// answers `rows[i]`; missing answers count as "neither").
pub fn score(rows: &[GapRow], predictions: &[GapPrediction]) -> GapScores {
    let mut counts = [[0usize; 3]; 3]; // overall, feminine, masculine × tp, fp, fn
    for (i, row) in rows.iter().enumerate() {
        let (a, b) = predictions.get(i).map_or((false, false), |p| (p.a_coref, p.b_coref));
        let group = match PronounGender::of(&row.pronoun) {
            Some(PronounGender::Feminine) => Some(1),
            Some(PronounGender::Masculine) => Some(2),
            None => None,
        };
        for (predicted, gold) in [(a, row.a_coref), (b, row.b_coref)] {
            let slot = match (predicted, gold) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => continue,
            };
            counts[0][slot] += 1;
            if let Some(g) = group {
                counts[g][slot] += 1;
            }
        }
    }
    let prf = |c: [usize; 3]| Prf::new(c[0], c[1], c[2]);
    let f1 = |c: [usize; 3]| unrounded(c[0], c[1], c[2]).2;
    let (f1_f, f1_m) = (f1(counts[1]), f1(counts[2]));
    GapScores {
        rows: rows.len(),
        overall: prf(counts[0]),
        feminine: prf(counts[1]),
        masculine: prf(counts[2]),
        bias: (f1_m != 0.0).then(|| py::round4(f1_f / f1_m)),
    }
}

/// The `--predictions` file: one `{"id", "a_coref", "b_coref"}` line per
/// row, in order.
pub fn predictions_jsonl(predictions: &[GapPrediction]) -> String {
    let mut out = String::new();
    for p in predictions {
        let _ = writeln!(
            out,
            "{{\"id\": {}, \"a_coref\": {}, \"b_coref\": {}}}",
            py::json_string(&p.id),
            p.a_coref,
            p.b_coref
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row from made-up text, offsets found by search (the first
    /// occurrence of each word after the previous one's start).
    fn row(text: &str, pronoun: (&str, usize), a: (&str, usize, bool), b: (&str, usize, bool)) -> GapRow {
        let at = |word: &str, nth: usize| {
            let byte = text.match_indices(word).nth(nth).map(|(i, _)| i).expect("word in text");
            text[..byte].chars().count()
        };
        GapRow {
            id: format!("t-{}", pronoun.0),
            text: text.into(),
            pronoun: pronoun.0.into(),
            pronoun_offset: at(pronoun.0, pronoun.1),
            a: a.0.into(),
            a_offset: at(a.0, a.1),
            a_coref: a.2,
            b: b.0.into(),
            b_offset: at(b.0, b.1),
            b_coref: b.2,
        }
    }

    #[test]
    fn the_pronoun_goes_to_the_compatible_name() {
        let r = row(
            "Marta Quell met Tobias Renn in Oslo. She later wrote a book about the city.",
            ("She", 0),
            ("Marta Quell", 0, true),
            ("Tobias Renn", 0, false),
        );
        assert_eq!(predict(&r), GapPrediction { id: r.id.clone(), a_coref: true, b_coref: false });
        let r = row(
            "Marta Quell met Tobias Renn in Oslo. He later wrote a book about the city.",
            ("He", 0),
            ("Marta Quell", 0, false),
            ("Tobias Renn", 0, true),
        );
        let p = predict(&r);
        assert!(!p.a_coref && p.b_coref, "{p:?}");
    }

    #[test]
    fn offsets_are_characters_not_bytes() {
        // "Zoë" and "Ólafur" put multi-byte characters before the pronoun,
        // and "Mýrdal" is written decomposed, which kith's NFC copy changes.
        let text = "Zoë Brandt hired Ólafur My\u{301}rdal in 2001. Later his contract ended.";
        let r = row(text, ("his", 0), ("Zoë Brandt", 0, false), ("Ólafur", 0, true));
        assert_eq!(r.pronoun_offset, 47);
        let doc = Document::new("t", text, None);
        assert_ne!(doc.text(), text);
        let at = doc_offset(text, &doc, r.pronoun_offset).unwrap_or(usize::MAX);
        assert!(doc.text().get(at..).is_some_and(|rest| rest.starts_with("his")), "{at}");
        let at = doc_offset(text, &doc, r.b_offset).unwrap_or(usize::MAX);
        assert!(doc.text().get(at..).is_some_and(|rest| rest.starts_with("Ólafur")), "{at}");
        assert_eq!(doc_offset(text, &doc, 10_000), None);
        assert_eq!(char_to_byte("aë", 2), Some(3));
    }

    #[test]
    fn a_pronoun_that_is_not_a_mention_decides_nothing() {
        let mut r = row(
            "Marta Quell met Tobias Renn in Oslo. She later wrote a book.",
            ("She", 0),
            ("Marta Quell", 0, true),
            ("Tobias Renn", 0, false),
        );
        // Point the "pronoun" at "met", which is no mention.
        r.pronoun_offset = r.text.find("met").unwrap_or(0);
        let p = predict(&r);
        assert!(!p.a_coref && !p.b_coref);
    }

    #[test]
    fn names_compare_by_words_when_not_detected() {
        let names = vec![fold_key("Marta Quell")];
        assert!(same_name(&fold_key("Quell"), &names));
        assert!(same_name(&fold_key("MARTA QUELL"), &names));
        assert!(same_name(&fold_key("Dr Marta Quell"), &names));
        assert!(!same_name(&fold_key("Tobias Quell-Renn"), &names));
        assert!(!same_name("", &names));
    }

    #[test]
    fn scores_follow_the_gap_paper() {
        let mk = |pronoun: &str, a: bool, b: bool| GapRow {
            id: "r".into(),
            text: String::new(),
            pronoun: pronoun.into(),
            pronoun_offset: 0,
            a: String::new(),
            a_offset: 0,
            a_coref: a,
            b: String::new(),
            b_offset: 0,
            b_coref: b,
        };
        let rows =
            [mk("she", true, false), mk("He", false, true), mk("her", false, false), mk("his", true, false)];
        let p = |a: bool, b: bool| GapPrediction { id: "r".into(), a_coref: a, b_coref: b };
        // she: TP; He: FP on A, FN on B; her: FP; his: TP.
        let preds = [p(true, false), p(true, false), p(false, true), p(true, false)];
        let s = score(&rows, &preds);
        assert_eq!(s.overall, Prf::new(2, 2, 1));
        assert_eq!(s.feminine, Prf::new(1, 1, 0));
        assert_eq!(s.masculine, Prf::new(1, 1, 1));
        // F1 f = 2/3, F1 m = 1/2.
        assert_eq!(s.bias, Some(1.3333));
        assert!(s.to_json().starts_with("{\"rows\": 4, \"overall\": {\"p\": 0.5, \"r\": 0.6667,"));
        assert!(s.table().ends_with("bias (F1 feminine / F1 masculine): 1.333"));
        assert_eq!(score(&rows[..1], &[]).bias, None);
    }

    #[test]
    fn rows_are_checked() {
        let good = r#"{"id": "x", "text": "Ann saw her.", "pronoun": "her", "pronoun_offset": 8, "a": "Ann", "a_offset": 0, "a_coref": false, "b": "Ann", "b_offset": 0, "b_coref": false}"#;
        assert_eq!(parse_gap(Path::new("g"), good).map(|r| r.len()).ok(), Some(1));
        let err =
            |text: &str| parse_gap(Path::new("g"), text).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            err(&good.replace("\"pronoun_offset\": 8", "\"pronoun_offset\": 7")),
            "g, line 1: \"pronoun_offset\" 7 does not point at \"her\""
        );
        assert_eq!(
            err(&good.replace("\"a_coref\": false", "\"a_coref\": 0")),
            "g, line 1: \"a_coref\" must be true or false"
        );
        assert_eq!(err(&format!("\n{}", good.replace("\"b\": \"Ann\", ", ""))), "g, line 2: missing \"b\"");
        assert_eq!(
            err(&good.replace("\"a_offset\": 0", "\"a_offset\": -1")),
            "g, line 1: \"a_offset\" must be a non-negative integer"
        );
    }

    #[test]
    fn predictions_file_lines() {
        let p = [GapPrediction { id: "d-1".into(), a_coref: true, b_coref: false }];
        assert_eq!(predictions_jsonl(&p), "{\"id\": \"d-1\", \"a_coref\": true, \"b_coref\": false}\n");
    }
}
