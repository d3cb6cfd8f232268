//! The vocabulary of extracted facts: people, relations, attributes and the
//! evidence behind each.
//!
//! These are plain data, produced by the extraction stages for one document
//! ([`Extraction`]) and consumed by the graph. Every fact carries an
//! [`Evidence`] that points back into the document it came from, so any
//! edge of the final graph can be explained by the sentence that states it.

use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::text::Date;

/// A person's gender as the text shows it (pronouns, kinship nouns, titles,
/// given names). `None` elsewhere means the text does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// she/her, wife, mother, Mrs., a mostly-female given name.
    Female,
    /// he/him, husband, father, Mr., a mostly-male given name.
    Male,
}

/// The closed set of relation types of `docs/relations.md` (and of the
/// evaluation format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// Married, now or in the past (Wikidata P26).
    Spouse,
    /// Unmarried romantic partner: dating, engaged (P451).
    Partner,
    /// `head` is a parent of `tail` (P22/P25, inverse P40).
    Parent,
    /// Brother or sister, including half- and step- (P3373).
    Sibling,
    /// Other family: grandparent, aunt/uncle, cousin, in-law (P1038).
    Relative,
    /// Friends, stated as such.
    Friend,
}

impl RelationKind {
    /// All kinds, in schema order.
    pub const ALL: [RelationKind; 6] = [
        RelationKind::Spouse,
        RelationKind::Partner,
        RelationKind::Parent,
        RelationKind::Sibling,
        RelationKind::Relative,
        RelationKind::Friend,
    ];

    /// Symmetric kinds read the same from both ends; only `parent` is
    /// directed.
    pub fn is_symmetric(self) -> bool {
        self != RelationKind::Parent
    }

    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Spouse => "spouse",
            RelationKind::Partner => "partner",
            RelationKind::Parent => "parent",
            RelationKind::Sibling => "sibling",
            RelationKind::Relative => "relative",
            RelationKind::Friend => "friend",
        }
    }
}

impl std::fmt::Display for RelationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RelationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| {
            format!(
                "unknown relation type {s:?} (expected spouse, partner, parent, sibling, relative or friend)"
            )
        })
    }
}

/// Qualifiers refine a relation without leaving the closed set of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// The relation ended by death ("late husband", "widow"); the deceased
    /// party also carries a death attribute.
    Late,
    /// The relation ended otherwise: ex-, former, divorced, split.
    Former,
    /// Step-parent / step-sibling.
    Step,
    /// Half-sibling.
    Half,
    /// Through marriage: "-in-law".
    InLaw,
    /// Adoptive parent.
    Adoptive,
    /// Engaged (a partner who is a fiancé(e)).
    Engaged,
}

/// Where a fact comes from: the document, the sentence and the exact bytes,
/// the rule that read it, and how sure that reading is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// The whole sentence, as byte span into the document text.
    pub sentence_span: Span,
    /// The words that trigger the fact ("late husband", "his wife, Grace").
    pub span: Span,
    /// Name of the extraction rule, stable across versions, so a fact can be
    /// traced to its code and unit tests.
    pub rule: String,
    /// 0.0..=1.0: the rule's own reliability times the coreference steps
    /// needed to reach the people involved.
    pub confidence: f32,
}

/// Index of a person within one [`Extraction`].
pub type PersonIndex = usize;

/// A relation between two people of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationFact {
    /// For `parent`: the parent. For symmetric kinds: either end.
    pub head: PersonIndex,
    /// For `parent`: the child.
    pub tail: PersonIndex,
    /// The relation type.
    pub kind: RelationKind,
    /// Sorted, without duplicates.
    pub qualifiers: Vec<Qualifier>,
    /// The kinship word as written, lowercased ("late husband", "son",
    /// "stepdaughter"), so a graph can say more than the closed set does.
    pub term: Option<String>,
    /// The sentence and words that state it.
    pub evidence: Evidence,
}

/// A date known to a year, a month or a day, as news text gives them
/// ("in 2019", "in July 2020", "on December 27").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    /// Calendar year.
    pub year: i32,
    /// 1..=12 when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub month: Option<u8>,
    /// 1..=31 when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub day: Option<u8>,
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// What the text says about one person, besides relations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Attribute {
    /// Age in years on the article date ("Ellis, 37," / "the 39-year-old").
    Age {
        /// Years.
        years: u32,
        /// The article date the age holds on, when known.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        as_of: Option<Date>,
        /// Birth year range derived from the age and the article date:
        /// someone 39 on 2021-12-30 was born in 1981 or 1982.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        born: Option<(i32, i32)>,
    },
    /// The person has died.
    Death {
        /// When, as precisely as the text says.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        date: Option<PartialDate>,
        /// Age at death.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        age: Option<u32>,
        /// Cause as written ("coronavirus complications").
        #[serde(skip_serializing_if = "Option::is_none", default)]
        cause: Option<String>,
    },
    /// Occupation or public role ("cohost", "entrepreneur", "Apprentice alum").
    Role {
        /// As written, lowercased except for proper nouns.
        value: String,
    },
    /// Where the person is from.
    Hometown {
        /// Place name as written.
        value: String,
    },
    /// Gender, with the cue that shows it.
    Gender {
        /// The gender.
        value: Gender,
    },
}

/// One attribute with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeFact {
    /// What is said.
    pub attribute: Attribute,
    /// Where it is said.
    pub evidence: Evidence,
}

/// A person of one document after coreference: every name and mention that
/// refers to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFacts {
    /// The fullest name the text gives ("Sophie Marlow" over "Marlow").
    pub name: String,
    /// Every distinct surface name, fullest first.
    pub names: Vec<String>,
    /// Gender, when any cue shows it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub gender: Option<Gender>,
    /// Byte spans of every mention (names, pronouns, descriptions).
    pub mentions: Vec<Span>,
    /// Attributes with evidence.
    pub attributes: Vec<AttributeFact>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// People, indexed by [`PersonIndex`].
    pub people: Vec<PersonFacts>,
    /// Relations between them, deduplicated (one fact per pair, kind and
    /// sentence).
    pub relations: Vec<RelationFact>,
}
