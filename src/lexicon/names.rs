//! Gazetteers of personal names: given names with birth counts by sex, and
//! common surnames.
//!
//! The mention detector needs to know whether a capitalised token is plausibly
//! part of a person's name, and coreference needs a prior on a person's gender
//! when the text gives no pronoun. Both come from public-domain US government
//! data, compiled into the binary so that kith works offline and gives the
//! same answers everywhere:
//!
//! * `data/given_names.tsv`: US Social Security Administration national
//!   baby-name counts, 1880–2024, summed per name; names with at least 1,000
//!   births.
//! * `data/surnames.txt`: the 20,000 most frequent surnames of the US Census
//!   Bureau's 1990 list.
//!
//! `data/SOURCES.md` records the provenance, and `scripts/derive-names.py`
//! regenerates both files. Each file is parsed once, on first use.
//!
//! Many entries are also ordinary English words ("will", "may", "grace",
//! "king"; surnames "young", "long", "to", "he", "said"), and the SSA data
//! includes placeholders such as "unknown", "baby" and "infant". A hit here is
//! evidence, not proof, that a token is a name.

use super::table::{WordMap, WordSet};
use std::fmt;
use std::sync::OnceLock;

/// The given-name table as committed: a header line, then
/// `name<TAB>female<TAB>male` rows.
const GIVEN_NAMES_TSV: &str = include_str!("../../data/given_names.tsv");

/// The surname list as committed: one `# ` comment line, then one name a line.
const SURNAMES_TXT: &str = include_str!("../../data/surnames.txt");

/// The exact first line of `given_names.tsv`.
const GIVEN_NAMES_HEADER: &str = "name\tfemale\tmale";

/// Birth counts for one given name, as the public data records them.
///
/// Raw counts rather than a gender label are kept so that callers can judge
/// how strong the evidence is: "taylor" and "jordan" are common for both
/// sexes, and a name seen a thousand times is weaker evidence than one seen a
/// million times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenName {
    /// US births registered as female with this name, 1880–2024.
    pub female: u32,
    /// US births registered as male with this name, 1880–2024.
    pub male: u32,
}

impl GivenName {
    /// All births with this name, female and male; a measure of how common
    /// (and so how reliable as evidence) the name is.
    ///
    /// Saturates at `u32::MAX`; the embedded data never comes near it.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.female.saturating_add(self.male)
    }

    /// Share of female births, 0.0..=1.0.
    ///
    /// This is the prior that a bearer of the name is female, for use when the
    /// text itself gives no gender. A name with no births at all (never the
    /// case in the embedded data) gives 0.5: no evidence either way.
    #[must_use]
    pub fn female_share(&self) -> f32 {
        let total = u64::from(self.female) + u64::from(self.male);
        if total == 0 {
            return 0.5;
        }
        (f64::from(self.female) / total as f64) as f32
    }
}

/// Why a line of an embedded name file was rejected. Only ever seen by the
/// tests and in the panic message of a build with broken data.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineError {
    /// 1-based line number in the file.
    line: usize,
    /// What was wrong with it.
    reason: &'static str,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Whether `name` is usable as a lookup key: non-empty, no ASCII uppercase
/// letters, and no whitespace or control characters.
fn valid_key(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_ascii_uppercase() || c.is_whitespace() || c.is_control())
}

/// Parses the given-name table, rejecting any line that does not hold.
fn parse_given_names(text: &'static str) -> Result<WordMap<GivenName>, LineError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, GIVEN_NAMES_HEADER)) => {}
        Some((line, _)) => {
            return Err(LineError { line, reason: "header is not `name<TAB>female<TAB>male`" });
        }
        None => {
            return Err(LineError { line: 1, reason: "file is empty" });
        }
    }
    let mut map = WordMap::with_capacity_and_hasher(text.len() / 16, Default::default());
    for (line, row) in lines {
        let err = |reason| LineError { line, reason };
        let mut fields = row.split('\t');
        let (Some(name), Some(female), Some(male), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(err("expected exactly three tab-separated fields"));
        };
        if !valid_key(name) {
            return Err(err("name is empty, not lowercase, or has whitespace"));
        }
        let parse_count = |s: &str| {
            // `u32::from_str` accepts a leading '+'; the data never has one.
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("count is not a plain decimal number"));
            }
            s.parse::<u32>().map_err(|_| err("count does not fit in u32"))
        };
        let counts = GivenName { female: parse_count(female)?, male: parse_count(male)? };
        match counts.female.checked_add(counts.male) {
            None => return Err(err("total births do not fit in u32")),
            Some(0) => return Err(err("name has no births")),
            Some(_) => {}
        }
        if map.insert(name, counts).is_some() {
            return Err(err("duplicate name"));
        }
    }
    Ok(map)
}

/// Parses the surname list, rejecting any line that does not hold.
fn parse_surnames(text: &'static str) -> Result<WordSet, LineError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, header)) if header.starts_with("# ") => {}
        Some((line, _)) => {
            return Err(LineError { line, reason: "first line is not a `# ` comment naming the source" });
        }
        None => {
            return Err(LineError { line: 1, reason: "file is empty" });
        }
    }
    let mut set = WordSet::with_capacity_and_hasher(text.len() / 8, Default::default());
    for (line, name) in lines {
        let err = |reason| LineError { line, reason };
        if !valid_key(name) || name.starts_with('#') {
            return Err(err("name is empty, not lowercase, or has whitespace"));
        }
        if !set.insert(name) {
            return Err(err("duplicate name"));
        }
    }
    Ok(set)
}

/// Given names with their birth counts by sex, from US Social Security
/// Administration data (names with at least 1,000 births, 1880–2024).
///
/// Keys borrow from the embedded file, so building the table copies no
/// strings and a lookup allocates nothing.
#[derive(Debug)]
pub struct GivenNames {
    /// ASCII-lowercased name to its counts.
    map: WordMap<GivenName>,
}

impl GivenNames {
    /// The shared table, parsed from the embedded data on first call and
    /// reused after, so callers need not thread it through.
    ///
    /// # Panics
    ///
    /// If the embedded `data/given_names.tsv` is malformed, which is a bug
    /// that the unit tests catch before release.
    #[must_use]
    pub fn get() -> &'static GivenNames {
        static TABLE: OnceLock<GivenNames> = OnceLock::new();
        TABLE.get_or_init(|| match parse_given_names(GIVEN_NAMES_TSV) {
            Ok(map) => GivenNames { map },
            Err(e) => panic!("bug: embedded data/given_names.tsv is malformed: {e}"),
        })
    }

    /// Counts for a given name, or `None` if it is not a (common) given name.
    ///
    /// `lower` must already be ASCII-lowercased ("grace", not "Grace"): the
    /// caller usually has a lowercased token at hand, and taking it as is
    /// keeps the lookup free of allocation. Non-ASCII letters are kept as they
    /// are.
    #[must_use]
    pub fn lookup(&self, lower: &str) -> Option<GivenName> {
        self.map.get(lower).copied()
    }

    /// Number of names in the table, for diagnostics and sanity checks.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty; never true for the embedded data.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The 20,000 most frequent US surnames of the 1990 Census.
///
/// Membership only: the Census frequencies are too coarse at this depth to
/// rank by. Entries borrow from the embedded file, so a lookup allocates
/// nothing.
#[derive(Debug)]
pub struct Surnames {
    /// ASCII-lowercased surnames.
    set: WordSet,
}

impl Surnames {
    /// The shared set, parsed from the embedded data on first call and reused
    /// after, so callers need not thread it through.
    ///
    /// # Panics
    ///
    /// If the embedded `data/surnames.txt` is malformed, which is a bug that
    /// the unit tests catch before release.
    #[must_use]
    pub fn get() -> &'static Surnames {
        static SET: OnceLock<Surnames> = OnceLock::new();
        SET.get_or_init(|| match parse_surnames(SURNAMES_TXT) {
            Ok(set) => Surnames { set },
            Err(e) => panic!("bug: embedded data/surnames.txt is malformed: {e}"),
        })
    }

    /// Whether `lower` is a common surname.
    ///
    /// `lower` must already be ASCII-lowercased ("smith", not "Smith"), which
    /// keeps the lookup free of allocation.
    #[must_use]
    pub fn contains(&self, lower: &str) -> bool {
        self.set.contains(lower)
    }

    /// Number of surnames in the set, for diagnostics and sanity checks.
    #[must_use]
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the set is empty; never true for the embedded data.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Data lines of a file: all lines after the header.
    fn data_lines(text: &str) -> Vec<&str> {
        text.lines().skip(1).collect()
    }

    #[test]
    fn every_given_name_line_parses() {
        let map = parse_given_names(GIVEN_NAMES_TSV).expect("given_names.tsv parses");
        let lines = data_lines(GIVEN_NAMES_TSV);
        // Every data line became exactly one entry: none skipped, none merged.
        assert_eq!(map.len(), lines.len());
        assert!(map.len() > 10_000, "only {} given names", map.len());
        for line in lines {
            let name = line.split('\t').next().unwrap_or_default();
            let counts = map[name];
            assert!(!name.is_empty(), "{line:?}");
            assert!(valid_key(name), "{line:?}");
            assert_eq!(name, name.to_ascii_lowercase(), "{line:?}");
            assert!(counts.total() >= 1000, "below threshold: {line:?}");
            assert_eq!(line, format!("{name}\t{}\t{}", counts.female, counts.male), "not in canonical form");
        }
    }

    #[test]
    fn given_names_are_sorted_and_unique() {
        let lines = data_lines(GIVEN_NAMES_TSV);
        let names: Vec<&str> = lines.iter().map(|l| l.split('\t').next().unwrap_or_default()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "not strictly sorted");
    }

    #[test]
    fn every_surname_line_parses() {
        let set = parse_surnames(SURNAMES_TXT).expect("surnames.txt parses");
        let lines = data_lines(SURNAMES_TXT);
        assert_eq!(set.len(), lines.len());
        assert_eq!(set.len(), 20_000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "not strictly sorted");
        for name in lines {
            assert!(!name.is_empty());
            assert!(valid_key(name), "{name:?}");
            assert_eq!(name, name.to_ascii_lowercase());
            assert!(set.contains(name));
        }
    }

    #[test]
    fn shared_tables_match_files() {
        let given = GivenNames::get();
        assert!(!given.is_empty());
        assert_eq!(given.len(), data_lines(GIVEN_NAMES_TSV).len());
        assert!(std::ptr::eq(given, GivenNames::get()), "parsed once");
        let surnames = Surnames::get();
        assert!(!surnames.is_empty());
        assert_eq!(surnames.len(), 20_000);
        assert!(std::ptr::eq(surnames, Surnames::get()), "parsed once");
    }

    fn share(name: &str) -> f32 {
        GivenNames::get().lookup(name).unwrap_or_else(|| panic!("{name} missing")).female_share()
    }

    #[test]
    fn mostly_female_names() {
        for name in ["grace", "sophie", "paige"] {
            assert!(share(name) > 0.95, "{name}: {}", share(name));
        }
    }

    #[test]
    fn mostly_male_names() {
        for name in ["henry", "robert", "luke"] {
            assert!(share(name) < 0.05, "{name}: {}", share(name));
        }
    }

    #[test]
    fn taylor_is_mixed() {
        let s = share("taylor");
        assert!((0.2..0.8).contains(&s), "taylor: {s}");
    }

    #[test]
    fn non_names() {
        let given = GivenNames::get();
        assert_eq!(given.lookup("the"), None);
        assert_eq!(given.lookup(""), None);
        // Keys are lowercase; callers lowercase first.
        assert_eq!(given.lookup("Grace"), None);
        assert!(!Surnames::get().contains("the"));
    }

    #[test]
    fn smith_is_a_surname() {
        assert!(Surnames::get().contains("smith"));
        assert!(!Surnames::get().contains("Smith"));
    }

    #[test]
    fn counts_arithmetic() {
        let g = GivenName { female: 3, male: 1 };
        assert_eq!(g.total(), 4);
        assert_eq!(g.female_share(), 0.75);
        let none = GivenName { female: 0, male: 0 };
        assert_eq!(none.female_share(), 0.5);
        let huge = GivenName { female: u32::MAX, male: 1 };
        assert_eq!(huge.total(), u32::MAX);
        assert!((0.0..=1.0).contains(&huge.female_share()));
    }

    #[test]
    fn malformed_given_names_are_rejected() {
        let bad_line = |text: &'static str| parse_given_names(text).map(|_| ()).unwrap_err().line;
        assert_eq!(bad_line(""), 1);
        assert_eq!(bad_line("name\tmale\tfemale\nann\t1\t0\n"), 1);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t1\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t1\t0\t5\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nAnn\t1\t0\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\n\t1\t0\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann lee\t1\t0\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t0\t0\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t-1\t2\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t+1\t2\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t4294967296\t0\n"), 2);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t4294967295\t1\n"), 2, "overflowing total");
        assert_eq!(bad_line("name\tfemale\tmale\nann\t1\t0\nann\t2\t0\n"), 3);
        assert_eq!(bad_line("name\tfemale\tmale\nann\t1\t0\n\n"), 3);
        let ok = parse_given_names("name\tfemale\tmale\nann\t1\t0\njosé\t0\t7\n").unwrap();
        assert_eq!(ok["josé"], GivenName { female: 0, male: 7 });
    }

    #[test]
    fn malformed_surnames_are_rejected() {
        let bad_line = |text: &'static str| parse_surnames(text).map(|_| ()).unwrap_err().line;
        assert_eq!(bad_line(""), 1);
        assert_eq!(bad_line("smith\njones\n"), 1);
        assert_eq!(bad_line("# source\nSmith\n"), 2);
        assert_eq!(bad_line("# source\nsmith\n\njones\n"), 3);
        assert_eq!(bad_line("# source\nvan dyke\n"), 2);
        assert_eq!(bad_line("# source\nsmith\n# again\n"), 3);
        assert_eq!(bad_line("# source\nsmith\njones\nsmith\n"), 4);
        assert_eq!(parse_surnames("# source\nsmith\n").unwrap().len(), 1);
    }

    #[test]
    fn line_error_display_names_the_line() {
        let e = LineError { line: 7, reason: "duplicate name" };
        assert_eq!(e.to_string(), "line 7: duplicate name");
    }
}
