//! Resolution, inference, kinship and paths on hand-made extractions, so
//! that these rules are tested apart from what the extraction stages find.

use super::merge::{Added, MergeReason};
use super::*;
use crate::fact::{AttributeFact, Evidence, RelationFact};
use crate::span::Span;

/// One made-up article: a document and the extraction of it, built by hand.
struct Article {
    doc: Document,
    facts: Extraction,
}

fn evidence(text: &str, rule: &str) -> Evidence {
    Evidence {
        sentence: 0,
        sentence_span: Span::new(0, text.len()),
        span: Span::new(0, text.len().min(8)),
        rule: rule.to_string(),
        confidence: 0.9,
    }
}

impl Article {
    fn new(id: &str, date: &str, text: &str) -> Article {
        let date = date.parse().ok();
        Article {
            doc: Document::new(id, text, date),
            facts: Extraction { people: Vec::new(), relations: Vec::new() },
        }
    }

    /// Adds a person (the first name given is the fullest) and returns its index.
    fn person(&mut self, names: &[&str], gender: Option<Gender>) -> usize {
        self.facts.people.push(PersonFacts {
            name: names[0].to_string(),
            names: names.iter().map(ToString::to_string).collect(),
            gender,
            mentions: Vec::new(),
            attributes: Vec::new(),
        });
        self.facts.people.len() - 1
    }

    /// An age on the article date, with the birth years it gives.
    fn age(&mut self, person: usize, years: u32) {
        let as_of = self.doc.date();
        let born = as_of.map(|d| (d.year - years as i32 - 1, d.year - years as i32));
        let text = self.doc.text().to_string();
        self.facts.people[person].attributes.push(AttributeFact {
            attribute: Attribute::Age { years, as_of, born },
            evidence: evidence(&text, "age-apposition"),
        });
    }

    fn relate(&mut self, head: usize, kind: RelationKind, tail: usize, qualifiers: &[Qualifier], term: &str) {
        let text = self.doc.text().to_string();
        self.facts.relations.push(RelationFact {
            head,
            tail,
            kind,
            qualifiers: qualifiers.to_vec(),
            term: Some(term.to_string()),
            evidence: evidence(&text, "possessive-kin-name"),
        });
    }
}

const F: Option<Gender> = Some(Gender::Female);
const M: Option<Gender> = Some(Gender::Male);

fn build(articles: &[Article], infer: bool) -> (KinGraph, BuildReport) {
    let mut builder = GraphBuilder::new(KinGraph::new());
    for a in articles {
        builder.add(&a.doc, &a.facts).expect("added");
    }
    builder.finish(infer)
}

fn node(graph: &KinGraph, name: &str) -> NodeIndex {
    graph.find_person(name).unwrap_or_else(|e| panic!("{e}"))
}

fn names(graph: &KinGraph) -> Vec<String> {
    graph.people().map(|(_, p)| p.name.clone()).collect()
}

/// Two articles on a couple, the second with other spellings.
fn couple() -> Vec<Article> {
    let mut a = Article::new("a.txt", "2020-01-10", "Ana Cruz married Tom Hale.");
    let (ana, tom) = (a.person(&["Ana Cruz", "Cruz"], F), a.person(&["Tom Hale"], M));
    a.age(ana, 40);
    a.relate(ana, RelationKind::Spouse, tom, &[], "married");
    let mut b = Article::new("b.txt", "2021-03-01", "Dr. ANA CRÚZ and her husband, Tom Hale.");
    let (ana, tom) = (b.person(&["Dr. ANA CRÚZ"], F), b.person(&["Tom Hale"], M));
    b.age(ana, 41);
    b.relate(tom, RelationKind::Spouse, ana, &[], "husband");
    vec![a, b]
}

#[test]
fn the_same_full_name_is_one_person_with_every_statement() {
    let (graph, report) = build(&couple(), true);
    assert_eq!(names(&graph), ["Ana Cruz", "Tom Hale"]);
    let ana = graph.person(node(&graph, "ana cruz")).cloned().expect("person");
    assert!(ana.documents.iter().map(|d| &**d).eq(["a.txt", "b.txt"]), "{:?}", ana.documents);
    assert_eq!(ana.names, ["Ana Cruz", "Cruz", "Dr. ANA CRÚZ"]);
    let spouse = graph.relations().next().expect("one relation").relation;
    assert_eq!(graph.relations().count(), 1);
    let sources: Vec<(&str, Option<String>)> =
        spouse.evidence.iter().map(|e| (e.document(), e.date().map(|d| d.to_string()))).collect();
    assert_eq!(sources, [("a.txt", Some("2020-01-10".into())), ("b.txt", Some("2021-03-01".into()))]);
    assert_eq!(spouse.confidence, 0.99);
    assert_eq!(report.merges.len(), 2);
    assert!(report.merges.iter().all(|m| m.reason == MergeReason::SameName));
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
}

#[test]
fn a_document_already_held_changes_nothing_and_a_changed_one_is_refused() {
    let articles = couple();
    let (graph, _) = build(&articles, true);
    let before = crate::export::json::to_json(&graph);
    let mut builder = GraphBuilder::new(graph);
    // The same text under another id.
    let again = Document::new("copy-of-a.txt", articles[0].doc.text(), articles[0].doc.date());
    assert_eq!(
        builder.add(&again, &articles[0].facts).ok(),
        Some(Added::AlreadyPresent { id: "a.txt".into() })
    );
    let edited = Document::new("a.txt", "Ana Cruz divorced Tom Hale.", None);
    let err = builder.add(&edited, &articles[0].facts).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("a.txt: already in the graph with different content (rebuild the graph to replace it)")
    );
    let (graph, report) = builder.finish(true);
    assert_eq!(crate::export::json::to_json(&graph), before);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.documents_added, 0);
}

#[test]
fn building_in_two_runs_gives_the_graph_of_one() {
    let articles = family();
    let (whole, _) = build(&articles, true);
    let (first, _) = build(&articles[..2], true);
    let saved = crate::export::json::to_json(&first);
    let loaded = crate::export::json::from_json(&saved, std::path::Path::new("g.json")).expect("reads");
    let mut builder = GraphBuilder::new(loaded);
    for a in &articles[2..] {
        builder.add(&a.doc, &a.facts).expect("added");
    }
    let (second, _) = builder.finish(true);
    assert_eq!(crate::export::json::to_json(&second), crate::export::json::to_json(&whole));
}

#[test]
fn a_first_name_alone_is_found_through_a_relative_and_never_by_the_name_alone() {
    let mut a = Article::new("a.txt", "2020-01-10", "Ben Ford and his son Leo.");
    let (ben, leo) = (a.person(&["Ben Ford"], M), a.person(&["Leo"], M));
    a.relate(ben, RelationKind::Parent, leo, &[], "son");
    let mut b = Article::new("b.txt", "2021-01-10", "Leo, 7, and his father, Ben Ford.");
    let (leo, ben) = (b.person(&["Leo"], M), b.person(&["Ben Ford"], M));
    b.relate(ben, RelationKind::Parent, leo, &[], "father");
    // Another Leo, son of someone else, and a Leo with no relative at all.
    let mut c = Article::new("c.txt", "2021-02-10", "Leo and his mother, Kim Ray.");
    let (leo, kim) = (c.person(&["Leo"], M), c.person(&["Kim Ray"], F));
    c.relate(kim, RelationKind::Parent, leo, &[], "mother");
    let mut d = Article::new("d.txt", "2021-03-10", "Leo scored twice.");
    d.person(&["Leo"], M);
    let (graph, report) = build(&[a, b, c, d], true);
    assert_eq!(names(&graph), ["Ben Ford", "Leo", "Leo", "Kim Ray", "Leo"]);
    let leo = report.merges.iter().find(|m| m.as_named == "Leo").expect("Leo merged once");
    assert_eq!(
        leo.reason,
        MergeReason::Relative { role: "child of", relative: "p0".into(), relative_name: "Ben Ford".into() }
    );
    assert_eq!(report.merges.len(), 2);
}

#[test]
fn a_fuller_name_found_through_a_relative_becomes_the_name() {
    let mut a = Article::new("a.txt", "2020-01-10", "Ben Ford lost his wife, Joy.");
    let (ben, joy) = (a.person(&["Ben Ford"], M), a.person(&["Joy"], F));
    a.relate(ben, RelationKind::Spouse, joy, &[Qualifier::Late], "wife");
    let mut b = Article::new("b.txt", "2021-01-10", "Ben Ford remembered his late wife, Joy Ford.");
    let (ben, joy) = (b.person(&["Ben Ford"], M), b.person(&["Joy Ford"], F));
    b.relate(ben, RelationKind::Spouse, joy, &[Qualifier::Late], "late wife");
    let (graph, _) = build(&[a, b], true);
    assert_eq!(names(&graph), ["Ben Ford", "Joy Ford"]);
    let joy = graph.person(node(&graph, "joy")).cloned().expect("person");
    assert_eq!(joy.names, ["Joy Ford", "Joy"]);
}

/// The same name in two articles, with what the second says about them.
fn namesakes(second: impl FnOnce(&mut Article, usize)) -> (KinGraph, BuildReport) {
    let mut a = Article::new("a.txt", "2020-06-01", "Sam Lee, 40, and his wife, Ivy Lee.");
    let (sam, ivy) = (a.person(&["Sam Lee"], M), a.person(&["Ivy Lee"], F));
    a.age(sam, 40);
    a.relate(sam, RelationKind::Spouse, ivy, &[], "wife");
    let mut b = Article::new("b.txt", "2021-01-15", "Sam Lee spoke.");
    let sam = b.person(&["Sam Lee"], M);
    second(&mut b, sam);
    build(&[a, b], true)
}

#[test]
fn namesakes_with_birth_years_apart_stay_two_people() {
    let (graph, report) = namesakes(|b, sam| b.age(sam, 19));
    assert_eq!(graph.people().count(), 3);
    let c = &report.conflicts[0];
    assert!(c.kept_apart);
    assert_eq!(c.detail, "born 2001–2002 here, 1979–1980 there");
    assert!(matches!(graph.find_person("Sam Lee"), Err(Lookup::Ambiguous { .. })));
}

#[test]
fn a_birth_year_off_by_one_is_merged_and_reported() {
    // 40 on 2020-06-01 is born 1979–1980; 43 on 2021-01-15, 1977–1978.
    let (graph, report) = namesakes(|b, sam| b.age(sam, 43));
    assert_eq!(graph.people().count(), 2);
    let c = &report.conflicts[0];
    assert!(!c.kept_apart);
    assert_eq!(c.detail, "ages disagree: born 1977–1978 here, 1979–1980 there");
    assert_eq!(graph.born(node(&graph, "Sam Lee")), Some((1977, 1980)));
    // 41 then is born 1979–1980 again: no conflict at all.
    let (_, report) = namesakes(|b, sam| b.age(sam, 41));
    assert!(report.conflicts.is_empty());
}

#[test]
fn a_different_gender_keeps_namesakes_apart() {
    let (graph, report) = namesakes(|b, sam| b.facts.people[sam].gender = F);
    assert_eq!(graph.people().count(), 3);
    assert_eq!(report.conflicts[0].detail, "gender: female here, male there");
}

#[test]
fn another_current_wife_within_a_year_keeps_namesakes_apart_but_a_later_one_does_not() {
    let (graph, report) = namesakes(|b, sam| {
        let eve = b.person(&["Eve Moss"], F);
        b.relate(sam, RelationKind::Spouse, eve, &[], "wife");
    });
    assert_eq!(graph.people().count(), 4);
    assert_eq!(report.conflicts[0].detail, "spouse \"Eve Moss\" here, \"Ivy Lee\" there");
    // Five years on, a new wife is a remarriage, not another man.
    let mut a = Article::new("a.txt", "2015-06-01", "Sam Lee and his wife, Ivy Lee.");
    let (sam, ivy) = (a.person(&["Sam Lee"], M), a.person(&["Ivy Lee"], F));
    a.relate(sam, RelationKind::Spouse, ivy, &[], "wife");
    let mut b = Article::new("b.txt", "2021-01-15", "Sam Lee and his wife, Eve Moss.");
    let (sam, eve) = (b.person(&["Sam Lee"], M), b.person(&["Eve Moss"], F));
    b.relate(sam, RelationKind::Spouse, eve, &[], "wife");
    let (graph, _) = build(&[a, b], true);
    assert_eq!(graph.people().count(), 3);
}

#[test]
fn two_different_mothers_keep_namesakes_apart() {
    let mut a = Article::new("a.txt", "2020-06-01", "Sam Lee and his mother, Ada Lee.");
    let (sam, ada) = (a.person(&["Sam Lee"], M), a.person(&["Ada Lee"], F));
    a.relate(ada, RelationKind::Parent, sam, &[], "mother");
    let mut b = Article::new("b.txt", "2021-01-15", "Sam Lee and his mother, Una Lee.");
    let (sam, una) = (b.person(&["Sam Lee"], M), b.person(&["Una Lee"], F));
    b.relate(una, RelationKind::Parent, sam, &[], "mother");
    let (graph, report) = build(&[a, b], true);
    assert_eq!(graph.people().count(), 4);
    assert_eq!(report.conflicts[0].detail, "parent \"Una Lee\" here, \"Ada Lee\" there");
}

#[test]
fn a_mention_that_fits_two_namesakes_is_not_guessed() {
    let (graph, _) = namesakes(|b, sam| b.age(sam, 19));
    let mut c = Article::new("c.txt", "2022-01-15", "Sam Lee won.");
    c.person(&["Sam Lee"], M);
    let mut builder = GraphBuilder::new(graph);
    builder.add(&c.doc, &c.facts).expect("added");
    let (graph, report) = builder.finish(true);
    assert_eq!(graph.people().count(), 4);
    assert_eq!(
        report.conflicts[0].detail,
        "could be Sam Lee [p0] or Sam Lee [p2]; nothing tells them apart, so kept as a new person"
    );
}

#[test]
fn a_wife_later_called_ex_wife_is_a_former_spouse_with_dates() {
    let mut a = Article::new("a.txt", "2019-05-04", "Dan Ruiz and his wife, Eva Ruiz.");
    let (dan, eva) = (a.person(&["Dan Ruiz"], M), a.person(&["Eva Ruiz"], F));
    a.relate(dan, RelationKind::Spouse, eva, &[], "wife");
    let mut b = Article::new("b.txt", "2022-08-19", "Dan Ruiz and his ex-wife, Eva Ruiz.");
    let (dan, eva) = (b.person(&["Dan Ruiz"], M), b.person(&["Eva Ruiz"], F));
    b.relate(dan, RelationKind::Spouse, eva, &[Qualifier::Former], "ex-wife");
    let (graph, report) = build(&[a, b], true);
    let spouse = graph.relations().next().expect("relation").relation;
    assert_eq!(spouse.label(), "spouse (former)");
    let dates = spouse.ended_between().map(|(x, y)| (x.to_string(), y.to_string()));
    assert_eq!(dates, Some(("2019-05-04".into(), "2022-08-19".into())));
    assert_eq!(
        report.to_string().lines().last(),
        Some(
            "changed: Dan Ruiz [p0] and Eva Ruiz [p1]: \"wife\" on 2019-05-04 (a.txt), \"ex-wife\" on 2022-08-19 \
             (b.txt): spouse (former), ended between 2019-05-04 and 2022-08-19"
        )
    );
}

/// Four generations over three articles:
///
/// ```text
/// Rosa ─ Paul ─┬─ Dan ═(ex)═ Carla      Dan ═ Nina
///              │   ├─ Leo, Sofia          └─ Max
///              └─ Tess ─ Ivo
/// ```
fn family() -> Vec<Article> {
    let mut a = Article::new("a.txt", "2019-05-04", "The Reyes family.");
    let dan = a.person(&["Dan Reyes"], M);
    let carla = a.person(&["Carla Reyes"], F);
    let leo = a.person(&["Leo Reyes"], M);
    let sofia = a.person(&["Sofia Reyes"], F);
    let paul = a.person(&["Paul Reyes"], M);
    let rosa = a.person(&["Rosa Reyes"], F);
    a.relate(dan, RelationKind::Spouse, carla, &[], "wife");
    for child in [leo, sofia] {
        a.relate(dan, RelationKind::Parent, child, &[], "child");
        a.relate(carla, RelationKind::Parent, child, &[], "child");
    }
    a.relate(paul, RelationKind::Parent, dan, &[], "father");
    a.relate(rosa, RelationKind::Parent, paul, &[], "mother");
    let mut b = Article::new("b.txt", "2022-08-19", "A wedding.");
    let dan = b.person(&["Dan Reyes"], M);
    let nina = b.person(&["Nina Ortiz"], F);
    let carla = b.person(&["Carla Reyes"], F);
    let max = b.person(&["Max Reyes"], M);
    b.relate(dan, RelationKind::Spouse, nina, &[], "married");
    b.relate(dan, RelationKind::Spouse, carla, &[Qualifier::Former], "ex-wife");
    b.relate(dan, RelationKind::Parent, max, &[], "son");
    b.relate(nina, RelationKind::Parent, max, &[], "son");
    let mut c = Article::new("c.txt", "2023-01-02", "Cousins.");
    let paul = c.person(&["Paul Reyes"], M);
    let tess = c.person(&["Tess Reyes"], F);
    let ivo = c.person(&["Ivo Reyes"], M);
    let dan = c.person(&["Dan Reyes"], M);
    c.relate(paul, RelationKind::Parent, tess, &[], "daughter");
    c.relate(paul, RelationKind::Parent, dan, &[], "son");
    c.relate(tess, RelationKind::Parent, ivo, &[], "son");
    vec![a, b, c]
}

fn inferred(graph: &KinGraph) -> Vec<String> {
    let name = |n: NodeIndex| graph.person(n).map(|p| p.name.clone()).unwrap_or_default();
    graph
        .relations()
        .filter_map(|r| {
            let i = r.relation.inferred.as_ref()?;
            Some(format!(
                "{} —{} {}— {} ({}, {} links)",
                name(r.head),
                r.relation.label(),
                r.relation.terms.join(","),
                name(r.tail),
                i.rule,
                i.chain.len()
            ))
        })
        .collect()
}

#[test]
fn kin_is_inferred_from_chains_and_kept_apart() {
    let (graph, report) = build(&family(), true);
    assert_eq!(
        inferred(&graph),
        [
            "Leo Reyes —sibling sibling— Sofia Reyes (shared-parent, 2 links)",
            "Leo Reyes —sibling (half) half-sibling— Max Reyes (shared-parent, 2 links)",
            "Sofia Reyes —sibling (half) half-sibling— Max Reyes (shared-parent, 2 links)",
            "Dan Reyes —sibling sibling— Tess Reyes (shared-parent, 2 links)",
            "Leo Reyes —relative grandfather— Paul Reyes (grandparent, 2 links)",
            "Sofia Reyes —relative grandfather— Paul Reyes (grandparent, 2 links)",
            "Paul Reyes —relative grandfather— Max Reyes (grandparent, 2 links)",
            "Paul Reyes —relative grandfather— Ivo Reyes (grandparent, 2 links)",
            "Dan Reyes —relative grandmother— Rosa Reyes (grandparent, 2 links)",
            "Rosa Reyes —relative grandmother— Tess Reyes (grandparent, 2 links)",
            "Dan Reyes —relative uncle— Ivo Reyes (aunt-uncle, 3 links)",
            "Leo Reyes —relative aunt— Tess Reyes (aunt-uncle, 3 links)",
            "Sofia Reyes —relative aunt— Tess Reyes (aunt-uncle, 3 links)",
            "Max Reyes —relative aunt— Tess Reyes (aunt-uncle, 3 links)",
            "Leo Reyes —relative cousin— Ivo Reyes (cousin, 4 links)",
            "Sofia Reyes —relative cousin— Ivo Reyes (cousin, 4 links)",
            "Max Reyes —relative cousin— Ivo Reyes (cousin, 4 links)",
            "Paul Reyes —relative (in-law) father-in-law— Nina Ortiz (in-law, 2 links)",
            "Nina Ortiz —relative (in-law) sister-in-law— Tess Reyes (in-law, 3 links)",
            "Leo Reyes —relative (step) stepmother— Nina Ortiz (step-parent, 2 links)",
            "Sofia Reyes —relative (step) stepmother— Nina Ortiz (step-parent, 2 links)",
        ]
    );
    assert_eq!(report.inferred, 21);
    // The inferred relation carries its chain's statements, and the
    // product of its links' confidences (Paul parent of Dan is stated
    // twice: 0.99).
    let r = graph.relations().find(|r| r.relation.terms.iter().map(|t| &**t).eq(["cousin"])).expect("cousin");
    let documents: Vec<&str> = r.relation.evidence.iter().map(|e| e.document()).collect();
    assert_eq!(documents, ["a.txt", "c.txt"]);
    assert_eq!(r.relation.confidence, normalize_confidence(0.9 * 0.99 * 0.9 * 0.9));
    // Without inference, none; a later build drops and redoes them.
    let (plain, _) = build(&family(), false);
    assert!(inferred(&plain).is_empty());
    let (again, _) = GraphBuilder::new(graph.clone()).finish(true);
    assert_eq!(inferred(&again), inferred(&graph));
}

#[test]
fn a_stated_relation_wins_over_an_inferred_one() {
    let mut articles = family();
    // An article says outright that Leo and Sofia are siblings.
    let mut d = Article::new("d.txt", "2023-02-02", "Leo Reyes and his sister, Sofia Reyes.");
    let (leo, sofia) = (d.person(&["Leo Reyes"], M), d.person(&["Sofia Reyes"], F));
    d.relate(leo, RelationKind::Sibling, sofia, &[], "sister");
    articles.push(d);
    let (graph, _) = build(&articles, true);
    let (leo, sofia) = (node(&graph, "Leo Reyes"), node(&graph, "Sofia Reyes"));
    let between: Vec<bool> =
        graph.explain(leo, sofia).direct.iter().map(|&e| graph.graph[e].is_stated()).collect();
    assert_eq!(between, [true]);
}

#[test]
fn kinship_in_words() {
    let (graph, _) = build(&family(), true);
    let kin = |a: &str, b: &str| graph.kinship(node(&graph, a), node(&graph, b)).sentence;
    assert_eq!(kin("Sofia Reyes", "Rosa Reyes"), "Sofia Reyes is Rosa Reyes's great-granddaughter");
    assert_eq!(kin("Rosa Reyes", "Leo Reyes"), "Rosa Reyes is Leo Reyes's great-grandmother");
    assert_eq!(kin("Leo Reyes", "Max Reyes"), "Leo Reyes and Max Reyes are half-brothers");
    assert_eq!(kin("Sofia Reyes", "Leo Reyes"), "Sofia Reyes is Leo Reyes's sister");
    assert_eq!(kin("Ivo Reyes", "Sofia Reyes"), "Ivo Reyes and Sofia Reyes are first cousins");
    assert_eq!(kin("Tess Reyes", "Max Reyes"), "Tess Reyes is Max Reyes's aunt");
    assert_eq!(kin("Leo Reyes", "Tess Reyes"), "Leo Reyes is Tess Reyes's nephew");
    assert_eq!(kin("Nina Ortiz", "Sofia Reyes"), "Nina Ortiz is Sofia Reyes's stepmother");
    assert_eq!(kin("Sofia Reyes", "Nina Ortiz"), "Sofia Reyes is Nina Ortiz's stepdaughter");
    assert_eq!(kin("Paul Reyes", "Nina Ortiz"), "Paul Reyes is Nina Ortiz's father-in-law");
    assert_eq!(kin("Nina Ortiz", "Paul Reyes"), "Nina Ortiz is Paul Reyes's daughter-in-law");
    assert_eq!(kin("Carla Reyes", "Dan Reyes"), "Carla Reyes is Dan Reyes's ex-wife");
    assert_eq!(kin("Nina Ortiz", "Tess Reyes"), "Nina Ortiz is Tess Reyes's sister-in-law");
    assert_eq!(
        kin("Carla Reyes", "Nina Ortiz"),
        "Carla Reyes and Nina Ortiz: no family relation; connected through \
         Carla Reyes —spouse (former)— Dan Reyes —spouse— Nina Ortiz"
    );
}

#[test]
fn friendships_are_named_when_there_is_no_kinship() {
    let mut a =
        Article::new("a.txt", "2021-01-01", "Kim Ray, her son Bo, her friend Al Voss and his son Cy.");
    let kim = a.person(&["Kim Ray"], F);
    let bo = a.person(&["Bo"], M);
    let al = a.person(&["Al Voss"], M);
    let cy = a.person(&["Cy"], M);
    a.relate(kim, RelationKind::Parent, bo, &[], "son");
    a.relate(kim, RelationKind::Friend, al, &[], "friend");
    a.relate(al, RelationKind::Parent, cy, &[], "son");
    a.person(&["Zed Quill"], None);
    let (graph, _) = build(&[a], true);
    let (bo, cy) = (node(&graph, "Bo"), node(&graph, "Cy"));
    assert_eq!(
        graph.kinship(bo, cy).sentence,
        "Bo and Cy: no family relation; connected through the friendship of Kim Ray and Al Voss"
    );
    let path = graph.shortest_path(bo, cy, &PathFilter::default()).expect("a path");
    assert_eq!(graph.path_line(&path), "Bo ←parent— Kim Ray —friend— Al Voss —parent→ Cy");
    let family_only = PathFilter { kinds: vec![RelationKind::Parent], ..PathFilter::default() };
    assert_eq!(graph.shortest_path(bo, cy, &family_only), None);
    let short = PathFilter { max: Some(2), ..PathFilter::default() };
    assert_eq!(graph.shortest_path(bo, cy, &short), None);
    let zed = node(&graph, "Zed Quill");
    assert_eq!(graph.kinship(bo, zed).sentence, "Bo and Zed Quill are not connected");
}

#[test]
fn paths_are_shortest_whichever_side_meets_first() {
    // A ring of eight with one chord: from 0 to 4 the chord 0–5 makes the
    // path 0–5–4 (two steps) rather than four around the ring.
    let mut a = Article::new("a.txt", "2021-01-01", "A ring of friends.");
    let people: Vec<usize> = (0..8).map(|i| a.person(&[&format!("Friend Number{i}")], None)).collect();
    for i in 0..8 {
        a.relate(people[i], RelationKind::Friend, people[(i + 1) % 8], &[], "friend");
    }
    a.relate(people[0], RelationKind::Friend, people[5], &[], "friend");
    let (graph, _) = build(&[a], true);
    for from in 0..8 {
        // Plain breadth-first distances from `from`, to compare with.
        let reached = graph.neighbors_within(NodeIndex::new(from), 8);
        for to in (0..8).filter(|&to| to != from) {
            let expected = reached.iter().find(|r| r.node.index() == to).map(|r| r.depth);
            let path = graph.shortest_path(NodeIndex::new(from), NodeIndex::new(to), &PathFilter::default());
            assert_eq!(path.as_ref().map(|p| p.steps.len()), expected, "{from} → {to}");
            let nodes = path.map(|p| p.nodes()).unwrap_or_default();
            assert_eq!((nodes[0].index(), nodes[nodes.len() - 1].index()), (from, to));
        }
    }
}

#[test]
fn names_on_the_command_line_are_matched_as_resolution_matches_them() {
    let (graph, _) = build(&couple(), true);
    let ana = node(&graph, "Ana Cruz");
    for query in ["ana cruz", "ANA CRUZ", "Dr. Ana Cruz", "Ana  Crúz", "cruz", "p0"] {
        assert_eq!(graph.find_person(query), Ok(ana), "{query}");
    }
    assert!(matches!(graph.find_person("Eva Cruz"), Err(Lookup::NotFound { .. })));
}

#[test]
fn people_filters_and_neighbours() {
    let (graph, _) = build(&couple(), true);
    let born_before = |year| PeopleFilter { born_before: Some(year), ..PeopleFilter::default() };
    assert_eq!(graph.people_matching(&born_before(1981)).len(), 1);
    assert_eq!(graph.people_matching(&born_before(1979)).len(), 0);
    let spouses = PeopleFilter { kind: Some(RelationKind::Spouse), ..PeopleFilter::default() };
    assert_eq!(graph.people_matching(&spouses).len(), 2);
    let deceased = PeopleFilter { deceased: true, ..PeopleFilter::default() };
    assert!(graph.people_matching(&deceased).is_empty());
    let ana = node(&graph, "Ana Cruz");
    let around: Vec<(usize, &str)> =
        graph.neighbors_within(ana, 3).iter().map(|r| (r.depth, r.role)).collect();
    assert_eq!(around, [(1, "spouse of")]);
    let stats = graph.stats();
    assert_eq!((stats.documents, stats.people, stats.stated, stats.components), (2, 2, 1, 1));
}

#[test]
fn saved_graphs_read_back_whole_or_without_statements() {
    let (graph, _) = build(&family(), true);
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("g.json");
    crate::export::json::write_graph(&path, &graph).expect("written");
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(text.lines().count(), 1);
    let whole = crate::export::json::read_graph(&path).expect("whole");
    assert_eq!(crate::export::json::to_json(&whole), crate::export::json::to_json(&graph));
    let lean = crate::export::json::read_graph_structure(&path).expect("structure");
    assert_eq!(lean.people().count(), graph.people().count());
    assert_eq!(lean.relations().count(), graph.relations().count());
    assert!(lean.relations().all(|r| r.relation.evidence.is_empty()));
    assert!(lean.people().all(|(_, p)| p.attributes.iter().all(|a| a.evidence.is_empty())));
    let (a, b) = (node(&lean, "Sofia Reyes"), node(&lean, "Rosa Reyes"));
    assert_eq!(lean.kinship(a, b).sentence, graph.kinship(a, b).sentence);
    // A file that is not a graph is still diagnosed in full.
    std::fs::write(&path, "{\"format_version\": 9}").expect("write");
    let err =
        crate::export::json::read_graph_structure(&path).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("unsupported graph format_version 9"), "{err}");
}

#[test]
fn a_new_wife_is_no_conflict_when_the_article_calls_the_first_one_ex_wife() {
    let (graph, report) = namesakes(|b, sam| {
        let eve = b.person(&["Eve Moss"], F);
        let ivy = b.person(&["Ivy Lee"], F);
        b.relate(sam, RelationKind::Spouse, eve, &[], "wife");
        b.relate(sam, RelationKind::Spouse, ivy, &[Qualifier::Former], "ex-wife");
    });
    assert_eq!(names(&graph), ["Sam Lee", "Ivy Lee", "Eve Moss"]);
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
}
