//! The one TSV reader behind every lexicon file.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: lexicon keys are short words, looked up several times per
/// token, where std's DoS-resistant SipHash costs more than it protects
/// (the keys are our own data, not input).
#[derive(Debug, Clone, Copy)]
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map from lexicon words, with the fast word hasher.
pub type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<WordHasher>>;
/// A set of lexicon words, with the fast word hasher.
pub type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

use crate::fact::{Gender, Qualifier};
use crate::lexicon::Number;

/// A defect in an embedded lexicon file.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct TableError {
    /// The data file.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a TSV file whose first column is a unique lowercase key: `#`
/// lines are comments, the first other line must equal `header`.
pub(crate) fn parse_map<V>(
    file: &'static str,
    data: &'static str,
    header: &[&str],
    mut value: impl FnMut(&[&'static str]) -> Result<V, &'static str>,
) -> Result<WordMap<V>, TableError> {
    let mut map = WordMap::default();
    let mut seen_header = false;
    let err = |line: usize, message: String| TableError { file, line, message };
    for (i, line) in data.lines().enumerate() {
        let n = i + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        if !seen_header {
            if fields != header {
                return Err(err(n, format!("header must be {header:?}, found {fields:?}")));
            }
            seen_header = true;
            continue;
        }
        if fields.len() != header.len() {
            return Err(err(n, format!("expected {} columns, found {}", header.len(), fields.len())));
        }
        let key = fields[0];
        if key.is_empty() || key != key.to_lowercase() || key.trim() != key {
            return Err(err(n, format!("key {key:?} must be non-empty, trimmed and lowercase")));
        }
        let v = value(&fields).map_err(|m| err(n, format!("{key}: {m}")))?;
        match map.entry(key) {
            Entry::Occupied(_) => return Err(err(n, format!("duplicate entry {key:?}"))),
            Entry::Vacant(slot) => {
                slot.insert(v);
            }
        }
    }
    if !seen_header {
        return Err(err(0, "no header line".into()));
    }
    Ok(map)
}

/// Parses a plain list: one lowercase entry a line, `#` comments.
pub(crate) fn parse_list(file: &'static str, data: &'static str) -> Result<WordMap<()>, TableError> {
    let mut map = WordMap::default();
    for (i, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line != line.to_lowercase() || line.trim() != line {
            return Err(TableError {
                file,
                line: i + 1,
                message: format!("{line:?} must be trimmed lowercase"),
            });
        }
        if map.insert(line, ()).is_some() {
            return Err(TableError { file, line: i + 1, message: format!("duplicate entry {line:?}") });
        }
    }
    Ok(map)
}

pub(crate) fn gender(field: &str) -> Result<Option<Gender>, &'static str> {
    match field {
        "female" => Ok(Some(Gender::Female)),
        "male" => Ok(Some(Gender::Male)),
        "-" => Ok(None),
        _ => Err("gender must be female, male or -"),
    }
}

pub(crate) fn number(field: &str) -> Result<Number, &'static str> {
    match field {
        "sg" => Ok(Number::Singular),
        "pl" => Ok(Number::Plural),
        _ => Err("number must be sg or pl"),
    }
}

pub(crate) fn qualifier(field: &str) -> Result<Qualifier, &'static str> {
    Ok(match field {
        "late" => Qualifier::Late,
        "former" => Qualifier::Former,
        "step" => Qualifier::Step,
        "half" => Qualifier::Half,
        "in-law" => Qualifier::InLaw,
        "adoptive" => Qualifier::Adoptive,
        "engaged" => Qualifier::Engaged,
        _ => return Err("unknown qualifier"),
    })
}

pub(crate) fn qualifiers(field: &str) -> Result<Vec<Qualifier>, &'static str> {
    if field == "-" {
        return Ok(Vec::new());
    }
    let mut out = field.split(',').map(qualifier).collect::<Result<Vec<_>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}
