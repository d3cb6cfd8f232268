//! The text stage: raw article text in, a [`Document`] out.
//!
//! Everything later (mentions, coreference, relations) works on the
//! document's sentences and tokens, which are byte spans into one
//! NFC-normalised copy of the input. This stage decides once what a word,
//! a sentence and the publication date are, so the other stages never
//! re-scan characters and always agree on offsets.

mod date;
mod document;
pub mod normalize;
mod sentence;
mod token;

pub use date::{Date, DateError};
pub use document::{Document, Sentence, Token, TokenKind};
