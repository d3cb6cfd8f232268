/*!
Names as entity resolution and name lookups compare them.

News text names one person in many ways: "Dr. Ana Núñez", "Ana Nunez",
"ANA NUÑEZ", "Ana M. Núñez", "Núñez". [`NameParts::parse`] folds a name to a
comparable form — accents, case and punctuation removed, courtesy titles and
offices dropped (from the title lexicon), generational suffixes ("Jr.",
"III") kept apart because they tell a father from a son — and splits it into
given name, middle names and surname (with particles such as "de la" kept
in the surname).

[`NameParts::key`] is the key two mentions must share to be matched on the
name alone (given name and surname, both spelled out); a one-word name
never has a key, because "James" alone says too little across articles.
*/

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::lexicon::{Lexicon, TitleKind};

/// Generational suffixes: kept as part of the identity ("Jr." is not "Sr.").
const SUFFIXES: [&str; 6] = ["jr", "sr", "ii", "iii", "iv", "2nd"];

/// Degrees and post-nominal letters, which say nothing about who it is.
const POSTNOMINALS: [&str; 6] = ["phd", "md", "esq", "dds", "mba", "rn"];

/// Words that start a surname of several words ("de la Cruz", "van der
/// Berg"), so that the surname is not just its last word.
const PARTICLES: [&str; 16] = [
    "de", "del", "della", "da", "das", "dos", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "st",
];

/// A name split into the parts resolution compares, every part folded
/// (lowercase, no accents, no punctuation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameParts {
    /// The given name; for a one-word name, that word (which may also be a
    /// surname: see [`NameParts::single`]).
    pub given: Option<String>,
    /// Middle names or initials.
    pub middles: Vec<String>,
    /// The surname, particles included ("de la cruz"); `None` for a
    /// one-word name.
    pub surname: Option<String>,
    /// A generational suffix ("jr", "iii").
    pub suffix: Option<String>,
}

/// Folds a name for comparison: canonical decomposition without accents,
/// lowercase, apostrophes and periods removed, hyphens and other punctuation
/// as spaces, single spaces.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfkd().filter(|&c| !is_combining_mark(c)).flat_map(char::to_lowercase) {
        match c {
            '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '.' => {}
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl NameParts {
    /// Splits a name as written.
    pub fn parse(name: &str) -> NameParts {
        let folded = fold_name(name);
        let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let lexicon = Lexicon::get();
        // Leading courtesy titles and offices ("Dr.", "Sen."), as long as a
        // name is left; royal titles are part of how the person is named.
        while words.len() > 1
            && lexicon
                .title(words[0])
                .is_some_and(|t| matches!(t.kind, TitleKind::Honorific | TitleKind::Office))
        {
            words.remove(0);
        }
        while words.len() > 1 && words.last().is_some_and(|w| POSTNOMINALS.contains(w)) {
            words.pop();
        }
        let mut parts = NameParts::default();
        if words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(w)) {
            parts.suffix = words.pop().map(str::to_string);
        }
        match words.as_slice() {
            [] => {}
            [only] => parts.given = Some((*only).to_string()),
            [first, rest @ ..] => {
                parts.given = Some((*first).to_string());
                // The surname starts at the first particle after the given
                // name, or is the last word.
                let start = rest
                    .iter()
                    .position(|w| PARTICLES.contains(w))
                    .filter(|&i| i + 1 < rest.len())
                    .unwrap_or(rest.len() - 1);
                parts.middles = rest[..start].iter().map(|w| (*w).to_string()).collect();
                parts.surname = Some(rest[start..].join(" "));
            }
        }
        parts
    }

    /// True for a name of one word ("James", "Núñez"): it could be a given
    /// name or a surname, and it is never matched across documents on its
    /// own.
    pub fn single(&self) -> bool {
        self.surname.is_none()
    }

    /// The key of a full name, `given surname` with both spelled out (an
    /// initial is not enough): names with the same key are the same person
    /// unless something they say conflicts.
    pub fn key(&self) -> Option<(String, String)> {
        let given = self.given.as_ref()?;
        let surname = self.surname.as_ref()?;
        (given.chars().count() > 1).then(|| (given.clone(), surname.clone()))
    }

    /// How many words the name has (titles dropped, suffix counted): the
    /// fuller of two names is the better display name.
    pub fn len(&self) -> usize {
        usize::from(self.given.is_some())
            + self.middles.len()
            + self.surname.as_ref().map_or(0, |s| s.split(' ').count())
            + usize::from(self.suffix.is_some())
    }

    /// True when nothing of the name is left (an empty or all-punctuation
    /// string).
    pub fn is_empty(&self) -> bool {
        self.given.is_none()
    }

    /// Whether two names can be the same person's: equal given names (or an
    /// initial and a name it starts) and equal surnames where both have one;
    /// a one-word name fits the other's given name or surname. Different
    /// suffixes, or different middle names where both give one, never fit.
    pub fn compatible(&self, other: &NameParts) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        if let (Some(a), Some(b)) = (&self.suffix, &other.suffix)
            && a != b
        {
            return false;
        }
        match (self.single(), other.single()) {
            (true, true) => self.given == other.given,
            (true, false) => other.has_word(self.given.as_deref().unwrap_or_default()),
            (false, true) => self.has_word(other.given.as_deref().unwrap_or_default()),
            (false, false) => {
                self.surname == other.surname
                    && same_given(self.given.as_deref(), other.given.as_deref())
                    && match (self.middles.first(), other.middles.first()) {
                        (Some(a), Some(b)) => same_given(Some(a), Some(b)),
                        _ => true,
                    }
            }
        }
    }

    /// True when `word` is the given name or the surname (or the last word
    /// of a surname with particles).
    fn has_word(&self, word: &str) -> bool {
        self.given.as_deref() == Some(word)
            || self.surname.as_deref().is_some_and(|s| s == word || s.rsplit(' ').next() == Some(word))
    }

    /// True when both names give a given name of two letters or more and the
    /// two differ: "Mary" and "Jane" are different people, "J." and "Jane"
    /// may not be.
    pub fn given_differs(&self, other: &NameParts) -> bool {
        if (self.single() || other.single()) && self.compatible(other) {
            return false;
        }
        match (&self.given, &other.given) {
            (Some(a), Some(b)) => a.chars().count() > 1 && b.chars().count() > 1 && a != b,
            _ => false,
        }
    }
}

/// Equal names, or an initial and a name that starts with it.
fn same_given(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a == b
                || (a.chars().count() == 1 && b.starts_with(a))
                || (b.chars().count() == 1 && a.starts_with(b))
        }
        _ => true,
    }
}

/// The fuller of two names for display: more words, then longer words
/// (titles, case and accents aside, so "Dr. ANA CRÚZ" is no fuller than
/// "Ana Cruz"); the first on a tie, so the name a person has does not flip
/// between runs.
pub fn fuller<'a>(current: &'a str, candidate: &'a str) -> &'a str {
    let measure = |name: &str| {
        let parts = NameParts::parse(name);
        let words = parts.given.iter().chain(&parts.middles).chain(&parts.surname);
        (parts.len(), words.map(|w| w.chars().count()).sum::<usize>())
    };
    if measure(candidate) > measure(current) { candidate } else { current }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(name: &str) -> NameParts {
        NameParts::parse(name)
    }

    #[test]
    fn folding_removes_accents_case_and_punctuation() {
        assert_eq!(fold_name("  José  O’Neill-Ruiz, Jr. "), "jose oneill ruiz jr");
        assert_eq!(fold_name("ÉMILE"), "emile");
    }

    #[test]
    fn titles_are_dropped_and_suffixes_kept_apart() {
        let p = parts("Dr. Ana María de la Cruz III");
        assert_eq!(p.given.as_deref(), Some("ana"));
        assert_eq!(p.middles, ["maria"]);
        assert_eq!(p.surname.as_deref(), Some("de la cruz"));
        assert_eq!(p.suffix.as_deref(), Some("iii"));
        assert_eq!(p.key(), Some(("ana".into(), "de la cruz".into())));
        assert_eq!(parts("Mrs. Lee").given.as_deref(), Some("lee"));
        assert!(parts("Lee").single());
        assert_eq!(parts("J. Smith").key(), None);
    }

    #[test]
    fn compatible_names() {
        assert!(parts("Ana Cruz").compatible(&parts("ANA CRUZ")));
        assert!(parts("Ana Cruz").compatible(&parts("Cruz")));
        assert!(parts("Ana Cruz").compatible(&parts("Ana")));
        assert!(parts("A. Cruz").compatible(&parts("Ana Cruz")));
        assert!(parts("Ana B. Cruz").compatible(&parts("Ana Cruz")));
        assert!(!parts("Ana B. Cruz").compatible(&parts("Ana C. Cruz")));
        assert!(!parts("Tom Hale Jr.").compatible(&parts("Tom Hale Sr.")));
        assert!(parts("Tom Hale Jr.").compatible(&parts("Tom Hale")));
        assert!(!parts("Ana Cruz").compatible(&parts("Eva Cruz")));
        assert!(!parts("Ana").compatible(&parts("Eva")));
        assert!(parts("Mary").given_differs(&parts("Jane Hale")));
        assert!(!parts("M.").given_differs(&parts("Mary")));
        assert!(!parts("Hale").given_differs(&parts("Jane Hale")));
    }

    #[test]
    fn the_fuller_name_wins_and_ties_keep_the_first() {
        assert_eq!(fuller("Ana", "Ana Cruz"), "Ana Cruz");
        assert_eq!(fuller("Ana Cruz", "Cruz"), "Ana Cruz");
        assert_eq!(fuller("Ana Cruz", "Eva Cruz"), "Ana Cruz");
        assert_eq!(fuller("Ana Cruz", "Ana B. Cruz"), "Ana B. Cruz");
        assert_eq!(fuller("Ana Cruz", "Dr. ANA CRÚZ"), "Ana Cruz");
    }
}
