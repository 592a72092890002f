#!/usr/bin/env python3
"""Convert the CAMEO verb dictionary of PETRARCH2 (MIT, see data/LICENSE.petrarch2.MIT) into
relation-lexicon rows: data/relations-cameo.tsv.

usage: python3 data/build/cameo_relations.py [CAMEO.2.0.txt]   (run from the project root)

Each verb line of a verb block with a code (its own, or the block's default) becomes one
`verb` row: the verb and its inflections (from `{...}` or generated regularly) -> the relation
type whose `cameo_root` (data/relation-types.tsv) matches the code's first two digits, with
the finer codes below. Patterns (`- * SANCTIONS [163]`) are not converted: the matcher has no
parser to check them. Forms already in the hand-written data/relations.tsv are left out, and
so are a few verbs too generic to mean an event on their own (STOP below); past forms are kept,
and the base form marked `~` (a trigger only after `to` or a modal), since bare, -s and -ing
forms are too often nouns (`arms`, `deals`, `bombing`)."""
import os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "gazetteers", "petrarch", "CAMEO.2.0.txt")
OUT = os.path.join(ROOT, "data", "relations-cameo.tsv")
HAND = os.path.join(ROOT, "data", "relations.tsv")

# Finer CAMEO codes that differ from their root's type.
FINE = {"016": "denies", "057": "agrees_with", "051": "praises", "112": "accuses", "0874": "withdraws_from", "163": "bans"}
# Roots: relation-types.tsv cameo_root, with 02 (appeal) as demands and 19/20 (fight, mass
# violence) as attacks, as PLOVER does; 01 (statements) is speech, handled by hand rows.
ROOTS = {"03": "agrees_with", "04": "meets", "05": "supports", "06": "cooperates_with", "07": "aids",
         "08": "concedes", "09": "investigates", "10": "demands", "02": "demands", "11": "criticizes",
         "12": "rejects", "13": "threatens", "14": "protests", "16": "sanctions", "17": "coerces",
         "18": "attacks", "19": "attacks", "20": "attacks"}
STOP = {"be", "have", "do", "make", "take", "give", "get", "go", "come", "see", "say", "tell", "put", "set",
        "keep", "hold", "run", "turn", "move", "bring", "call", "ask", "look", "hear", "consider", "introduce",
        "prepare", "intend", "hope", "decide", "determine", "seek", "fail", "decline", "continue", "add",
        "serve", "work", "fire", "play", "leave", "start", "open", "close", "end", "win", "lose", "face",
        "expect", "plan", "want", "need", "use", "show", "follow", "return", "stand", "meet", "pay", "include",
        "arrive", "place", "post", "base", "spread", "send", "receive", "accept", "form", "issue", "raise",
        "reach", "remain", "express", "appear", "seem", "visit", "concern", "worry", "resign", "step",
        "search", "charge", "press", "draw", "sign", "back", "cut", "halt", "release", "lift", "free",
        "apply", "suspect", "impose", "force", "declare", "increase", "bind", "arm", "hit", "strike",
        "think", "pass", "provide", "ensure", "accord", "value", "boost", "finance", "trade", "deal",
        "exchange", "mine", "bid", "contact", "rule", "order", "allow", "grant", "lend"}

# Base forms kept out even after `to`/a modal: business verbs that CAMEO files under
# cooperation or aid but that news uses for deals between firms (`agreed to buy`, `will lead
# the syndicate`), and a few too vague to be an event.
STOP_INF = {"buy", "purchase", "lead", "offer", "underwrite", "expand", "invest", "contribute",
            "sponsor", "benefit", "travel", "dismiss", "acquire", "develop", "manage", "control",
            "conduct", "establish", "relate", "approve", "persuade", "recommend", "prefer", "unite",
            "aim", "guarantee", "propose", "advise", "submit", "tolerate", "associate", "clear",
            "delay", "push", "discuss"}


# Disapproval blocks (CAMEO 110/111) whose verbs name a feeling or judgement: block -> whether
# the participle (worry) and the -ing form (blame) are clause words.
CLAUSE = {"DISMAY": (True, True), "DEPLORE": (True, False), "REGRET": (True, False),
          "DISAPPROVE": (True, False), "DENIGRATE": (False, True), "DISGRACE": (False, True)}
# Verbs whose last consonant doubles (stress on the last syllable), which CAMEO does not spell.
DOUBLE = {"regret", "abhor"}


def clause_rows(taken):
    """Rows of clause words from the verbs of the CLAUSE blocks."""
    rows, block = [], None
    in_verbs = False
    for raw in open(SRC, encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        m = re.match(r"^---\s+(\S+)\s+\[", line)
        if m:
            block = m.group(1)
            continue
        if not in_verbs or block not in CLAUSE or not re.match(r"^[A-Z]", line.strip()):
            continue
        base = re.match(r"^([A-Z]+)", line.strip()).group(1).lower()
        _, _, past, ing = inflect(base)
        if base in DOUBLE:
            past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
        worry, blame = CLAUSE[block]
        for on, frame, form in ((worry, "worry", past), (blame, "blame", ing)):
            if on and form not in taken:
                taken.add(form)
                if frame == "worry":
                    example = f"[Ann|person] said she {form} [Freedonia|country] and its plans."
                else:
                    example = f"[Ann|person] said [Freedonia|country] made a {form} offer."
                rows.append((f"CB{len(rows) + 1}", frame, form, "criticizes", example, "Ann>criticizes>Freedonia"))
    return rows


def blame_forms():
    """Forms of the hand-written clause-word rows (frames worry and blame)."""
    return hand_forms(("worry", "blame"))


def type_of(code):
    code = code.split(":")[0].strip()
    if not re.fullmatch(r"\d{3,4}", code):
        return None
    for k in sorted(FINE, key=len, reverse=True):
        if code.startswith(k):
            return FINE[k]
    return ROOTS.get(code[:2])


def inflect(v):
    """Regular 3sg, past and -ing forms of a base verb."""
    if re.search(r"(s|x|z|ch|sh)$", v):
        s = v + "es"
    elif re.search(r"[^aeiou]y$", v):
        s = v[:-1] + "ies"
    else:
        s = v + "s"
    if v.endswith("e"):
        d, g = v + "d", (v if v.endswith("ee") else v[:-1]) + "ing"
    elif re.search(r"[^aeiou]y$", v):
        d, g = v[:-1] + "ied", v + "ing"
    else:
        d, g = v + "ed", v + "ing"
    return [v, s, d, g]


def is_past(form, base):
    head = form.split(" ")[0]
    b = base.split(" ")[0]
    return head.endswith("ed") or (head != b and not head.endswith("s") and not head.endswith("ing"))


def hand_forms(frames=("verb", "speech", "tell")):
    """Forms of the hand-written rows of `frames` (by default the verb frames)."""
    forms = set()
    for line in open(HAND, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and not line.startswith("#") and f[0] != "id" and f[1] in frames:
            # a hand row's `~form` (after `to` or a modal) takes the base form too
            forms.update(x.strip().lstrip("~") for x in f[2].split("|"))
    return forms


def main():
    taken = hand_forms()
    rows, block_code, block = [], None, None
    seen = set()
    in_verbs = False
    for raw in open(SRC, encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or not line.strip():
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block, block_code = m.group(1), m.group(2)
            continue
        if line.startswith("-") or line.startswith("&") or line.startswith("~"):
            continue
        m = re.match(r"^\+?([A-Z][A-Z_\-']*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not m:
            continue
        word, braces, code = m.group(1), m.group(2), m.group(3)
        code = code[1:-1] if code else block_code
        kind = type_of(code or "")
        if not kind:
            continue
        base = word.lower().replace("_", " ")
        if base.split(" ")[0] in STOP:
            continue
        if braces:
            extra = [x.strip("+").lower().replace("_", " ") for x in braces[1:-1].replace(",", " ").split()]
            forms = [base] + [x for x in extra if x]
            if " " not in base:
                forms = list(dict.fromkeys(forms + inflect(base)))
        elif " " in base:
            head, rest = base.split(" ", 1)
            forms = [f"{f} {rest}" for f in inflect(head)]
        else:
            forms = inflect(base)
        # Past forms, and the base form only after `to` or a modal (`~evacuate`, see
        # src/nlp/relations/lexicon.rs): a bare or -s/-ing form is too often a noun (`arms`,
        # `deal`, `bids`).
        keep_inf = base not in taken and "~" + base not in seen and base.split(" ")[0] not in STOP_INF
        inf = ["~" + base] if keep_inf and not base.startswith("be ") else []
        forms = [f for f in dict.fromkeys(forms) if is_past(f, base) and f not in taken and f not in seen]
        forms += inf
        if not forms:
            continue
        seen.update(forms)
        past = next((f for f in forms if f.split(" ")[0].endswith("ed")), None)
        past = past or next((f for f in forms if not f.startswith("~")), None)
        if past:
            example = f"[Freedonia|country] {past} [Sylvania|country] on Monday."
        else:
            example = f"They urged [Freedonia|country] to {forms[0][1:]} [Sylvania|country] on Monday."
        rows.append((f"C{len(rows) + 1}", "verb", "|".join(forms), kind, example, f"Freedonia>{kind}>Sylvania", block))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Converted by data/build/cameo_relations.py from PETRARCH2's CAMEO.2.0.txt\n")
        f.write("# (Open Event Data Alliance, MIT licence: data/LICENSE.petrarch2.MIT). Do not edit.\n")
        f.write("id\tframe\ttrigger\ttype\texample\texpect\n")
        for r in rows:
            f.write("\t".join(r[:6]) + "\n")
        clause = clause_rows(blame_forms())
        f.write("# Words of blame and worry in a reported clause, from the disapproval blocks\n")
        for r in clause:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} rows and {len(clause)} clause words -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
