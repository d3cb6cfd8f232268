/*!
Families as genealogy charts and GEDCOM see them: a couple (or a single
parent) with their children.

kith stores parenthood as one `parent` edge per parent and child, and
couples as `spouse`/`partner` edges. Pedigree drawings and GEDCOM instead
join the two parents once and hang the children from that join, so the DOT
and GEDCOM writers share this grouping: each child's parents form one
family (two parents who are a couple stay together; a child with more than
two parents, as with step-parents, gets one family per couple), and every
couple without children is a family of its own.
*/

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::fact::RelationKind;
use crate::graph::KinGraph;

/// One family: one or two parents, their children, and the couple
/// relations that join the parents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// One or two people, in node order.
    pub parents: Vec<NodeIndex>,
    /// The children, in node order, with the `parent` edges (one per
    /// parent) that make them children of this family.
    pub children: Vec<(NodeIndex, Vec<EdgeIndex>)>,
    /// The `spouse`/`partner` edges between the two parents, in edge order;
    /// empty for a single parent or for co-parents the text never calls a
    /// couple.
    pub couple: Vec<EdgeIndex>,
}

impl Family {
    /// The couple relation that stands for the family (the first: spouse
    /// comes before partner in edge order only by chance, so prefer spouse).
    pub fn couple_kind(&self, graph: &KinGraph) -> Option<RelationKind> {
        let kinds: Vec<RelationKind> =
            self.couple.iter().filter_map(|&e| graph.relation(e)).map(|r| r.kind).collect();
        kinds.iter().copied().find(|&k| k == RelationKind::Spouse).or_else(|| kinds.first().copied())
    }
}

/// Every family of the graph: first those with children (in the order of
/// their first child), then childless couples (in edge order).
pub fn families(graph: &KinGraph) -> Vec<Family> {
    let couples = couple_edges(graph);
    // Each child's parents, in edge order.
    let mut parents_of: BTreeMap<NodeIndex, Vec<(NodeIndex, EdgeIndex)>> = BTreeMap::new();
    for r in graph.relations() {
        if r.relation.kind == RelationKind::Parent {
            parents_of.entry(r.tail).or_default().push((r.head, r.edge));
        }
    }
    let mut order: Vec<Vec<NodeIndex>> = Vec::new();
    let mut by_parents: BTreeMap<Vec<NodeIndex>, Vec<(NodeIndex, Vec<EdgeIndex>)>> = BTreeMap::new();
    for (child, parents) in parents_of {
        for unit in parent_units(&parents, &couples) {
            let key: Vec<NodeIndex> = unit.iter().map(|(p, _)| *p).collect();
            let edges: Vec<EdgeIndex> = unit.iter().map(|(_, e)| *e).collect();
            if !by_parents.contains_key(&key) {
                order.push(key.clone());
            }
            by_parents.entry(key).or_default().push((child, edges));
        }
    }
    let mut families: Vec<Family> = order
        .into_iter()
        .map(|parents| {
            let children = by_parents.remove(&parents).unwrap_or_default();
            let couple = match parents.as_slice() {
                [a, b] => couples.get(&(*a, *b)).cloned().unwrap_or_default(),
                _ => Vec::new(),
            };
            Family { parents, children, couple }
        })
        .collect();
    let mut childless: Vec<Family> = couples
        .iter()
        .filter(|((a, b), _)| !families.iter().any(|f| f.parents == [*a, *b]))
        .map(|((a, b), edges)| Family { parents: vec![*a, *b], children: Vec::new(), couple: edges.clone() })
        .collect();
    childless.sort_by_key(|f| f.couple.first().copied());
    families.extend(childless);
    families
}

/// `spouse` and `partner` edges by the pair they join (lower node first).
fn couple_edges(graph: &KinGraph) -> BTreeMap<(NodeIndex, NodeIndex), Vec<EdgeIndex>> {
    let mut couples: BTreeMap<(NodeIndex, NodeIndex), Vec<EdgeIndex>> = BTreeMap::new();
    for r in graph.relations() {
        if matches!(r.relation.kind, RelationKind::Spouse | RelationKind::Partner) {
            let pair = if r.head < r.tail { (r.head, r.tail) } else { (r.tail, r.head) };
            couples.entry(pair).or_default().push(r.edge);
        }
    }
    couples
}

/// A child's parents grouped into families: up to two stay together;
/// more than two are paired by the couple relations between them, and the
/// rest stand alone.
fn parent_units(
    parents: &[(NodeIndex, EdgeIndex)],
    couples: &BTreeMap<(NodeIndex, NodeIndex), Vec<EdgeIndex>>,
) -> Vec<Vec<(NodeIndex, EdgeIndex)>> {
    let mut sorted = parents.to_vec();
    sorted.sort();
    sorted.dedup_by_key(|(p, _)| *p);
    if sorted.len() <= 2 {
        return vec![sorted];
    }
    let mut units = Vec::new();
    let mut used = vec![false; sorted.len()];
    for i in 0..sorted.len() {
        if used[i] {
            continue;
        }
        let partner =
            (i + 1..sorted.len()).find(|&j| !used[j] && couples.contains_key(&(sorted[i].0, sorted[j].0)));
        used[i] = true;
        match partner {
            Some(j) => {
                used[j] = true;
                units.push(vec![sorted[i], sorted[j]]);
            }
            None => units.push(vec![sorted[i]]),
        }
    }
    units
}
