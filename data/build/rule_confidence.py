#!/usr/bin/env python3
"""Measure how often each relation rule is right, by cross-validation over all the gold, and
write data/rule-confidence.tsv and the calibration table docs/calibration.md.

usage: python3 data/build/rule_confidence.py [--exe BINARY] [--folds K] [--show FP|TP|ALL]
       (run from the project root after `cargo build --release`; the binary embeds the table,
       so build it again after running this)

Gold: ../shared/gold/dev.jsonl and dev-wikinews.jsonl (an edge is right when score.py would
match it) and plover-dev.jsonl (right when plover.py would count it; an edge of a type with no
PLOVER class is not judged there). Each drawn edge counts for its rule key: the lexicon row,
and the dependency pattern after `@` when the parse found the arguments (`V12@D1`); a
modifier (`+M1`) is not part of the key.

Every rule's copy. When two rules draw the same edge in one sentence the binary keeps the
copy of the more confident rule, so which rule an edge counts for would depend on the table
being estimated (a 2-cycle: re-estimating on a binary built with the new table moved keys of
one or two edges back and forth). The program therefore runs the binary with
`NG_RULE_COPIES=1`, which keeps one copy per rule: each rule is measured on every edge it
draws, whatever table the binary was built with, so a second run gives the same table. The
calibration is still judged on the edges a user sees: one per sentence, claimed at the
largest confidence of its copies, as the binary does (a copy with a modifier claims the
smaller of the modifier row's and its own, also as the binary does).

Estimate, step 1 (empirical Bayes, three levels): a family's precision is shrunk toward all
edges', a lexicon row's toward its family's, and a key's (row and parse pattern) toward its
row's, each as p = (right + M * prior) / (drawn + M); a rule never seen gets its family's
precision. The prior strengths (how many edges of evidence a prior is worth: M for a pattern
toward its row, MR for a row toward its family, MF for a family toward all edges) are the
triple of lowest held-out Brier score among 1, 2, 4, ..., 256 (held out: leave one article
out, over the edges a user sees).

Step 2 (recalibration): step-1 figures may not carry over to unseen articles (before session
11, edges claimed 0.5-0.6 from the other articles were right 0.46 of the time on the left-out
one), so a monotone map is fitted on the held-out figures: Platt scaling, p' = 1 / (1 + exp(-(a + b *
logit(p)))), by logistic regression of "right" on logit(p) over the edges of every article
claimed from all the other articles. b < 1 pulls the figures toward the mean by how much they
failed to carry over; a moves them all when held-out precision is off as a whole. The map is
increasing, so the copy the binary keeps is the same as without it. The map is kept only when
it lowers the nested held-out Brier score below (edge by edge, paired) by more than one
standard error of that difference (the one-standard-error rule: a smaller gain is noise, and
the simpler figures stay); otherwise the table holds the step-1 figures. In session 11 it
gained 0.0006 with a standard error of 0.0006 and was not kept (docs/calibration.md shows
both tables). The table holds the figure for every key, row and family seen, and for every family
of the spec; the binary looks a rule up by key, then by lexicon row, then by `family:NAME`.

Calibration (nested, so that no article's edges help choose or fit what they are judged by):
for each article in turn (the default `--folds 0`; `--folds K` splits the articles into K
folds by a hash of their id instead), the prior strengths are chosen and the map fitted on the
other articles alone, exactly as above (leaving each of them out in turn), and the article's
edges are claimed from those. The table compares the claims with the share of those
held-out edges that were right, in buckets of claimed confidence, and gives the held-out Brier
score and log loss of step 1 alone, of steps 1 and 2, and of one global rate. Leaving one
article out mirrors what the shipped table is: estimated from all the gold, used on an
article it has not seen. It also has a bias of its own where a rule's edges cluster in a few
articles: an article where the rule was right every time is claimed from the others at a
lower figure than one where it was mostly wrong, so within a rule held-out claims run against
the outcomes (`told`, row S7: 38 copies, right 5 of 5 in bbc-politics-058 and 2 of 8 in
bbc-business-241); the shipped table, which has seen all of them, does not meet its articles
that way. Counting each article's edges of a rule as less evidence (weight 1/n^0.5 or 1/n for
n edges of a level in one article) did not lower the held-out Brier score (0.1986 and 0.2000
against 0.1987), nor did a key per rule and relation type (0.1987).

Repeated k-fold check (`--repeats R --k K`, default 10 and 10): one partition's bucket table
is noisy (session 13: the worst bucket of a 10-fold partition moved from 0.031 to 0.113 with
the partition alone, on the same edges and claims method), and an absolute gap is biased
upward by that noise. So the page also gives the nested procedure over R partitions into K
folds (a salted hash of the article id), every edge claimed once per partition, the buckets
pooling all partitions, with the range of the single partitions' worst gaps beside it. The
shipped table does not depend on it."""
import argparse, collections, hashlib, itertools, json, math, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared")
ap = argparse.ArgumentParser()
ap.add_argument("--exe", default=os.path.join(ROOT, "target", "release", "newsgraph"))
ap.add_argument("--eval", default=os.path.join(SHARED, "eval"))
ap.add_argument("--folds", type=int, default=0, help="0: leave one article out")
ap.add_argument("--repeats", type=int, default=10, help="partitions of the repeated k-fold check")
ap.add_argument("--k", type=int, default=10, help="folds of the repeated k-fold check")
ap.add_argument("--show", choices=["FP", "TP", "ALL"])
ap.add_argument("--out", default=os.path.join(ROOT, "data", "rule-confidence.tsv"))
HISTORY = "## History (written by hand; kept by this program)"
ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "calibration.md"))
a = ap.parse_args()
sys.path.insert(0, a.eval)
import common, score, plover  # noqa: E402

GRID = (1, 2, 4, 8, 16, 32, 64, 128, 256)
DEFAULT = 0.5  # the binary's confidence for a rule the table does not know (lexicon.rs)
FAMILY = {t: r["family"] for t, r in common.relation_table().items()}
PLOVER = {t: r["plover"].split("|") for t, r in common.relation_table().items() if r["plover"]}


def lexicon_kinds():
    """rule id -> relation type (`-` for a negation or promise modifier) of the built-in rows."""
    kinds = {}
    for name in ("relations.tsv", "relations-cameo.tsv"):
        for line in open(os.path.join(ROOT, "data", name), encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 4 and not line.startswith(("#", "id\t")):
                kinds[f[0].strip()] = f[3].strip()
    return kinds


KIND = lexicon_kinds()


def parse_rule(rule):
    """`V12+M5@D1` -> (key `V12@D1`, modifier `M5` or None)."""
    base, _, pat = rule.partition("@")
    row, _, mod = base.partition("+")
    return row + (f"@{pat}" if pat else ""), mod or None


def unit(article_id):
    """What is held out together: an article, or with --folds K a fold of articles."""
    if a.folds <= 0:
        return article_id
    return str(int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % a.folds)


# One judged copy: (unit, edge, key, modifier, family, right). `edge` names the edge a user
# sees (article, sentence, source, target, type); copies of one edge share it. `family` is
# the rule's (its lexicon row's type's family).
Copy = collections.namedtuple("Copy", "unit edge key mod family ok")


def judged_copies():
    """Every rule's copy of every edge drawn on the gold, judged against it."""
    os.environ["NG_RULE_COPIES"] = "1"  # inherited by the binary that common.ingest runs
    out = []
    query = ("select source_id, type, target_id, rule, trigger, sentence, sentence_id from relation_view "
             "where external_id = ? and negated = 0")
    for name in ("dev.jsonl", "dev-wikinews.jsonl"):
        golds = [json.loads(l) for l in open(os.path.join(SHARED, "gold", name), encoding="utf-8") if l.strip()]
        con = common.ingest(a.exe, golds)
        for g in golds:
            ents, _ = common.predicted(con, g["id"])
            g2p = score.match_entities(g["entities"], ents)
            p2g = {p: g["entities"][gi]["name"] for gi, p in g2p.items()}
            for r in con.execute(query, (g["id"],)).fetchall():
                s, t, o = p2g.get(r["source_id"]), r["type"], p2g.get(r["target_id"])
                ok = False
                for gr in g["relations"]:
                    if gr.get("negated"):
                        continue
                    types = {gr["type"], *gr.get("alt_types", [])}
                    targets = {gr["target"], *gr.get("alt_targets", [])}
                    fwd = s == gr["source"] and o in targets
                    back = o == gr["source"] and s in targets and (
                        gr["type"] in common.SYMMETRIC or t in common.SYMMETRIC)
                    if (fwd or back) and t in types:
                        ok = True
                        break
                out.append(copy(g["id"], r, ok))
                show(ok, r, ents)
    rows = [json.loads(l) for l in open(os.path.join(SHARED, "gold", "plover-dev.jsonl"), encoding="utf-8") if l.strip()]
    con = common.ingest(a.exe, [{"id": r["id"], "title": "", "text": r["text"]} for r in rows])
    for g in rows:
        ents, _ = common.predicted(con, g["id"])
        srcs, tgts = plover.actor_texts(g.get("source")), plover.actor_texts(g.get("target"))
        for r in con.execute(query, (g["id"],)).fetchall():
            t = r["type"]
            if t not in PLOVER:
                continue
            fs = ents.get(r["source_id"], {}).get("forms", set())
            fo = ents.get(r["target_id"], {}).get("forms", set())
            ok = g["event"] in PLOVER[t] and (
                (plover.matches(fs, srcs) and plover.matches(fo, tgts)) if tgts else
                (plover.matches(fs, srcs) and plover.matches(fo, srcs)))
            out.append(copy(g["id"], r, bool(ok)))
            show(ok, r, ents)
    return out


def copy(article_id, r, ok):
    k, mod = parse_rule(r["rule"])
    edge = (article_id, r["sentence_id"], r["source_id"], r["target_id"], r["type"])
    # The family a rule falls back on is its lexicon row's type's, as in the binary, even when
    # the edge has another type (`told` draws `reports` edges from a `claims` row).
    kind = KIND.get(k.split("@")[0], r["type"])
    return Copy(unit(article_id), edge, k, mod, FAMILY.get(kind, FAMILY.get(r["type"], "?")), ok)


def show(ok, r, ents):
    if a.show == "ALL" or (a.show == "FP" and not ok) or (a.show == "TP" and ok):
        sn = ents.get(r["source_id"], {}).get("name")
        on = ents.get(r["target_id"], {}).get("name")
        print(f"{'TP' if ok else 'FP'} {r['rule']:<10} [{r['trigger']}] {sn} -{r['type']}-> {on} | "
              f"{' '.join(r['sentence'].split())[:160]}", file=sys.stderr)


# ---- Step 1: empirical-Bayes precision from counts ------------------------------------------
# Counts are kept per held-out unit, so that the estimate without some units is the total
# minus theirs: levels are the key (`V12@D1`), the row (`row:V12`), the family (`fam:NAME`)
# and all copies (`all`); each maps to [drawn, right].

def count(copies):
    c = collections.defaultdict(lambda: [0, 0])
    for e in copies:
        for level in {e.key, "row:" + e.key.split("@")[0], "fam:" + e.family, "all"}:
            c[level][0] += 1
            c[level][1] += e.ok
    return c


class Model:
    """Step-1 estimates from all copies except those of the units in `without`."""

    def __init__(self, total, per_unit, without, strengths):
        self.total, self.minus = total, [per_unit[u] for u in without if u in per_unit]
        self.M, self.MR, self.MF = strengths
        self.memo = {}

    def counts(self, level):
        d, r = self.total.get(level, (0, 0))
        for c in self.minus:
            if level in c:
                d, r = d - c[level][0], r - c[level][1]
        return d, r

    def all(self):
        d, r = self.counts("all")
        return (r + 1) / (d + 2)

    def family(self, f):
        d, r = self.counts("fam:" + f)
        return (r + self.MF * self.all()) / (d + self.MF)

    def raw(self, k, f):
        """Step-1 figure the table would hold for key `k` (family `f`), after the binary's
        fallbacks: the key when the gold has it, else its row, else its family."""
        if (k, f) in self.memo:
            return self.memo[k, f]
        fam = self.family(f)
        row = k.split("@")[0]
        d, r = self.counts("row:" + row)
        p = fam
        if d:
            p = (r + self.MR * fam) / (d + self.MR)
            if "@" in k:
                dk, rk = self.counts(k)
                if dk:
                    p = (rk + self.M * p) / (dk + self.M)
        self.memo[k, f] = p
        return p

    def modifier(self, mod):
        """Figure for a modifier row (the binary's `lexicon.rules[m].confidence`): never a key
        of its own, so its type's family, or the default for a `-` row."""
        kind = KIND.get(mod, "-")
        return self.family(FAMILY[kind]) if kind in FAMILY else None


def edge_score(model, copies, cal=lambda p: p):
    """Confidence the binary claims for one edge from its copies, with the table holding
    cal(step-1 figure): the largest over copies, a modified copy at the smaller of its own and
    its modifier's."""
    best = 0.0
    for e in copies:
        own = cal(model.raw(e.key, e.family))
        if e.mod:
            m = model.modifier(e.mod)
            own = min(own, DEFAULT if m is None else cal(m))
        best = max(best, own)
    return best


def held_out(edges, total, per_unit, units, strengths, also_without=()):
    """(step-1 score, right) of every edge of `units`, each claimed without its own unit (and
    without the units in also_without)."""
    out = []
    for u in units:
        model = Model(total, per_unit, (u, *also_without), strengths)
        out += [(edge_score(model, cs), cs[0].ok) for cs in edges[u]]
    return out


def brier(pairs):
    return sum((p - ok) ** 2 for p, ok in pairs) / len(pairs)


def log_loss(pairs):
    return -sum(math.log(p if ok else 1 - p) for p, ok in pairs) / len(pairs)


# ---- Step 2: Platt scaling -------------------------------------------------------------------

def logit(p):
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def fit_platt(pairs):
    """(a, b) of the logistic regression of right on logit(p), by Newton's method."""
    A, B = 0.0, 1.0
    for _ in range(100):
        ga = gb = haa = hab = hbb = 0.0
        for p, ok in pairs:
            x = logit(p)
            q = 1 / (1 + math.exp(-(A + B * x)))
            w = q * (1 - q)
            ga, gb = ga + q - ok, gb + (q - ok) * x
            haa, hab, hbb = haa + w, hab + w * x, hbb + w * x * x
        det = haa * hbb - hab * hab
        if det <= 0:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        A, B = A - da, B - db
        if abs(da) + abs(db) < 1e-10:
            break
    return A, B


def platt(ab):
    A, B = ab
    return lambda p: 1 / (1 + math.exp(-(A + B * logit(p))))


def fit(edges, total, per_unit, units, without=()):
    """Prior strengths and map from `units` alone (each left out in turn), as the shipped
    table is made from all of them; returns (strengths, map params, held-out Brier)."""
    brs = {}
    for s in itertools.product(GRID, GRID, GRID):
        brs[s] = brier(held_out(edges, total, per_unit, units, tuple(map(float, s)), without))
    s = tuple(map(float, min(brs, key=brs.get)))
    ab = fit_platt(held_out(edges, total, per_unit, units, s, without))
    return s, ab, min(brs.values())


def by_unit(copies):
    """The edges a user sees, by held-out unit (each a list of its rules' copies), the units
    in order, and the counts of each unit."""
    by_edge = collections.defaultdict(list)
    for e in copies:
        by_edge[e.edge].append(e)
    edges = collections.defaultdict(list)
    for cs in by_edge.values():
        edges[cs[0].unit].append(cs)
    units = sorted(edges)
    return edges, units, {u: count(e for cs in edges[u] for e in cs) for u in units}


def nested(edges, units, total, per_unit):
    """Nested cross-validation: each unit is claimed by strengths and a map chosen without it.
    Returns (step-1, mapped, one global rate) pairs (claim, right) for every edge."""
    raw, cal, glob = [], [], []
    for i, u in enumerate(units):
        rest = [v for v in units if v != u]
        s, ab, _ = fit(edges, total, per_unit, rest, without=(u,))
        model = Model(total, per_unit, (u,), s)
        g = platt(ab)
        rate = sum(cs[0].ok for v in rest for cs in edges[v]) / sum(len(edges[v]) for v in rest)
        for cs in edges[u]:
            raw.append((edge_score(model, cs), cs[0].ok))
            cal.append((edge_score(model, cs, g), cs[0].ok))
            glob.append((rate, cs[0].ok))
        if sys.stderr.isatty():
            print(f"\r{i + 1}/{len(units)} held-out units", end="", file=sys.stderr)
    print(f"{len(units)} held-out units", file=sys.stderr)
    return raw, cal, glob


def repeated(copies, k, repeats):
    """Repeated k-fold cross-validation: the nested procedure over `repeats` partitions of the
    articles into k folds (fold = a salted hash of the article id), every edge claimed once
    per partition. Returns the pooled (step-1, mapped) pairs and each partition's pairs."""
    total = count(copies)
    pooled_raw, pooled_cal, runs = [], [], []
    for r in range(repeats):
        def fold(e):
            h = hashlib.sha1(f"{r}:{e.edge[0]}".encode()).hexdigest()
            return e._replace(unit=str(int(h, 16) % k))
        edges, units, per_unit = by_unit([fold(e) for e in copies])
        raw, cal, _ = nested(edges, units, total, per_unit)
        pooled_raw += raw
        pooled_cal += cal
        runs.append((raw, cal))
    return pooled_raw, pooled_cal, runs


def main():
    copies = judged_copies()
    edges, units, per_unit = by_unit(copies)
    total = count(copies)
    n_edges = sum(len(v) for v in edges.values())
    right = sum(cs[0].ok for v in edges.values() for cs in v)
    raw, cal, glob = nested(edges, units, total, per_unit)

    # Keep the map only if it lowers the held-out Brier score by more than one standard error
    # of the paired difference (edge by edge): a map that gains less is noise, and the
    # simpler figures are kept (the one-standard-error rule).
    diff = [(c - ok) ** 2 - (r - ok) ** 2 for (c, ok), (r, _) in zip(cal, raw)]
    mean = sum(diff) / len(diff)
    se = math.sqrt(sum((d - mean) ** 2 for d in diff) / (len(diff) - 1) / len(diff))
    use_map = mean < -se
    print(f"map changes the held-out Brier score by {mean:+.4f} (standard error {se:.4f}): "
          f"{'kept' if use_map else 'not kept'}", file=sys.stderr)

    # The shipped table: the same procedure on all the gold.
    s, ab, br = fit(edges, total, per_unit, units)
    M, MR, MF = s
    g = platt(ab) if use_map else (lambda p: p)
    model = Model(total, per_unit, (), s)
    print(f"all the gold: M = {M:g} (pattern), {MR:g} (row), {MF:g} (family), leave-one-out Brier "
          f"{br:.4f}; map a = {ab[0]:.3f}, b = {ab[1]:.3f}", file=sys.stderr)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Rule precision over all the gold (dev, Wikinews dev, PLOVER dev), shrunk toward the row's and\n"
                f"# relation family's{', then recalibrated (Platt)' if use_map else ''}; "
                "by data/build/rule_confidence.py. Do not edit.\n")
        f.write("rule\tprecision\tn\n")
        for fm in sorted(set(FAMILY.values())):
            f.write(f"family:{fm}\t{g(model.family(fm)):.3f}\t0\n")
        keys = sorted({e.key for e in copies} | {e.key.split("@")[0] for e in copies})
        for k in keys:
            fam = next(e.family for e in copies if e.key.split("@")[0] == k.split("@")[0])
            n = model.counts(k if "@" in k else "row:" + k)[0]
            f.write(f"{k}\t{g(model.raw(k, fam)):.3f}\t{n}\n")

    buckets = [(0.0, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01)]

    def table(held, per=1):
        """Bucket lines and the gaps of buckets of at least 20 edges; `per`: how many times
        each edge is in `held` (pooled partitions), so counts are per partition."""
        lines = ["| claimed confidence | edges | mean claimed | right on held-out folds | gap | standard error |",
                 "|---|---:|---:|---:|---:|---:|"]
        gaps = []
        for lo, hi in buckets:
            b = [(c, ok) for c, ok in held if lo <= c < hi]
            if not b:
                continue
            n = len(b) / per
            mc = sum(c for c, _ in b) / len(b)
            pr = sum(ok for _, ok in b) / len(b)
            gap = abs(mc - pr)
            if n >= 20:
                gaps.append(gap)
            se = math.sqrt(mc * (1 - mc) / n)  # of "right" if the claim were exact
            lines.append(f"| {lo:.1f}-{min(hi, 1.0):.1f} | {n:.{0 if per == 1 else 1}f} | {mc:.3f} | {pr:.3f} | {gap:.3f}"
                         f"{'' if n >= 20 else ' (under 20 edges)'} | {se:.3f} |")
        return lines, gaps

    shipped, other = (cal, raw) if use_map else (raw, cal)
    lines, gaps = table(shipped)
    raw_lines, raw_gaps = table(other)
    # The same check over many partitions into k folds: one partition's worst bucket moves by
    # several points with the partition alone (session 13: 0.023 to 0.080 over nine).
    rep_raw, rep_cal, runs = repeated(copies, a.k, a.repeats) if a.repeats > 0 else ([], [], [])
    rep_lines, rep_gaps = table(rep_cal if use_map else rep_raw, per=max(a.repeats, 1))
    run_worst = sorted(max(table(c if use_map else r)[1] or [0.0]) for r, c in runs)
    worst = max(gaps) if gaps else float("nan")
    held_by = "article" if a.folds <= 0 else "fold"
    # What sessions wrote by hand below the program's output is kept, from the marker on.
    history = ""
    if os.path.exists(a.doc):
        old = open(a.doc, encoding="utf-8").read()
        if HISTORY in old:
            history = old[old.index(HISTORY):]
    with open(a.doc, "w", encoding="utf-8") as f:
        f.write("# Calibration of relation confidence\n\n"
                "Written by `python3 data/build/rule_confidence.py` (see its docstring for the method).\n"
                f"{n_edges} edges drawn on the gold ({right} right; {len(copies)} rule copies), "
                f"{'each article left out in turn' if a.folds <= 0 else f'{a.folds} folds by article'}; "
                f"each edge's claimed confidence was estimated without its own {held_by}, by prior strengths "
                f"chosen and a Platt map fitted without it too (nested cross-validation). "
                f"On all the gold (the shipped table): M = {M:g} for a pattern toward its row, {MR:g} for a "
                f"row toward its family, {MF:g} for a family toward all edges (lowest leave-one-out Brier "
                f"score), Platt map p' = 1 / (1 + exp(-({ab[0]:.3f} + {ab[1]:.3f} logit p))). "
                f"The map changes the held-out Brier score by {mean:+.4f} (standard error {se:.4f}), so "
                f"{'the table holds the mapped figures' if use_map else 'it is not applied: the table holds the empirical-Bayes figures'}"
                f" (a map is kept only when it gains more than one standard error). The table below is "
                f"the shipped method's; the standard error is that of a bucket's share right if its "
                f"claim were exact.\n\n")
        f.write("\n".join(lines) + "\n\n")
        f.write(f"Largest gap in a bucket of at least 20 edges: {worst:.3f}. "
                f"Mean over those buckets: {sum(gaps) / max(len(gaps), 1):.3f}.\n\n")
        f.write("Held-out Brier score (log loss): one global rate "
                f"{brier(glob):.4f} ({log_loss(glob):.4f}); empirical Bayes alone {brier(raw):.4f} "
                f"({log_loss(raw):.4f}); with the map {brier(cal):.4f} ({log_loss(cal):.4f}).\n\n"
                f"The same held-out edges claimed {'without' if use_map else 'with'} the map:\n\n")
        f.write("\n".join(raw_lines) + "\n\n")
        f.write(f"Largest gap there: {max(raw_gaps) if raw_gaps else float('nan'):.3f}.\n")
        if runs:
            f.write(f"\n## Repeated {a.k}-fold cross-validation\n\n"
                    f"The shipped method again, nested the same way, with the articles split into {a.k} "
                    f"folds by a salted hash of their id, {a.repeats} times with different salts; every edge is "
                    f"claimed once per partition and the buckets pool all partitions (edges: per "
                    f"partition). A single partition's worst gap depends on the partition: here from "
                    f"{run_worst[0]:.3f} to {run_worst[-1]:.3f} (median "
                    f"{run_worst[len(run_worst) // 2]:.3f}).\n\n")
            f.write("\n".join(rep_lines) + "\n\n")
            f.write(f"Largest gap in a bucket of at least 20 edges: "
                    f"{max(rep_gaps) if rep_gaps else float('nan'):.3f}. Held-out Brier score "
                    f"{brier(rep_cal if use_map else rep_raw):.4f}.\n")
        if history:
            f.write("\n" + history)
    print("\n".join(lines))
    print(f"{len(keys)} rule keys, {n_edges} edges ({len(copies)} copies), {right} right; "
          f"worst gap (>=20) {worst:.3f}; {'without' if use_map else 'with'} the map {max(raw_gaps):.3f}; "
          f"repeated {a.k}-fold {max(rep_gaps) if rep_gaps else float('nan'):.3f} -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
