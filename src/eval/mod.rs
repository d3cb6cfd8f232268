/*!
Measuring kith against gold data: the `kith eval` command's library.

Two tasks:

- **Relationship graphs** (the interchange format of `FORMAT.md` beside the
  evaluation sets): [`run`] extracts a document's graph and turns it into
  the very prediction `kith extract --format eval` writes; [`score`] scores
  predictions exactly as the reference scorer `score.py` does — same name
  normalisation, same entity alignment, same counting, same rounding — so a
  number quoted from `kith eval` is the number `score.py` gives, and the
  JSON and table it prints are byte for byte `score.py`'s. [`misses`]
  explains the errors with their sentences, for rule writers.
- **Pronoun resolution** ([`gap`]): kith's own coreference on the GAP
  benchmark, to measure the stage on which every relation depends, and its
  gender gap.

Why reimplement the scorer instead of calling it: `kith eval` needs no
Python, can filter by confidence and explain its misses from the graph's
evidence; a parity test (`tests/eval.rs`) keeps the two equal on every
evaluation set.
*/

pub mod gap;
mod gold;
mod misses;
mod py;
mod run;
mod score;

use serde::{Deserialize, Serialize};

use crate::text::Date;

pub use gold::{parse_gold, read_gold};
pub use misses::misses;
pub use run::{Run, run};
pub use score::{Comparison, Prf, RelationScores, SYMMETRIC, Scores, compare, norm, score};

/// An entity of a gold document or a prediction: an id the relations refer
/// to, and the names it goes by in the text (the only thing alignment looks
/// at).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalEntity {
    /// Unique within its document.
    pub id: String,
    /// Surface names, as written; compared after [`norm`].
    pub names: Vec<String>,
}

/// A relation between two entities of the same document, by their ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalRelation {
    /// The first end; for `parent`, the parent.
    pub head: String,
    /// The relation type (`spouse`, `parent`, ...); any string is scored,
    /// so gold sets may use types kith does not produce.
    #[serde(rename = "type")]
    pub kind: String,
    /// The second end; for `parent`, the child.
    pub tail: String,
}

/// A gold document: the text kith reads, and the people and relations a
/// careful reader finds in it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// The document id predictions are matched by.
    pub id: String,
    /// The full text.
    pub text: String,
    /// The publication date, which ages are counted from.
    pub date: Option<Date>,
    /// Every person named in the text.
    pub entities: Vec<EvalEntity>,
    /// Every relation the text states or directly implies.
    pub relations: Vec<EvalRelation>,
}

/// A system's output for one document, in the shape of the prediction
/// lines (extra fields such as `"type": "PER"` are not kept).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prediction {
    /// The id of the gold document it answers.
    pub id: String,
    /// The people found.
    pub entities: Vec<EvalEntity>,
    /// The relations found between them.
    pub relations: Vec<EvalRelation>,
}
