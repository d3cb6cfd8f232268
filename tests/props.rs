//! Property tests: extraction never panics and every span it reports lies
//! on character boundaries of the document it came from.

use kith::text::Document;
use proptest::prelude::*;

fn check(text: &str) {
    let doc = Document::new("prop", text, None);
    let facts = kith::pipeline::extract(&doc);
    let len = doc.text().len();
    let ok = |s: kith::span::Span| {
        s.start <= s.end
            && s.end <= len
            && doc.text().is_char_boundary(s.start)
            && doc.text().is_char_boundary(s.end)
    };
    for p in &facts.people {
        assert!(!p.names.is_empty());
        assert!(p.mentions.iter().all(|&s| ok(s)));
        for a in &p.attributes {
            assert!(ok(a.evidence.span) && ok(a.evidence.sentence_span));
            assert!((0.0..=1.0).contains(&a.evidence.confidence));
        }
    }
    for r in &facts.relations {
        assert!(r.head < facts.people.len() && r.tail < facts.people.len() && r.head != r.tail);
        assert!(ok(r.evidence.span) && ok(r.evidence.sentence_span));
        assert!((0.0..=1.0).contains(&r.evidence.confidence));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_strings(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn never_panics_on_printable_text(text in "\\PC{0,400}") {
        check(&text);
    }

    /// Strings built from the words the rules look for, so that the rules
    /// actually fire on odd arrangements.
    #[test]
    fn never_panics_on_rule_words(words in prop::collection::vec(prop::sample::select(vec![
        "Amy", "Lee", "Amy Lee", "his", "her", "their", "the", "couple", "couple's", "'s", "’s", "wife", "son",
        "late", "husband", ",", ".", "and", "she", "he", "they", "friends", "stay", "married", "divorced",
        "died", "of", "in", "2019", "July", "at", "age", "the age of", "41", "lost", "to", "single", "father",
        "39-year-old", "author", "entrepreneur", "is", "\u{201c}", "\u{201d}", "\n", "date 2021-12-30",
        "Dr.", "Mrs.", "U.S.", "...", "—", "great-great-grandson", "ex-wife", "(", ")", "5",
    ]), 0..60)) {
        check(&words.join(" "));
    }
}
