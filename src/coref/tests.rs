//! Coreference on made-up texts: pronouns, surnames, descriptions, groups.

use super::resolve;
use crate::mention::{MentionKind, find};
use crate::text::Document;

/// Each mention's text with the first name of the entity (or entities) it
/// resolves to.
fn links(text: &str) -> Vec<(String, Vec<String>)> {
    let doc = Document::new("t", text, None);
    let m = find(&doc);
    let c = resolve(&doc, &m);
    // The entity's first name (a pronoun may come before it).
    let name = |e: usize| {
        let mentions = &c.entities[e].mentions;
        let first = mentions
            .iter()
            .copied()
            .find(|&x| matches!(m.mentions[x].kind, MentionKind::Name(_)))
            .unwrap_or(mentions[0]);
        m.mentions[first].span.slice(doc.text()).to_string()
    };
    m.mentions
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (x.span.slice(doc.text()).to_string(), c.entities_of(i).0.iter().map(|&e| name(e)).collect())
        })
        .collect()
}

/// The names a mention resolves to, sorted.
fn link_of(text: &str, mention: &str) -> Vec<String> {
    let mut names = links(text).into_iter().find(|(t, _)| t == mention).map(|(_, e)| e).unwrap_or_default();
    names.sort();
    names
}

#[test]
fn surnames_and_first_names_join_the_full_name() {
    let l = links("Olivia Benson arrived. Benson sat. Olivia left.");
    assert_eq!(l[1].1, ["Olivia Benson"]);
    assert_eq!(l[2].1, ["Olivia Benson"]);
}

#[test]
fn pronouns_by_gender_and_salience() {
    assert_eq!(link_of("Mary Ann Cole met Peter Wood. He smiled.", "He"), ["Peter Wood"]);
    assert_eq!(link_of("Mary Ann Cole met Peter Wood. She smiled.", "She"), ["Mary Ann Cole"]);
    // Same gender: the subject of the previous sentence wins.
    assert_eq!(link_of("John Hale called Tim Boyd. He was angry.", "He"), ["John Hale"]);
}

#[test]
fn descriptions_skip_people_already_named_in_their_sentence() {
    assert_eq!(
        link_of("Ruth Bell met Dan Fox. Ruth Bell thanked the director.", "the director"),
        ["Dan Fox"]
    );
    assert_eq!(
        link_of("Ruth Bell met Dan Fox. The director thanked Ruth Bell.", "The director"),
        ["Ruth Bell"]
    );
}

#[test]
fn descriptions_respect_age() {
    let text = "Ann Lowe, 30, met Bea Ross, 52. The 52-year-old laughed.";
    assert_eq!(link_of(text, "The 52-year-old"), ["Bea Ross"]);
}

#[test]
fn apposition_descriptions_join_their_name() {
    assert_eq!(link_of("Tom Hardy, the actor, spoke. Ben Stiller listened.", "the actor"), ["Tom Hardy"]);
}

#[test]
fn the_couple_is_the_last_stated_couple() {
    let text = "Rita Moss met Joe Park. Joe Park, Ann Lee's husband, smiled. The couple left.";
    assert_eq!(link_of(text, "The couple"), ["Ann Lee", "Joe Park"]);
    let text = "Lily Tran and her husband, Omar Haddad, moved. Later the couple bought a farm.";
    assert_eq!(link_of(text, "the couple"), ["Lily Tran", "Omar Haddad"]);
}

#[test]
fn they_is_the_coordinated_pair() {
    assert_eq!(link_of("Kim Ngo and Raj Mehta met in 2019. They married.", "They"), ["Kim Ngo", "Raj Mehta"]);
    // No pair in sight: unresolved.
    assert!(link_of("Kim Ngo waved. They cheered.", "They").is_empty());
}

#[test]
fn we_both_is_the_pair_only_with_both() {
    let text = "Ivy Stone met Abe Cohen. She and the writer became friends. \u{201c}We both love it,\u{201d} she said.";
    assert_eq!(link_of(text, "We"), ["Abe Cohen", "Ivy Stone"]);
    let text = "Ivy Stone met Abe Cohen. \u{201c}We love it,\u{201d} she said.";
    assert!(link_of(text, "We").is_empty());
}

#[test]
fn a_bare_surname_is_the_most_named_then_the_first_person() {
    let text = "Joan Beck is a judge. She is the daughter of Emil Beck. Beck studied law.";
    assert_eq!(link_of(text, "Beck"), ["Joan Beck"]);
}

#[test]
fn a_possessive_after_x_and_is_x() {
    assert_eq!(link_of("Sam Neil met Rod Torres. Rod Torres and his wife Mona left.", "his"), ["Rod Torres"]);
    assert_eq!(link_of("Al Roe met Meier Rein (1801-1870) and his wife Sarah.", "his"), ["Meier Rein"]);
    // Gender disagrees: the usual resolution applies.
    assert_eq!(link_of("Tom Hale arrived. Ann Fox and his son left.", "his"), ["Tom Hale"]);
}

#[test]
fn pronouns_prefer_the_nearest_subject_of_their_sentence() {
    let text = "Mark Norell was right, and Czerkas added feathers to his model.";
    assert_eq!(link_of(text, "his"), ["Czerkas"]);
    // Across sentences, the subject (a verb follows it) beats a name in a
    // fronted phrase.
    let text = "Like Felix Weingartner, Owen Rees was a skilled player. His debut went well.";
    assert_eq!(link_of(text, "His"), ["Owen Rees"]);
    // An object pronoun is not the subject right before it.
    let text = "Tom Hale met Sam Boyd. Sam Boyd thanked him.";
    assert_eq!(link_of(text, "him"), ["Tom Hale"]);
}

#[test]
fn recency_and_relative_clauses_within_a_sentence() {
    // The nearest compatible name before the pronoun weighs in.
    let text = "Promoter Gus Karras brought Earl Dorn to the US to continue his career.";
    assert_eq!(link_of(text, "his"), ["Earl Dorn"]);
    // "X, who ... his": the relative's antecedent.
    let text = "The team had sprinter John Ruuka and lifter David Katoatau, who reprised his role.";
    assert_eq!(link_of(text, "his"), ["David Katoatau"]);
}

#[test]
fn names_in_a_list_of_relatives_are_not_the_nearest_topic() {
    let text = "Ann Lee sat with her husband, Bo Park. They cared for her kids, Cy Lee and Dov Lee, and his children, Eli and Fay.";
    assert_eq!(link_of(text, "his"), ["Bo Park"]);
}

#[test]
fn a_possessive_prefers_the_name_in_its_own_clause() {
    let text = "Later Hal Brandt interviewed Rico Vario about his new album.";
    assert_eq!(link_of(text, "his"), ["Rico Vario"]);
}

#[test]
fn a_birth_name_after_nee_refers_back_to_the_person() {
    let x = crate::pipeline::extract(&crate::text::Document::new(
        "t",
        "His mother was Greta, née Holm. Holm died in 1901. Greta had been a nurse.",
        None,
    ));
    assert_eq!(x.people.len(), 1, "{:?}", x.people.iter().map(|p| &p.names).collect::<Vec<_>>());
}

#[test]
fn a_child_listed_with_a_longer_name_is_not_the_parent() {
    let x = crate::pipeline::extract(&crate::text::Document::new(
        "t",
        "Luca Ferri married Ada Neri, with whom he had three children, Rosa Ferri, Marco Ferri and Luca Paolo Ferri.",
        None,
    ));
    let names: Vec<&str> = x.people.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Luca Ferri") && names.contains(&"Luca Paolo Ferri"), "{names:?}");
}

#[test]
fn a_lone_surname_has_no_given_name_gender() {
    // "Briggs" is a rare (male) given name but a common surname: alone, it
    // says nothing of its bearer's gender.
    let text = "Briggs joined the band in 1990. She left it in 1995.";
    assert_eq!(link_of(text, "She"), ["Briggs"]);
    // A common given name keeps its gender, though it is a surname too.
    let text = "Mattie joined the band in 1990. He left it in 1995.";
    assert!(link_of(text, "He").is_empty());
}

#[test]
fn a_subject_may_stand_before_an_apposition() {
    // "X's mother, Y, was": Y is the subject, X only a possessor.
    let text = "Tilda Vance's mother, Noor Castellan, was a painter. She taught in Lyon.";
    assert_eq!(link_of(text, "She"), ["Noor Castellan"]);
    // An apposition that no verb follows leaves the name an object.
    let text = "Tilda Vance met Noor Castellan, a painter, in Lyon. She taught there.";
    assert_eq!(link_of(text, "She"), ["Tilda Vance"]);
}

#[test]
fn a_pronoun_in_a_fronted_phrase_points_forward_to_the_subject() {
    let text =
        "Cormac Whitlock ran the gallery. In her review of the show, Noor Castellan praised the lighting.";
    assert_eq!(link_of(text, "her"), ["Noor Castellan"]);
    let text = "Cormac Whitlock ran the gallery. Shortly after he arrived, Tomas Wrexley left the city.";
    assert_eq!(link_of(text, "he"), ["Tomas Wrexley"]);
    // A possessor that opens the main clause: "X's health declined".
    let text = "Cormac Whitlock ran the gallery. Throughout his exile, Tomas Wrexley's health declined.";
    assert_eq!(link_of(text, "his"), ["Tomas Wrexley"]);
    // Not when the gender disagrees, nor when a name stands before the
    // pronoun in the fronted phrase, nor without a fronted phrase.
    let text =
        "Cormac Whitlock ran the gallery. In his review of the show, Liesel Castellan praised the lighting.";
    assert_eq!(link_of(text, "his"), ["Cormac Whitlock"]);
    let text = "Cormac Whitlock ran the gallery. After Cormac Whitlock left his post, Tomas Wrexley sold it.";
    assert_eq!(link_of(text, "his"), ["Cormac Whitlock"]);
    let text = "Cormac Whitlock ran the gallery. The owner of his house, Tomas Wrexley, sold it.";
    assert_eq!(link_of(text, "his"), ["Cormac Whitlock"]);
}

#[test]
fn a_possessive_in_a_copular_predicate_is_not_the_subject() {
    let text = "Brisa Thornquist retired in 1990, and Marisol Dunmore was appointed her successor.";
    assert_eq!(link_of(text, "her"), ["Brisa Thornquist"]);
    let text = "Brisa Thornquist taught music. Marisol Dunmore had been one of her pupils.";
    assert_eq!(link_of(text, "her"), ["Brisa Thornquist"]);
    // An active verb, or "her own", leaves the subject free.
    let text = "Brisa Thornquist retired in 1990, and Marisol Dunmore appointed her daughter.";
    assert_eq!(link_of(text, "her"), ["Marisol Dunmore"]);
    let text = "Brisa Thornquist retired in 1990, and Marisol Dunmore became her own manager.";
    assert_eq!(link_of(text, "her"), ["Marisol Dunmore"]);
}

#[test]
fn a_pronoun_is_not_the_name_it_is_coordinated_with() {
    let text = "Odalys Quarrie met Marisol Dunmore in 1990. She and Odalys Quarrie founded a firm.";
    assert_eq!(link_of(text, "She"), ["Marisol Dunmore"]);
}

#[test]
fn an_object_pronoun_is_not_the_understood_subject_of_its_clause() {
    // The relative pronoun's antecedent is the subject of "thanked".
    let text = "Marisol Dunmore visited Odalys Quarrie, who thanked her.";
    assert_eq!(link_of(text, "her"), ["Marisol Dunmore"]);
    // But a possessive there refers to it.
    let text = "Marisol Dunmore visited Odalys Quarrie, who showed her garden.";
    assert_eq!(link_of(text, "her"), ["Odalys Quarrie"]);
    // A participle's understood subject is the main clause's.
    let text = "Tomas Wrexley challenged Cormac Whitlock again in 1990, defeating him.";
    assert_eq!(link_of(text, "him"), ["Cormac Whitlock"]);
}

#[test]
fn the_possessor_of_a_subject_is_salient() {
    // "Marisol Dunmore's parents divorced": Marisol Dunmore heads the clause's topic,
    // more than a name in a fronted phrase.
    let text = "In 1990, after the death of Odalys Quarrie, Marisol Dunmore's parents finally divorced. Her mother moved.";
    assert_eq!(link_of(text, "Her"), ["Marisol Dunmore"]);
}

#[test]
fn relative_clauses_and_coordinated_possessors() {
    // A relative clause without its comma.
    let text = "Marisol Dunmore replaced Odalys Quarrie who announced her resignation in May.";
    assert_eq!(link_of(text, "her"), ["Odalys Quarrie"]);
    // "X nor his friends": the possessive right after "X nor".
    let text =
        "Cormac Whitlock hired Tomas Wrexley in 1990, but neither Cormac Whitlock nor his friends stayed.";
    assert_eq!(link_of(text, "his"), ["Cormac Whitlock"]);
}

#[test]
fn subjects_before_adverbs_and_irregular_verbs() {
    let doc = Document::new(
        "t",
        "Tomas Wrexley quietly left. Cormac Whitlock threw it to Odalys Quarrie only.",
        None,
    );
    let m = find(&doc);
    let subject = |name: &str| {
        let id = m.mentions.iter().position(|x| x.span.slice(doc.text()) == name).unwrap_or(usize::MAX);
        id < m.mentions.len() && super::is_subject(&doc, &m, id)
    };
    assert!(subject("Tomas Wrexley"));
    assert!(subject("Cormac Whitlock"));
    assert!(!subject("Odalys Quarrie"));
}

#[test]
fn a_fronted_phrase_points_forward_to_the_name_after_its_comma() {
    let text =
        "Cormac Whitlock ran the gallery. Soon after her return, Marisol Dunmore swept the national prizes.";
    assert_eq!(link_of(text, "her"), ["Marisol Dunmore"]);
}

#[test]
fn a_name_after_of_is_less_of_a_topic() {
    let text = "Marisol Dunmore wrote the biography of Odalys Quarrie during her stay in Rome.";
    assert_eq!(link_of(text, "her"), ["Marisol Dunmore"]);
    // Without "of", the nearer name in the clause wins.
    let text = "Marisol Dunmore praised Odalys Quarrie during her stay in Rome.";
    assert_eq!(link_of(text, "her"), ["Odalys Quarrie"]);
}

#[test]
fn a_present_tense_verb_in_s_marks_a_subject() {
    let doc =
        Document::new("t", "Having tied up Cormac Whitlock, Tomas Wrexley threatens to drop him.", None);
    let m = find(&doc);
    let id =
        m.mentions.iter().position(|x| x.span.slice(doc.text()) == "Tomas Wrexley").unwrap_or(usize::MAX);
    assert!(id < m.mentions.len() && super::is_subject(&doc, &m, id));
    // So the object pronoun of its clause is someone else.
    let text = "Having tied up Cormac Whitlock, Tomas Wrexley threatens to drop him.";
    assert_eq!(link_of(text, "him"), ["Cormac Whitlock"]);
    // Near miss: a noun in -ss, -us or -is after a name is no verb.
    let doc = Document::new("t", "Tomas Wrexley status was unclear.", None);
    let m = find(&doc);
    let id =
        m.mentions.iter().position(|x| x.span.slice(doc.text()) == "Tomas Wrexley").unwrap_or(usize::MAX);
    assert!(id < m.mentions.len() && !super::is_subject(&doc, &m, id));
}

#[test]
fn an_apposition_opened_by_an_article_may_hold_a_conjunction() {
    let doc = Document::new("t", "Tomas Wrexley, the son of Cormac and Liesel Whitlock, announced it.", None);
    let m = find(&doc);
    let id =
        m.mentions.iter().position(|x| x.span.slice(doc.text()) == "Tomas Wrexley").unwrap_or(usize::MAX);
    assert!(id < m.mentions.len() && super::is_subject(&doc, &m, id));
    // Near miss: a list of names is no apposition.
    let doc = Document::new("t", "Tomas Wrexley, Cormac Whitlock and Odalys Quarrie, announced it.", None);
    let m = find(&doc);
    let id =
        m.mentions.iter().position(|x| x.span.slice(doc.text()) == "Tomas Wrexley").unwrap_or(usize::MAX);
    assert!(id < m.mentions.len() && !super::is_subject(&doc, &m, id));
}

#[test]
fn a_subject_outweighs_a_person_named_twice_in_passing() {
    // Two possessor mentions of one person do not outweigh the subject of
    // the sentence before.
    let text = "Odalys Quarrie became the manager for Marisol Dunmore's campaign after Dunmore's win in the primary. In May, she replaced the old manager.";
    assert_eq!(link_of(text, "she"), ["Odalys Quarrie"]);
}

#[test]
fn an_infinitive_object_is_not_its_understood_subject() {
    // "Y to let him go": Y is the one who lets, so "him" is someone else.
    let text = "Later, Tomas Wrexley begged Cormac Whitlock to let him go home.";
    assert_eq!(link_of(text, "him"), ["Tomas Wrexley"]);
    // Near miss: after "with", the infinitive is the main clause's purpose
    // and its understood subject is the main subject.
    let text = "Later, Tomas Wrexley met with Cormac Whitlock to warn him about it.";
    assert_eq!(link_of(text, "him"), ["Cormac Whitlock"]);
}

#[test]
fn an_object_pronoun_is_not_a_subject_past_its_apposition() {
    let text = "Tomas Wrexley began work there, when Cormac Whitlock, the head of the school, spotted him.";
    assert_eq!(link_of(text, "him"), ["Tomas Wrexley"]);
    // Near miss: a possessive may refer to that subject.
    let text =
        "Tomas Wrexley began work there, when Cormac Whitlock, the head of the school, sold his house.";
    assert_eq!(link_of(text, "his"), ["Cormac Whitlock"]);
}

#[test]
fn a_name_in_parentheses_after_a_name_is_an_aside() {
    // The character, then the actor who plays him.
    let text = "The film opens in a gym. Cormac Whitlock (Tomas Wrexley) is a boxer better at losing than at knocking out his rivals.";
    assert_eq!(link_of(text, "his"), ["Cormac Whitlock"]);
    // Near miss: a parenthesis that does not follow a name.
    let text = "The film opens in a gym. The boxer (Tomas Wrexley) often loses his fights.";
    assert_eq!(link_of(text, "his"), ["Tomas Wrexley"]);
}
