/*!
Shortest chains of relations between two people.

A breadth-first search from both ends at once, level by level, that stops
as soon as the two searches meet: on a graph of a million people with a few
relations each, it visits thousands of people where a one-sided search
would visit most of the graph. Relations are walked in both directions
(a child reaches a parent); the answer says which way each one points.
*/

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{KinGraph, Relation};
use crate::fact::RelationKind;

/// One relation of a path, read in the path's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathStep {
    /// The person the step leaves.
    pub from: NodeIndex,
    /// The person it reaches.
    pub to: NodeIndex,
    /// The relation.
    pub edge: EdgeIndex,
    /// The relation type.
    pub kind: RelationKind,
    /// What `from` is to `to`: "parent of", "child of", "friend of"...
    pub role: &'static str,
}

/// A chain of relations from one person to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationPath {
    /// Where the path starts.
    pub from: NodeIndex,
    /// Every step, in order; empty when both ends are the same person.
    pub steps: Vec<PathStep>,
}

impl RelationPath {
    /// The people along the path, both ends included.
    pub fn nodes(&self) -> Vec<NodeIndex> {
        std::iter::once(self.from).chain(self.steps.iter().map(|s| s.to)).collect()
    }
}

/// Which relations a path may use.
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    /// Only these types; all when empty.
    pub kinds: Vec<RelationKind>,
    /// Whether inferred relations count. Off by default: they shortcut
    /// chains of stated ones, which say more.
    pub inferred: bool,
    /// At most this many steps.
    pub max: Option<usize>,
}

impl PathFilter {
    fn allows(&self, relation: &Relation) -> bool {
        (self.inferred || relation.is_stated())
            && (self.kinds.is_empty() || self.kinds.contains(&relation.kind))
    }
}

/// What the walker needs of a neighbour: who, by which edge, and which
/// way the edge points.
type Hop = (NodeIndex, EdgeIndex, bool);

/// What one side of the search has reached: depth and the hop back.
type Seen = HashMap<NodeIndex, (usize, Option<Hop>)>;

impl KinGraph {
    /// The shortest chain of relations from `from` to `to` that `filter`
    /// allows, or `None` when there is none (within `filter.max` steps).
    ///
    /// Among several shortest chains the one found first is returned; the
    /// search order is fixed (edges in storage order), so the answer is the
    /// same on every run.
    ///
    /// # Complexity
    ///
    /// Bidirectional breadth-first search: about `2·d^(k/2)` people visited
    /// for a path of `k` steps in a graph of average degree `d`.
    pub fn shortest_path(&self, from: NodeIndex, to: NodeIndex, filter: &PathFilter) -> Option<RelationPath> {
        if self.graph.node_weight(from).is_none() || self.graph.node_weight(to).is_none() {
            return None;
        }
        if from == to {
            return Some(RelationPath { from, steps: Vec::new() });
        }
        let max = filter.max.unwrap_or(usize::MAX);
        // Each side: node → (depth, previous node, edge, edge points away
        // from the previous node).
        let mut seen: [Seen; 2] = [HashMap::from([(from, (0, None))]), HashMap::from([(to, (0, None))])];
        let mut frontier: [Vec<NodeIndex>; 2] = [vec![from], vec![to]];
        let mut levels = [0usize; 2];
        while levels[0] + levels[1] < max && !frontier[0].is_empty() && !frontier[1].is_empty() {
            // Grow the smaller side by one level; of the meetings in that
            // level, the one closest to the other end gives the shortest path.
            let side = usize::from(frontier[1].len() < frontier[0].len());
            let depth = levels[side] + 1;
            let mut next = Vec::new();
            let mut best: Option<(usize, NodeIndex)> = None;
            for &node in &frontier[side] {
                for (other, edge, forward) in self.hops(node, filter) {
                    if seen[side].contains_key(&other) {
                        continue;
                    }
                    seen[side].insert(other, (depth, Some((node, edge, forward))));
                    if let Some(&(there, _)) = seen[1 - side].get(&other)
                        && best.is_none_or(|(length, _)| depth + there < length)
                    {
                        best = Some((depth + there, other));
                    }
                    next.push(other);
                }
            }
            levels[side] = depth;
            if let Some((length, middle)) = best
                && length <= max
            {
                return Some(self.join(from, middle, &seen));
            }
            frontier[side] = next;
        }
        None
    }

    /// Neighbours of a node through the relations the filter allows:
    /// `(other, edge, true when the edge runs from node to other)`.
    fn hops<'g>(&'g self, node: NodeIndex, filter: &'g PathFilter) -> impl Iterator<Item = Hop> + 'g {
        let out = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|e| filter.allows(e.weight()))
            .map(|e| (e.target(), e.id(), true));
        let incoming = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| filter.allows(e.weight()))
            .map(|e| (e.source(), e.id(), false));
        out.chain(incoming)
    }

    /// The path through `middle`, where the two searches met.
    fn join(&self, from: NodeIndex, middle: NodeIndex, seen: &[Seen; 2]) -> RelationPath {
        // From `middle` back to `from`, then reversed.
        let mut first = Vec::new();
        let mut node = middle;
        while let Some((_, Some((previous, edge, forward)))) = seen[0].get(&node) {
            first.push(self.step(*previous, node, *edge, *forward));
            node = *previous;
        }
        first.reverse();
        // From `middle` on to `to`: the stored hops point back at `middle`.
        let mut node = middle;
        while let Some((_, Some((previous, edge, forward)))) = seen[1].get(&node) {
            first.push(self.step(node, *previous, *edge, !*forward));
            node = *previous;
        }
        RelationPath { from, steps: first }
    }

    fn step(&self, from: NodeIndex, to: NodeIndex, edge: EdgeIndex, forward: bool) -> PathStep {
        let kind = self.graph.edge_weight(edge).map_or(RelationKind::Friend, |r| r.kind);
        let role = match kind {
            RelationKind::Parent if forward => "parent of",
            RelationKind::Parent => "child of",
            RelationKind::Spouse => "spouse of",
            RelationKind::Partner => "partner of",
            RelationKind::Sibling => "sibling of",
            RelationKind::Relative => "relative of",
            RelationKind::Friend => "friend of",
        };
        PathStep { from, to, edge, kind, role }
    }

    /// A path on one line, relation words on the arrows:
    /// `A ←parent— B —friend— C —parent→ D` (an arrow points at the child).
    pub fn path_line(&self, path: &RelationPath) -> String {
        let name =
            |n: NodeIndex| self.graph.node_weight(n).map_or_else(String::new, |p| super::plain(&p.name));
        let mut out = name(path.from);
        for step in &path.steps {
            let mut label =
                self.graph.edge_weight(step.edge).map_or_else(|| step.kind.to_string(), Relation::label);
            if self.graph.edge_weight(step.edge).is_some_and(|r| !r.is_stated()) {
                label.push_str(", inferred");
            }
            let arrow = match step.role {
                "parent of" => format!(" —{label}→ "),
                "child of" => format!(" ←{label}— "),
                _ => format!(" —{label}— "),
            };
            out.push_str(&arrow);
            out.push_str(&name(step.to));
        }
        out
    }
}
