/*!
GEDCOM 5.5.1 (lineage-linked, UTF-8), which Gramps, RootsMagic, Ancestry
and most genealogy programs import.

- Each person is an `INDI` with `NAME` (the last word as the surname
  between slashes), `SEX` (`F`, `M` or `U`), `BIRT` with a `DATE` (a year,
  or `BET 1981 AND 1982` when the age only bounds it), `DEAT` with `DATE`,
  `AGE` and `CAUS`, `OCCU` for roles, and a `NOTE` with kith's id and other
  names.
- Families are `FAM` records from [`super::family`]: a couple (`HUSB` and
  `WIFE` by gender; when gender does not decide, the first is `HUSB`) with
  `CHIL` for each child, `MARR` for spouses, `DIV` when the marriage is
  `former`; adoptive children have `PEDI adopted`. Full siblings with no
  parent in the graph share a family without parents, as GEDCOM links
  siblings only through families.
- Relations GEDCOM has no family link for (friends, other relatives, half-
  and step-siblings) are `ASSO` links with `RELA`.
- Evidence: every document is a `SOUR` record; families, deaths and
  associations cite it with the sentence as `PAGE` and `DATA`/`TEXT`.

Text is one line per value: line breaks become spaces in names and `CONT`
lines in notes, long values are split with `CONC`, `@` is doubled, and a
`/` inside a name (the surname delimiter) becomes `∕` (U+2215).
*/

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use petgraph::stable_graph::NodeIndex;

use super::family::families;
use super::lifespan::Lifespan;
use super::{describe_attribute, one_line};
use crate::fact::{Attribute, Gender, PartialDate, Qualifier, RelationKind};
use crate::graph::{GraphEvidence, KinGraph, Person};

/// The graph as a GEDCOM 5.5.1 file.
pub fn to_gedcom(graph: &KinGraph) -> String {
    let mut g = Gedcom::default();
    g.line(0, "HEAD", "");
    g.line(1, "SOUR", "KITH");
    g.line(2, "VERS", env!("CARGO_PKG_VERSION"));
    g.line(2, "NAME", "kith");
    g.line(1, "GEDC", "");
    g.line(2, "VERS", "5.5.1");
    g.line(2, "FORM", "LINEAGE-LINKED");
    g.line(1, "CHAR", "UTF-8");
    g.text(
        1,
        "NOTE",
        "Relationship graph extracted by kith from news articles; every family cites its sentence.",
    );

    let xref: BTreeMap<NodeIndex, String> =
        graph.people().enumerate().map(|(i, (node, _))| (node, format!("@I{}@", i + 1))).collect();
    let sources: BTreeMap<&str, String> =
        graph.documents().iter().enumerate().map(|(i, d)| (d.id.as_str(), format!("@S{}@", i + 1))).collect();

    // Families: couples and parents with their children, then parentless
    // groups of full siblings.
    let mut fams: Vec<Fam> = families(graph)
        .into_iter()
        .map(|f| Fam {
            parents: f.parents.clone(),
            children: f
                .children
                .iter()
                .map(|(child, edges)| {
                    let adopted = edges
                        .iter()
                        .filter_map(|&e| graph.relation(e))
                        .any(|r| r.qualifiers.contains(&Qualifier::Adoptive));
                    (*child, adopted)
                })
                .collect(),
            evidence: f
                .couple
                .iter()
                .chain(f.children.iter().flat_map(|(_, edges)| edges))
                .filter_map(|&e| graph.relation(e))
                .flat_map(|r| r.evidence.iter())
                .collect(),
            couple: f
                .couple
                .iter()
                .filter_map(|&e| graph.relation(e))
                .map(|r| (r.kind, r.qualifiers.clone()))
                .collect(),
        })
        .collect();
    let mut associations: Vec<(NodeIndex, NodeIndex, String, Vec<&GraphEvidence>)> = Vec::new();
    for r in graph.relations() {
        let relation = r.relation;
        let word = || relation.terms.first().map_or_else(|| relation.label(), ToString::to_string);
        match relation.kind {
            RelationKind::Sibling if relation.qualifiers.is_empty() => {
                let evidence: Vec<&GraphEvidence> = relation.evidence.iter().collect();
                if !join_siblings(&mut fams, r.head, r.tail, &evidence) {
                    associations.push((r.head, r.tail, word(), evidence));
                }
            }
            RelationKind::Sibling | RelationKind::Relative | RelationKind::Friend => {
                associations.push((r.head, r.tail, word(), relation.evidence.iter().collect()));
            }
            _ => {}
        }
    }

    for document in graph.documents() {
        let Some(id) = sources.get(document.id.as_str()) else { continue };
        g.line(0, id, "SOUR");
        g.text(1, "TITL", &document.id);
        if let Some(date) = document.date {
            g.text(1, "NOTE", &format!("published {date}"));
        }
    }

    for (node, person) in graph.people() {
        let Some(id) = xref.get(&node) else { continue };
        write_person(&mut g, id, person, &sources);
        for (i, fam) in fams.iter().enumerate() {
            if fam.parents.contains(&node) {
                g.line(1, "FAMS", &format!("@F{}@", i + 1));
            }
        }
        for (i, fam) in fams.iter().enumerate() {
            if let Some((_, adopted)) = fam.children.iter().find(|(c, _)| *c == node) {
                g.line(1, "FAMC", &format!("@F{}@", i + 1));
                if *adopted {
                    g.line(2, "PEDI", "adopted");
                }
            }
        }
        for (head, tail, word, evidence) in &associations {
            let other = if *head == node {
                tail
            } else if *tail == node {
                head
            } else {
                continue;
            };
            let Some(other_id) = xref.get(other) else { continue };
            g.line(1, "ASSO", other_id);
            g.text(2, "RELA", word);
            cite(&mut g, 2, evidence, &sources);
        }
    }

    for (i, fam) in fams.iter().enumerate() {
        g.line(0, &format!("@F{}@", i + 1), "FAM");
        let people: Vec<(NodeIndex, Option<Gender>)> =
            fam.parents.iter().map(|&p| (p, graph.person(p).and_then(|p| p.gender))).collect();
        let (husband, wife) = match people.as_slice() {
            [(a, Some(Gender::Female)), (b, _)] => (Some(*b), Some(*a)),
            [(a, _), (b, _)] => (Some(*a), Some(*b)),
            [(a, Some(Gender::Female))] => (None, Some(*a)),
            [(a, _)] => (Some(*a), None),
            _ => (None, None),
        };
        if let Some(id) = husband.and_then(|h| xref.get(&h)) {
            g.line(1, "HUSB", id);
        }
        if let Some(id) = wife.and_then(|w| xref.get(&w)) {
            g.line(1, "WIFE", id);
        }
        for (child, _) in &fam.children {
            if let Some(id) = xref.get(child) {
                g.line(1, "CHIL", id);
            }
        }
        for (kind, qualifiers) in &fam.couple {
            match kind {
                RelationKind::Spouse => {
                    g.line(1, "MARR", "Y");
                    if qualifiers.contains(&Qualifier::Former) {
                        g.line(1, "DIV", "Y");
                    }
                }
                _ => {
                    let words: Vec<&str> =
                        qualifiers.iter().map(|&q| crate::graph::qualifier_word(q)).collect();
                    let note = if words.is_empty() {
                        "unmarried partners".to_string()
                    } else {
                        format!("unmarried partners ({})", words.join(", "))
                    };
                    g.text(1, "NOTE", &note);
                }
            }
        }
        cite(&mut g, 1, &fam.evidence, &sources);
    }
    g.line(0, "TRLR", "");
    g.out
}

/// A family on its way to GEDCOM.
struct Fam<'g> {
    parents: Vec<NodeIndex>,
    /// Children, with whether they are adopted.
    children: Vec<(NodeIndex, bool)>,
    /// The couple relations (kind and qualifiers) between the parents.
    couple: Vec<(RelationKind, Vec<Qualifier>)>,
    evidence: Vec<&'g GraphEvidence>,
}

/// Puts two full siblings in one family: the family one of them is a child
/// of, or a new family without parents. False when each already has a
/// different family (then they are linked by association instead).
fn join_siblings<'g>(
    fams: &mut Vec<Fam<'g>>,
    a: NodeIndex,
    b: NodeIndex,
    evidence: &[&'g GraphEvidence],
) -> bool {
    let family_of =
        |fams: &[Fam<'_>], n: NodeIndex| fams.iter().position(|f| f.children.iter().any(|(c, _)| *c == n));
    match (family_of(fams, a), family_of(fams, b)) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) | (None, Some(x)) => {
            let missing = if family_of(fams, a).is_some() { b } else { a };
            fams[x].children.push((missing, false));
            fams[x].evidence.extend(evidence.iter().copied());
            true
        }
        (None, None) => {
            fams.push(Fam {
                parents: Vec::new(),
                children: vec![(a, false), (b, false)],
                couple: Vec::new(),
                evidence: evidence.to_vec(),
            });
            true
        }
    }
}

fn write_person(g: &mut Gedcom, id: &str, person: &Person, sources: &BTreeMap<&str, String>) {
    g.line(0, id, "INDI");
    g.line(1, "NAME", &name_value(&person.name));
    let words: Vec<String> = name_text(&person.name).split(' ').map(str::to_string).collect();
    if let [given @ .., surname] = words.as_slice()
        && !given.is_empty()
    {
        g.line(2, "GIVN", &given.join(" "));
        g.line(2, "SURN", surname);
    }
    g.line(
        1,
        "SEX",
        match person.gender {
            Some(Gender::Female) => "F",
            Some(Gender::Male) => "M",
            None => "U",
        },
    );
    let life = Lifespan::of(person);
    if let Some((from, to)) = life.born {
        g.line(1, "BIRT", "");
        g.line(2, "DATE", &if from == to { format!("{from}") } else { format!("BET {from} AND {to}") });
    }
    if life.deceased {
        let detailed = life.died.is_some() || life.death_age.is_some() || life.death_cause.is_some();
        g.line(1, "DEAT", if detailed { "" } else { "Y" });
        if let Some(date) = &life.died {
            g.line(2, "DATE", &gedcom_date(date));
        }
        if let Some(age) = life.death_age {
            g.line(2, "AGE", &format!("{age}y"));
        }
        if let Some(cause) = &life.death_cause {
            g.text(2, "CAUS", cause);
        }
        let evidence: Vec<&GraphEvidence> = person
            .attributes
            .iter()
            .filter(|a| matches!(a.attribute, Attribute::Death { .. }))
            .flat_map(|a| a.evidence.iter())
            .collect();
        cite(g, 2, &evidence, sources);
    }
    for attribute in &person.attributes {
        if let Attribute::Role { value } = &attribute.attribute {
            g.text(1, "OCCU", value);
        }
    }
    let mut note = format!("kith id: {}", person.id);
    let others: Vec<String> =
        person.names.iter().filter(|n| **n != person.name).map(|n| one_line(n)).collect();
    if !others.is_empty() {
        let _ = write!(note, "\nalso called: {}", others.join("; "));
    }
    for attribute in &person.attributes {
        if matches!(attribute.attribute, Attribute::Hometown { .. } | Attribute::Age { .. }) {
            let _ = write!(note, "\n{}", describe_attribute(&attribute.attribute));
        }
    }
    g.text(1, "NOTE", &note);
}

/// Source citations: one per document, each sentence as `PAGE` and text.
fn cite(g: &mut Gedcom, level: usize, evidence: &[&GraphEvidence], sources: &BTreeMap<&str, String>) {
    let mut seen = BTreeSet::new();
    for e in evidence {
        if !seen.insert((e.document(), e.sentence())) {
            continue;
        }
        let Some(source) = sources.get(e.document()) else { continue };
        g.line(level, "SOUR", source);
        g.line(level + 1, "PAGE", &format!("sentence {}", e.sentence() + 1));
        g.line(level + 1, "DATA", "");
        g.text(level + 2, "TEXT", e.sentence_text());
    }
}

/// The name on one line, with the surname delimiter `/` replaced.
fn name_text(name: &str) -> String {
    one_line(name).replace('/', "\u{2215}")
}

/// `Given Names /Surname/`, or the single word alone.
fn name_value(name: &str) -> String {
    let text = name_text(name);
    match text.rsplit_once(' ') {
        Some((given, surname)) => format!("{given} /{surname}/"),
        None => text,
    }
}

/// `2020`, `JUL 2020`, `27 DEC 2021`.
fn gedcom_date(date: &PartialDate) -> String {
    const MONTHS: [&str; 12] =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    let month = date.month.and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
    match (date.day, month) {
        (Some(day), Some(month)) => format!("{day} {month} {}", date.year),
        (None, Some(month)) => format!("{month} {}", date.year),
        _ => format!("{}", date.year),
    }
}

/// GEDCOM lines, with the escaping every value needs.
#[derive(Default)]
struct Gedcom {
    out: String,
}

/// Longest value on one line (the standard allows 255 characters per line
/// in all; level, tag and spaces take the rest).
const MAX_VALUE: usize = 200;

impl Gedcom {
    /// One line: `LEVEL TAG VALUE`, or `0 @XREF@ TAG` for records. The value
    /// must be one line (callers pass names through `one_line`).
    fn line(&mut self, level: usize, tag: &str, value: &str) {
        let value =
            if tag.starts_with('@') || is_xref(value) { value.to_string() } else { value.replace('@', "@@") };
        let value: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let _ = writeln!(self.out, "{level} {tag}{}{value}", if value.is_empty() { "" } else { " " });
    }

    /// Free text over several lines: `CONT` for each line break, `CONC`
    /// where a line is too long (split between characters, never inside
    /// one, and not before a space, which some readers trim).
    fn text(&mut self, level: usize, tag: &str, text: &str) {
        for (i, line) in text.split('\n').enumerate() {
            let mut chunks = chunks(line.trim_end_matches('\r')).into_iter();
            let first = chunks.next().unwrap_or_default();
            if i == 0 {
                self.line(level, tag, &first);
            } else {
                self.line(level + 1, "CONT", &first);
            }
            for chunk in chunks {
                self.line(level + 1, "CONC", &chunk);
            }
        }
    }
}

/// A pointer kith writes (`@I1@`, `@F2@`, `@S3@`), which keeps its `@`s.
fn is_xref(value: &str) -> bool {
    let Some(inner) = value.strip_prefix('@').and_then(|v| v.strip_suffix('@')) else {
        return false;
    };
    let mut chars = inner.chars();
    matches!(chars.next(), Some('I' | 'F' | 'S'))
        && !inner[1..].is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

fn chunks(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in line.chars() {
        let last = out.last_mut().expect("never empty");
        let escaped = if c == '@' { 2 } else { c.len_utf8() };
        if last.len() + escaped > MAX_VALUE && c != ' ' && !last.ends_with(' ') {
            out.push(String::new());
        }
        out.last_mut().expect("never empty").push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dates_and_long_text() {
        assert_eq!(name_value("Dana Whitcombe"), "Dana /Whitcombe/");
        assert_eq!(name_value("Maya"), "Maya");
        assert_eq!(name_value("A/B C\nD"), "A\u{2215}B C /D/");
        assert_eq!(gedcom_date(&PartialDate { year: 2020, month: Some(7), day: None }), "JUL 2020");
        let mut g = Gedcom::default();
        g.text(1, "NOTE", &format!("a@b\n{}", "x".repeat(450)));
        let lines: Vec<&str> = g.out.lines().collect();
        assert_eq!(lines[0], "1 NOTE a@@b");
        assert!(lines[1].starts_with("2 CONT xxx"));
        assert!(lines[2].starts_with("2 CONC xxx"));
        assert!(lines.iter().all(|l| l.len() <= 255));
    }
}
