/*!
The relationship of two people in kinship words, as a genealogy program's
relationship calculator says it: "A is B's great-granddaughter", "A and B
are half-brothers", "A is B's mother-in-law".

Blood kin comes from the closest common ancestor, found by walking `parent`
relations up from both people (a stated `sibling` relation counts as a
shared parent one level up). With `a` and `b` the generations from A and
from B up to that ancestor:

| a | b | A is B's |
|---|---|---|
| 0 | n | parent, grandparent, great-grandparent, ... |
| n | 0 | child, grandchild, great-grandchild, ... |
| 1 | 1 | sibling (half- when they share one parent and each has a different other one) |
| 1 | n ≥ 2 | aunt/uncle, great-aunt/great-uncle, ... |
| n ≥ 2 | 1 | niece/nephew, great-niece/great-nephew, ... |
| m ≥ 2 | n ≥ 2 | (min(m, n) − 1)th cousin, \|m − n\| times removed |

A step-parent on the way makes it step-kin ("stepson"). Without blood kin,
marriage is tried: the two are spouses or partners, or one is blood kin of
the other's spouse (in-laws, step-children). Otherwise the answer is the
shortest chain of stated relations, with the friendships it goes through;
words follow the person's gender when it is known, and are neutral
("parent", "sibling") otherwise.
*/

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::path::{PathFilter, RelationPath};
use super::{KinGraph, plain};
use crate::fact::{Gender, Qualifier, RelationKind};

/// How far up the ancestors are searched: a dozen generations is more than
/// news text ever links.
const MAX_GENERATIONS: usize = 12;

/// The relationship of two people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kinship {
    /// The kinship word for what A is to B ("son", "first cousin once
    /// removed", "mother-in-law"), or `None` when they are not family.
    pub term: Option<String>,
    /// The answer as a sentence: "Tom is Ana Cruz's son".
    pub sentence: String,
    /// `blood`, `step` (blood kin through a step-parent), `marriage`
    /// (spouses or partners), `in-law` and `step-by-marriage` (through a
    /// spouse, in `through`), `stated` (only an article's "relative" says
    /// so), `none` (connected, not family) or `unconnected`.
    pub basis: &'static str,
    /// The common ancestors (blood kin), or the spouse the relationship goes
    /// through (in-laws).
    pub through: Vec<NodeIndex>,
    /// The shortest chain of stated relations between them, when there is one.
    pub path: Option<RelationPath>,
}

/// Blood kin found through a common ancestor.
#[derive(Debug, Clone)]
struct Blood {
    /// Generations from A up to the common ancestor.
    up_a: usize,
    /// Generations from B up to it.
    up_b: usize,
    /// The common ancestors at that distance.
    ancestors: Vec<NodeIndex>,
    /// A step-parent link on the way.
    step: bool,
    /// Siblings sharing one parent, each with a different other one.
    half: bool,
}

impl KinGraph {
    /// The relationship of `a` to `b`, in kinship words.
    pub fn kinship(&self, a: NodeIndex, b: NodeIndex) -> Kinship {
        let path = self.shortest_path(a, b, &PathFilter::default());
        let name = |n: NodeIndex| self.graph.node_weight(n).map_or_else(String::new, |p| plain(&p.name));
        let gender = |n: NodeIndex| self.graph.node_weight(n).and_then(|p| p.gender);
        let (na, nb) = (name(a), name(b));
        if a == b {
            return Kinship {
                term: None,
                sentence: format!("{na} is the same person"),
                basis: "blood",
                through: Vec::new(),
                path,
            };
        }
        if let Some(blood) = self.blood(a, b) {
            let basis = if blood.step { "step" } else { "blood" };
            let (term, sentence) = blood_sentence(&blood, &na, &nb, gender(a), gender(b));
            return Kinship { term: Some(term), sentence, basis, through: blood.ancestors, path };
        }
        if let Some(word) = self.spouse_word(a, b) {
            return Kinship {
                term: Some(word.clone()),
                sentence: format!("{na} is {nb}'s {word}"),
                basis: "marriage",
                through: Vec::new(),
                path,
            };
        }
        if let Some((term, through, basis)) = self.by_marriage(a, b) {
            return Kinship {
                sentence: format!("{na} is {nb}'s {term}"),
                term: Some(term),
                basis,
                through: vec![through],
                path,
            };
        }
        let stated: Vec<String> = self
            .graph
            .edges_connecting(a, b)
            .chain(self.graph.edges_connecting(b, a))
            .filter(|e| e.weight().is_stated() && e.weight().kind == RelationKind::Relative)
            .flat_map(|e| e.weight().terms.iter().map(ToString::to_string))
            .collect();
        if !stated.is_empty() || self.related_as(a, b, RelationKind::Relative) {
            let words =
                if stated.is_empty() { String::new() } else { format!(" (stated: {})", stated.join(", ")) };
            return Kinship {
                term: Some("relative".into()),
                sentence: format!("{na} and {nb} are relatives{words}"),
                basis: "stated",
                through: Vec::new(),
                path,
            };
        }
        let Some(found) = path else {
            return Kinship {
                term: None,
                sentence: format!("{na} and {nb} are not connected"),
                basis: "unconnected",
                through: Vec::new(),
                path: None,
            };
        };
        let friendships: Vec<String> = found
            .steps
            .iter()
            .filter(|s| s.kind == RelationKind::Friend)
            .map(|s| format!("the friendship of {} and {}", name(s.from), name(s.to)))
            .collect();
        let via = if friendships.is_empty() {
            format!("connected through {}", self.path_line(&found))
        } else {
            format!("connected through {}", friendships.join(" and "))
        };
        Kinship {
            term: None,
            sentence: format!("{na} and {nb}: no family relation; {via}"),
            basis: "none",
            through: Vec::new(),
            path: Some(found),
        }
    }

    /// True when a stated relation of `kind` links the two.
    fn related_as(&self, a: NodeIndex, b: NodeIndex, kind: RelationKind) -> bool {
        self.graph
            .edges_connecting(a, b)
            .chain(self.graph.edges_connecting(b, a))
            .any(|e| e.weight().kind == kind)
    }

    /// Ancestors of a person by stated `parent` relations: ancestor →
    /// (generations up, a step link on the way).
    fn ancestors(&self, start: NodeIndex) -> HashMap<NodeIndex, (usize, bool)> {
        let mut seen = HashMap::from([(start, (0, false))]);
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let (depth, step) = seen[&node];
            if depth >= MAX_GENERATIONS {
                continue;
            }
            for e in self.graph.edges_directed(node, Direction::Incoming) {
                let r = e.weight();
                if r.kind != RelationKind::Parent || !r.is_stated() || seen.contains_key(&e.source()) {
                    continue;
                }
                seen.insert(e.source(), (depth + 1, step || r.qualifiers.contains(&Qualifier::Step)));
                queue.push_back(e.source());
            }
        }
        seen
    }

    /// Stated siblings of a person (not step), with whether the article
    /// says half-.
    fn stated_siblings(&self, node: NodeIndex) -> Vec<(NodeIndex, bool)> {
        let out = self.graph.edges_directed(node, Direction::Outgoing).map(|e| (e.target(), e.weight()));
        let incoming = self.graph.edges_directed(node, Direction::Incoming).map(|e| (e.source(), e.weight()));
        out.chain(incoming)
            .filter(|(_, r)| {
                r.kind == RelationKind::Sibling && r.is_stated() && !r.qualifiers.contains(&Qualifier::Step)
            })
            .map(|(n, r)| (n, r.qualifiers.contains(&Qualifier::Half)))
            .collect()
    }

    fn bio_parents(&self, node: NodeIndex) -> Vec<NodeIndex> {
        let mut parents: Vec<NodeIndex> = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| {
                let r = e.weight();
                r.kind == RelationKind::Parent && r.is_stated() && !r.qualifiers.contains(&Qualifier::Step)
            })
            .map(|e| e.source())
            .collect();
        parents.sort_unstable();
        parents.dedup();
        parents
    }

    /// The closest blood (or step) kinship through a common ancestor.
    fn blood(&self, a: NodeIndex, b: NodeIndex) -> Option<Blood> {
        let up_a = self.ancestors(a);
        let up_b = self.ancestors(b);
        // The closest meeting: fewest generations in all, then the most
        // even split, then the fewest from A.
        let mut best: Option<(usize, usize, usize)> = None;
        // (up_a, up_b, ancestor or None for a sibling link, step, half)
        let mut found: Vec<(usize, usize, Option<NodeIndex>, bool, bool)> = Vec::new();
        let mut consider = |ua: usize, ub: usize, via: Option<NodeIndex>, step: bool, half: bool| {
            let key = (ua + ub, ua.max(ub), ua);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
                found.clear();
            }
            if best == Some(key) {
                found.push((ua, ub, via, step, half));
            }
        };
        for (&node, &(ua, sa)) in &up_a {
            if let Some(&(ub, sb)) = up_b.get(&node) {
                consider(ua, ub, Some(node), sa || sb, false);
            }
        }
        // A stated sibling stands for a shared parent one level up.
        for (&x, &(ua, sa)) in &up_a {
            for (y, half) in self.stated_siblings(x) {
                if let Some(&(ub, sb)) = up_b.get(&y) {
                    consider(ua + 1, ub + 1, None, sa || sb, half);
                }
            }
        }
        best?;
        let (ua, ub) = (found[0].0, found[0].1);
        let step = found.iter().all(|f| f.3);
        let mut ancestors: Vec<NodeIndex> =
            found.iter().filter(|f| f.3 == step).filter_map(|f| f.2).collect();
        ancestors.sort_unstable();
        ancestors.dedup();
        let mut half = found.iter().any(|f| f.4);
        if ua == 1 && ub == 1 && !half && !step {
            // Half-siblings: one shared parent, and each has another one
            // that the other does not.
            let (pa, pb) = (self.bio_parents(a), self.bio_parents(b));
            let shared = pa.iter().filter(|p| pb.contains(p)).count();
            half = shared == 1 && pa.len() == 2 && pb.len() == 2;
        }
        Some(Blood { up_a: ua, up_b: ub, ancestors, step, half })
    }

    /// "wife", "late husband", "ex-wife", "partner", "fiancée" when the two
    /// are stated spouses or partners.
    fn spouse_word(&self, a: NodeIndex, b: NodeIndex) -> Option<String> {
        let gender = self.graph.node_weight(a).and_then(|p| p.gender);
        let edges: Vec<_> =
            self.graph.edges_connecting(a, b).chain(self.graph.edges_connecting(b, a)).collect();
        for kind in [RelationKind::Spouse, RelationKind::Partner] {
            let Some(e) = edges.iter().find(|e| e.weight().kind == kind && e.weight().is_stated()) else {
                continue;
            };
            let q = &e.weight().qualifiers;
            let word = match kind {
                RelationKind::Spouse => gendered(gender, "wife", "husband", "spouse"),
                _ if q.contains(&Qualifier::Engaged) => gendered(gender, "fiancée", "fiancé", "fiancé(e)"),
                _ => gendered(gender, "girlfriend", "boyfriend", "partner"),
            };
            return Some(if q.contains(&Qualifier::Former) {
                format!("ex-{word}")
            } else if q.contains(&Qualifier::Late)
                && self.graph.node_weight(a).is_some_and(super::Person::is_deceased)
            {
                format!("late {word}")
            } else {
                word.to_string()
            });
        }
        None
    }

    /// Stated spouses of a person, not former ones.
    fn spouses(&self, node: NodeIndex) -> Vec<NodeIndex> {
        let out = self.graph.edges_directed(node, Direction::Outgoing).map(|e| (e.target(), e.weight()));
        let incoming = self.graph.edges_directed(node, Direction::Incoming).map(|e| (e.source(), e.weight()));
        let mut spouses: Vec<NodeIndex> = out
            .chain(incoming)
            .filter(|(_, r)| {
                r.kind == RelationKind::Spouse && r.is_stated() && !r.qualifiers.contains(&Qualifier::Former)
            })
            .map(|(n, _)| n)
            .collect();
        spouses.sort_unstable();
        spouses.dedup();
        spouses
    }

    /// Kin by marriage: A is blood kin of B's spouse, or A's spouse is blood
    /// kin of B. Returns the word, the spouse it goes through and the basis.
    fn by_marriage(&self, a: NodeIndex, b: NodeIndex) -> Option<(String, NodeIndex, &'static str)> {
        let gender = |n: NodeIndex| self.graph.node_weight(n).and_then(|p| p.gender);
        // A and B's spouse S: A is S's ...
        for s in self.spouses(b) {
            if s == a {
                continue;
            }
            if let Some(blood) = self.blood(a, s) {
                let ga = gender(a);
                let word = match (blood.up_a, blood.up_b) {
                    (0, 1) => gendered(ga, "mother-in-law", "father-in-law", "parent-in-law").to_string(),
                    (1, 1) => gendered(ga, "sister-in-law", "brother-in-law", "sibling-in-law").to_string(),
                    (1, 0) if !self.is_parent_of(b, a) => {
                        return Some((
                            gendered(ga, "stepdaughter", "stepson", "stepchild").to_string(),
                            s,
                            "step-by-marriage",
                        ));
                    }
                    _ => {
                        let (term, _) = blood_sentence(&blood, "", "", ga, gender(s));
                        format!("{}'s {term}", spouse_noun(gender(s)))
                    }
                };
                return Some((word, s, "in-law"));
            }
        }
        // A's spouse S and B: S is B's ...
        for s in self.spouses(a) {
            if s == b {
                continue;
            }
            if let Some(blood) = self.blood(s, b) {
                let ga = gender(a);
                let word = match (blood.up_a, blood.up_b) {
                    (1, 0) => gendered(ga, "daughter-in-law", "son-in-law", "child-in-law").to_string(),
                    (1, 1) => gendered(ga, "sister-in-law", "brother-in-law", "sibling-in-law").to_string(),
                    (0, 1) if !self.is_parent_of(a, b) => {
                        return Some((
                            gendered(ga, "stepmother", "stepfather", "step-parent").to_string(),
                            s,
                            "step-by-marriage",
                        ));
                    }
                    _ => {
                        let (term, _) = blood_sentence(&blood, "", "", gender(s), gender(b));
                        format!("{term}'s {}", spouse_noun(ga))
                    }
                };
                return Some((word, s, "in-law"));
            }
        }
        None
    }

    fn is_parent_of(&self, parent: NodeIndex, child: NodeIndex) -> bool {
        self.graph.edges_connecting(parent, child).any(|e| e.weight().kind == RelationKind::Parent)
    }
}

/// "wife"/"husband"/"spouse" for the spouse a relationship goes through.
fn spouse_noun(gender: Option<Gender>) -> &'static str {
    gendered(gender, "wife", "husband", "spouse")
}

fn gendered(
    gender: Option<Gender>,
    female: &'static str,
    male: &'static str,
    neutral: &'static str,
) -> &'static str {
    match gender {
        Some(Gender::Female) => female,
        Some(Gender::Male) => male,
        None => neutral,
    }
}

/// "great-" repeated: `greats(2)` is "great-great-".
fn greats(n: usize) -> String {
    "great-".repeat(n)
}

fn ordinal(n: usize) -> String {
    const WORDS: [&str; 10] =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    WORDS.get(n.wrapping_sub(1)).map_or_else(|| format!("{n}th"), |w| (*w).to_string())
}

fn removed(n: usize) -> &'static str {
    match n {
        0 => "",
        1 => " once removed",
        2 => " twice removed",
        3 => " three times removed",
        _ => " many times removed",
    }
}

/// The kinship word for what A is to B, and the sentence.
fn blood_sentence(
    blood: &Blood,
    a: &str,
    b: &str,
    ga: Option<Gender>,
    gb: Option<Gender>,
) -> (String, String) {
    let step = if blood.step { "step" } else { "" };
    let (ua, ub) = (blood.up_a, blood.up_b);
    let term = match (ua, ub) {
        (0, 1) => format!("{step}{}", gendered(ga, "mother", "father", "parent")),
        (0, n) => format!("{}{step}grand{}", greats(n - 2), gendered(ga, "mother", "father", "parent")),
        (1, 0) => format!("{step}{}", gendered(ga, "daughter", "son", "child")),
        (n, 0) => format!("{}{step}grand{}", greats(n - 2), gendered(ga, "daughter", "son", "child")),
        (1, 1) => {
            let prefix = if blood.step {
                "step"
            } else if blood.half {
                "half-"
            } else {
                ""
            };
            format!("{prefix}{}", gendered(ga, "sister", "brother", "sibling"))
        }
        (1, n) => format!("{}{}", greats(n - 2), gendered(ga, "aunt", "uncle", "aunt or uncle")),
        (n, 1) => format!("{}{}", greats(n - 2), gendered(ga, "niece", "nephew", "niece or nephew")),
        (m, n) => format!("{} cousin{}", ordinal(m.min(n) - 1), removed(m.abs_diff(n))),
    };
    // Pairs that read the same both ways, with one word for both.
    let symmetric = (ua == 1 && ub == 1 && ga.is_some() && ga == gb) || (ua >= 2 && ua == ub);
    let sentence = if symmetric {
        let plural = if ua == 1 { format!("{term}s") } else { format!("{} cousins", ordinal(ua - 1)) };
        format!("{a} and {b} are {plural}")
    } else {
        format!("{a} is {b}'s {term}")
    };
    (term, sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blood(up_a: usize, up_b: usize) -> Blood {
        Blood { up_a, up_b, ancestors: Vec::new(), step: false, half: false }
    }

    fn said(b: &Blood, ga: Option<Gender>, gb: Option<Gender>) -> String {
        blood_sentence(b, "A", "B", ga, gb).1
    }

    #[test]
    fn generations_name_the_kinship() {
        let f = Some(Gender::Female);
        let m = Some(Gender::Male);
        assert_eq!(said(&blood(0, 1), f, m), "A is B's mother");
        assert_eq!(said(&blood(1, 0), m, f), "A is B's son");
        assert_eq!(said(&blood(3, 0), f, None), "A is B's great-granddaughter");
        assert_eq!(said(&blood(0, 4), None, None), "A is B's great-great-grandparent");
        assert_eq!(said(&blood(1, 1), m, m), "A and B are brothers");
        assert_eq!(said(&blood(1, 1), f, m), "A is B's sister");
        assert_eq!(said(&blood(1, 1), None, m), "A is B's sibling");
        let mut half = blood(1, 1);
        half.half = true;
        assert_eq!(said(&half, m, m), "A and B are half-brothers");
        assert_eq!(said(&blood(1, 2), f, None), "A is B's aunt");
        assert_eq!(said(&blood(1, 3), m, None), "A is B's great-uncle");
        assert_eq!(said(&blood(2, 1), m, None), "A is B's nephew");
        assert_eq!(said(&blood(2, 2), f, m), "A and B are first cousins");
        assert_eq!(said(&blood(3, 2), f, m), "A is B's first cousin once removed");
        assert_eq!(said(&blood(3, 3), f, m), "A and B are second cousins");
        let mut step = blood(1, 0);
        step.step = true;
        assert_eq!(said(&step, f, m), "A is B's stepdaughter");
    }
}
