/*!
kith's binary graph file (`.kith`): the graph of the JSON file, laid out to
load fast and in little memory. The layout is documented in
`docs/graph-binary.md`; in short:

- a 9-byte magic (`\x89KITH\r\n\x1a\n`, which no JSON or UTF-8 text starts
  with) and a little-endian `u32` version;
- five sections in a fixed order, each a tag byte, a `u64` payload length,
  the payload and a CRC-32 of the payload: documents `D`, people `P`,
  relations `R`, statements `S`, end `E`. The file ends with the end section;
- numbers as LEB128 varints, strings as a length and UTF-8 bytes;
- values that repeat within a section are written once and referred to by
  number afterwards (see [`Strings`]); in the statements section, every
  statement refers to a document-and-date record and a rule-term-qualifiers
  record from tables at its start, and the trigger words are a range of the
  sentence when they lie in it.

The statements come last and apart from the relations, so a reader that
does not need them (`read_graph_structure`) seeks past them without
reading them. The reader streams the file through a fixed buffer, checks
every length, index and range against what the file holds (a damaged file
is an error, never a panic or a huge allocation), and checks each
section's CRC when it ends.
*/

use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Arc;
use std::sync::mpsc;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::NodeIndexable;

use super::evidence::{Quote, Reading, Source, Words};
use super::load::Ids;
use super::{ChainLink, DocumentInfo, GraphEvidence, Inference, KinGraph, Person, PersonAttribute, Relation};
use crate::fact::{Attribute, Gender, PartialDate, Qualifier, RelationKind};
use crate::text::Date;

/// The first bytes of every binary graph file: `\x89` (not ASCII, not the
/// start of any UTF-8 text), `KITH`, then CR LF, Ctrl-Z and LF, which a
/// transfer that rewrites line ends or stops at Ctrl-Z would damage
/// visibly (PNG's trick).
pub(crate) const MAGIC: [u8; 9] = *b"\x89KITH\r\n\x1a\n";

/// The layout version; bumped on any change an older reader would misread.
pub(crate) const VERSION: u32 = 1;

/// What the reader reads from the file at a time.
const CHUNK: usize = 1 << 20;

/// Most elements a list's length may reserve room for before its elements
/// are read, so a damaged length cannot ask for gigabytes.
const RESERVE_LIMIT: usize = 1 << 12;

/// The sections, in file order.
const DOCUMENTS: Section = Section { tag: b'D', name: "documents" };
const PEOPLE: Section = Section { tag: b'P', name: "people" };
const RELATIONS: Section = Section { tag: b'R', name: "relations" };
const STATEMENTS: Section = Section { tag: b'S', name: "statements" };
const END: Section = Section { tag: b'E', name: "end" };

#[derive(Clone, Copy)]
struct Section {
    tag: u8,
    name: &'static str,
}

/// Why a binary graph could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DecodeError {
    /// The file could not be read.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The bytes are not a graph this version writes: cut short, altered,
    /// or from another version.
    #[error("{0}")]
    Damaged(String),
}

// ---------------------------------------------------------------- writing

/// Writes `graph` to `out`, which must start empty (the section lengths are
/// filled in by seeking back).
///
/// # Errors
///
/// Whatever `out` reports.
pub(crate) fn write<W: Write + Seek>(out: W, graph: &KinGraph) -> io::Result<()> {
    let mut out = Output::new(out)?;
    let positions = Positions::new(graph);

    out.begin(DOCUMENTS)?;
    out.count(graph.documents.len());
    for d in &graph.documents {
        out.str(&d.id);
        out.date(d.date);
        out.option(d.content_hash.as_deref(), Output::str);
    }
    out.end()?;

    out.begin(PEOPLE)?;
    let mut strings = Strings::default();
    out.count(graph.graph.node_count());
    for (_, p) in graph.people() {
        out.str(&p.id);
        out.str(&p.name);
        out.count(p.names.len());
        for name in &p.names {
            out.str(name);
        }
        out.u8(gender_code(p.gender));
        out.count(p.documents.len());
        for document in &p.documents {
            strings.write(&mut out, document, true);
        }
        out.count(p.attributes.len());
        for a in &p.attributes {
            write_attribute(&mut out, &a.attribute);
        }
    }
    out.end()?;

    out.begin(RELATIONS)?;
    let mut strings = Strings::default();
    out.count(graph.graph.edge_count());
    for r in graph.relations() {
        out.varint(positions.of(r.head));
        out.varint(positions.of(r.tail));
        let relation = r.relation;
        out.u8(kind_code(relation.kind));
        out.qualifiers(&relation.qualifiers);
        out.count(relation.terms.len());
        for term in &relation.terms {
            strings.write(&mut out, term, true);
        }
        out.f32(relation.confidence);
        match &relation.inferred {
            None => out.u8(0),
            Some(inference) => {
                out.u8(1);
                strings.write(&mut out, &inference.rule, true);
                out.count(inference.chain.len());
                for link in &inference.chain {
                    strings.write(&mut out, &link.head, true);
                    out.u8(kind_code(link.kind));
                    strings.write(&mut out, &link.tail, true);
                }
            }
        }
    }
    out.end()?;

    out.begin(STATEMENTS)?;
    let statements = || {
        let of_people = graph.people().flat_map(|(_, p)| &p.attributes).map(|a| &a.evidence);
        of_people.chain(graph.relations().map(|r| &r.relation.evidence))
    };
    let sources = Table::of(statements().flatten().map(|e| &e.source));
    let readings = Table::of(statements().flatten().map(|e| &e.reading));
    out.count(sources.list.len());
    for source in &sources.list {
        out.str(&source.document);
        out.date(source.date);
    }
    out.count(readings.list.len());
    for reading in &readings.list {
        out.str(&reading.rule);
        out.option(reading.term.as_deref(), Output::str);
        out.qualifiers(&reading.qualifiers);
    }
    let mut sentences = Sentences::new(statements().flatten());
    for list in statements() {
        out.count(list.len());
        for e in list {
            out.varint(sources.index(&e.source));
            out.varint(readings.index(&e.reading));
            out.varint(u64::from(e.sentence));
            sentences.write(&mut out, &e.sentence_text);
            match &e.words {
                Words::Within { offset, len } => {
                    out.varint(u64::from(*offset) + 1);
                    out.varint(u64::from(*len));
                }
                Words::Own(text) => {
                    out.varint(0);
                    out.str(text);
                }
            }
            out.varint(u64::from(e.start));
            out.varint(u64::from(e.end));
            out.f32(e.confidence);
        }
    }
    out.end()?;

    out.begin(END)?;
    out.end()?;
    out.finish()
}

/// Node positions as the file numbers people: their order. The graph's
/// nodes are dense (people are never removed), so this is the index; a
/// table is built only should that ever not hold.
struct Positions(Option<HashMap<NodeIndex, u64>>);

impl Positions {
    fn new(graph: &KinGraph) -> Positions {
        if graph.graph.node_count() == graph.graph.node_bound() {
            return Positions(None);
        }
        Positions(Some(graph.people().enumerate().map(|(i, (node, _))| (node, i as u64)).collect()))
    }

    fn of(&self, node: NodeIndex) -> u64 {
        match &self.0 {
            None => node.index() as u64,
            Some(table) => table.get(&node).copied().unwrap_or(u64::MAX),
        }
    }
}

/// Strings written once per section and then referred to by number: each
/// is written as a varint code, `0` and the string (used once: the reader
/// keeps nothing), `1` and the string (the reader keeps it as the next
/// number), or `n + 2` for the `n`th kept string.
#[derive(Default)]
struct Strings<'g> {
    kept: HashMap<&'g str, u64>,
    /// Strings kept so far (by this table or by [`Sentences`]).
    count: u64,
}

impl<'g> Strings<'g> {
    /// The number the next kept string gets.
    fn keep(&mut self) -> u64 {
        self.count += 1;
        self.count - 1
    }

    /// Writes `text`; `repeats` says it may occur again in the section.
    fn write<W: Write + Seek>(&mut self, out: &mut Output<W>, text: &'g str, repeats: bool) {
        if !repeats {
            out.varint(0);
            out.str(text);
            return;
        }
        if let Some(&n) = self.kept.get(text) {
            out.varint(n + 2);
            return;
        }
        let n = self.keep();
        self.kept.insert(text, n);
        out.varint(1);
        out.str(text);
    }
}

/// The sentences of the statements section, each written once when
/// statements share it, in place when only one holds it. Statements share a
/// sentence in memory (the builder and the readers see to it), so sharing
/// is found from the memory: for a sentence that is a whole string, by its
/// reference count (a sentence held by one statement costs no lookup); for
/// one in a block (as the binary reader makes them), by counting the
/// statements that hold that place, first.
struct Sentences<'g> {
    strings: Strings<'g>,
    /// Places in blocks: statements holding each, and its number once kept.
    places: HashMap<(*const u8, u32), (u32, Option<u64>)>,
}

impl<'g> Sentences<'g> {
    fn new(statements: impl Iterator<Item = &'g GraphEvidence>) -> Sentences<'g> {
        let mut places: HashMap<(*const u8, u32), (u32, Option<u64>)> = HashMap::new();
        for e in statements.filter(|e| !e.sentence_text.is_whole()) {
            places.entry(place(&e.sentence_text)).or_insert((0, None)).0 += 1;
        }
        Sentences { strings: Strings::default(), places }
    }

    fn write<W: Write + Seek>(&mut self, out: &mut Output<W>, quote: &'g Quote) {
        let text = quote.as_str();
        if quote.is_whole() {
            self.strings.write(out, text, Arc::strong_count(&quote.block) > 1);
            return;
        }
        match self.places.get_mut(&place(quote)) {
            Some((count, Some(n))) if *count > 1 => out.varint(*n + 2),
            Some((count, kept @ None)) if *count > 1 => {
                *kept = Some(self.strings.keep());
                out.varint(1);
                out.str(text);
            }
            _ => {
                out.varint(0);
                out.str(text);
            }
        }
    }
}

/// A sentence's place in its block, which the statements quoting it share.
fn place(quote: &Quote) -> (*const u8, u32) {
    (Arc::as_ptr(&quote.block).cast::<u8>(), quote.at)
}

/// The distinct shared records (sources, readings) of the statements, in
/// order of first use, found by pointer first (they are shared in memory)
/// and by value among the pointers.
struct Table<'g, T: Eq + std::hash::Hash> {
    list: Vec<&'g T>,
    by_pointer: HashMap<*const T, u64>,
}

impl<'g, T: Eq + std::hash::Hash> Table<'g, T> {
    fn of(items: impl Iterator<Item = &'g Arc<T>>) -> Table<'g, T> {
        let mut by_value: HashMap<&'g T, u64> = HashMap::new();
        let mut table = Table { list: Vec::new(), by_pointer: HashMap::new() };
        for item in items {
            if table.by_pointer.contains_key(&Arc::as_ptr(item)) {
                continue;
            }
            let n = *by_value.entry(&**item).or_insert_with(|| {
                table.list.push(&**item);
                table.list.len() as u64 - 1
            });
            table.by_pointer.insert(Arc::as_ptr(item), n);
        }
        table
    }

    fn index(&self, item: &Arc<T>) -> u64 {
        // Every statement's records were listed by `of`.
        self.by_pointer.get(&Arc::as_ptr(item)).copied().unwrap_or(u64::MAX)
    }
}

fn write_attribute<W: Write + Seek>(out: &mut Output<W>, attribute: &Attribute) {
    match attribute {
        Attribute::Age { years, as_of, born } => {
            out.u8(0);
            out.varint(u64::from(*years));
            out.date(*as_of);
            out.option(born.as_ref(), |out, &(from, to)| {
                out.signed(from);
                out.signed(to);
            });
        }
        Attribute::Death { date, age, cause } => {
            out.u8(1);
            out.option(date.as_ref(), |out, d| {
                out.signed(d.year);
                out.option(d.month, Output::u8);
                out.option(d.day, Output::u8);
            });
            out.option(*age, |out, age| out.varint(u64::from(age)));
            out.option(cause.as_deref(), Output::str);
        }
        Attribute::Role { value } => {
            out.u8(2);
            out.str(value);
        }
        Attribute::Hometown { value } => {
            out.u8(3);
            out.str(value);
        }
        Attribute::Gender { value } => {
            out.u8(4);
            out.u8(gender_code(Some(*value)));
        }
    }
}

fn gender_code(gender: Option<Gender>) -> u8 {
    match gender {
        None => 0,
        Some(Gender::Female) => 1,
        Some(Gender::Male) => 2,
    }
}

fn kind_code(kind: RelationKind) -> u8 {
    match kind {
        RelationKind::Spouse => 0,
        RelationKind::Partner => 1,
        RelationKind::Parent => 2,
        RelationKind::Sibling => 3,
        RelationKind::Relative => 4,
        RelationKind::Friend => 5,
    }
}

fn qualifier_code(qualifier: Qualifier) -> u8 {
    match qualifier {
        Qualifier::Late => 0,
        Qualifier::Former => 1,
        Qualifier::Step => 2,
        Qualifier::Half => 3,
        Qualifier::InLaw => 4,
        Qualifier::Adoptive => 5,
        Qualifier::Engaged => 6,
    }
}

/// The file being written: payload bytes gather in a buffer that goes to
/// `out` (and into the section's CRC) a chunk at a time.
struct Output<W> {
    out: W,
    buf: Vec<u8>,
    /// Bytes handed to `out` so far.
    written: u64,
    crc: crc32fast::Hasher,
    /// Where the current section's length goes, and its payload starts.
    length_at: u64,
    payload_from: u64,
    /// The first write error, reported at the end of the section.
    failed: Option<io::Error>,
}

impl<W: Write + Seek> Output<W> {
    fn new(mut out: W) -> io::Result<Output<W>> {
        out.write_all(&MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        let written = (MAGIC.len() + 4) as u64;
        Ok(Output {
            out,
            buf: Vec::with_capacity(CHUNK),
            written,
            crc: crc32fast::Hasher::new(),
            length_at: 0,
            payload_from: 0,
            failed: None,
        })
    }

    fn begin(&mut self, section: Section) -> io::Result<()> {
        self.out.write_all(&[section.tag])?;
        self.out.write_all(&0u64.to_le_bytes())?;
        self.length_at = self.written + 1;
        self.written += 9;
        self.payload_from = self.written;
        self.crc = crc32fast::Hasher::new();
        Ok(())
    }

    /// Hands the buffer to `out`.
    fn spill(&mut self) {
        if self.failed.is_none() {
            self.crc.update(&self.buf);
            match self.out.write_all(&self.buf) {
                Ok(()) => self.written += self.buf.len() as u64,
                Err(e) => self.failed = Some(e),
            }
        }
        self.buf.clear();
    }

    fn end(&mut self) -> io::Result<()> {
        self.spill();
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let length = self.written - self.payload_from;
        self.out.seek(SeekFrom::Start(self.length_at))?;
        self.out.write_all(&length.to_le_bytes())?;
        self.out.seek(SeekFrom::Start(self.written))?;
        let crc = std::mem::take(&mut self.crc).finalize();
        self.out.write_all(&crc.to_le_bytes())?;
        self.written += 4;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Spills the buffer once it holds a chunk. Writes of single values
    /// cannot fail; the first error of a spill is kept and returned by the
    /// section's `end`.
    fn check(&mut self) {
        if self.buf.len() >= CHUNK {
            self.spill();
        }
    }

    fn u8(&mut self, byte: u8) {
        self.buf.push(byte);
    }

    fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.buf.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.buf.push(n as u8);
        self.check();
    }

    fn count(&mut self, n: usize) {
        self.varint(n as u64);
    }

    /// An `i32` as a zigzag varint (small negative numbers stay short).
    fn signed(&mut self, n: i32) {
        self.varint(u64::from(((n << 1) ^ (n >> 31)) as u32));
    }

    fn f32(&mut self, x: f32) {
        self.bytes(&x.to_le_bytes());
    }

    fn str(&mut self, text: &str) {
        self.count(text.len());
        self.bytes(text.as_bytes());
        self.check();
    }

    fn option<T>(&mut self, value: Option<T>, write: impl FnOnce(&mut Self, T)) {
        match value {
            None => self.u8(0),
            Some(value) => {
                self.u8(1);
                write(self, value);
            }
        }
    }

    fn date(&mut self, date: Option<Date>) {
        self.option(date, |out, d| {
            out.signed(d.year);
            out.u8(d.month);
            out.u8(d.day);
        });
    }

    fn qualifiers(&mut self, qualifiers: &[Qualifier]) {
        self.count(qualifiers.len());
        for &q in qualifiers {
            self.u8(qualifier_code(q));
        }
    }
}

// ---------------------------------------------------------------- reading

/// Reads a binary graph of `size` bytes from the readers `open` gives (it
/// is opened twice); without the statements when `statements` is false
/// (every `evidence` list is then empty, and the statements section is
/// skipped unread).
///
/// With statements, a second thread reads the statements section while
/// this one reads the people and relations, and hands them over in batches
/// as it goes; this thread puts them in place once the relations are in.
/// The two halves take about as long, so a large file loads in about half
/// the time on two cores.
///
/// # Errors
///
/// [`DecodeError::Io`] when the file cannot be read, [`DecodeError::Damaged`]
/// for anything that is not a whole graph of this version, with the section
/// and byte offset.
pub(crate) fn read<R, O>(open: O, size: u64, statements: bool) -> Result<KinGraph, DecodeError>
where
    R: Read + Seek + Send,
    O: Fn() -> io::Result<R> + Sync,
{
    let open = &open;
    std::thread::scope(|scope| {
        let (sender, batches) = mpsc::channel();
        // Without statements the closure is dropped unrun, and the sender
        // with it.
        let helper =
            statements.then(|| scope.spawn(move || read_statement_lists(Input::new(open()?, size), &sender)));
        // On an error here the batches are dropped, which stops the helper
        // at its next batch.
        let (documents, mut graph, mut input) =
            open().map_err(DecodeError::from).and_then(|file| read_structure(Input::new(file, size)))?;
        if let Some(helper) = helper {
            let mut next = Next::default();
            let mut fits = true;
            // Until the helper is done (or gives up) and drops its sender.
            for lists in batches {
                for list in lists {
                    fits &= next.put(&mut graph, list);
                }
            }
            match helper.join() {
                Ok(result) => result?,
                Err(panic) => std::panic::resume_unwind(panic),
            }
            if !fits || !next.is_done(&graph) {
                return Err(
                    input.damaged("the lists of statements do not match the attributes and relations")
                );
            }
        }
        input.skip(STATEMENTS)?;
        input.begin(END)?;
        input.end()?;
        if input.offset() != size {
            return Err(input.damaged("bytes after the end section"));
        }
        Ok(KinGraph::from_graph(documents, graph))
    })
}

/// The documents, people and relations (every `evidence` list empty), and
/// the input where the statements section starts.
#[allow(clippy::type_complexity)]
fn read_structure<R: Read + Seek>(
    mut input: Input<R>,
) -> Result<(Vec<DocumentInfo>, StableDiGraph<Person, Relation>, Input<R>), DecodeError> {
    input.header()?;

    input.begin(DOCUMENTS)?;
    let count = input.count()?;
    let mut documents = Vec::with_capacity(count.min(input.left() / 3));
    for _ in 0..count {
        let id = input.string()?;
        let date = input.date()?;
        let content_hash = input.option(Input::string)?;
        documents.push(DocumentInfo { id, date, content_hash });
    }
    input.end()?;

    input.begin(PEOPLE)?;
    let mut graph: StableDiGraph<Person, Relation> = StableDiGraph::default();
    let mut ids = Ids::default();
    let mut strings = Vec::new();
    let count = input.count()?;
    // A person takes at least six bytes.
    graph.reserve_exact_nodes(count.min(input.left() / 6));
    for position in 0..count {
        let id = input.string()?;
        let name = input.string()?;
        let names = input.list(Input::string)?;
        let gender = input.gender()?;
        let documents = input.list(|input| input.shared(&mut strings))?;
        let attributes = input
            .list(|input| Ok(PersonAttribute { attribute: input.attribute()?, evidence: Vec::new() }))?;
        if !ids.add(&graph, &id, position) {
            return Err(input.damaged(&format!("person id {id:?} is used twice")));
        }
        graph.add_node(Person { id, name, names, gender, documents, attributes });
    }
    input.end()?;

    input.begin(RELATIONS)?;
    let mut strings = Vec::new();
    let count = input.count()?;
    // A relation takes at least ten bytes.
    graph.reserve_exact_edges(count.min(input.left() / 10));
    let people = graph.node_count() as u64;
    // Relations are added a batch at a time, after a pass that reads both
    // ends of each: the reads of a batch overlap, where adding each edge
    // alone waits on memory twice (a relation's ends are anywhere among a
    // million people).
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..count {
        if batch.len() == BATCH {
            add_edges(&mut graph, &mut batch);
        }
        let (head, tail) = (input.varint()?, input.varint()?);
        if head >= people || tail >= people || head == tail {
            return Err(input.damaged("a relation's ends are not two people of the file"));
        }
        let kind = input.kind()?;
        let qualifiers = input.qualifiers()?;
        let terms = input.list(|input| input.shared(&mut strings))?;
        let confidence = input.f32()?;
        let inferred = match input.u8()? {
            0 => None,
            1 => {
                let rule = input.shared(&mut strings)?.to_string();
                let chain = input.list(|input| {
                    let head = input.shared(&mut strings)?.to_string();
                    let kind = input.kind()?;
                    let tail = input.shared(&mut strings)?.to_string();
                    Ok(ChainLink { head, kind, tail })
                })?;
                Some(Box::new(Inference { rule, chain }))
            }
            _ => return Err(input.damaged("bad inference flag")),
        };
        let relation = Relation {
            kind,
            qualifiers: qualifiers.into_vec(),
            terms,
            confidence,
            inferred,
            evidence: Vec::new(),
        };
        batch.push((NodeIndex::new(head as usize), NodeIndex::new(tail as usize), relation));
        if i + 1 == count {
            add_edges(&mut graph, &mut batch);
        }
    }
    input.end()?;
    Ok((documents, graph, input))
}

/// Relations added at a time (see `read_structure`).
const BATCH: usize = 256;

fn add_edges(graph: &mut StableDiGraph<Person, Relation>, batch: &mut Vec<(NodeIndex, NodeIndex, Relation)>) {
    let touched = batch.iter().fold(0usize, |n, (head, tail, _)| {
        let gender = |node: NodeIndex| graph.node_weight(node).map_or(0, |p| usize::from(p.gender.is_some()));
        n + gender(*head) + gender(*tail)
    });
    std::hint::black_box(touched);
    for (head, tail, relation) in batch.drain(..) {
        graph.add_edge(head, tail, relation);
    }
}

/// Where the next list of statements goes: the statements section lists
/// them for every attribute of every person, in order, then for every
/// relation.
#[derive(Default)]
struct Next {
    node: usize,
    attribute: usize,
    edge: usize,
}

impl Next {
    /// Puts `list` in place and moves on; false when every fact has its
    /// list already.
    fn put(&mut self, graph: &mut StableDiGraph<Person, Relation>, list: Vec<GraphEvidence>) -> bool {
        while let Some(person) = graph.node_weight_mut(NodeIndex::new(self.node)) {
            if let Some(attribute) = person.attributes.get_mut(self.attribute) {
                attribute.evidence = list;
                self.attribute += 1;
                return true;
            }
            (self.node, self.attribute) = (self.node + 1, 0);
        }
        match graph.edge_weight_mut(EdgeIndex::new(self.edge)) {
            Some(relation) => {
                relation.evidence = list;
                self.edge += 1;
                true
            }
            None => false,
        }
    }

    /// True when every attribute and relation has had its list.
    fn is_done(&mut self, graph: &StableDiGraph<Person, Relation>) -> bool {
        while graph
            .node_weight(NodeIndex::new(self.node))
            .is_some_and(|p| self.attribute >= p.attributes.len())
        {
            (self.node, self.attribute) = (self.node + 1, 0);
        }
        self.node == graph.node_count() && self.edge == graph.edge_count()
    }
}

/// The statements section, read on its own: the tables of sources and
/// readings, then lists of statements, each led by its length, to the end
/// of the section, sent in batches. Gives up quietly when the batches are
/// no longer received (the other half of the file was found damaged).
fn read_statement_lists<R: Read + Seek>(
    mut input: Input<R>,
    batches: &mpsc::Sender<Vec<Vec<GraphEvidence>>>,
) -> Result<(), DecodeError> {
    input.header()?;
    for section in [DOCUMENTS, PEOPLE, RELATIONS] {
        input.skip(section)?;
    }
    input.begin(STATEMENTS)?;
    let sources = input.list(|input| {
        let document = Box::from(input.str()?);
        let date = input.date()?;
        Ok(Arc::new(Source { document, date }))
    })?;
    let readings = input.list(|input| {
        let rule = Box::from(input.str()?);
        let term = input.option(|input| Ok(Box::from(input.str()?)))?;
        let qualifiers = input.qualifiers()?;
        Ok(Arc::new(Reading { rule, term, qualifiers }))
    })?;
    let mut blocks = Blocks::default();
    // Sentences kept for later statements (shared-string codes 1 and n + 2).
    let mut kept: Vec<Place> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut lengths: Vec<usize> = Vec::new();
    let mut lists = Vec::new();
    while input.left() > 0 {
        let n = input.count()?;
        for _ in 0..n {
            let source = input.index(&sources)?;
            let reading = input.index(&readings)?;
            let sentence = input.u32()?;
            let place = match input.varint()? {
                0 => blocks.add(input.str()?),
                1 => {
                    let place = blocks.add(input.str()?);
                    kept.push(place);
                    place
                }
                n => match usize::try_from(n - 2).ok().and_then(|n| kept.get(n)) {
                    Some(&place) => place,
                    None => return Err(input.damaged("a reference to a sentence not yet given")),
                },
            };
            let words = match input.varint()? {
                0 => Words::Own(Arc::from(input.str()?)),
                k => {
                    let offset = u32::try_from(k - 1).map_err(|_| input.damaged("words out of range"))?;
                    let len = input.u32()?;
                    let text = blocks.text(place);
                    if text.get(offset as usize..offset as usize + len as usize).is_none() {
                        return Err(input.damaged("a statement's words are not in its sentence"));
                    }
                    Words::Within { offset, len }
                }
            };
            let (start, end) = (input.u32()?, input.u32()?);
            let confidence = input.f32()?;
            pending.push(Pending { source, reading, place, words, sentence, start, end, confidence });
        }
        lengths.push(n);
        if blocks.current.len() >= BLOCK {
            blocks.seal();
            finish_lists(&blocks, &mut pending, &mut lengths, &mut lists)
                .ok_or_else(|| input.damaged("bad sentence"))?;
            if batches.send(std::mem::take(&mut lists)).is_err() {
                return Ok(());
            }
        }
    }
    blocks.seal();
    finish_lists(&blocks, &mut pending, &mut lengths, &mut lists)
        .ok_or_else(|| input.damaged("bad sentence"))?;
    // Checked before the last batch goes: then a damaged section is
    // reported whatever the other thread does.
    input.end()?;
    let _ = batches.send(lists);
    Ok(())
}

/// Bytes of sentences gathered into one block (see [`Quote`]).
const BLOCK: usize = 1 << 16;

/// Where a sentence is: block number, start and length in the block.
#[derive(Clone, Copy)]
struct Place {
    block: usize,
    at: usize,
    len: usize,
}

/// The blocks of sentences of the statements section: the sealed ones,
/// and the one being filled (number `sealed.len()`).
#[derive(Default)]
struct Blocks {
    sealed: Vec<Arc<str>>,
    current: String,
}

impl Blocks {
    fn add(&mut self, text: &str) -> Place {
        let place = Place { block: self.sealed.len(), at: self.current.len(), len: text.len() };
        self.current.push_str(text);
        place
    }

    fn text(&self, place: Place) -> &str {
        let block = self.sealed.get(place.block).map_or(self.current.as_str(), |b| &**b);
        block.get(place.at..place.at + place.len).unwrap_or_default()
    }

    /// Makes the block being filled a shared string, and starts another.
    fn seal(&mut self) {
        if !self.current.is_empty() {
            self.sealed.push(Arc::from(self.current.as_str()));
            self.current.clear();
        }
    }
}

/// A statement read before its sentence's block is sealed.
struct Pending {
    source: Arc<Source>,
    reading: Arc<Reading>,
    place: Place,
    words: Words,
    sentence: u32,
    start: u32,
    end: u32,
    confidence: f32,
}

/// Turns the pending statements (whose blocks are all sealed now) into
/// lists of the given lengths; `None` if a sentence is not where it was
/// put, which cannot happen.
fn finish_lists(
    blocks: &Blocks,
    pending: &mut Vec<Pending>,
    lengths: &mut Vec<usize>,
    lists: &mut Vec<Vec<GraphEvidence>>,
) -> Option<()> {
    let mut statements = pending.drain(..);
    for n in lengths.drain(..) {
        // Exactly the room needed (most lists have one statement).
        let mut list = Vec::with_capacity(n);
        for p in statements.by_ref().take(n) {
            let block = blocks.sealed.get(p.place.block)?;
            list.push(GraphEvidence {
                sentence_text: Quote::within(Arc::clone(block), p.place.at, p.place.len)?,
                source: p.source,
                reading: p.reading,
                words: p.words,
                sentence: p.sentence,
                start: p.start,
                end: p.end,
                confidence: p.confidence,
            });
        }
        lists.push(list);
    }
    Some(())
}

/// The file being read, through a buffer of about [`CHUNK`] bytes.
struct Input<R> {
    file: R,
    /// The file's length, which no section may claim to go past.
    size: u64,
    buf: Vec<u8>,
    /// `buf[pos..len]` is read from the file and not yet used.
    pos: usize,
    len: usize,
    /// `buf[pos..limit]` is what of that belongs to the current section.
    limit: usize,
    /// File offset of `buf[0]`.
    base: u64,
    /// `buf[hashed..pos]` is used but not yet in the section's CRC.
    hashed: usize,
    crc: crc32fast::Hasher,
    section: Section,
    /// File offset where the current section's payload ends.
    end: u64,
}

impl<R: Read + Seek> Input<R> {
    fn new(file: R, size: u64) -> Input<R> {
        Input {
            file,
            size,
            // No more than the file needs.
            buf: vec![0; usize::try_from(size).map_or(CHUNK, |size| size.clamp(16, CHUNK))],
            pos: 0,
            len: 0,
            limit: 0,
            base: 0,
            hashed: 0,
            crc: crc32fast::Hasher::new(),
            section: Section { tag: 0, name: "header" },
            end: size,
        }
    }

    /// File offset of the next byte.
    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Where the bytes of the current section end in the buffer.
    fn set_limit(&mut self) {
        let in_section = self.end.saturating_sub(self.base);
        self.limit = usize::try_from(in_section).map_or(self.len, |n| n.min(self.len));
    }

    /// The header: magic bytes and version.
    fn header(&mut self) -> Result<(), DecodeError> {
        if self.take(MAGIC.len())? != MAGIC {
            return Err(DecodeError::Damaged("not a binary kith graph (wrong magic bytes)".into()));
        }
        let version = u32::from_le_bytes(self.array()?);
        if version != VERSION {
            return Err(DecodeError::Damaged(format!(
                "binary format version {version} (this kith reads version {VERSION}: written by another kith?)"
            )));
        }
        Ok(())
    }

    /// Bytes left in the current section.
    fn left(&self) -> usize {
        usize::try_from(self.end.saturating_sub(self.offset())).unwrap_or(usize::MAX)
    }

    fn damaged(&self, problem: &str) -> DecodeError {
        DecodeError::Damaged(format!(
            "damaged in section {:?} at byte {}: {problem}",
            self.section.name,
            self.offset()
        ))
    }

    /// Makes `n` more bytes available in `buf[pos..]`, reading on.
    fn fill(&mut self, n: usize) -> Result<(), DecodeError> {
        self.crc.update(&self.buf[self.hashed..self.pos]);
        self.buf.copy_within(self.pos..self.len, 0);
        self.base += self.pos as u64;
        self.len -= self.pos;
        self.pos = 0;
        self.hashed = 0;
        if self.buf.len() < n {
            self.buf.resize(n, 0);
        }
        while self.len < n {
            let read = self.file.read(&mut self.buf[self.len..])?;
            if read == 0 {
                return Err(DecodeError::Damaged(format!(
                    "cut short: the file ends at byte {}, inside section {:?}",
                    self.base + self.len as u64,
                    self.section.name
                )));
            }
            self.len += read;
        }
        self.set_limit();
        Ok(())
    }

    /// The next `n` bytes of the section.
    #[inline]
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        if self.limit - self.pos < n {
            if n > self.left() && self.end == self.size {
                // Outside a section's payload (which ends before its
                // checksum): the file itself is too short.
                return Err(DecodeError::Damaged(format!(
                    "cut short: the file ends at byte {}, in the {}",
                    self.size,
                    if self.section.tag == 0 {
                        "header".to_string()
                    } else {
                        format!("section {:?}", self.section.name)
                    }
                )));
            }
            if n > self.left() {
                return Err(self.damaged("a length goes past the end of the section"));
            }
            if self.len - self.pos < n {
                self.fill(n)?;
            }
        }
        let bytes = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let bytes = self.take(N)?;
        Ok(bytes.try_into().unwrap_or([0; N]))
    }

    /// Starts the section that must come next: its head is read and its
    /// length checked against the file's.
    fn begin(&mut self, section: Section) -> Result<(), DecodeError> {
        self.section = section;
        self.end = self.size;
        let [tag] = self.array()?;
        if tag != section.tag {
            return Err(self.damaged(&format!("expected the section's tag {:?}", char::from(section.tag))));
        }
        let length = u64::from_le_bytes(self.array()?);
        let end = self.offset().checked_add(length).filter(|&end| end.saturating_add(4) <= self.size);
        let Some(end) = end else {
            return Err(DecodeError::Damaged(format!(
                "cut short: section {:?} ({length} bytes from byte {}, then its checksum) goes past the end of \
                 the file ({} bytes)",
                section.name,
                self.offset(),
                self.size
            )));
        };
        self.end = end;
        self.set_limit();
        self.hashed = self.pos;
        self.crc = crc32fast::Hasher::new();
        Ok(())
    }

    /// Ends the current section: all of it must have been read, and its
    /// CRC must match.
    fn end(&mut self) -> Result<(), DecodeError> {
        if self.offset() != self.end {
            return Err(self.damaged(&format!("{} bytes of the section were not read", self.left())));
        }
        self.crc.update(&self.buf[self.hashed..self.pos]);
        let crc = std::mem::take(&mut self.crc).finalize();
        self.end = self.size;
        self.set_limit();
        let stored = u32::from_le_bytes(self.array()?);
        self.hashed = self.pos;
        if crc != stored {
            return Err(DecodeError::Damaged(format!(
                "damaged: the checksum of section {:?} does not match its contents",
                self.section.name
            )));
        }
        Ok(())
    }

    /// Passes over a section unread (its CRC unchecked).
    fn skip(&mut self, section: Section) -> Result<(), DecodeError> {
        self.begin(section)?;
        let to = self.end + 4;
        self.end = self.size;
        if to <= self.base + self.len as u64 {
            self.pos = (to - self.base) as usize;
        } else {
            self.file.seek(SeekFrom::Start(to))?;
            (self.base, self.pos, self.len) = (to, 0, 0);
        }
        self.set_limit();
        self.hashed = self.pos;
        Ok(())
    }

    #[inline]
    fn u8(&mut self) -> Result<u8, DecodeError> {
        if self.pos < self.limit {
            let byte = self.buf[self.pos];
            self.pos += 1;
            return Ok(byte);
        }
        Ok(self.take(1)?[0])
    }

    #[inline]
    fn varint(&mut self) -> Result<u64, DecodeError> {
        // Most numbers are one byte.
        if self.pos < self.limit && self.buf[self.pos] < 0x80 {
            self.pos += 1;
            return Ok(u64::from(self.buf[self.pos - 1]));
        }
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            if shift == 63 && byte > 1 {
                break;
            }
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.damaged("a number is too large"))
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        let n = self.varint()?;
        u32::try_from(n).map_err(|_| self.damaged("a number is too large"))
    }

    /// A list's length: never more than the bytes left, since every
    /// element takes at least one.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.left() => Ok(n),
            _ => Err(self.damaged("a list is longer than the section")),
        }
    }

    fn list<T>(
        &mut self,
        mut element: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let n = self.count()?;
        // Exactly the room the list needs, since lists are mostly of one;
        // but no more than a damaged length could waste.
        let mut list = Vec::with_capacity(n.min(RESERVE_LIMIT));
        for _ in 0..n {
            list.push(element(self)?);
        }
        Ok(list)
    }

    fn signed(&mut self) -> Result<i32, DecodeError> {
        let n = self.u32()?;
        Ok(((n >> 1) as i32) ^ -((n & 1) as i32))
    }

    fn f32(&mut self) -> Result<f32, DecodeError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    fn str(&mut self) -> Result<&str, DecodeError> {
        let n = self.count()?;
        let (at, section) = (self.offset(), self.section.name);
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map_err(|_| {
            DecodeError::Damaged(format!(
                "damaged in section {section:?} at byte {at}: a string is not UTF-8"
            ))
        })
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        Ok(self.str()?.to_string())
    }

    /// A string written by [`Strings::write`], kept in `kept`.
    fn shared(&mut self, kept: &mut Vec<Arc<str>>) -> Result<Arc<str>, DecodeError> {
        match self.varint()? {
            0 => Ok(Arc::from(self.str()?)),
            1 => {
                let text: Arc<str> = Arc::from(self.str()?);
                kept.push(Arc::clone(&text));
                Ok(text)
            }
            n => match usize::try_from(n - 2).ok().and_then(|n| kept.get(n)) {
                Some(text) => Ok(Arc::clone(text)),
                None => Err(self.damaged("a reference to a string not yet given")),
            },
        }
    }

    /// An entry of a table at the start of the section.
    fn index<T>(&mut self, table: &[Arc<T>]) -> Result<Arc<T>, DecodeError> {
        let n = self.varint()?;
        match usize::try_from(n).ok().and_then(|n| table.get(n)) {
            Some(entry) => Ok(Arc::clone(entry)),
            None => Err(self.damaged("a reference past the end of a table")),
        }
    }

    fn option<T>(
        &mut self,
        value: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Option<T>, DecodeError> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(value(self)?)),
            _ => Err(self.damaged("bad option flag")),
        }
    }

    fn date(&mut self) -> Result<Option<Date>, DecodeError> {
        self.option(|input| {
            let year = input.signed()?;
            let month = input.u8()?;
            let day = input.u8()?;
            Ok(Date { year, month, day })
        })
    }

    fn gender(&mut self) -> Result<Option<Gender>, DecodeError> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(Gender::Female)),
            2 => Ok(Some(Gender::Male)),
            _ => Err(self.damaged("bad gender")),
        }
    }

    fn kind(&mut self) -> Result<RelationKind, DecodeError> {
        let code = self.u8()?;
        RelationKind::ALL
            .into_iter()
            .find(|&k| kind_code(k) == code)
            .ok_or_else(|| self.damaged("bad relation type"))
    }

    fn qualifiers(&mut self) -> Result<Box<[Qualifier]>, DecodeError> {
        const ALL: [Qualifier; 7] = [
            Qualifier::Late,
            Qualifier::Former,
            Qualifier::Step,
            Qualifier::Half,
            Qualifier::InLaw,
            Qualifier::Adoptive,
            Qualifier::Engaged,
        ];
        let list = self.list(|input| {
            let code = input.u8()?;
            ALL.into_iter().find(|&q| qualifier_code(q) == code).ok_or_else(|| input.damaged("bad qualifier"))
        })?;
        Ok(list.into_boxed_slice())
    }

    fn attribute(&mut self) -> Result<Attribute, DecodeError> {
        Ok(match self.u8()? {
            0 => Attribute::Age {
                years: self.u32()?,
                as_of: self.date()?,
                born: self.option(|input| Ok((input.signed()?, input.signed()?)))?,
            },
            1 => Attribute::Death {
                date: self.option(|input| {
                    Ok(PartialDate {
                        year: input.signed()?,
                        month: input.option(Input::u8)?,
                        day: input.option(Input::u8)?,
                    })
                })?,
                age: self.option(Input::u32)?,
                cause: self.option(Input::string)?,
            },
            2 => Attribute::Role { value: self.string()? },
            3 => Attribute::Hometown { value: self.string()? },
            4 => Attribute::Gender { value: self.gender()?.ok_or_else(|| self.damaged("bad gender"))? },
            _ => return Err(self.damaged("bad attribute type")),
        })
    }
}
