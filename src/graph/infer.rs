/*!
Kin derived from chains of stated relations, kept apart from what the
articles say.

Articles rarely spell out every tie: one says "Ana's son Tom", another
"Ana's daughter Eva"; nobody writes that Tom and Eva are siblings. The rules
below derive such relations, each as a `sibling` or `relative` edge whose
[`Relation::inferred`] holds the rule and the chain of stated relations
behind it. Rules, in order (the first that links a pair wins):

| rule | chain | edge |
|---|---|---|
| `shared-parent` | P parent A, P parent B | A sibling B (`half` when each has another, different, parent; `step` when one link is a step-parent) |
| `step-siblings` | A child of P, P spouse Q, Q parent B, each child with another known parent | A sibling B (`step`) |
| `grandparent` | G parent P, P parent C | G relative C ("grandparent") |
| `aunt-uncle` | A sibling P, P parent C | A relative C ("aunt"/"uncle") |
| `cousin` | P parent A, P sibling Q, Q parent B | A relative B ("cousin") |
| `step-parent` | S spouse P, P parent C, C with another known parent | S relative C (`step`, "stepmother"/"stepfather") |
| `in-law` | S spouse X, P parent (or sibling) of S | P relative X (`in-law`) |

Stated facts always win: no relation is inferred between two people an
article already relates as family (spouse, partner, parent, sibling or
relative). Step-, adoptive and former links do not carry blood kin further
(a former spouse's parents are not in-laws). A parent's children are paired
only for the first 64 children, which no real family reaches and which
keeps a hub made by a bad extraction from flooding the graph.
*/

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};

use super::{GraphEvidence, KinGraph, Relation, canonical, normalize_confidence, push_evidence};
use crate::fact::{Gender, Qualifier, RelationKind};

/// How an inferred relation was derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inference {
    /// The rule (`shared-parent`, `grandparent`, `aunt-uncle`, `cousin`,
    /// `step-siblings`, `step-parent`, `in-law`), documented in
    /// `docs/graph.md`.
    pub rule: String,
    /// The stated relations it follows, in order along the chain.
    pub chain: Vec<ChainLink>,
}

/// One stated relation of a chain, by the ids of its ends (as stored: the
/// parent first for `parent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLink {
    /// One end (the parent for `parent`).
    pub head: String,
    /// The relation type.
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// The other end.
    pub tail: String,
}

/// Most children of one parent that are paired as siblings.
const MAX_CHILDREN: usize = 64;

/// A relation a rule derived, before it becomes an edge.
struct Derived {
    kind: RelationKind,
    qualifiers: Vec<Qualifier>,
    term: String,
    rule: &'static str,
    chain: Vec<EdgeIndex>,
}

/// The stated structure the rules read.
#[derive(Default)]
struct Family {
    /// Child → (parent, edge, biological).
    parents: HashMap<NodeIndex, Vec<(NodeIndex, EdgeIndex, bool)>>,
    /// Parent → (child, edge, biological).
    children: HashMap<NodeIndex, Vec<(NodeIndex, EdgeIndex, bool)>>,
    /// Current or late spouses (not former), both ways.
    spouses: HashMap<NodeIndex, Vec<(NodeIndex, EdgeIndex)>>,
    /// Siblings that carry blood kin (not step), both ways, with the chain
    /// that makes them siblings (one stated edge, or a shared parent's two).
    siblings: HashMap<NodeIndex, Vec<(NodeIndex, Vec<EdgeIndex>)>>,
    /// Pairs an article relates as family.
    stated: HashSet<(NodeIndex, NodeIndex)>,
}

fn pair(a: NodeIndex, b: NodeIndex) -> (NodeIndex, NodeIndex) {
    if a < b { (a, b) } else { (b, a) }
}

impl Family {
    fn of(graph: &KinGraph) -> Family {
        let mut family = Family::default();
        for e in (&graph.graph).edge_references() {
            let r = e.weight();
            if !r.is_stated() {
                continue;
            }
            let (a, b) = (e.source(), e.target());
            if r.kind != RelationKind::Friend {
                family.stated.insert(pair(a, b));
            }
            let has = |q: Qualifier| r.qualifiers.contains(&q);
            match r.kind {
                RelationKind::Parent => {
                    let bio = !has(Qualifier::Step);
                    family.parents.entry(b).or_default().push((a, e.id(), bio));
                    family.children.entry(a).or_default().push((b, e.id(), bio));
                }
                RelationKind::Spouse if !has(Qualifier::Former) => {
                    family.spouses.entry(a).or_default().push((b, e.id()));
                    family.spouses.entry(b).or_default().push((a, e.id()));
                }
                RelationKind::Sibling if !has(Qualifier::Step) => {
                    family.siblings.entry(a).or_default().push((b, vec![e.id()]));
                    family.siblings.entry(b).or_default().push((a, vec![e.id()]));
                }
                _ => {}
            }
        }
        for list in family.parents.values_mut().chain(family.children.values_mut()) {
            list.sort_unstable();
        }
        family
    }

    fn bio_parents(&self, child: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.parents.get(&child).into_iter().flatten().filter(|p| p.2).map(|p| p.0)
    }

    fn is_parent(&self, parent: NodeIndex, child: NodeIndex) -> bool {
        self.parents.get(&child).is_some_and(|ps| ps.iter().any(|p| p.0 == parent))
    }

    /// True when `child` has a known biological parent other than `not`
    /// and `also_not`: then `not` (married to `also_not`) is not a second
    /// parent the articles forgot.
    fn has_other_parent(&self, child: NodeIndex, not: NodeIndex, also_not: NodeIndex) -> bool {
        self.bio_parents(child).any(|p| p != not && p != also_not)
    }
}

impl KinGraph {
    /// Drops the inferred relations and derives them again from the stated
    /// ones (the rules of this module); returns how many were inferred.
    pub(crate) fn infer(&mut self) -> usize {
        self.retain_relations(Relation::is_stated);
        let mut family = Family::of(self);
        let mut derived: HashMap<(NodeIndex, NodeIndex), Derived> = HashMap::new();
        let mut order: Vec<(NodeIndex, NodeIndex)> = Vec::new();
        let mut offer = |a: NodeIndex, b: NodeIndex, d: Derived, family: &Family| {
            let key = pair(a, b);
            if a == b || family.stated.contains(&key) || derived.contains_key(&key) {
                return;
            }
            order.push(key);
            derived.insert(key, d);
        };

        // Siblings through a shared parent; they also carry kin below.
        let mut parents: Vec<NodeIndex> = family.children.keys().copied().collect();
        parents.sort_unstable();
        let mut new_siblings: Vec<(NodeIndex, NodeIndex, Vec<EdgeIndex>)> = Vec::new();
        for p in parents {
            let kids: Vec<(NodeIndex, EdgeIndex, bool)> =
                family.children[&p].iter().copied().take(MAX_CHILDREN).collect();
            for (i, &(a, ea, bio_a)) in kids.iter().enumerate() {
                for &(b, eb, bio_b) in &kids[i + 1..] {
                    if a == b || (!bio_a && !bio_b) {
                        continue;
                    }
                    let mut qualifiers = Vec::new();
                    let term = if !bio_a || !bio_b {
                        qualifiers.push(Qualifier::Step);
                        "step-sibling"
                    } else {
                        let other_a: HashSet<NodeIndex> = family.bio_parents(a).filter(|&x| x != p).collect();
                        let other_b: HashSet<NodeIndex> = family.bio_parents(b).filter(|&x| x != p).collect();
                        if !other_a.is_empty() && !other_b.is_empty() && other_a.is_disjoint(&other_b) {
                            qualifiers.push(Qualifier::Half);
                            "half-sibling"
                        } else {
                            "sibling"
                        }
                    };
                    let chain = vec![ea, eb];
                    if qualifiers.is_empty() || qualifiers == [Qualifier::Half] {
                        new_siblings.push((a, b, chain.clone()));
                    }
                    let d = Derived {
                        kind: RelationKind::Sibling,
                        qualifiers,
                        term: term.into(),
                        rule: "shared-parent",
                        chain,
                    };
                    offer(a, b, d, &family);
                }
            }
        }
        for (a, b, chain) in new_siblings {
            if family.siblings.get(&a).is_some_and(|s| s.iter().any(|x| x.0 == b)) {
                continue;
            }
            family.siblings.entry(a).or_default().push((b, chain.clone()));
            family.siblings.entry(b).or_default().push((a, chain));
        }
        for list in family.siblings.values_mut() {
            list.sort();
        }

        // Step-siblings: children of two spouses, each with another parent.
        let mut spouses: Vec<NodeIndex> = family.spouses.keys().copied().collect();
        spouses.sort_unstable();
        for &p in &spouses {
            for &(q, spouse_edge) in &family.spouses[&p] {
                for &(a, ea, bio_a) in family.children.get(&p).into_iter().flatten() {
                    for &(b, eb, bio_b) in family.children.get(&q).into_iter().flatten() {
                        if a == b || !bio_a || !bio_b || family.is_parent(q, a) || family.is_parent(p, b) {
                            continue;
                        }
                        if !family.has_other_parent(a, p, q) || !family.has_other_parent(b, q, p) {
                            continue;
                        }
                        let d = Derived {
                            kind: RelationKind::Sibling,
                            qualifiers: vec![Qualifier::Step],
                            term: "step-sibling".into(),
                            rule: "step-siblings",
                            chain: vec![ea, spouse_edge, eb],
                        };
                        offer(a, b, d, &family);
                    }
                }
            }
        }

        // Grandparents.
        let mut children_keys: Vec<NodeIndex> = family.children.keys().copied().collect();
        children_keys.sort_unstable();
        for &g in &children_keys {
            for &(p, e1, bio1) in &family.children[&g] {
                for &(c, e2, bio2) in family.children.get(&p).into_iter().flatten() {
                    if !bio1 || !bio2 {
                        continue;
                    }
                    let d = Derived {
                        kind: RelationKind::Relative,
                        qualifiers: Vec::new(),
                        term: gendered(self.gender(g), "grandmother", "grandfather", "grandparent"),
                        rule: "grandparent",
                        chain: vec![e1, e2],
                    };
                    offer(g, c, d, &family);
                }
            }
        }

        // Aunts and uncles, then cousins.
        let mut with_siblings: Vec<NodeIndex> = family.siblings.keys().copied().collect();
        with_siblings.sort_unstable();
        for &a in &with_siblings {
            for (p, sibling_chain) in &family.siblings[&a] {
                for &(c, e, bio) in family.children.get(p).into_iter().flatten() {
                    if !bio || c == a {
                        continue;
                    }
                    let mut chain = sibling_chain.clone();
                    chain.push(e);
                    let d = Derived {
                        kind: RelationKind::Relative,
                        qualifiers: Vec::new(),
                        term: gendered(self.gender(a), "aunt", "uncle", "aunt or uncle"),
                        rule: "aunt-uncle",
                        chain,
                    };
                    offer(a, c, d, &family);
                }
            }
        }
        for &p in &with_siblings {
            for (q, sibling_chain) in &family.siblings[&p] {
                if *q <= p {
                    continue;
                }
                for &(a, ea, bio_a) in family.children.get(&p).into_iter().flatten() {
                    for &(b, eb, bio_b) in family.children.get(q).into_iter().flatten() {
                        if !bio_a || !bio_b || a == b {
                            continue;
                        }
                        let mut chain = vec![ea];
                        chain.extend(sibling_chain.iter().copied());
                        chain.push(eb);
                        let d = Derived {
                            kind: RelationKind::Relative,
                            qualifiers: Vec::new(),
                            term: "cousin".into(),
                            rule: "cousin",
                            chain,
                        };
                        offer(a, b, d, &family);
                    }
                }
            }
        }

        // Step-parents and in-laws, through a (not former) spouse.
        for &s in &spouses {
            for &(p, spouse_edge) in &family.spouses[&s] {
                for &(c, e, bio) in family.children.get(&p).into_iter().flatten() {
                    if !bio || family.is_parent(s, c) || !family.has_other_parent(c, p, s) {
                        continue;
                    }
                    let d = Derived {
                        kind: RelationKind::Relative,
                        qualifiers: vec![Qualifier::Step],
                        term: gendered(self.gender(s), "stepmother", "stepfather", "step-parent"),
                        rule: "step-parent",
                        chain: vec![spouse_edge, e],
                    };
                    offer(s, c, d, &family);
                }
                // p is s's spouse: s's parents and siblings are p's in-laws.
                for &(parent, e, bio) in family.parents.get(&s).into_iter().flatten() {
                    if !bio {
                        continue;
                    }
                    let d = Derived {
                        kind: RelationKind::Relative,
                        qualifiers: vec![Qualifier::InLaw],
                        term: gendered(
                            self.gender(parent),
                            "mother-in-law",
                            "father-in-law",
                            "parent-in-law",
                        ),
                        rule: "in-law",
                        chain: vec![e, spouse_edge],
                    };
                    offer(parent, p, d, &family);
                }
                for (b, sibling_chain) in family.siblings.get(&s).into_iter().flatten() {
                    let mut chain = sibling_chain.clone();
                    chain.push(spouse_edge);
                    let d = Derived {
                        kind: RelationKind::Relative,
                        qualifiers: vec![Qualifier::InLaw],
                        term: gendered(self.gender(*b), "sister-in-law", "brother-in-law", "sibling-in-law"),
                        rule: "in-law",
                        chain,
                    };
                    offer(*b, p, d, &family);
                }
            }
        }

        let count = order.len();
        for key in order {
            let Some(d) = derived.remove(&key) else { continue };
            self.add_inferred(key.0, key.1, d);
        }
        count
    }

    fn gender(&self, node: NodeIndex) -> Option<Gender> {
        self.graph.node_weight(node).and_then(|p| p.gender)
    }

    /// Adds a derived relation as an edge with its chain and the evidence of
    /// every link.
    fn add_inferred(&mut self, a: NodeIndex, b: NodeIndex, d: Derived) {
        let mut evidence: Vec<GraphEvidence> = Vec::new();
        let mut chain = Vec::with_capacity(d.chain.len());
        let mut confidence = 1.0_f32;
        for &edge in &d.chain {
            let (Some((head, tail)), Some(link)) =
                (self.graph.edge_endpoints(edge), self.graph.edge_weight(edge))
            else {
                continue;
            };
            confidence *= link.confidence;
            for e in &link.evidence {
                push_evidence(&mut evidence, e.clone());
            }
            chain.push(ChainLink {
                head: self.graph[head].id.clone(),
                kind: link.kind,
                tail: self.graph[tail].id.clone(),
            });
        }
        let (head, tail) = canonical(d.kind, a, b);
        let relation = Relation {
            kind: d.kind,
            qualifiers: d.qualifiers,
            terms: vec![Arc::from(d.term)],
            confidence: normalize_confidence(confidence),
            inferred: Some(Box::new(Inference { rule: d.rule.to_string(), chain })),
            evidence,
        };
        self.graph.add_edge(head, tail, relation);
    }
}

/// The word for a gender, or the neutral one when it is unknown.
fn gendered(gender: Option<Gender>, female: &str, male: &str, neutral: &str) -> String {
    match gender {
        Some(Gender::Female) => female,
        Some(Gender::Male) => male,
        None => neutral,
    }
    .to_string()
}
