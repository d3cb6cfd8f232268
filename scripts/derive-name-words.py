#!/usr/bin/env python3
"""Derives data/name_words.txt: given names (data/given_names.tsv) that are
also common English words, i.e. listed in lowercase in SCOWL's American
English word list (Debian package wamerican, /usr/share/dict/american-english).

A lone capitalised "Art", "Grace" or "Hope" is then a person only when the
context says so. Development-time script; not run by the build or CI.

    apt-get install wamerican
    python3 scripts/derive-name-words.py /usr/share/dict/american-english > data/name_words.txt
"""
import sys

words_path = sys.argv[1]
given = set()
with open("data/given_names.tsv", encoding="utf-8") as f:
    for line in f:
        if line.startswith("name\t"):
            continue
        given.add(line.split("\t")[0])
common = set()
with open(words_path, encoding="utf-8") as f:
    for line in f:
        w = line.strip()
        # Lowercase entries are common words; capitalised ones are proper nouns.
        if w and w == w.lower() and w.isalpha():
            common.add(w)
out = sorted(given & common)
print("# Given names that are also common English words (lowercase in SCOWL / wamerican 2020.12.07).")
print("# Derived by scripts/derive-name-words.py; see data/SOURCES.md.")
for w in out:
    print(w)
