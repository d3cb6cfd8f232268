//! Throughput of the extraction pipeline (text → facts), in MB/s.
//!
//! `cargo bench --bench pipeline` runs divan over the bundled fixtures; the
//! seed article alone is small, so a second bench feeds a 1 MB document made
//! by repeating it, which is what a batch of articles looks like to the
//! pipeline.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use kith::text::Document;

const SEED: &str = include_str!("../fixtures/kloots-allio-2021-12-30.txt");

fn main() {
    divan::main();
}

#[divan::bench]
fn seed_article(bencher: Bencher) {
    bencher.counter(BytesCount::new(SEED.len())).bench(|| {
        let doc = Document::new("seed", black_box(SEED), None);
        kith::pipeline::extract(&doc)
    });
}

#[divan::bench]
fn one_megabyte_document(bencher: Bencher) {
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(SEED);
        text.push('\n');
    }
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let doc = Document::new("big", black_box(&text), None);
        kith::pipeline::extract(&doc)
    });
}

#[divan::bench]
fn tokenize_and_split_only(bencher: Bencher) {
    bencher.counter(BytesCount::new(SEED.len())).bench(|| Document::new("seed", black_box(SEED), None));
}
