/*!
The statements behind facts ([`GraphEvidence`]), stored so that values
repeated across statements are kept once.

A graph of a million people holds about four million statements, and as
separate strings they were most of its memory: each carried its own copy of
the document id, the sentence, the trigger words, the term and the rule. Here
every statement of a document points at one record of the document's id and
date ([`Source`]), every statement read the same way (rule, term, qualifiers)
at one record of that ([`Reading`]: a few hundred serve millions of
statements), statements quoting the same sentence share one copy of it, and
the trigger words are kept as a range of the sentence when they lie in it (as
they do whenever kith extracts them). That takes a statement from about 450
bytes of heap to 80 plus its sentence; the binary reader also packs the
sentences it reads into shared blocks ([`Quote`]), which saves the
allocator's overhead on each of millions of sentences.

Sharing is done by an [`Interner`] for one batch of statements: one document
being added ([`Quoter`]), or one file being read. It never changes what a
statement says: equality, the JSON form and the accessors are as if every
value were its own string.
*/

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde::de::Deserializer;
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::normalize_confidence;
use crate::fact::{Evidence, Qualifier, RelationFact};
use crate::text::{Date, Document};

/// Where a fact comes from, copied out of its document so that the graph
/// alone can justify every fact.
///
/// Read through its methods; repeated values (document, sentence, rule,
/// term) are shared between statements rather than copied (see the module
/// documentation of `graph::evidence`), which is what lets a graph of
/// millions of statements fit in memory. Offsets are kept as 32-bit numbers:
/// an article of more than 4 GiB would saturate them.
#[derive(Clone)]
pub struct GraphEvidence {
    // Visible to the graph module for the binary file, which writes the
    // shared values once and makes statements from them directly.
    pub(super) source: Arc<Source>,
    pub(super) sentence_text: Quote,
    pub(super) words: Words,
    pub(super) reading: Arc<Reading>,
    pub(super) sentence: u32,
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) confidence: f32,
}

/// A document id with the document's date: what every statement of the
/// document shares.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Source {
    pub(crate) document: Box<str>,
    pub(crate) date: Option<Date>,
}

/// How a statement was read: its rule, and for a relation its term and
/// qualifiers.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Reading {
    pub(crate) rule: Box<str>,
    pub(crate) term: Option<Box<str>>,
    pub(crate) qualifiers: Box<[Qualifier]>,
}

/// A sentence: the whole of a shared string, or a range of a block of
/// sentences (the binary reader puts the sentences it reads into blocks of
/// about 64 KiB: one allocation per block instead of one per sentence,
/// and no allocator overhead per sentence, for millions of them).
#[derive(Clone)]
pub(crate) struct Quote {
    pub(crate) block: Arc<str>,
    pub(crate) at: u32,
    pub(crate) len: u32,
}

impl Quote {
    /// All of `text`.
    pub(crate) fn whole(text: Arc<str>) -> Quote {
        let len = narrow(text.len());
        Quote { block: text, at: 0, len }
    }

    /// `block[at..at + len]`, which must be a range of it on character
    /// boundaries.
    pub(crate) fn within(block: Arc<str>, at: usize, len: usize) -> Option<Quote> {
        block.get(at..at + len)?;
        Some(Quote { block, at: u32::try_from(at).ok()?, len: u32::try_from(len).ok()? })
    }

    pub(crate) fn as_str(&self) -> &str {
        // Checked when made; empty rather than a panic.
        self.block.get(self.at as usize..self.at as usize + self.len as usize).unwrap_or_default()
    }

    /// True when the quote is all of its block: then the block's reference
    /// count tells whether other statements share it.
    pub(crate) fn is_whole(&self) -> bool {
        self.at == 0 && self.len as usize == self.block.len()
    }
}

/// The trigger words: a range of the sentence, or their own text when the
/// sentence does not contain them (a hand-edited file, a bad span).
#[derive(Clone)]
pub(crate) enum Words {
    /// `sentence_text[offset..offset + len]`.
    Within {
        offset: u32,
        len: u32,
    },
    Own(Arc<str>),
}

/// A number that fits in 32 bits, or `u32::MAX` (see [`GraphEvidence`]).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl GraphEvidence {
    /// Copies an extraction's evidence out of its document.
    ///
    /// Spans outside the text (or off character boundaries) give empty
    /// strings rather than a panic: a bug upstream must not lose the graph.
    /// Statements made this way share nothing; [`KinGraph`](super::KinGraph)
    /// and [`GraphBuilder`](super::GraphBuilder) share the values of a
    /// document's statements.
    pub fn new(doc: &Document, evidence: &Evidence) -> GraphEvidence {
        Quoter::new(doc).evidence(evidence)
    }

    /// Copies a relation fact's evidence, with the fact's own term and
    /// qualifiers.
    pub fn for_relation(doc: &Document, fact: &RelationFact) -> GraphEvidence {
        Quoter::new(doc).relation_evidence(fact)
    }

    /// Id of the document.
    pub fn document(&self) -> &str {
        &self.source.document
    }

    /// The document's publication date.
    pub fn date(&self) -> Option<Date> {
        self.source.date
    }

    /// Index of the sentence in the document.
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// The whole sentence, as written.
    pub fn sentence_text(&self) -> &str {
        self.sentence_text.as_str()
    }

    /// Byte offset of the trigger words in the document text.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the trigger words.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The trigger words ("late husband", "his wife, Grace").
    pub fn text(&self) -> &str {
        match &self.words {
            Words::Within { offset, len } => {
                let (from, to) = (*offset as usize, *offset as usize + *len as usize);
                // Checked when the range was made; empty rather than a panic.
                self.sentence_text().get(from..to).unwrap_or_default()
            }
            Words::Own(text) => text,
        }
    }

    /// For a relation, the kinship word of this one statement ("ex-wife"),
    /// so a change between articles can be shown; `None` for attributes.
    pub fn term(&self) -> Option<&str> {
        self.reading.term.as_deref()
    }

    /// For a relation, the qualifiers of this one statement (`former` in
    /// one article, none in an earlier one); empty for attributes.
    pub fn qualifiers(&self) -> &[Qualifier] {
        &self.reading.qualifiers
    }

    /// The extraction rule, to trace a fact to its code and tests.
    pub fn rule(&self) -> &str {
        &self.reading.rule
    }

    /// The rule's confidence in this one reading.
    pub fn confidence(&self) -> f32 {
        self.confidence
    }

    /// Order of evidence within a fact: by document, then by position.
    pub(crate) fn sort_key(&self) -> (&str, usize, usize, usize, &str) {
        (self.document(), self.sentence(), self.start(), self.end(), self.rule())
    }
}

impl PartialEq for GraphEvidence {
    /// Equal when they say the same, however the values are shared.
    fn eq(&self, other: &GraphEvidence) -> bool {
        self.document() == other.document()
            && self.date() == other.date()
            && self.sentence == other.sentence
            && self.start == other.start
            && self.end == other.end
            && self.confidence == other.confidence
            && self.rule() == other.rule()
            && self.term() == other.term()
            && self.qualifiers() == other.qualifiers()
            && self.text() == other.text()
            && self.sentence_text() == other.sentence_text()
    }
}

impl fmt::Debug for GraphEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphEvidence")
            .field("document", &self.document())
            .field("date", &self.date())
            .field("sentence", &self.sentence)
            .field("sentence_text", &self.sentence_text())
            .field("start", &self.start)
            .field("end", &self.end)
            .field("text", &self.text())
            .field("term", &self.term())
            .field("qualifiers", &self.qualifiers())
            .field("rule", &self.rule())
            .field("confidence", &self.confidence)
            .finish()
    }
}

impl Serialize for GraphEvidence {
    /// The JSON object of `docs/graph-json.md`: every value written out,
    /// `term` and `qualifiers` left out when there are none.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = 9 + usize::from(self.term().is_some()) + usize::from(!self.qualifiers().is_empty());
        let mut s = serializer.serialize_struct("GraphEvidence", fields)?;
        s.serialize_field("document", self.document())?;
        s.serialize_field("date", &self.date())?;
        s.serialize_field("sentence", &self.sentence)?;
        s.serialize_field("sentence_text", self.sentence_text())?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("text", self.text())?;
        if let Some(term) = self.term() {
            s.serialize_field("term", term)?;
        }
        if !self.qualifiers().is_empty() {
            s.serialize_field("qualifiers", self.qualifiers())?;
        }
        s.serialize_field("rule", self.rule())?;
        s.serialize_field("confidence", &self.confidence)?;
        s.end()
    }
}

/// An evidence object as JSON has it, strings borrowed from the input
/// when they need no unescaping.
#[derive(Deserialize)]
struct EvidenceIn<'a> {
    #[serde(borrow)]
    document: Cow<'a, str>,
    date: Option<Date>,
    sentence: u32,
    #[serde(borrow)]
    sentence_text: Cow<'a, str>,
    start: u32,
    end: u32,
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    term: Option<Cow<'a, str>>,
    #[serde(default)]
    qualifiers: Vec<Qualifier>,
    #[serde(borrow)]
    rule: Cow<'a, str>,
    confidence: f32,
}

thread_local! {
    /// The interner of the file being read on this thread, if any (see
    /// [`with_interner`]): serde gives `Deserialize` no other way to reach it.
    static READING: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

/// Runs `read` with an interner that every [`GraphEvidence`] deserialized
/// on this thread meanwhile shares its values through, so that a file's
/// statements come out as shared as a built graph's. Nested calls share
/// the outer interner.
pub(crate) fn with_interner<T>(read: impl FnOnce() -> T) -> T {
    let outer = READING.with(|r| r.borrow().is_some());
    if outer {
        return read();
    }
    READING.with(|r| *r.borrow_mut() = Some(Interner::default()));
    // Cleared on the way out even if `read` panics, so a later read on the
    // thread does not see this file's values.
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            READING.with(|r| r.borrow_mut().take());
        }
    }
    let _clear = Clear;
    read()
}

/// Shares a string through the reading interner when there is one.
pub(crate) fn intern_reading(text: &str) -> Arc<str> {
    READING.with(|r| match r.borrow_mut().as_mut() {
        Some(interner) => interner.string(text),
        None => Arc::from(text),
    })
}

impl<'de> Deserialize<'de> for GraphEvidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<GraphEvidence, D::Error> {
        let e = EvidenceIn::deserialize(deserializer)?;
        let make = |interner: &mut Interner| {
            let source = interner.source(&e.document, e.date);
            let sentence_text = Quote::whole(interner.sentence(&source, e.sentence, &e.sentence_text));
            let words = Words::find(sentence_text.as_str(), &e.text, None);
            GraphEvidence {
                sentence_text,
                words,
                reading: interner.reading(&e.rule, e.term.as_deref(), &e.qualifiers),
                sentence: e.sentence,
                start: e.start,
                end: e.end,
                confidence: e.confidence,
                source,
            }
        };
        Ok(READING.with(|r| match r.borrow_mut().as_mut() {
            Some(interner) => make(interner),
            None => make(&mut Interner::default()),
        }))
    }
}

impl Words {
    /// The words as a range of the sentence when they are in it: at `hint`
    /// (their offset in the sentence, when known) or wherever they first
    /// occur.
    pub(crate) fn find(sentence: &str, text: &str, hint: Option<usize>) -> Words {
        let within = |offset: usize| Words::Within { offset: narrow(offset), len: narrow(text.len()) };
        if let Some(offset) = hint
            && sentence.get(offset..offset + text.len()) == Some(text)
        {
            return within(offset);
        }
        match sentence.find(text) {
            Some(offset) if u32::try_from(offset + text.len()).is_ok() => within(offset),
            _ => Words::Own(Arc::from(text)),
        }
    }
}

/// Most sentences the interner remembers (see [`Interner::sentence`]).
const SENTENCES_REMEMBERED: usize = 1 << 14;

/// Shares equal values between statements: one [`Source`] per document and
/// date, one [`Reading`] per way of reading, one string per sentence of a
/// document, one per term of a relation.
#[derive(Default)]
pub(crate) struct Interner {
    strings: HashSet<Arc<str>, Quick>,
    /// By a hash of their parts, so that looking one up allocates nothing.
    readings: HashMap<u64, Vec<Arc<Reading>>, Quick>,
    sources: HashMap<Box<str>, Vec<Arc<Source>>, Quick>,
    /// The last source asked for: statements come in runs of one document.
    last: Option<Arc<Source>>,
    /// Sentence texts by (source, sentence index). Bounded: statements of
    /// one sentence come close together (a document's facts are added
    /// together), and a table of every sentence of a large file would cost
    /// more than it saves when they do not repeat.
    sentences: HashMap<(usize, u32), Arc<str>, Quick>,
}

/// The interner's hash: a multiply-and-rotate over 8 bytes at a time
/// (FxHash's). Reading a JSON graph looks up every statement's source,
/// reading and sentence, millions of times, and std's SipHash took a sixth
/// of the load; flooding is not a concern for one's own graph file.
type Quick = std::hash::BuildHasherDefault<QuickHasher>;

#[derive(Default)]
pub(crate) struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl QuickHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Interner {
    /// The shared copy of a rule, term or other short string.
    pub(crate) fn string(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.strings.get(text) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(text);
        self.strings.insert(Arc::clone(&shared));
        shared
    }

    /// The shared record of a rule, term and qualifiers.
    pub(crate) fn reading(
        &mut self,
        rule: &str,
        term: Option<&str>,
        qualifiers: &[Qualifier],
    ) -> Arc<Reading> {
        let mut hasher = QuickHasher::default();
        (rule, term, qualifiers).hash(&mut hasher);
        let same = self.readings.entry(hasher.finish()).or_default();
        let found = same
            .iter()
            .find(|r| &*r.rule == rule && r.term.as_deref() == term && &*r.qualifiers == qualifiers);
        if let Some(shared) = found {
            return Arc::clone(shared);
        }
        let shared = Arc::new(Reading {
            rule: Box::from(rule),
            term: term.map(Box::from),
            qualifiers: Box::from(qualifiers),
        });
        same.push(Arc::clone(&shared));
        shared
    }

    /// The shared record of a document id and date.
    pub(crate) fn source(&mut self, document: &str, date: Option<Date>) -> Arc<Source> {
        if let Some(last) = &self.last
            && &*last.document == document
            && last.date == date
        {
            return Arc::clone(last);
        }
        let same = self.sources.entry(Box::from(document)).or_default();
        let source = match same.iter().find(|s| s.date == date) {
            Some(source) => Arc::clone(source),
            None => {
                let source = Arc::new(Source { document: Box::from(document), date });
                same.push(Arc::clone(&source));
                source
            }
        };
        self.last = Some(Arc::clone(&source));
        source
    }

    /// The shared copy of sentence `index` of a source, when the text is the
    /// one remembered for it.
    pub(crate) fn sentence(&mut self, source: &Arc<Source>, index: u32, text: &str) -> Arc<str> {
        let key = (Arc::as_ptr(source) as usize, index);
        if let Some(shared) = self.sentences.get(&key)
            && &**shared == text
        {
            return Arc::clone(shared);
        }
        if self.sentences.len() >= SENTENCES_REMEMBERED {
            self.sentences.clear();
        }
        let shared: Arc<str> = Arc::from(text);
        self.sentences.insert(key, Arc::clone(&shared));
        shared
    }
}

/// Makes the statements of one document, sharing its id, date, sentences,
/// rules and terms among them.
pub(crate) struct Quoter<'d> {
    doc: &'d Document,
    /// The document's id, for the people it mentions.
    id: Arc<str>,
    source: Arc<Source>,
    sentences: HashMap<usize, Arc<str>>,
    interner: Interner,
}

impl<'d> Quoter<'d> {
    pub(crate) fn new(doc: &'d Document) -> Quoter<'d> {
        let source = Arc::new(Source { document: Box::from(doc.id()), date: doc.date() });
        Quoter {
            doc,
            id: Arc::from(doc.id()),
            source,
            sentences: HashMap::new(),
            interner: Interner::default(),
        }
    }

    /// The document's id, shared by the people it mentions.
    pub(crate) fn document_id(&self) -> Arc<str> {
        Arc::clone(&self.id)
    }

    /// The document the statements come from.
    pub(crate) fn doc(&self) -> &'d Document {
        self.doc
    }

    /// A shared copy of a rule, term or other short string.
    pub(crate) fn string(&mut self, text: &str) -> Arc<str> {
        self.interner.string(text)
    }

    /// The statement of an extraction's evidence (see [`GraphEvidence::new`]).
    pub(crate) fn evidence(&mut self, evidence: &Evidence) -> GraphEvidence {
        let text = self.doc.text();
        let (sentence, span) = (evidence.sentence_span, evidence.span);
        let quoted = text.get(sentence.start..sentence.end).unwrap_or_default();
        let sentence_text = match self.sentences.get(&evidence.sentence) {
            Some(shared) if **shared == *quoted => Arc::clone(shared),
            _ => {
                let shared: Arc<str> = Arc::from(quoted);
                self.sentences.insert(evidence.sentence, Arc::clone(&shared));
                shared
            }
        };
        let words = text.get(span.start..span.end).unwrap_or_default();
        let hint = span.start.checked_sub(sentence.start);
        GraphEvidence {
            words: Words::find(&sentence_text, words, hint),
            sentence_text: Quote::whole(sentence_text),
            source: Arc::clone(&self.source),
            reading: self.interner.reading(&evidence.rule, None, &[]),
            sentence: narrow(evidence.sentence),
            start: narrow(span.start),
            end: narrow(span.end),
            confidence: normalize_confidence(evidence.confidence),
        }
    }

    /// The statement of a relation fact, with its term and qualifiers.
    pub(crate) fn relation_evidence(&mut self, fact: &RelationFact) -> GraphEvidence {
        let mut evidence = self.evidence(&fact.evidence);
        evidence.reading = self.interner.reading(&fact.evidence.rule, fact.term.as_deref(), &fact.qualifiers);
        evidence
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn a_statement_is_small() {
        // What keeps four million statements in memory; see the module docs.
        assert!(std::mem::size_of::<GraphEvidence>() <= 72, "{}", std::mem::size_of::<GraphEvidence>());
    }

    #[test]
    fn statements_of_one_sentence_share_it_and_keep_words_as_a_range() {
        let doc = Document::new("d.txt", "Ann married Bo. Bo is her husband.", None);
        let evidence = |at: usize, len: usize| Evidence {
            sentence: 1,
            sentence_span: Span::new(16, 34),
            span: Span::new(at, at + len),
            rule: "r".into(),
            confidence: 0.5,
        };
        let mut quoter = Quoter::new(&doc);
        let (a, b) = (quoter.evidence(&evidence(26, 7)), quoter.evidence(&evidence(16, 2)));
        assert!(Arc::ptr_eq(&a.sentence_text.block, &b.sentence_text.block));
        assert!(Arc::ptr_eq(&a.source, &b.source) && Arc::ptr_eq(&a.reading, &b.reading));
        assert!(matches!(a.words, Words::Within { offset: 10, len: 7 }));
        assert_eq!((a.text(), b.text(), a.sentence_text()), ("husband", "Bo", "Bo is her husband."));
        assert_eq!(a, GraphEvidence::new(&doc, &evidence(26, 7)));
    }

    #[test]
    fn words_outside_the_sentence_keep_their_own_text() {
        let words = Words::find("Bo is here.", "Ann", None);
        assert!(matches!(words, Words::Own(ref t) if &**t == "Ann"));
        // The wrong hint is checked, not trusted.
        assert!(matches!(Words::find("a b a", "a", Some(1)), Words::Within { offset: 0, len: 1 }));
        assert!(matches!(Words::find("é", "", Some(1)), Words::Within { offset: 0, len: 0 }));
    }
}
