//! The extraction pipeline for one document: mentions → coreference →
//! facts. Each stage is a pure function of the previous stage's output.

use crate::fact::Extraction;
use crate::text::Document;
use crate::{coref, mention, relation};

/// Extracts people, relations and attributes from one document.
///
/// Never panics, whatever the text; an empty text gives an empty extraction.
pub fn extract(doc: &Document) -> Extraction {
    let mentions = mention::find(doc);
    let coreference = coref::resolve(doc, &mentions);
    relation::extract(doc, &mentions, &coreference)
}
