#!/usr/bin/env python3
"""Build newsgraph's gazetteers in data/ from the openly licensed sources in ../shared.

usage: python3 data/build/gazetteers.py [SHARED_DIR]   (default: ../shared from the repo root)

Run once; its outputs are committed. Writes (all UTF-8 TSV, '#' comments, see each header):
  data/countries.tsv      mledoze/countries (ODbL 1.0): names, alt spellings, demonyms, capitals
  data/organizations.tsv  supraverden (CC BY-SA 4.0) + PETRARCH2 Phoenix international actors (MIT)
  data/people.tsv         PETRARCH2 Phoenix country actors and heads of international
                          organisations (MIT): political leaders
  data/wordstats.tsv      capitalised-word statistics learned from GUM (CC BY 4.0), UNER English
                          (CC BY-SA 4.0 / 3.0) and CrossNER politics (MIT, Wikipedia CC BY-SA)
Nothing is taken from CoNLL-2003, CoNLL04 or the measurement corpora."""
import collections, csv, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
GAZ = os.path.join(SHARED, "gazetteers")
NER = os.path.join(SHARED, "ner")
OUT = os.path.join(ROOT, "data")

ACTOR_HEADER = """# {title}
# Built by data/build/gazetteers.py from {source}; licence: {licence} (see data/LICENSES.md).
# Row format (tab-separated): surface<TAB>canonical<TAB>type<TAB>kind
#   surface   the form as written in text (matched token by token, case-insensitively, but a
#             form written in capitals must appear capitalised, an acronym in capitals)
#   canonical the entity's canonical name (the full common English name)
#   type      person | organization | media | country | location | facility | event
#   kind      name | alias | acronym | demonym | capital
"""

# Common English names where the source's `common` name is not what news writes.
COUNTRY_NAME = {"Czechia": "Czech Republic", "Türkiye": "Turkey", "Republic of the Congo": "Republic of the Congo",
                "DR Congo": "Democratic Republic of the Congo", "Vatican City": "Vatican City"}
SKIP_ALT = {"Korea"}  # ambiguous between the two Koreas
# Not UN members but states in the news; every other non-member (`American Samoa`, `Greenland`,
# `Puerto Rico`) is a territory: a location by the spec, not a country.
STATES = {"Kosovo", "Palestine", "Taiwan"}


def ascii_ok(s):
    return re.fullmatch(r"[A-Za-z][A-Za-z .'&\-]*[A-Za-z.]", s) is not None


def countries():
    rows = []
    member = {}
    with open(os.path.join(GAZ, "countries_flat.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            name = COUNTRY_NAME.get(r["common"], r["common"])
            member[name] = r["unMember"] == "True"
            typ = "country" if member[name] or name in STATES else "location"
            seen = set()

            def add(surface, kind):
                surface = surface.strip()
                if surface and surface not in seen and ascii_ok(surface) and surface not in SKIP_ALT:
                    seen.add(surface)
                    rows.append((surface, name, typ, kind))
            add(name, "name")
            add(r["common"], "alias")
            if len(r["official"]) < 40:
                add(r["official"], "alias")
            for alt in r["altSpellings"].split("|"):
                alt = alt.strip()
                # two-letter codes (IT, IN, NO, ...) are ordinary words; keep longer forms
                if len(alt) >= 3 and not (alt.isupper() and len(alt) == 3 and "." not in alt):
                    add(alt, "acronym" if alt.replace(".", "").isupper() else "alias")
            for d in r["demonym_eng"].split("|"):
                d = d.strip()
                if d and d != name:
                    add(d, "demonym")
                    if d[-1] in "ni" and not d.endswith("ese"):
                        add(d + "s", "demonym")
            for cap in r["capital"].split("|"):
                if cap.strip() and cap.strip() != name:
                    add(cap, "capital")
    # a surface several countries claim (`Indian`) goes to the one it names, else to the UN
    # member among them, else to none
    by_surface = collections.defaultdict(list)
    for r in rows:
        by_surface[r[0]].append(r)
    out = []
    for surface, rs in by_surface.items():
        if len({r[1] for r in rs}) == 1:
            out.extend(rs)
            continue
        own = [r for r in rs if r[3] == "name"] or [r for r in rs if member.get(r[1])]
        if len({r[1] for r in own}) == 1:
            out.extend(own)
    return out


ROLE = re.compile(r"\b(SPOKES|PRESIDENT|CHIEF|MINISTER|SECRETARY|DIRECTOR|HEAD|OFFICIAL|CEO|CHAIR|"
                  r"MEMBER|LEADER|ENVOY|AMBASSADOR|REPRESENTATIVE|STAFF|EMPLOYEE|WORKER|REPORTER|"
                  r"JOURNALIST|EDITOR|FOUNDER|OFFICER|GENERAL_OF|AGENT)")
SMALL = {"of", "the", "and", "for", "de", "la", "du", "des", "von", "van", "al", "bin", "in", "on", "a",
         "at", "to", "y", "el", "le", "der", "den"}


ROMAN = re.compile(r"(X{0,3})(IX|IV|V?I{0,3})")


def title_case(phoenix):
    words = [w for w in phoenix.strip("_").split("_") if w]
    if len(words) > 1 and words[0] == "THE":
        words = words[1:]
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0]  # acronym
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i and lw in SMALL:
            out.append(lw)
        elif i and ROMAN.fullmatch(w):
            out.append(w)  # Elizabeth II, Meese III
        elif not re.search(r"[AEIOUY]", w) and len(w) <= 5:
            out.append(w)  # BBC, NBC
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in lw.split("-")))
    return " ".join(out)


def phoenix_entries(path):
    """(primary name, [variants], [codes], comment) per entry of a TABARI .actors file."""
    entries, cur = [], None
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        body, _, comment = line.partition("#")
        codes = re.findall(r"\[([^\]]*)\]", body)
        name = re.sub(r"\[[^\]]*\]", "", body).strip()
        if line.startswith("+") and cur:
            cur[1].append(name[1:].strip())
        elif line[0] in " \t" and cur:
            cur[2].extend(codes)
        elif name:
            cur = [name, [], list(codes), comment]
            entries.append(cur)
    return entries


def organizations(lower_words, first_names):
    rows, seen = [], set()

    def add(surface, name, typ, kind):
        key = surface.lower()
        if surface and name and key not in seen and ascii_ok(surface):
            seen.add(key)
            rows.append((surface, name, typ, kind))
    with open(os.path.join(GAZ, "intl_orgs_flat.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            name = r["name_en"].strip()
            add(name, name, "organization", "name")
            ab = r["abbreviation_en"].strip()
            if ab and len(ab) >= 2:
                add(ab, name, "organization", "acronym")
            for o in r["other_names_en"].split("|"):
                add(o.strip(), name, "organization", "alias")
    for name, variants, codes, comment in phoenix_entries(
            os.path.join(GAZ, "petrarch", "Phoenix.International.actors.txt")):
        code = codes[0] if codes else ""
        if "IGOrulers" in comment:
            continue  # a person who led an organisation (`Klaus Kinkel`): see people()
        if ROLE.search(name) or not re.match(r"(IGO|NGO|MNC|MED|[A-Z]{3}MED)", code):
            continue
        typ = "media" if re.fullmatch(r"([A-Z]{3})?MED", code) else "organization"
        canon = title_case(name)
        if canon.split()[0] in first_names:
            continue  # a person filed among organisations (`Jose Ayala Lasso`)
        single = len(canon.split()) == 1
        if single and (canon.lower() in lower_words or len(canon) < 3):
            continue  # an ordinary word (`Care`, `Shell`) needs context to be a name
        add(canon, canon, typ, "name")
        for v in variants:
            if not ROLE.search(v) and len(v.strip("_")) > 3:
                vc = title_case(v)
                if not (len(vc.split()) == 1 and vc.lower() in lower_words):
                    add(vc, canon, typ, "alias")
    return rows


def people(lower_words):
    rows, seen = [], set()
    for name, variants, codes, comment in phoenix_entries(
            os.path.join(GAZ, "petrarch", "Phoenix.Countries.actors.txt")):
        if "CountryInfo" not in comment:
            continue
        canon = title_case(name)
        words = canon.split()
        if not 2 <= len(words) <= 4 or not ascii_ok(canon) or canon.lower() in seen:
            continue
        if all(w.lower() in lower_words for w in words):
            continue  # `Will Rogers`-like collisions with ordinary words
        seen.add(canon.lower())
        rows.append((canon, canon, "person", "name"))
    # heads of international organisations, filed by PETRARCH2 among them (`IGOrulers.txt`)
    for name, variants, codes, comment in phoenix_entries(
            os.path.join(GAZ, "petrarch", "Phoenix.International.actors.txt")):
        canon = title_case(name)
        words = canon.split()
        if "IGOrulers" not in comment or "," in name or not 2 <= len(words) <= 4:
            continue
        if not ascii_ok(canon) or canon.lower() in seen or all(w.lower() in lower_words for w in words):
            continue
        seen.add(canon.lower())
        rows.append((canon, canon, "person", "name"))
    return rows


def ner_sentences():
    """(tokens, classes) per sentence of the licence-safe NER sets; classes PER/LOC/ORG/MISC/O."""
    cross = {"politician": "PER", "person": "PER", "politicalparty": "ORG", "organisation": "ORG",
             "country": "LOC", "location": "LOC", "election": "MISC", "event": "MISC", "misc": "MISC"}

    def norm_tag(t):
        # the UNER EWT train file is a pre-v1 draft (see data/LICENSES.md): its OTH and stray
        # B-O tags are not in UNER v1, so they count as outside any name
        if t in ("O", "B-O", "I-O") or "-" not in t or t.endswith("-OTH"):
            return "O", False
        bi, typ = t.split("-", 1)
        typ = cross.get(typ, typ)
        if typ not in ("PER", "LOC", "ORG"):
            typ = "MISC"
        return typ, bi == "B"

    files = [(os.path.join(NER, "gum", f"gum_ner_{s}.tsv"), 0, 2) for s in ("train", "dev", "test")]
    for d in ("ewt", "pud"):
        for f in sorted(os.listdir(os.path.join(NER, "uner_en", d))):
            if f.endswith(".iob2"):
                files.append((os.path.join(NER, "uner_en", d, f), 1, 2))
    for s in ("train", "dev", "test"):
        files.append((os.path.join(NER, "crossner_politics", f"{s}.txt"), 0, 1))
    for path, ti, gi in files:
        sent = []
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            p = line.split("\t")
            if len(p) > max(ti, gi):
                sent.append((p[ti], *norm_tag(p[gi])))
        if sent:
            yield sent


def word_stats():
    st = collections.defaultdict(collections.Counter)
    lower = collections.Counter()
    for sent in ner_sentences():
        for i, (tok, typ, begin) in enumerate(sent):
            if tok[:1].islower():
                lower[tok] += 1
                continue
            if not tok[:1].isupper():
                continue
            c = st[tok]
            if typ == "O":
                if i > 0:
                    c["o"] += 1
                continue
            c[typ.lower()] += 1
            nxt = sent[i + 1] if i + 1 < len(sent) else None
            if typ == "PER" and begin and nxt and nxt[1] == "PER" and not nxt[2]:
                c["first"] += 1
    return st, lower


def write(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for r in sorted(set(rows)):
            f.write("\t".join(str(x) for x in r) + "\n")


def main():
    st, lower = word_stats()
    lower_words = {w for w, n in lower.items() if n >= 3}
    first_names = {w for w, c in st.items() if c["first"] >= 2 and c["first"] * 2 >= c["o"] + c["org"] + c["loc"]}
    write(os.path.join(OUT, "countries.tsv"), ACTOR_HEADER.format(
        title="Countries: names, alternative spellings, demonyms and capitals.",
        source="mledoze/countries (countries_flat.tsv)", licence="ODbL 1.0"), countries())
    write(os.path.join(OUT, "organizations.tsv"), ACTOR_HEADER.format(
        title="International organisations, NGOs, companies and media.",
        source="supraverden general_list (intl_orgs_flat.tsv) and PETRARCH2 Phoenix.International.actors.txt",
        licence="CC BY-SA 4.0 (supraverden) and MIT (PETRARCH2)"), organizations(lower_words, first_names))
    write(os.path.join(OUT, "people.tsv"), ACTOR_HEADER.format(
        title="Political leaders and officials.", source="PETRARCH2 Phoenix.Countries.actors.txt",
        licence="MIT"), people(lower_words))
    rows = []
    for w, c in st.items():
        named = c["per"] + c["loc"] + c["org"] + c["misc"]
        if named + c["o"] >= 2 and "\t" not in w:
            rows.append((w, c["first"], c["per"], c["loc"], c["org"], c["misc"], c["o"], lower.get(w.lower(), 0)))
    written = {r[0] for r in rows}
    for w, n in lower.items():
        cap = w[:1].upper() + w[1:]
        if n >= 3 and cap not in written and w.isalpha():
            rows.append((cap, 0, 0, 0, 0, 0, 0, n))  # an ordinary word, seen only in lowercase
    write(os.path.join(OUT, "wordstats.tsv"), """# Capitalised-word statistics, learned from openly licensed NER corpora: GUM (CC BY 4.0,
# Zeldes 2017, https://gucorpling.org/gum/), Universal NER English EWT (CC BY-SA 4.0) and PUD
# (CC BY-SA 3.0), CrossNER politics (MIT; text from Wikipedia, CC BY-SA). Share-alike: this
# file is CC BY-SA 4.0. Built by data/build/gazetteers.py.
# Row format (tab-separated), counts over capitalised occurrences of the exact word:
#   word<TAB>first<TAB>person<TAB>location<TAB>organization<TAB>misc<TAB>other<TAB>lower
#   first: a person's name starts with it and continues; person/location/organization/misc:
#   inside a name of that class; other: not in a name (sentence-initial uses not counted);
#   lower: occurrences of the word written in lowercase (rows with only this count are
#   ordinary words seen at least 3 times, never capitalised mid-sentence).
""", rows)


if __name__ == "__main__":
    main()
