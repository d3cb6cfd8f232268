#!/usr/bin/env python3
"""Derives data/name_words.txt and data/surname_words.txt: given names
(data/given_names.tsv) and surnames (data/surnames.txt) that are also common
English words, i.e. listed in lowercase in SCOWL's American
English word list (Debian package wamerican, /usr/share/dict/american-english).

A lone capitalised "Art", "Grace" or "Hope" is then a person only when the
context says so. Development-time script; not run by the build or CI.

    apt-get install wamerican
    python3 scripts/derive-name-words.py /usr/share/dict/american-english
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
surnames = set()
with open("data/surnames.txt", encoding="utf-8") as f:
    for line in f:
        if not line.startswith("#"):
            surnames.add(line.strip())
for path, names, what in [
    ("data/name_words.txt", given, "Given names"),
    ("data/surname_words.txt", surnames, "Surnames"),
]:
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# {what} that are also common English words (lowercase in SCOWL / wamerican 2020.12.07).\n")
        out.write("# Derived by scripts/derive-name-words.py; see data/SOURCES.md.\n")
        for w in sorted(names & common):
            out.write(w + "\n")
