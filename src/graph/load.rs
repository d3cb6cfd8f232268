/*!
Reading a graph file in one pass, straight into the graph.

A graph of a million people is a file of gigabytes, so the reader neither
keeps a second copy of the people and relations (they go into the petgraph
graph as they are parsed, and a relation's ends are looked up as it is read)
nor hashes ids it does not need to: the ids kith writes are positions
(`p0`, `p1`, ...), checked and used as such; only files with other ids pay
for a hash map. An attribute is read through one flat record instead of
serde's `flatten` (which buffers every attribute as a map first).

Questions that never show a sentence (paths, kinship, neighbours, counts)
can skip the statements altogether: they are most of the file and most of
the memory, and skipping them (serde's `IgnoredAny`) allocates nothing.

`export::json::from_json` and `export::json::read_graph_structure` are the
public entry points; they turn the errors here into
[`crate::error::ErrorKind`]s naming the file.
*/

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{
    DocumentInfo, GraphEvidence, Inference, KinGraph, Person, PersonAttribute, Relation, canonical,
    intern_reading, with_interner,
};
use crate::fact::{Attribute, Gender, PartialDate, Qualifier, RelationKind};
use crate::text::Date;

/// Reads a graph from JSON text, accepting the format versions `versions`.
///
/// # Errors
///
/// serde_json's error (with its line and column) for anything that is not
/// a consistent graph, including an unsupported version (the caller tells
/// which by looking at `format_version` again).
pub(crate) fn parse(json: &str, versions: &[u32]) -> Result<KinGraph, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let graph =
        with_interner(|| GraphSeed::<Tight<GraphEvidence>>::new(versions).deserialize(&mut deserializer))?;
    deserializer.end()?;
    Ok(graph)
}

/// Reads a graph without the statements behind its facts (every `evidence`
/// list is left empty), streaming from `reader` so the file is never held
/// in memory whole.
///
/// # Errors
///
/// As [`parse`], plus read errors (inside serde_json's error).
pub(crate) fn parse_structure(
    reader: impl std::io::Read,
    versions: &[u32],
) -> Result<KinGraph, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let graph = with_interner(|| GraphSeed::<IgnoredAny>::new(versions).deserialize(&mut deserializer))?;
    deserializer.end()?;
    Ok(graph)
}

/// What is kept of the statements (`evidence`) behind a fact: all of them,
/// or none.
trait Statements {
    fn into_vec(self) -> Vec<GraphEvidence>;
}

impl Statements for Tight<GraphEvidence> {
    fn into_vec(self) -> Vec<GraphEvidence> {
        self.0
    }
}

/// A list read into a vector that grows from one element: serde's own
/// start at four, and most lists here (a fact's statements, a relation's
/// terms) have one, so a large graph would carry three unused slots per
/// list, or pay a reallocation to trim them.
struct Tight<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tight<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tight<T>, D::Error> {
        struct Elements<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Elements<T> {
            type Value = Tight<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tight<T>, A::Error> {
                let mut list = Vec::new();
                while let Some(element) = seq.next_element()? {
                    if list.len() == list.capacity() {
                        list.reserve_exact(list.len().max(1));
                    }
                    list.push(element);
                }
                Ok(Tight(list))
            }
        }
        deserializer.deserialize_seq(Elements(PhantomData))
    }
}

/// A string shared with every equal one of the file (terms: a few words
/// serve millions of relations).
struct Shared(std::sync::Arc<str>);

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shared, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = Shared;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Shared, E> {
                Ok(Shared(intern_reading(text)))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

impl Statements for IgnoredAny {
    fn into_vec(self) -> Vec<GraphEvidence> {
        Vec::new()
    }
}

struct GraphSeed<'v, S> {
    versions: &'v [u32],
    statements: PhantomData<S>,
}

impl<'v, S> GraphSeed<'v, S> {
    fn new(versions: &'v [u32]) -> Self {
        GraphSeed { versions, statements: PhantomData }
    }
}

impl<'de, S: Statements + Deserialize<'de>> DeserializeSeed<'de> for GraphSeed<'_, S> {
    type Value = KinGraph;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<KinGraph, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, S: Statements + Deserialize<'de>> Visitor<'de> for GraphSeed<'_, S> {
    type Value = KinGraph;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a kith graph object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KinGraph, A::Error> {
        let mut version = false;
        let mut documents: Option<Vec<DocumentInfo>> = None;
        let mut graph: StableDiGraph<Person, Relation> = StableDiGraph::default();
        let mut ids = Ids::default();
        let mut people = false;
        // Relations written before the people (a hand-edited file) wait
        // until the people are known.
        let mut early: Option<Vec<RelationIn<'de, S>>> = None;
        let mut relations = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "format_version" => {
                    let value: Value = map.next_value()?;
                    if !value.as_u64().is_some_and(|v| self.versions.iter().any(|&r| u64::from(r) == v)) {
                        return Err(de::Error::custom(format!("unsupported format_version {value}")));
                    }
                    version = true;
                }
                "documents" => documents = Some(map.next_value()?),
                "people" => {
                    map.next_value_seed(PeopleSeed::<S> {
                        graph: &mut graph,
                        ids: &mut ids,
                        statements: PhantomData,
                    })?;
                    people = true;
                }
                "relations" if people => {
                    map.next_value_seed(RelationsSeed::<S> {
                        graph: &mut graph,
                        ids: &ids,
                        statements: PhantomData,
                    })?;
                    relations = true;
                }
                "relations" => early = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !version {
            return Err(de::Error::missing_field("format_version"));
        }
        let documents = documents.ok_or_else(|| de::Error::missing_field("documents"))?;
        if !people {
            return Err(de::Error::missing_field("people"));
        }
        if let Some(list) = early {
            for (i, r) in list.into_iter().enumerate() {
                add_relation(&mut graph, &ids, i, r)?;
            }
        } else if !relations {
            return Err(de::Error::missing_field("relations"));
        }
        Ok(KinGraph::from_graph(documents, graph))
    }
}

/// Person ids, checked for uniqueness and looked up by relations.
#[derive(Default)]
pub(super) struct Ids {
    /// Ids that are not `p<position>`, with their position.
    others: HashMap<String, usize>,
}

/// The position an id like `p12` names, if it is written that way (no
/// sign, no leading zero).
fn positional(id: &str) -> Option<usize> {
    let digits = id.strip_prefix('p')?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() == 1 || !digits.starts_with('0'));
    if canonical { digits.parse().ok() } else { None }
}

impl Ids {
    fn find(&self, graph: &StableDiGraph<Person, Relation>, id: &str) -> Option<usize> {
        if let Some(n) = positional(id)
            && graph.node_weight(NodeIndex::new(n)).is_some_and(|p| p.id == id)
        {
            return Some(n);
        }
        self.others.get(id).copied()
    }

    /// Records the id of the person at `position`; false when it is taken.
    pub(super) fn add(&mut self, graph: &StableDiGraph<Person, Relation>, id: &str, position: usize) -> bool {
        if self.find(graph, id).is_some() {
            return false;
        }
        if positional(id) != Some(position) {
            self.others.insert(id.to_string(), position);
        }
        true
    }
}

struct PeopleSeed<'g, S> {
    graph: &'g mut StableDiGraph<Person, Relation>,
    ids: &'g mut Ids,
    statements: PhantomData<S>,
}

/// A person as the file has it.
#[derive(Deserialize)]
struct PersonIn<S> {
    id: String,
    name: String,
    names: Tight<String>,
    gender: Option<Gender>,
    documents: Tight<Shared>,
    attributes: Tight<AttributeIn<S>>,
}

impl<S: Statements> PersonIn<S> {
    fn into_person<E: de::Error>(self) -> Result<Person, E> {
        let attributes =
            self.attributes.0.into_iter().map(AttributeIn::into_attribute).collect::<Result<_, E>>()?;
        Ok(Person {
            id: self.id,
            name: self.name,
            names: self.names.0,
            gender: self.gender,
            documents: self.documents.0.into_iter().map(|d| d.0).collect(),
            attributes,
        })
    }
}

impl<'de, S: Statements + Deserialize<'de>> DeserializeSeed<'de> for PeopleSeed<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: Statements + Deserialize<'de>> Visitor<'de> for PeopleSeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of people")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(n) = seq.size_hint() {
            self.graph.reserve_nodes(n);
        }
        while let Some(person) = seq.next_element::<PersonIn<S>>()? {
            let person = person.into_person()?;
            let position = self.graph.node_count();
            if !self.ids.add(self.graph, &person.id, position) {
                return Err(de::Error::custom(format!("person id {:?} is used twice", person.id)));
            }
            self.graph.add_node(person);
        }
        Ok(())
    }
}

/// A relation as the file has it, ends by person id.
#[derive(Deserialize)]
struct RelationIn<'a, S> {
    #[serde(borrow)]
    head: Cow<'a, str>,
    #[serde(borrow)]
    tail: Cow<'a, str>,
    #[serde(rename = "type")]
    kind: RelationKind,
    qualifiers: Tight<Qualifier>,
    terms: Tight<Shared>,
    confidence: f32,
    #[serde(default)]
    inferred: Option<Inference>,
    evidence: S,
}

fn add_relation<E: de::Error, S: Statements>(
    graph: &mut StableDiGraph<Person, Relation>,
    ids: &Ids,
    i: usize,
    r: RelationIn<'_, S>,
) -> Result<(), E> {
    let end = |id: &str| {
        ids.find(graph, id).ok_or_else(|| E::custom(format!("relation {i} names unknown person {id:?}")))
    };
    let (head, tail) = (end(&r.head)?, end(&r.tail)?);
    if head == tail {
        return Err(E::custom(format!("relation {i} relates {:?} to themselves", r.head)));
    }
    let (head, tail) = canonical(r.kind, head, tail);
    let relation = Relation {
        kind: r.kind,
        qualifiers: r.qualifiers.0,
        terms: r.terms.0.into_iter().map(|t| t.0).collect(),
        confidence: r.confidence,
        inferred: r.inferred.map(Box::new),
        evidence: r.evidence.into_vec(),
    };
    graph.add_edge(NodeIndex::new(head), NodeIndex::new(tail), relation);
    Ok(())
}

struct RelationsSeed<'g, S> {
    graph: &'g mut StableDiGraph<Person, Relation>,
    ids: &'g Ids,
    statements: PhantomData<S>,
}

impl<'de, S: Statements + Deserialize<'de>> DeserializeSeed<'de> for RelationsSeed<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: Statements + Deserialize<'de>> Visitor<'de> for RelationsSeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of relations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(r) = seq.next_element::<RelationIn<'de, S>>()? {
            add_relation(self.graph, self.ids, i, r)?;
            i += 1;
        }
        Ok(())
    }
}

/// An attribute as the file has it: the attribute's fields and its
/// evidence side by side, read flat.
#[derive(Deserialize)]
struct AttributeIn<S> {
    #[serde(rename = "type")]
    kind: String,
    years: Option<u32>,
    as_of: Option<Date>,
    born: Option<(i32, i32)>,
    date: Option<PartialDate>,
    age: Option<u32>,
    cause: Option<String>,
    value: Option<String>,
    evidence: S,
}

impl<'de> Deserialize<'de> for PersonAttribute {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PersonAttribute, D::Error> {
        AttributeIn::<Tight<GraphEvidence>>::deserialize(deserializer)?.into_attribute()
    }
}

impl<S: Statements> AttributeIn<S> {
    fn into_attribute<E: de::Error>(self) -> Result<PersonAttribute, E> {
        let a = self;
        let value = |v: &Option<String>| v.clone().ok_or_else(|| de::Error::missing_field("value"));
        let attribute = match a.kind.as_str() {
            "age" => Attribute::Age {
                years: a.years.ok_or_else(|| de::Error::missing_field("years"))?,
                as_of: a.as_of,
                born: a.born,
            },
            "death" => Attribute::Death { date: a.date, age: a.age, cause: a.cause.clone() },
            "role" => Attribute::Role { value: value(&a.value)? },
            "hometown" => Attribute::Hometown { value: value(&a.value)? },
            "gender" => Attribute::Gender {
                value: match value(&a.value)?.as_str() {
                    "female" => Gender::Female,
                    "male" => Gender::Male,
                    other => return Err(de::Error::unknown_variant(other, &["female", "male"])),
                },
            },
            other => {
                return Err(de::Error::unknown_variant(
                    other,
                    &["age", "death", "role", "hometown", "gender"],
                ));
            }
        };
        Ok(PersonAttribute { attribute, evidence: a.evidence.into_vec() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_written_as_positions_need_no_map() {
        assert_eq!(positional("p0"), Some(0));
        assert_eq!(positional("p12"), Some(12));
        assert_eq!(positional("p012"), None);
        assert_eq!(positional("p+1"), None);
        assert_eq!(positional("x1"), None);
        assert_eq!(positional("p"), None);
    }

    #[test]
    fn relations_before_people_and_other_ids_are_read() {
        let json = r#"{"relations":[{"head":"b","tail":"a","type":"friend","qualifiers":[],"terms":[],
            "confidence":1,"evidence":[]}],"format_version":2,"documents":[],
            "people":[{"id":"a","name":"A","names":["A"],"gender":null,"documents":[],"attributes":[]},
                      {"id":"b","name":"B","names":["B"],"gender":null,"documents":[],"attributes":[]}]}"#;
        let graph = parse(json, &[2]).expect("reads");
        let r = graph.relations().next().expect("one relation");
        assert_eq!((r.head.index(), r.tail.index()), (0, 1));
    }

    #[test]
    fn duplicate_ids_are_refused_however_written() {
        let person = |id: &str| {
            format!(
                r#"{{"id":"{id}","name":"A","names":["A"],"gender":null,"documents":[],"attributes":[]}}"#
            )
        };
        for ids in [["p0", "p0"], ["x", "x"], ["p1", "p1"]] {
            let json = format!(
                r#"{{"format_version":2,"documents":[],"people":[{},{}],"relations":[]}}"#,
                person(ids[0]),
                person(ids[1])
            );
            let err = parse(&json, &[2]).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains("is used twice"), "{ids:?}: {err}");
        }
    }
}
