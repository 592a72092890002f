#!/usr/bin/env python3
"""Build data/english-words.txt: ordinary English words, to tell a capitalised common word
that opens a sentence (`Attendance`, `Shipments`) from a name.

usage: python3 data/build/english_words.py [WORDLIST]
       (default /usr/share/dict/american-english, Debian package `wamerican`, from SCOWL)

Keeps the all-lowercase, letters-only entries whose capitalised form is not an entry too
(`china`/`China`, `reading`/`Reading`, `bill`/`Bill` are names as often as words, so left out).
Run once; the output is committed. SCOWL's permissive licence: see data/LICENSES.md."""
import os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/american-english"

HEADER = """# Ordinary English words (lowercase), one per line: a capitalised word opening a sentence
# whose lowercase form is here, and that no gazetteer or name statistic knows, is not a name.
# Built by data/build/english_words.py from SCOWL (Kevin Atkinson; Debian package wamerican
# 2020.12.07): words whose capitalised form is also an entry are left out. Licence: SCOWL's
# permissive licence, see data/LICENSES.md.
"""


def main():
    words = [w.strip() for w in open(SRC, encoding="utf-8")]
    entries = set(words)
    keep = sorted({w for w in words if w.isascii() and w.isalpha() and w.islower()
                   and w[:1].upper() + w[1:] not in entries and len(w) >= 3})
    with open(os.path.join(ROOT, "data", "english-words.txt"), "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("\n".join(keep) + "\n")
    print(f"{len(keep)} words")


if __name__ == "__main__":
    main()
