/*!
What the exporters say about a person's life in one place: birth years,
death, and the short "1981/82 – † 2020" line drawings put under a name.

Several formats need the same reading of a person's attributes (DOT and
Mermaid labels, GraphML and CSV columns, GEDCOM `BIRT`/`DEAT`, Turtle
dates); computing it once keeps them from disagreeing.
*/

use crate::fact::{Attribute, PartialDate};
use crate::graph::Person;

/// A person's birth and death as far as the text tells them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lifespan {
    /// Earliest and latest possible birth year: from a stated age and the
    /// article date, or from an age at death and the year of death.
    pub born: Option<(i32, i32)>,
    /// True when the text says the person has died.
    pub deceased: bool,
    /// When they died, as precisely as the text says.
    pub died: Option<PartialDate>,
    /// Their age at death.
    pub death_age: Option<u32>,
    /// The cause of death as written.
    pub death_cause: Option<String>,
}

impl Lifespan {
    /// Reads a person's attributes. Of several death reports the one that
    /// says the most wins ("died in July 2020 at 41 of covid" over "late").
    pub fn of(person: &Person) -> Lifespan {
        let mut life = Lifespan::default();
        let mut best = None;
        for attribute in person.attributes.iter().map(|a| &a.attribute) {
            match attribute {
                Attribute::Age { born: Some(range), .. } if life.born.is_none() => life.born = Some(*range),
                Attribute::Death { date, age, cause } => {
                    life.deceased = true;
                    let known = usize::from(date.is_some())
                        + usize::from(age.is_some())
                        + usize::from(cause.is_some());
                    if best.is_none_or(|b| known > b) {
                        best = Some(known);
                        life.died = *date;
                        life.death_age = *age;
                        life.death_cause = cause.clone();
                    }
                }
                _ => {}
            }
        }
        if life.born.is_none()
            && let (Some(died), Some(age)) = (life.died, life.death_age)
        {
            let year = died.year - i32::try_from(age).unwrap_or(i32::MAX / 2);
            life.born = Some((year - 1, year));
        }
        life
    }

    /// The birth years as a label shows them: "1981" or "1981/82" (the
    /// second year shortened when only its last two digits differ).
    pub fn born_text(&self) -> Option<String> {
        let (from, to) = self.born?;
        Some(if from == to {
            format!("{from}")
        } else if from / 100 == to / 100 && from >= 0 {
            format!("{from}/{:02}", to % 100)
        } else {
            format!("{from}/{to}")
        })
    }

    /// The line under a name: "1981/82", "1978/79 – † 2020", "† 2020", "†";
    /// `None` when nothing is known.
    pub fn years_line(&self) -> Option<String> {
        let born = self.born_text();
        let died = self.deceased.then(|| match self.died {
            Some(date) => format!("† {}", date.year),
            None => "†".to_string(),
        });
        match (born, died) {
            (Some(b), Some(d)) => Some(format!("{b} – {d}")),
            (Some(b), None) => Some(format!("b. {b}")),
            (None, Some(d)) => Some(d),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::PersonAttribute;

    /// A person as the graph file has it (through serde, so fields the
    /// graph adds later with defaults need no change here).
    fn person(attributes: Vec<Attribute>) -> Person {
        let attributes: Vec<PersonAttribute> = attributes
            .into_iter()
            .map(|attribute| PersonAttribute { attribute, evidence: Vec::new() })
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "p0", "name": "A B", "names": ["A B"], "gender": null,
            "documents": [], "attributes": attributes,
        }))
        .expect("a person")
    }

    #[test]
    fn years_come_from_ages_and_deaths() {
        let alive = person(vec![Attribute::Age { years: 39, as_of: None, born: Some((1981, 1982)) }]);
        assert_eq!(Lifespan::of(&alive).years_line().as_deref(), Some("b. 1981/82"));
        let dead = person(vec![
            Attribute::Death { date: None, age: None, cause: None },
            Attribute::Death {
                date: Some(PartialDate { year: 2020, month: Some(7), day: None }),
                age: Some(41),
                cause: None,
            },
        ]);
        let life = Lifespan::of(&dead);
        assert_eq!(life.born, Some((1978, 1979)));
        assert_eq!(life.years_line().as_deref(), Some("1978/79 – † 2020"));
        let bare = person(vec![Attribute::Death { date: None, age: None, cause: None }]);
        assert_eq!(Lifespan::of(&bare).years_line().as_deref(), Some("†"));
        assert_eq!(Lifespan::of(&person(vec![])).years_line(), None);
        let century = Lifespan { born: Some((1999, 2000)), ..Lifespan::default() };
        assert_eq!(century.born_text().as_deref(), Some("1999/2000"));
    }
}
