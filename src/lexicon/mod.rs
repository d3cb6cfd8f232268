//! Word lists kept as data: kinship nouns, pronouns, titles, role nouns,
//! closed-class words and given names.
//!
//! Every list is a TSV file under `data/`, compiled in with `include_str!`
//! and parsed once on first use. Code asks questions of the lexicon ("is this
//! a kinship noun, and what does it say?") instead of spelling words out in
//! `match` arms, so coverage grows by editing data, and a unit test checks
//! every entry of every file.

pub mod names;
mod table;

use std::sync::OnceLock;

use crate::fact::{Gender, Qualifier, RelationKind};

pub use names::{GivenName, GivenNames, Surnames};
pub use table::TableError;
use table::WordMap;

/// What the person a kinship noun names is to the possessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KinRole {
    /// "X's mother Y": Y is X's parent.
    Parent,
    /// "X's son Y": Y is X's child.
    Child,
    /// Symmetric relations: "X's wife Y", "X's brother Y".
    Peer,
}

/// Grammatical number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// One person.
    Singular,
    /// Several people.
    Plural,
}

/// A kinship or relationship noun ("wife", "stepdaughter", "ex-husband").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KinshipTerm {
    /// The relation it expresses.
    pub kind: RelationKind,
    /// What its referent is to the possessor.
    pub role: KinRole,
    /// Gender of the referent, when the noun marks it.
    pub gender: Option<Gender>,
    /// Singular "son" or plural "sons".
    pub number: Number,
    /// Qualifiers the noun itself carries ("ex-wife" → former).
    pub qualifiers: Vec<Qualifier>,
    /// Number of "great-" prefixes stripped to find the entry (0 mostly).
    pub greats: u8,
}

/// Person and case of a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounCase {
    /// he, she, they.
    Subject,
    /// him, her, them.
    Object,
    /// his, her, their — before a noun.
    Possessive,
    /// hers, theirs — standing alone.
    PossessivePronoun,
    /// himself, herself.
    Reflexive,
}

/// A personal pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pronoun {
    /// 1, 2 or 3.
    pub person: u8,
    /// Marked gender (third person singular only).
    pub gender: Option<Gender>,
    /// Singular or plural.
    pub number: Number,
    /// Case.
    pub case: PronounCase,
}

/// How a title before a name behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Mr., Mrs.: only courtesy, dropped from the name.
    Honorific,
    /// Dr., Sen., Gov.: an office, also a role of the person.
    Office,
    /// Prince, Queen: part of how the person is named ("the Queen").
    Royal,
}

/// A title or honorific that stands before a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    /// Gender the title marks.
    pub gender: Option<Gender>,
    /// Its behaviour.
    pub kind: TitleKind,
}

/// Class of a closed-class word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// the, a, this.
    Determiner,
    /// of, in, with.
    Preposition,
    /// and, but, when.
    Conjunction,
    /// also, finally, earlier.
    Adverb,
    /// it, who, people.
    Pronoun,
    /// is, was, will.
    Auxiliary,
    /// Everything else in the list.
    Other,
}

/// What a word next to capitalised words says about them being a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameCue {
    /// Stays lowercase inside a name: "van", "dos".
    Particle,
    /// Its "of" names a place or event: "duchy of", "battle of".
    Realm,
    /// Ranks an office before its holder: "Prime (Minister)".
    Rank,
    /// Its "by" names a person: "directed by".
    Agent,
}

/// What a verb tells about the people around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbClass {
    /// "said", "told": only people speak.
    Speech,
    /// "died".
    Death,
    /// "married", "wed".
    Marry,
    /// "divorced".
    Divorce,
    /// Copulas before a relation noun: "stay friends", "became friends".
    Become,
    /// Unmarried couples: "dating", "engaged", "proposed".
    Partner,
    /// Other common verbs whose subject is usually a person or group ("won",
    /// "met"): evidence that a capitalised word before them is a name.
    Action,
}

/// All word lists, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    kinship: WordMap<KinshipTerm>,
    modifiers: WordMap<Option<Qualifier>>,
    pronouns: WordMap<Pronoun>,
    titles: WordMap<Title>,
    roles: WordMap<Option<Gender>>,
    not_names: WordMap<&'static str>,
    org_heads: WordMap<()>,
    function_words: WordMap<WordClass>,
    verbs: WordMap<VerbClass>,
    places: WordMap<&'static str>,
    name_words: WordMap<()>,
    surname_words: WordMap<()>,
    unreal_kin: WordMap<()>,
    name_cues: WordMap<NameCue>,
}

const KINSHIP: &str = include_str!("../../data/kinship.tsv");
const MODIFIERS: &str = include_str!("../../data/kinship_modifiers.tsv");
const PRONOUNS: &str = include_str!("../../data/pronouns.tsv");
const TITLES: &str = include_str!("../../data/titles.tsv");
const ROLES: &str = include_str!("../../data/roles.tsv");
const NOT_NAMES: &str = include_str!("../../data/not_names.tsv");
const ORG_HEADS: &str = include_str!("../../data/org_heads.tsv");
const NAME_WORDS: &str = include_str!("../../data/name_words.txt");
const SURNAME_WORDS: &str = include_str!("../../data/surname_words.txt");
const UNREAL_KIN: &str = include_str!("../../data/unreal_kin.txt");
const NAME_CUES: &str = include_str!("../../data/name_cues.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");
const VERBS: &str = include_str!("../../data/verbs.tsv");
const FUNCTION_WORDS: &str = include_str!("../../data/function_words.tsv");

impl Lexicon {
    /// The lexicon, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            // The data is compiled in and every entry is checked by the unit
            // tests below, so a failure here is a build defect, not bad input.
            Lexicon::parse().expect("embedded lexicon data is valid")
        })
    }

    fn parse() -> Result<Lexicon, TableError> {
        Ok(Lexicon {
            kinship: table::parse_map(
                "kinship.tsv",
                KINSHIP,
                &["term", "kind", "referent", "gender", "number", "qualifiers"],
                |f| {
                    Ok(KinshipTerm {
                        kind: f[1].parse().map_err(|_| "unknown relation kind")?,
                        role: match f[2] {
                            "parent" => KinRole::Parent,
                            "child" => KinRole::Child,
                            "peer" => KinRole::Peer,
                            _ => return Err("referent must be parent, child or peer"),
                        },
                        gender: table::gender(f[3])?,
                        number: table::number(f[4])?,
                        qualifiers: table::qualifiers(f[5])?,
                        greats: 0,
                    })
                },
            )?,
            modifiers: table::parse_map(
                "kinship_modifiers.tsv",
                MODIFIERS,
                &["modifier", "qualifier"],
                |f| match f[1] {
                    "-" => Ok(None),
                    q => table::qualifier(q).map(Some),
                },
            )?,
            pronouns: table::parse_map(
                "pronouns.tsv",
                PRONOUNS,
                &["form", "person", "gender", "number", "case"],
                |f| {
                    Ok(Pronoun {
                        person: match f[1] {
                            "1" => 1,
                            "2" => 2,
                            "3" => 3,
                            _ => return Err("person must be 1, 2 or 3"),
                        },
                        gender: table::gender(f[2])?,
                        number: table::number(f[3])?,
                        case: match f[4] {
                            "subj" => PronounCase::Subject,
                            "obj" => PronounCase::Object,
                            "poss" => PronounCase::Possessive,
                            "posspro" => PronounCase::PossessivePronoun,
                            "refl" => PronounCase::Reflexive,
                            _ => return Err("case must be subj, obj, poss, posspro or refl"),
                        },
                    })
                },
            )?,
            titles: table::parse_map("titles.tsv", TITLES, &["title", "gender", "kind"], |f| {
                Ok(Title {
                    gender: table::gender(f[1])?,
                    kind: match f[2] {
                        "honorific" => TitleKind::Honorific,
                        "office" => TitleKind::Office,
                        "royal" => TitleKind::Royal,
                        _ => return Err("kind must be honorific, office or royal"),
                    },
                })
            })?,
            roles: table::parse_map("roles.tsv", ROLES, &["role", "gender"], |f| table::gender(f[1]))?,
            not_names: table::parse_map("not_names.tsv", NOT_NAMES, &["word", "class"], |f| Ok(f[1]))?,
            org_heads: table::parse_map("org_heads.tsv", ORG_HEADS, &["word"], |_| Ok(()))?,
            function_words: table::parse_map(
                "function_words.tsv",
                FUNCTION_WORDS,
                &["word", "class"],
                |f| {
                    Ok(match f[1] {
                        "det" => WordClass::Determiner,
                        "prep" => WordClass::Preposition,
                        "conj" => WordClass::Conjunction,
                        "adv" => WordClass::Adverb,
                        "pron" => WordClass::Pronoun,
                        "aux" => WordClass::Auxiliary,
                        "other" => WordClass::Other,
                        _ => return Err("unknown word class"),
                    })
                },
            )?,
            places: table::parse_map("places.tsv", PLACES, &["word", "class"], |f| match f[1] {
                "country" | "state" | "city" | "region" | "demonym" | "direction" => Ok(f[1]),
                _ => Err("class must be country, state, city, region, demonym or direction"),
            })?,
            name_words: table::parse_list("name_words.txt", NAME_WORDS)?,
            surname_words: table::parse_list("surname_words.txt", SURNAME_WORDS)?,
            unreal_kin: table::parse_list("unreal_kin.txt", UNREAL_KIN)?,
            name_cues: table::parse_map("name_cues.tsv", NAME_CUES, &["word", "cue"], |f| {
                Ok(match f[1] {
                    "particle" => NameCue::Particle,
                    "realm" => NameCue::Realm,
                    "rank" => NameCue::Rank,
                    "agent" => NameCue::Agent,
                    _ => return Err("cue must be particle, realm, rank or agent"),
                })
            })?,
            verbs: table::parse_map("verbs.tsv", VERBS, &["verb", "class"], |f| {
                Ok(match f[1] {
                    "speech" => VerbClass::Speech,
                    "death" => VerbClass::Death,
                    "marry" => VerbClass::Marry,
                    "divorce" => VerbClass::Divorce,
                    "become" => VerbClass::Become,
                    "action" => VerbClass::Action,
                    "partner" => VerbClass::Partner,
                    _ => return Err("unknown verb class"),
                })
            })?,
        })
    }

    /// The class ("country", "city", "demonym") of a place name or the
    /// adjective of a people or faith: capitalised, but nobody's name.
    pub fn place(&self, lower: &str) -> Option<&'static str> {
        self.places.get(lower).copied().or_else(|| {
            // "Americans", "Indians": the plural of a people is no name either.
            let base = lower.strip_suffix('s')?;
            self.places.get(base).copied().filter(|class| *class == "demonym")
        })
    }

    /// True for given names that are also common English words ("art",
    /// "grace", "will"): alone, such a word needs context to be a name.
    pub fn is_name_word(&self, lower: &str) -> bool {
        // Names given hundreds of thousands of times ("john", "mark",
        // "grace") are read as names first, whatever else they mean.
        const DOMINANT: u32 = 300_000;
        self.name_words.contains_key(lower)
            && self.given_names().lookup(lower).is_none_or(|n| n.total() < DOMINANT)
    }

    /// True for surnames that are also common English words ("baker",
    /// "young"): alone, such a word is no evidence of a name.
    pub fn is_surname_word(&self, lower: &str) -> bool {
        self.surname_words.contains_key(lower)
    }

    /// True for words that make a kinship phrase fiction or rumour
    /// ("onscreen", "rumored", "played").
    pub fn is_unreal_kin(&self, lower: &str) -> bool {
        self.unreal_kin.contains_key(lower)
    }

    /// What a word next to a capitalised run says about it being a name
    /// (`data/name_cues.tsv`).
    pub fn name_cue(&self, lower: &str) -> Option<NameCue> {
        self.name_cues.get(lower).copied()
    }

    /// The class of a verb form.
    pub fn verb(&self, lower: &str) -> Option<VerbClass> {
        self.verbs.get(lower).copied()
    }

    /// The kinship noun `lower` (ASCII-lowercased token), also through any
    /// number of "great-" prefixes on a grand- term ("great-grandson").
    pub fn kinship(&self, lower: &str) -> Option<KinshipTerm> {
        if let Some(term) = self.kinship.get(lower) {
            return Some(term.clone());
        }
        let mut rest = lower;
        let mut greats = 0u8;
        while let Some(r) = rest.strip_prefix("great-") {
            rest = r;
            greats = greats.saturating_add(1);
        }
        if greats == 0 || !rest.starts_with("grand") {
            return None;
        }
        let mut term = self.kinship.get(rest)?.clone();
        term.greats = greats;
        Some(term)
    }

    /// A word that may stand between a possessive and a kinship noun;
    /// `Some(Some(q))` when it adds a qualifier ("late" → late).
    pub fn kinship_modifier(&self, lower: &str) -> Option<Option<Qualifier>> {
        self.modifiers.get(lower).copied()
    }

    /// The personal pronoun `lower`.
    pub fn pronoun(&self, lower: &str) -> Option<Pronoun> {
        self.pronouns.get(lower).copied()
    }

    /// The title `lower` (without its period).
    pub fn title(&self, lower: &str) -> Option<Title> {
        self.titles.get(lower).copied()
    }

    /// `Some(gender)` when `lower` is a role noun ("entrepreneur", "actress").
    pub fn role(&self, lower: &str) -> Option<Option<Gender>> {
        self.roles.get(lower).copied()
    }

    /// True for a role noun or its plural ("director", "directors"): such a
    /// word is no part of a person's name.
    pub fn is_role_word(&self, lower: &str) -> bool {
        self.roles.contains_key(lower)
            || lower.strip_suffix('s').is_some_and(|base| self.roles.contains_key(base))
    }

    /// The class ("month", "weekday") of a capitalised word that is never a
    /// name on its own.
    pub fn not_name(&self, lower: &str) -> Option<&'static str> {
        self.not_names.get(lower).copied()
    }

    /// True for head nouns of organisations, works and places ("weekly",
    /// "award").
    pub fn is_org_head(&self, lower: &str) -> bool {
        self.org_heads.contains_key(lower)
    }

    /// The class of a closed-class word.
    pub fn function_word(&self, lower: &str) -> Option<WordClass> {
        self.function_words.get(lower).copied()
    }

    /// The gazetteer of given names.
    pub fn given_names(&self) -> &'static GivenNames {
        GivenNames::get()
    }

    /// The gazetteer of surnames.
    pub fn surnames(&self) -> &'static Surnames {
        Surnames::get()
    }

    /// Gender a given name suggests, when the public birth records are
    /// lopsided enough (≥ 90 % one way) to say so.
    pub fn name_gender(&self, lower: &str) -> Option<Gender> {
        let name = self.given_names().lookup(lower)?;
        let share = name.female_share();
        if share >= 0.9 {
            Some(Gender::Female)
        } else if share <= 0.1 {
            Some(Gender::Male)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses() {
        // Parsing validates every line of every file: columns, enums,
        // duplicates, lowercase keys.
        let lex = Lexicon::parse().unwrap();
        assert!(lex.kinship.len() > 100);
        assert!(lex.pronouns.len() > 20);
    }

    #[test]
    fn every_kinship_entry_is_consistent() {
        let lex = Lexicon::get();
        for (term, entry) in &lex.kinship {
            // Gendered kinship nouns agree with their gender column.
            let female_word = [
                "wife",
                "mother",
                "daughter",
                "sister",
                "aunt",
                "niece",
                "girl",
                "mom",
                "mum",
                "fianc\u{e9}e",
                "fiancee",
                "widow",
                "grandma",
                "granny",
                "mama",
                "mommy",
            ]
            .iter()
            .any(|w| term.contains(w) && !term.contains("widower"));
            if female_word {
                assert_eq!(entry.gender, Some(Gender::Female), "{term}");
            }
            if term.ends_with('s') && !["bff"].contains(term) && entry.number == Number::Singular {
                panic!("{term} looks plural but is marked singular");
            }
            if term.starts_with("step") {
                assert!(entry.qualifiers.contains(&Qualifier::Step), "{term}");
            }
            if term.starts_with("half-") {
                assert!(entry.qualifiers.contains(&Qualifier::Half), "{term}");
            }
            if term.ends_with("-in-law") || *term == "in-laws" {
                assert!(entry.qualifiers.contains(&Qualifier::InLaw), "{term}");
                assert_eq!(entry.kind, RelationKind::Relative, "{term}");
            }
            if term.starts_with("ex-") {
                assert!(entry.qualifiers.contains(&Qualifier::Former), "{term}");
            }
            if entry.kind != RelationKind::Parent {
                assert_eq!(entry.role, KinRole::Peer, "{term}");
            }
        }
    }

    #[test]
    fn kinship_lookups() {
        let lex = Lexicon::get();
        let son = lex.kinship("son").unwrap();
        assert_eq!(
            (son.kind, son.role, son.gender),
            (RelationKind::Parent, KinRole::Child, Some(Gender::Male))
        );
        let mother = lex.kinship("mother").unwrap();
        assert_eq!(mother.role, KinRole::Parent);
        let ggs = lex.kinship("great-great-grandson").unwrap();
        assert_eq!((ggs.kind, ggs.greats), (RelationKind::Relative, 2));
        assert!(lex.kinship("great-son").is_none());
        assert!(lex.kinship("season").is_none());
        assert_eq!(lex.kinship_modifier("late"), Some(Some(Qualifier::Late)));
        assert_eq!(lex.kinship_modifier("beloved"), Some(None));
        assert_eq!(lex.kinship_modifier("season"), None);
    }

    #[test]
    fn every_pronoun_entry_is_consistent() {
        let lex = Lexicon::get();
        for (form, p) in &lex.pronouns {
            if p.person != 3 || p.number == Number::Plural {
                assert_eq!(p.gender, None, "{form}");
            }
            if form.ends_with("self") || form.ends_with("selves") {
                assert_eq!(p.case, PronounCase::Reflexive, "{form}");
            }
        }
        assert_eq!(lex.pronoun("she").unwrap().gender, Some(Gender::Female));
        assert_eq!(lex.pronoun("their").unwrap().number, Number::Plural);
    }

    #[test]
    fn every_title_role_and_word_entry() {
        let lex = Lexicon::get();
        for (t, title) in &lex.titles {
            assert!(!t.ends_with('.'), "{t}: titles are stored without the period");
            if title.kind == TitleKind::Honorific && !["mx"].contains(t) {
                assert!(title.gender.is_some(), "{t}");
            }
        }
        assert_eq!(lex.title("mrs").unwrap().gender, Some(Gender::Female));
        assert_eq!(lex.role("actress"), Some(Some(Gender::Female)));
        assert_eq!(lex.role("entrepreneur"), Some(None));
        assert_eq!(lex.role("season"), None);
        assert!(
            lex.is_role_word("directors") && lex.is_role_word("director") && !lex.is_role_word("seasons")
        );
        for (w, class) in &lex.not_names {
            assert!(["month", "weekday", "holiday", "religion", "placeholder"].contains(class), "{w}");
        }
        for w in lex.org_heads.keys() {
            assert!(lex.kinship(w).is_none() && lex.role(w).is_none(), "{w}");
        }
        for w in lex.function_words.keys() {
            assert!(lex.kinship(w).is_none(), "{w} is both a function word and a kinship noun");
        }
        assert!(lex.is_org_head("weekly"));
        assert_eq!(lex.function_word("the"), Some(WordClass::Determiner));
        assert_eq!(lex.not_name("december"), Some("month"));
        for v in lex.verbs.keys() {
            assert!(lex.kinship(v).is_none() && lex.role(v).is_none(), "{v}");
        }
        assert_eq!(lex.verb("said"), Some(VerbClass::Speech));
        for w in lex.places.keys() {
            assert!(
                lex.kinship(w).is_none() && lex.role(w).is_none() && lex.function_word(w).is_none(),
                "{w}"
            );
        }
        assert_eq!(lex.place("paris"), Some("city"));
        for w in lex.name_words.keys() {
            assert!(lex.given_names().lookup(w).is_some(), "{w} is not a given name");
        }
        assert!(lex.is_name_word("hope") && !lex.is_name_word("olivia") && !lex.is_name_word("john"));
        for w in lex.surname_words.keys() {
            assert!(lex.surnames().contains(w), "{w} is not a surname");
        }
        assert!(lex.is_surname_word("baker") && !lex.is_surname_word("gonzalez"));
        for w in lex.unreal_kin.keys() {
            assert!(lex.kinship(w).is_none() && lex.kinship_modifier(w).is_none(), "{w}");
        }
        assert!(lex.is_unreal_kin("onscreen") && !lex.is_unreal_kin("late"));
        for (w, cue) in &lex.name_cues {
            match cue {
                NameCue::Particle => assert!(w.len() <= 5 && lex.kinship(w).is_none(), "{w}"),
                NameCue::Realm | NameCue::Rank => {
                    assert!(lex.kinship(w).is_none() && lex.pronoun(w).is_none(), "{w}")
                }
                NameCue::Agent => assert!(w.ends_with("ed") || w.ends_with("en"), "{w}: a past participle"),
            }
        }
        assert_eq!(lex.name_cue("dos"), Some(NameCue::Particle));
        assert_eq!(lex.name_cue("duchy"), Some(NameCue::Realm));
        assert_eq!(lex.name_cue("directed"), Some(NameCue::Agent));
        assert_eq!(lex.name_cue("published"), None);
        assert_eq!(lex.place("american"), Some("demonym"));
        assert_eq!(lex.place("americans"), Some("demonym"));
        assert_eq!(lex.place("parises"), None);
        assert_eq!(lex.verb("wed"), Some(VerbClass::Marry));
    }
}
