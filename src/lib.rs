//! kith reads news articles and builds a relationship graph of the people
//! in them, with the evidence for every fact.
//!
//! Data flows one way, one module per stage:
//!
//! ```text
//! text ──▶ Document (sentences, tokens: byte spans)         text
//!      ──▶ Mentions (names, pronouns, descriptions, kin)      mention
//!      ──▶ Coreference (mentions → people)                    coref
//!      ──▶ Extraction (relations + attributes, with Evidence) relation
//!      ──▶ KinGraph (petgraph)                                graph
//!      ──▶ JSON / DOT / eval / text                           export
//! ```
//!
//! Word lists are data (`data/*.tsv`, see [`lexicon`]); every extraction
//! rule has a name that appears in the evidence of the facts it produces.
//!
//! ```
//! use kith::text::Document;
//! let doc = Document::new("example", "Jane Smith, 52, married Tom Brown in 2010.", None);
//! let facts = kith::pipeline::extract(&doc);
//! assert_eq!(facts.people.len(), 2);
//! assert_eq!(facts.relations[0].kind, kith::fact::RelationKind::Spouse);
//! ```
#![deny(missing_docs)]

pub use error::Error;

pub mod coref;
pub mod error;
pub mod eval;
pub mod export;
pub mod fact;
pub mod graph;
pub mod input;
pub mod lexicon;
pub mod mention;
pub mod pipeline;
pub mod relation;
pub mod span;
pub mod text;
