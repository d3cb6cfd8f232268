//! Running kith on a gold document: the prediction `kith extract --format
//! eval --jsonl` would write for it, with the graph kept for its evidence.

use crate::export::eval::eval_line;
use crate::graph::{KinGraph, Relation};
use crate::pipeline;
use crate::text::Document;

use super::{EvalRelation, GoldDoc, Prediction};

/// kith's reading of one gold document.
#[derive(Debug, Clone)]
pub struct Run {
    /// The document as kith read it (for its sentences).
    pub document: Document,
    /// The document's graph, whose relations carry confidence and evidence.
    pub graph: KinGraph,
    /// What is scored: the graph's prediction line, less the relations
    /// below the confidence threshold.
    pub prediction: Prediction,
}

impl Run {
    /// The graph relation a predicted relation comes from (matched by the
    /// people's ids and the type), for its confidence and evidence.
    pub fn graph_relation(&self, relation: &EvalRelation) -> Option<&Relation> {
        let id = |node| self.graph.person(node).map_or("", |p| p.id.as_str());
        self.graph.relations_in(self.document.id()).find_map(|r| {
            (id(r.head) == relation.head
                && id(r.tail) == relation.tail
                && r.relation.kind.as_str() == relation.kind)
                .then_some(r.relation)
        })
    }

    /// The display name of a predicted person, by id.
    pub fn person_name(&self, id: &str) -> Option<&str> {
        self.graph.people_of(self.document.id()).find(|(_, p)| p.id == id).map(|(_, p)| p.name.as_str())
    }
}

/// Runs kith on a gold document's text and date, exactly as `kith extract
/// --jsonl` does (same [`Document`], same pipeline, one graph per
/// document), and takes the prediction from [`eval_line`] itself, so what
/// `kith eval` scores is what the exported predictions say.
///
/// With `min_confidence`, relations whose graph confidence is below it are
/// dropped, to trade recall for precision; their people stay.
pub fn run(gold: &GoldDoc, min_confidence: Option<f32>) -> Run {
    let document = Document::new(gold.id.clone(), &gold.text, gold.date);
    let graph = KinGraph::from_extraction(&document, &pipeline::extract(&document));
    // The line is kith's own serialisation of plain strings; if it ever
    // failed to read back, scoring an empty prediction shows it plainly.
    let prediction = serde_json::from_str(&eval_line(&graph, document.id()))
        .unwrap_or_else(|_| Prediction { id: gold.id.clone(), ..Prediction::default() });
    let mut run = Run { document, graph, prediction };
    if let Some(min) = min_confidence {
        let relations = std::mem::take(&mut run.prediction.relations);
        run.prediction.relations = relations
            .into_iter()
            .filter(|r| run.graph_relation(r).is_none_or(|g| g.confidence >= min))
            .collect();
    }
    run
}
