//! `score.py`, line for line: name normalisation, alignment, counting,
//! rounding, and both of its outputs (the table and the JSON object).

use std::collections::{BTreeMap, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::{EvalEntity, EvalRelation, GoldDoc, Prediction, py};

/// The relation types whose direction does not matter: `a spouse b` is
/// `b spouse a`. Every other type (`parent`, and any unknown one) is
/// directed.
pub const SYMMETRIC: [&str; 5] = ["spouse", "partner", "sibling", "relative", "friend"];

/// A name as the scorer compares it: Unicode NFKC, lower-cased, runs of
/// whitespace folded to one space and trimmed, then a leading `"the "` and
/// a trailing `'s` (straight or curly apostrophe) dropped, and trimmed
/// again. "The  Marlow’s" and "marlow" are the same name.
///
/// Whitespace is Python's (which includes U+001C..U+001F), so that every
/// name normalises as `score.py`'s `norm` does.
pub fn norm(name: &str) -> String {
    let lower = name.nfkc().collect::<String>().to_lowercase();
    let mut folded = String::with_capacity(lower.len());
    let mut in_space = false;
    for c in lower.chars() {
        if py::is_space(c) {
            if !in_space {
                folded.push(' ');
            }
            in_space = true;
        } else {
            folded.push(c);
            in_space = false;
        }
    }
    let mut s = py::strip(&folded);
    if let Some(rest) = s.strip_prefix("the ") {
        s = rest;
    }
    if let Some(rest) = s.strip_suffix("'s").or_else(|| s.strip_suffix("\u{2019}s")) {
        s = rest;
    }
    py::strip(s).to_string()
}

/// Precision, recall and F1 with their counts, the values rounded to four
/// decimals as `score.py` rounds them (Python's `round`: exact halves to
/// even).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// tp / (tp + fp), or 0 when nothing was predicted.
    pub p: f64,
    /// tp / (tp + fn), or 0 when there was nothing to find.
    pub r: f64,
    /// The harmonic mean of the unrounded p and r, or 0.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Prf {
    /// The scores of counts, computed with `score.py`'s float operations in
    /// its order so that the rounded values are identical.
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let (p, r, f1) = unrounded(tp, fp, fn_);
        Prf { p: py::round4(p), r: py::round4(r), f1: py::round4(f1), tp, fp, fn_ }
    }

    /// The JSON object `score.py` prints for these counts.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"p\": {}, \"r\": {}, \"f1\": {}, \"tp\": {}, \"fp\": {}, \"fn\": {}}}",
            py::float_repr(self.p),
            py::float_repr(self.r),
            py::float_repr(self.f1),
            self.tp,
            self.fp,
            self.fn_
        )
    }

    /// One row of the table: the label padded to 18 characters, then P, R,
    /// F1 to three decimals and the counts.
    pub fn row(&self, label: &str) -> String {
        format!(
            "{label:18}{:7.3}{:7.3}{:7.3}{:6}{:6}{:6}",
            self.p, self.r, self.f1, self.tp, self.fp, self.fn_
        )
    }
}

/// Unrounded precision, recall and F1 (`score.py`'s `prf` before `round`).
pub(crate) fn unrounded(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let ratio = |num: usize, den: usize| if den == 0 { 0.0 } else { num as f64 / den as f64 };
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    let f1 = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f1)
}

/// Relation scores: micro-averaged over all types, and per type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RelationScores {
    /// All types together.
    pub micro: Prf,
    /// Each type seen in gold or predictions, sorted by name.
    pub per_type: BTreeMap<String, Prf>,
}

/// Everything `score.py` reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// Number of gold documents.
    pub docs: usize,
    /// Person entities: a gold person is found when a predicted entity
    /// aligns with it.
    pub entities: Prf,
    /// Relations.
    pub relations: RelationScores,
}

impl Scores {
    /// Exactly the line `score.py --json` prints (without its newline):
    /// the same keys in the same order, `json.dumps`' separators, floats as
    /// Python's `repr`.
    pub fn to_json(&self) -> String {
        let per_type: Vec<String> = self
            .relations
            .per_type
            .iter()
            .map(|(kind, prf)| format!("{}: {}", py::json_string(kind), prf.to_json()))
            .collect();
        format!(
            "{{\"docs\": {}, \"entities\": {}, \"relations\": {{\"micro\": {}, \"per_type\": {{{}}}}}}}",
            self.docs,
            self.entities.to_json(),
            self.relations.micro.to_json(),
            per_type.join(", ")
        )
    }

    /// Exactly the table `score.py` prints (without the final newline).
    pub fn table(&self) -> String {
        let mut rows: Vec<(String, &Prf)> = vec![("entities (PER)".into(), &self.entities)];
        rows.extend(self.relations.per_type.iter().map(|(kind, prf)| (format!("  {kind}"), prf)));
        rows.push(("relations micro".into(), &self.relations.micro));
        let mut out = vec![
            format!("docs: {}", self.docs),
            format!("{:18}{:>7}{:>7}{:>7}{:>6}{:>6}{:>6}", "", "P", "R", "F1", "tp", "fp", "fn"),
        ];
        for (i, (label, prf)) in rows.iter().enumerate() {
            if i == 1 {
                out.push("relations".into());
            }
            out.push(prf.row(label));
        }
        out.join("\n")
    }
}

/// One end of a relation key: a gold entity (a predicted entity aligned
/// with it counts as it), or a predicted entity that aligned with nobody.
/// Tagged so gold and predicted ids never collide; gold sorts first, as
/// `("g", id) < ("p", id)` in `score.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum End<'a> {
    Gold(&'a str),
    Pred(&'a str),
}

type Key<'a> = (End<'a>, &'a str, End<'a>);

/// Symmetric relations are keyed with the smaller end first, so both
/// directions are one key.
fn rel_key<'a>(head: End<'a>, kind: &'a str, tail: End<'a>) -> Key<'a> {
    if SYMMETRIC.contains(&kind) && tail < head { (tail, kind, head) } else { (head, kind, tail) }
}

/// How one predicted document compares with its gold document: the
/// alignment, the counts, and which entities and relations were right or
/// wrong (for reports of misses).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// For each predicted entity (by position), the position of the gold
    /// entity it aligns with.
    pub alignment: Vec<Option<usize>>,
    /// Positions of the predicted entities that align with no gold entity.
    pub false_positive_people: Vec<usize>,
    /// Positions of the gold entities no predicted entity aligns with.
    pub missed_people: Vec<usize>,
    /// Per relation type: true positives, false positives, false negatives
    /// (distinct relations: duplicates and mirrored symmetric ones count
    /// once).
    pub counts: BTreeMap<String, [usize; 3]>,
    /// Positions of the predicted relations that are right (the first of
    /// each distinct relation).
    pub true_positives: Vec<usize>,
    /// Positions of the predicted relations that are wrong (the first of
    /// each distinct relation).
    pub false_positives: Vec<usize>,
    /// Positions of the gold relations nobody predicted (the first of each
    /// distinct relation).
    pub false_negatives: Vec<usize>,
}

impl Comparison {
    /// Number of aligned (found) gold people.
    pub fn people_found(&self) -> usize {
        self.alignment.iter().flatten().count()
    }
}

/// The distinct normalised names of an entity, without empty ones.
fn name_set(entity: &EvalEntity) -> HashSet<String> {
    entity.names.iter().map(|n| norm(n)).filter(|n| !n.is_empty()).collect()
}

/// `score.py`'s `align`: each predicted entity, in order, picks the gold
/// entity sharing the most names (ties: the longest shared name, in
/// characters; then the earlier gold entity); each gold entity keeps the
/// best of its pickers (ties: the earlier one). A predicted entity that
/// loses its pick aligns with nothing — it does not try its second choice.
fn align(gold: &[EvalEntity], pred: &[EvalEntity]) -> Vec<Option<usize>> {
    let gold_names: Vec<HashSet<String>> = gold.iter().map(name_set).collect();
    // gold position -> (score, predicted position)
    let mut taken: HashMap<usize, ((usize, usize), usize)> = HashMap::new();
    for (pi, entity) in pred.iter().enumerate() {
        let names = name_set(entity);
        let mut choice: Option<((usize, usize), usize)> = None;
        for (gi, gnames) in gold_names.iter().enumerate() {
            let shared: Vec<&String> = names.iter().filter(|n| gnames.contains(*n)).collect();
            let Some(longest) = shared.iter().map(|n| n.chars().count()).max() else { continue };
            let score = (shared.len(), longest);
            if choice.is_none_or(|(best, _)| score > best) {
                choice = Some((score, gi));
            }
        }
        if let Some((score, gi)) = choice {
            if taken.get(&gi).is_none_or(|&(held, _)| score > held) {
                taken.insert(gi, (score, pi));
            }
        }
    }
    let mut alignment = vec![None; pred.len()];
    for (gi, (_, pi)) in taken {
        alignment[pi] = Some(gi);
    }
    alignment
}

/// Compares one prediction (`None`: the document was not predicted, which
/// counts as empty) with its gold document, as `score.py` does.
pub fn compare(gold: &GoldDoc, pred: Option<&Prediction>) -> Comparison {
    let empty = Prediction::default();
    let pred = pred.unwrap_or(&empty);
    let alignment = align(&gold.entities, &pred.entities);
    let mut found = vec![false; gold.entities.len()];
    for &gi in alignment.iter().flatten() {
        found[gi] = true;
    }
    let false_positive_people = (0..pred.entities.len()).filter(|&i| alignment[i].is_none()).collect();
    let missed_people = (0..gold.entities.len()).filter(|&i| !found[i]).collect();

    let pred_end: HashMap<&str, End> = pred
        .entities
        .iter()
        .zip(&alignment)
        .map(|(e, g)| (e.id.as_str(), g.map_or(End::Pred(&e.id), |gi| End::Gold(&gold.entities[gi].id))))
        .collect();
    let end_of = |id| pred_end.get(id).copied().unwrap_or(End::Pred(id));
    let mut gold_keys: HashMap<Key, usize> = HashMap::new();
    let mut gold_order = Vec::new();
    for (i, r) in gold.relations.iter().enumerate() {
        let key = rel_key(End::Gold(&r.head), &r.kind, End::Gold(&r.tail));
        if let std::collections::hash_map::Entry::Vacant(slot) = gold_keys.entry(key) {
            slot.insert(i);
            gold_order.push(key);
        }
    }
    let mut comparison =
        Comparison { alignment, false_positive_people, missed_people, ..Comparison::default() };
    let mut seen: HashSet<Key> = HashSet::new();
    for (i, r) in pred.relations.iter().enumerate() {
        let key = rel_key(end_of(r.head.as_str()), &r.kind, end_of(r.tail.as_str()));
        if !seen.insert(key) {
            continue;
        }
        let counts = comparison.counts.entry(r.kind.clone()).or_default();
        if gold_keys.contains_key(&key) {
            counts[0] += 1;
            comparison.true_positives.push(i);
        } else {
            counts[1] += 1;
            comparison.false_positives.push(i);
        }
    }
    for key in gold_order {
        if !seen.contains(&key) {
            comparison.counts.entry(key.1.to_string()).or_default()[2] += 1;
            comparison.false_negatives.push(gold_keys[&key]);
        }
    }
    comparison
}

/// Scores predictions against gold documents exactly as `score.py` does.
///
/// Predictions are matched to gold documents by id; a gold document
/// without a prediction counts as empty, and predictions of documents not
/// in the gold set are ignored (`score.py` warns about them; so does
/// nothing here, since the caller has both lists). Ids are expected to be
/// unique, as the readers guarantee; of repeated prediction ids the first
/// is used.
pub fn score(gold: &[GoldDoc], pred: &[Prediction]) -> Scores {
    let mut by_id: HashMap<&str, &Prediction> = HashMap::new();
    for p in pred {
        by_id.entry(p.id.as_str()).or_insert(p);
    }
    let mut entities = [0usize; 3];
    let mut per_type: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for doc in gold {
        let prediction = by_id.get(doc.id.as_str()).copied();
        let comparison = compare(doc, prediction);
        let aligned = comparison.people_found();
        entities[0] += aligned;
        entities[1] += prediction.map_or(0, |p| p.entities.len()) - aligned;
        entities[2] += doc.entities.len() - aligned;
        for (kind, counts) in comparison.counts {
            let total = per_type.entry(kind).or_default();
            for (t, c) in total.iter_mut().zip(counts) {
                *t += c;
            }
        }
    }
    let micro = per_type.values().fold([0; 3], |acc, c| [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2]]);
    Scores {
        docs: gold.len(),
        entities: Prf::new(entities[0], entities[1], entities[2]),
        relations: RelationScores {
            micro: Prf::new(micro[0], micro[1], micro[2]),
            per_type: per_type
                .into_iter()
                .map(|(kind, [tp, fp, fn_])| (kind, Prf::new(tp, fp, fn_)))
                .collect(),
        },
    }
}

/// Relation constructors for tests and for callers building predictions
/// by hand.
impl EvalRelation {
    /// A relation `head kind tail`.
    pub fn new(head: &str, kind: &str, tail: &str) -> EvalRelation {
        EvalRelation { head: head.into(), kind: kind.into(), tail: tail.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities `e0`, `e1`, ... with the given names, as `score.py`'s
    /// self-test builds them.
    fn entities(names: &[&[&str]]) -> Vec<EvalEntity> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| EvalEntity {
                id: format!("e{i}"),
                names: n.iter().map(|s| s.to_string()).collect(),
            })
            .collect()
    }

    fn relations(rels: &[(&str, &str, &str)]) -> Vec<EvalRelation> {
        rels.iter().map(|(h, k, t)| EvalRelation::new(h, k, t)).collect()
    }

    fn gold(names: &[&[&str]], rels: &[(&str, &str, &str)]) -> GoldDoc {
        GoldDoc {
            id: "d1".into(),
            text: String::new(),
            date: None,
            entities: entities(names),
            relations: relations(rels),
        }
    }

    fn pred(names: &[&[&str]], rels: &[(&str, &str, &str)]) -> Prediction {
        Prediction { id: "d1".into(), entities: entities(names), relations: relations(rels) }
    }

    const MARLOW: &[&str] = &["Sophie Marlow", "Marlow"];
    const DELGADO: &[&str] = &["Luke Delgado", "Delgado"];
    const THEO: &[&str] = &["Theo"];

    fn self_test_gold() -> Vec<GoldDoc> {
        vec![gold(
            &[MARLOW, DELGADO, THEO],
            &[("e0", "spouse", "e1"), ("e1", "parent", "e2"), ("e0", "parent", "e2")],
        )]
    }

    #[test]
    fn self_test_surnames_symmetry_direction_and_duplicates() {
        // Surname-only names align; spouse is symmetric; a reversed parent
        // is wrong; duplicates (incl. the mirrored symmetric one) count once.
        let p = pred(
            &[&["marlow's"], &["DELGADO"], &["the  Theo"]],
            &[
                ("e1", "spouse", "e0"),
                ("e0", "spouse", "e1"),
                ("e0", "spouse", "e1"),
                ("e1", "parent", "e2"),
                ("e2", "parent", "e0"),
            ],
        );
        let res = score(&self_test_gold(), &[p]);
        assert_eq!(res.entities, Prf::new(3, 0, 0));
        assert_eq!(res.relations.per_type["spouse"], Prf::new(1, 0, 0));
        assert_eq!(res.relations.per_type["parent"], Prf::new(1, 1, 1));
        assert_eq!(res.relations.micro, Prf { p: 0.6667, r: 0.6667, f1: 0.6667, tp: 2, fp: 1, fn_: 1 });
    }

    #[test]
    fn self_test_two_predictions_for_one_person() {
        // The better one aligns, the other is a false positive, and a
        // relation on the loser does not count.
        let p = pred(
            &[&["Marlow"], &["Sophie Marlow", "Marlow"], &["Luke Delgado"], &["Nora"]],
            &[("e0", "spouse", "e2"), ("e1", "friend", "e3")],
        );
        let res = score(&self_test_gold(), &[p]);
        assert_eq!(res.entities, Prf::new(2, 2, 1));
        assert_eq!(res.relations.per_type["spouse"], Prf::new(0, 1, 1));
        assert_eq!(res.relations.per_type["friend"], Prf::new(0, 1, 0));
        assert_eq!(res.relations.micro, Prf::new(0, 2, 3));
    }

    #[test]
    fn self_test_missing_document_counts_as_empty() {
        let res = score(&self_test_gold(), &[]);
        assert_eq!(res.entities, Prf::new(0, 0, 3));
        assert_eq!(res.relations.micro, Prf::new(0, 0, 3));
        assert_eq!(res.docs, 1);
    }

    #[test]
    fn self_test_normalisation() {
        assert_eq!(norm("The  Marlow\u{2019}s"), "marlow");
        assert_eq!(norm("\u{ff2d}arlow"), "marlow");
        assert_eq!(norm("  the\u{1c}Ann  "), "ann");
        assert_eq!(norm("the 's"), "");
        assert_eq!(norm("The"), "the");
    }

    #[test]
    fn alignment_ties() {
        // Same number of shared names: the longer shared name wins.
        let g = gold(&[&["Ann", "X"], &["Ann Lee", "Y"]], &[]);
        let c = compare(&g, Some(&pred(&[&["Ann", "Ann Lee"]], &[])));
        assert_eq!(c.alignment, [Some(1)]);
        // More shared names beat a longer one.
        let g = gold(&[&["Ann Lee"], &["Ann", "Lee"]], &[]);
        let c = compare(&g, Some(&pred(&[&["Ann", "Lee", "Ann Lee"]], &[])));
        assert_eq!(c.alignment, [Some(1)]);
        // A full tie goes to the earlier gold entity.
        let g = gold(&[&["Ann"], &["Ann"]], &[]);
        let c = compare(&g, Some(&pred(&[&["Ann"]], &[])));
        assert_eq!(c.alignment, [Some(0)]);
        // Two pickers tie for one gold entity: the earlier keeps it, the
        // later does not fall back to its second choice.
        let g = gold(&[&["Ann Lee", "Lee"], &["Lee"]], &[]);
        let c = compare(&g, Some(&pred(&[&["Lee"], &["Lee"]], &[])));
        assert_eq!(c.alignment, [Some(0), None]);
        assert_eq!(c.missed_people, [1]);
        // A better later picker displaces an earlier one.
        let c = compare(&g, Some(&pred(&[&["Lee"], &["Ann Lee", "Lee"]], &[])));
        assert_eq!(c.alignment, [None, Some(0)]);
        // Length is in characters, not bytes: "Zoë" (3) loses to "Anna" (4).
        let g = gold(&[&["Zoë", "X"], &["Anna", "Y"]], &[]);
        let c = compare(&g, Some(&pred(&[&["Zoë", "Anna"]], &[])));
        assert_eq!(c.alignment, [Some(1)]);
    }

    #[test]
    fn unknown_types_are_directed_and_reported() {
        let g = gold(&[&["A"], &["B"]], &[("e0", "mentor", "e1")]);
        let res = score(&[g], &[pred(&[&["A"], &["B"]], &[("e1", "mentor", "e0")])]);
        assert_eq!(res.relations.per_type["mentor"], Prf::new(0, 1, 1));
    }

    #[test]
    fn json_and_table_are_score_pys() {
        let p = pred(&[&["Marlow"], &["Luke Delgado"]], &[("e0", "spouse", "e1")]);
        let res = score(&self_test_gold(), &[p]);
        assert_eq!(
            res.to_json(),
            "{\"docs\": 1, \"entities\": {\"p\": 1.0, \"r\": 0.6667, \"f1\": 0.8, \"tp\": 2, \"fp\": 0, \"fn\": 1}, \
             \"relations\": {\"micro\": {\"p\": 1.0, \"r\": 0.3333, \"f1\": 0.5, \"tp\": 1, \"fp\": 0, \"fn\": 2}, \
             \"per_type\": {\"parent\": {\"p\": 0.0, \"r\": 0.0, \"f1\": 0.0, \"tp\": 0, \"fp\": 0, \"fn\": 2}, \
             \"spouse\": {\"p\": 1.0, \"r\": 1.0, \"f1\": 1.0, \"tp\": 1, \"fp\": 0, \"fn\": 0}}}}"
        );
        let table = res.table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "docs: 1");
        assert_eq!(lines[1], "                        P      R     F1    tp    fp    fn");
        assert_eq!(lines[2], "entities (PER)      1.000  0.667  0.800     2     0     1");
        assert_eq!(lines[3], "relations");
        assert_eq!(lines[4], "  parent            0.000  0.000  0.000     0     0     2");
        assert_eq!(lines[6], "relations micro     1.000  0.333  0.500     1     0     2");
        let empty = score(&[], &[]);
        assert_eq!(empty.table().lines().nth(3), Some("relations"));
        assert!(empty.to_json().ends_with("\"per_type\": {}}}"));
    }
}
