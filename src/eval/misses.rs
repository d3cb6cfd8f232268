//! What kith got wrong, document by document, with the sentences a rule
//! writer needs: each false positive with the evidence and rule behind it,
//! each missed relation with the sentences that mention both people.

use std::collections::HashMap;
use std::fmt::Write;

use super::{GoldDoc, Run, compare};

/// The misses report (`kith eval --misses`): per document with any miss,
/// the false-positive and missed people, then every false-positive
/// relation with its evidence sentences and rules, then every missed
/// relation with the sentences in which both people are named (by any of
/// their gold names, ignoring case, as whole words) or "never mentioned
/// together". Runs are matched to gold documents by id; a gold document
/// without a run counts as predicted empty.
pub fn misses(gold: &[GoldDoc], runs: &[Run]) -> String {
    let by_id: HashMap<&str, &Run> = runs.iter().map(|r| (r.prediction.id.as_str(), r)).collect();
    let mut out = String::new();
    for doc in gold {
        let run = by_id.get(doc.id.as_str()).copied();
        let section = document_misses(doc, run);
        if !section.is_empty() {
            let _ = write!(out, "\n{}\n", doc.id);
            out.push_str(&section);
        }
    }
    if out.is_empty() { "misses: none\n".to_string() } else { format!("misses\n{out}") }
}

fn document_misses(doc: &GoldDoc, run: Option<&Run>) -> String {
    let comparison = compare(doc, run.map(|r| &r.prediction));
    let mut out = String::new();
    let gold_name = |i: usize| {
        let e = &doc.entities[i];
        format!("{} ({})", e.names.first().map_or("?", String::as_str), e.id)
    };
    if let Some(run) = run {
        let pred = &run.prediction;
        let pred_index: HashMap<&str, usize> =
            pred.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        // A predicted end, with the gold person it aligns with.
        let pred_end = |id: &str| {
            let name = run.person_name(id).unwrap_or(id);
            match pred_index.get(id).and_then(|&i| comparison.alignment[i]) {
                Some(g) => format!("{name} ({id} = {})", doc.entities[g].id),
                None => format!("{name} ({id}, not a gold person)"),
            }
        };
        if !comparison.false_positive_people.is_empty() {
            let people: Vec<String> = comparison
                .false_positive_people
                .iter()
                .map(|&i| {
                    let e = &pred.entities[i];
                    format!("{} ({})", e.names.first().map_or("?", String::as_str), e.id)
                })
                .collect();
            let _ = writeln!(out, "  false positive people: {}", people.join("; "));
        }
        if !comparison.missed_people.is_empty() {
            let people: Vec<String> = comparison.missed_people.iter().map(|&i| gold_name(i)).collect();
            let _ = writeln!(out, "  missed people: {}", people.join("; "));
        }
        for &i in &comparison.false_positives {
            let r = &pred.relations[i];
            let _ = writeln!(out, "  false positive: {} {} {}", pred_end(&r.head), r.kind, pred_end(&r.tail));
            match run.graph_relation(r) {
                Some(relation) => {
                    for e in &relation.evidence {
                        let _ = writeln!(
                            out,
                            "    [{} {:.2}] {}",
                            e.rule(),
                            e.confidence(),
                            e.sentence_text().trim()
                        );
                    }
                }
                None => out.push_str("    (no evidence)\n"),
            }
        }
    } else if !comparison.missed_people.is_empty() {
        let people: Vec<String> = comparison.missed_people.iter().map(|&i| gold_name(i)).collect();
        let _ = writeln!(out, "  missed people: {}", people.join("; "));
    }
    let index: HashMap<&str, usize> =
        doc.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let sentences = sentences_of(doc, run);
    for &i in &comparison.false_negatives {
        let r = &doc.relations[i];
        let (Some(&h), Some(&t)) = (index.get(r.head.as_str()), index.get(r.tail.as_str())) else { continue };
        let _ = writeln!(out, "  missed: {} {} {}", gold_name(h), r.kind, gold_name(t));
        let together: Vec<&str> = sentences
            .iter()
            .filter(|s| names_any(s, &doc.entities[h].names) && names_any(s, &doc.entities[t].names))
            .map(|s| s.trim())
            .collect();
        if together.is_empty() {
            out.push_str("    never mentioned together\n");
        }
        for s in together {
            let _ = writeln!(out, "    | {s}");
        }
    }
    out
}

/// The document's sentences as kith split them (from the run, or split
/// afresh for a document kith did not run on).
fn sentences_of(doc: &GoldDoc, run: Option<&Run>) -> Vec<String> {
    let fresh;
    let document = match run {
        Some(run) => &run.document,
        None => {
            fresh = crate::text::Document::new(doc.id.clone(), &doc.text, doc.date);
            &fresh
        }
    };
    document.sentences().iter().map(|s| document.span_text(s.span).to_string()).collect()
}

/// True when `sentence` contains one of `names` as whole words, ignoring
/// case ("Ann" is in "Ann's son" but not in "Annual").
fn names_any(sentence: &str, names: &[String]) -> bool {
    let haystack = sentence.to_lowercase();
    names.iter().any(|name| {
        let needle = name.trim().to_lowercase();
        !needle.is_empty()
            && haystack.match_indices(&needle).any(|(at, _)| {
                let before = haystack[..at].chars().next_back();
                let after = haystack[at + needle.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{EvalEntity, EvalRelation, run};

    fn entity(id: &str, names: &[&str]) -> EvalEntity {
        EvalEntity { id: id.into(), names: names.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn names_match_whole_words_ignoring_case() {
        let names = ["Ann Lee".to_string(), "Lee".to_string()];
        assert!(names_any("Then ANN LEE's son spoke.", &names));
        assert!(names_any("lee spoke.", &names));
        assert!(!names_any("Leeward islands, annual report.", &names));
    }

    #[test]
    fn reports_false_positives_with_evidence_and_misses_with_sentences() {
        let gold = GoldDoc {
            id: "made-up".into(),
            text: "Ivo Brandt, 40, married Mia Torres in 2010. Mia Torres and Ivo Brandt have a son, Leo. \
                   Ivo Brandt thanked his friend Tom Okafor."
                .into(),
            date: None,
            entities: vec![
                entity("e0", &["Ivo Brandt"]),
                entity("e1", &["Mia Torres"]),
                entity("e2", &["Leo"]),
                entity("e3", &["Zed Quill"]),
            ],
            relations: vec![
                EvalRelation::new("e0", "sibling", "e1"),
                EvalRelation::new("e1", "parent", "e3"),
            ],
        };
        let runs = [run(&gold, None)];
        let report = misses(std::slice::from_ref(&gold), &runs);
        assert!(report.starts_with("misses\n\nmade-up\n"), "{report}");
        assert!(
            report.contains("  missed: Ivo Brandt (e0) sibling Mia Torres (e1)\n    | Ivo Brandt, 40,"),
            "{report}"
        );
        assert!(
            report.contains("  missed: Mia Torres (e1) parent Zed Quill (e3)\n    never mentioned together")
        );
        assert!(report.contains("missed people: Zed Quill (e3)"), "{report}");
        // The spouse kith finds is a false positive here, with its rule.
        assert!(report.contains("  false positive: "), "{report}");
        assert!(report.contains("spouse"), "{report}");
        assert!(report.contains("    ["), "{report}");
    }

    #[test]
    fn no_misses_says_so() {
        let gold =
            GoldDoc { id: "x".into(), text: String::new(), date: None, entities: vec![], relations: vec![] };
        assert_eq!(misses(std::slice::from_ref(&gold), &[run(&gold, None)]), "misses: none\n");
    }
}
