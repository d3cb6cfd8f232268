//! Generalise, never special-case: no name or phrase of the seed article
//! may appear in the code or in the hand-written lexicons. (Complete
//! gazetteers are exempt: `data/given_names.tsv` and `data/surnames.txt`
//! list every common name from public records, `data/places.tsv` every
//! country and US state; they hold fixture words only because they hold all
//! words of their kind.)

use std::path::Path;

/// Names and distinctive phrases of `fixtures/kloots-allio-2021-12-30.txt`.
const FIXTURE_WORDS: [&str; 14] = [
    "kloots",
    "allio",
    "cordero",
    "thurston",
    "bachelorette",
    "talk cohost",
    "us weekly",
    "dancing with the stars",
    "elvis",
    "laura",
    "amanda",
    "katie",
    "ohio",
    "kloots-allio",
];

fn visit(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn src_and_lexicons_hold_no_fixture_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    visit(&root.join("src"), &mut files);
    visit(&root.join("data"), &mut files);
    let mut hits = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy();
        if ["given_names.tsv", "surnames.txt", "places.tsv", "SOURCES.md"].contains(&name.as_ref()) {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap().to_lowercase();
        for w in FIXTURE_WORDS {
            // Whole words only: "ohio" must not match inside another word.
            let found = text.match_indices(w).any(|(i, _)| {
                let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = text[i + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            });
            if found {
                hits.push(format!("{}: {w}", f.display()));
            }
        }
    }
    assert!(hits.is_empty(), "fixture words in code or lexicons: {hits:#?}");
}
