#!/usr/bin/env python3
"""Read newsgraph exports back with real clients and check them against the database.

Usage: check_exports.py DB DIR

DIR holds graph.graphml, graph.gexf, graph.json, csv/ (aggregated edges) and multi.json (one
edge per evidence sentence). Expected values come from the database's public views
(edge_view, entity_view, relation_view) through Python's sqlite3. Exits 0 and prints
"OK: ..." when everything matches; exits 3 with "SKIP: ..." when networkx is missing.
"""

import csv
import json
import sqlite3
import sys

try:
    import networkx as nx
except ImportError:  # the Rust test prints the notice and skips
    print("SKIP: networkx is not installed (pip install networkx)")
    sys.exit(3)

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)


def expected(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    edges = {}
    for s, t, typ, tg, w, arts, first, last in con.execute(
        "SELECT source_id, source, type, target_id, weight, articles, first_seen, last_seen"
        " FROM edge_view"
    ):
        edges[(str(s), typ, str(tg))] = dict(weight=w, articles=arts, first=first, last=last)
    dates = {}
    for s, typ, tg, pub in con.execute(
        "SELECT DISTINCT source_id, type, target_id, published FROM relation_view"
        " WHERE negated = 0 AND published IS NOT NULL"
    ):
        dates.setdefault((str(s), typ, str(tg)), set()).add(pub[:10])
    ends = {k[0] for k in edges} | {k[2] for k in edges}
    nodes = {}
    for eid, name, typ in con.execute("SELECT entity_id, name, type FROM entity_view"):
        if str(eid) in ends:
            nodes[str(eid)] = dict(name=name, type=typ)
    relations = con.execute("SELECT count(*) FROM relation_view WHERE negated = 0").fetchone()[0]
    return nodes, edges, dates, relations


def xml_clean(s):
    """What an XML 1.0 export can carry: forbidden control characters become U+FFFD."""
    return "".join(
        "\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" else c
        for c in s
    )


def check_graph(fmt, g, nodes, edges, dates, clean=lambda s: s):
    check(g.is_directed(), f"{fmt}: graph is not directed")
    check(g.number_of_nodes() == len(nodes), f"{fmt}: {g.number_of_nodes()} nodes, want {len(nodes)}")
    check(g.number_of_edges() == len(edges), f"{fmt}: {g.number_of_edges()} edges, want {len(edges)}")
    for n, d in g.nodes(data=True):
        want = nodes.get(str(n))
        check(want is not None, f"{fmt}: unexpected node {n!r}")
        if want:
            check(d.get("label") == clean(want["name"]), f"{fmt}: node {n} label {d.get('label')!r} != {want['name']!r}")
            check(d.get("type") == want["type"], f"{fmt}: node {n} type {d.get('type')!r}")
            check(d.get("pagerank", -1) > 0, f"{fmt}: node {n} has no pagerank")
    seen = set()
    for u, v, d in g.edges(data=True):
        key = (str(u), d.get("relation"), str(v))
        seen.add(key)
        want = edges.get(key)
        check(want is not None, f"{fmt}: edge {key} is not in edge_view (direction lost?)")
        if not want:
            continue
        # GraphML declares weight and articles with a default of 1 and GEXF's weight defaults
        # to 1: a value of 1 is left out (see src/export/graphml.rs), networkx keeps defaults aside.
        default = {"weight": 1.0, **g.graph.get("edge_default", {})}
        weight, articles = d.get("weight", default.get("weight")), d.get("articles", default.get("articles"))
        check(float(weight) == want["weight"], f"{fmt}: {key} weight {weight} != {want['weight']}")
        check(int(articles) == want["articles"], f"{fmt}: {key} articles {articles}")
        if want["first"] is not None:
            check(d.get("first_seen") == want["first"][:10], f"{fmt}: {key} first_seen {d.get('first_seen')}")
            check(d.get("last_seen") == want["last"][:10], f"{fmt}: {key} last_seen {d.get('last_seen')}")
        check(bool(d.get("family")), f"{fmt}: {key} has no family")
    check(seen == set(edges), f"{fmt}: edges differ from edge_view: {sorted(set(edges) ^ seen)}")
    return seen


def china_bans_north_korea(fmt, g, edges):
    """China -bans-> North Korea: directed, labelled bans, weighted by its evidence count."""
    ids = {d.get("label"): str(n) for n, d in g.nodes(data=True)}
    china, nk = ids.get("China"), ids.get("North Korea")
    check(china and nk, f"{fmt}: China or North Korea missing")
    if not (china and nk):
        return
    want = edges[(china, "bans", nk)]["weight"]
    got = [d for u, v, d in g.edges(data=True) if str(u) == china and str(v) == nk and d.get("relation") == "bans"]
    check(len(got) == 1 and float(got[0].get("weight", 1)) == want, f"{fmt}: China -bans-> North Korea {got} want weight {want}")
    back = [d for u, v, d in g.edges(data=True) if str(u) == nk and str(v) == china and d.get("relation") == "bans"]
    check(not back, f"{fmt}: a North Korea -bans-> China edge appeared")


def read_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    check(data.get("directed") is True, f"{path}: directed is not true")
    check(data.get("multigraph") is True, f"{path}: multigraph is not true")
    check("edges" in data and "links" not in data, f"{path}: the edges are not under 'edges'")
    try:
        # networkx 3.4 and later: the defaults read the file as written.
        return nx.node_link_graph(data) if _nx_edges_default() else nx.node_link_graph(data, edges="edges")
    except TypeError:  # networkx < 3.4
        return nx.node_link_graph(data, link="edges")


def _nx_edges_default():
    """Does node_link_graph read 'edges' by default (networkx 3.6 on; 3.4-3.5 warn and read 'links')?"""
    import inspect
    p = inspect.signature(nx.node_link_graph).parameters.get("edges")
    return p is not None and p.default == "edges"


def check_csv(path, nodes, edges, dates):
    with open(f"{path}/nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check(list(rows[0].keys())[:2] == ["Id", "Label"], "csv: nodes.csv must start with Id,Label")
    check({r["Id"] for r in rows} == set(nodes), "csv: node ids differ")
    for r in rows:
        check(r["Label"] == nodes[r["Id"]]["name"], f"csv: node {r['Id']} label {r['Label']!r}")
    with open(f"{path}/edges.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check(list(rows[0].keys())[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"], "csv: edges.csv header")
    got = {}
    for r in rows:
        key = (r["Source"], r["Label"], r["Target"])
        got[key] = r
        check(r["Type"] == "Directed", f"csv: {key} Type {r['Type']!r}")
    check(set(got) == set(edges), f"csv: edges differ: {sorted(set(got) ^ set(edges))}")
    for key, r in got.items():
        if key not in edges:
            continue
        check(int(r["Weight"]) == edges[key]["weight"], f"csv: {key} Weight {r['Weight']}")
        want = sorted(dates.get(key, ()))
        ts = f"<[{', '.join(want)}]>" if want else ""
        check(r["timeset"] == ts, f"csv: {key} timeset {r['timeset']!r} != {ts!r}")
    ids = {r["Label"]: r["Id"] for r in csv.DictReader(open(f"{path}/nodes.csv", newline="", encoding="utf-8"))}
    key = (ids.get("China"), "bans", ids.get("North Korea"))
    check(key in got and int(got[key]["Weight"]) == edges.get(key, {}).get("weight"), "csv: China -bans-> North Korea")


def main():
    db, out = sys.argv[1], sys.argv[2]
    nodes, edges, dates, relations = expected(db)

    g = nx.read_graphml(f"{out}/graph.graphml")
    check_graph("graphml", g, nodes, edges, dates, xml_clean)
    china_bans_north_korea("graphml", g, edges)
    for n, d in g.nodes(data=True):
        check(all(isinstance(d.get(c), int) for c in "rgb"), f"graphml: node {n} colour r/g/b not ints")
        check(isinstance(d.get("size"), float), f"graphml: node {n} size not a double")
        check(all(isinstance(d.get(c), float) for c in "xy"), f"graphml: node {n} has no x/y position")
    check(len({(d["x"], d["y"]) for _, d in g.nodes(data=True)}) == g.number_of_nodes(), "graphml: nodes share a position")
    cameo = dict(sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute(
        "SELECT type, cameo_root FROM relation_types WHERE cameo_root IS NOT NULL"))
    for u, v, d in g.edges(data=True):
        code = cameo.get(d.get("relation"))
        if code:
            check(str(d.get("cameo_root", "")).startswith(code + " "), f"graphml: {u}-{v} cameo_root {d.get('cameo_root')!r}, want {code} and its name")
        check(d.get("label") == f"{g.nodes[u]['label']} {d['relation'].replace('_', ' ')} {g.nodes[v]['label']}", f"graphml: edge label {d.get('label')!r}")

    g = nx.read_gexf(f"{out}/graph.gexf")
    check(g.graph.get("mode") == "dynamic", "gexf: graph is not dynamic")
    check_graph("gexf", g, nodes, edges, dates, xml_clean)
    china_bans_north_korea("gexf", g, edges)
    for u, v, d in g.edges(data=True):
        key = (str(u), d.get("relation"), str(v))
        spells = sorted(s for s, _ in d.get("spells", []))
        check(spells == sorted(dates.get(key, ())), f"gexf: {key} spells {spells}")
        check(all(s == e for s, e in d.get("spells", [])), f"gexf: {key} spells are not single dates")
    for n, d in g.nodes(data=True):
        check("color" in d.get("viz", {}) and "size" in d.get("viz", {}), f"gexf: node {n} lacks viz colour/size")
        check("position" in d.get("viz", {}), f"gexf: node {n} lacks viz position")
        check("a" not in d.get("viz", {}).get("color", {}) or d["viz"]["color"]["a"] == 1.0, f"gexf: node {n} colour")
        dated = sorted({s for _, _, e in g.in_edges(n, data=True) for s, _ in e.get("spells", [])} |
                       {s for _, _, e in g.out_edges(n, data=True) for s, _ in e.get("spells", [])})
        if dated:
            check((d.get("first_seen"), d.get("last_seen")) == (dated[0], dated[-1]), f"gexf: node {n} first/last_seen {d.get('first_seen')} {d.get('last_seen')}, want {dated[0]} {dated[-1]}")

    g = read_json(f"{out}/graph.json")
    check_graph("json", g, nodes, edges, dates)
    check(all(isinstance(d.get("x"), float) and isinstance(d.get("y"), float) for _, d in g.nodes(data=True)), "json: nodes without x/y")
    china_bans_north_korea("json", g, edges)

    check_csv(f"{out}/csv", nodes, edges, dates)

    m = read_json(f"{out}/multi.json")
    check(m.number_of_edges() == relations, f"multi json: {m.number_of_edges()} edges, want {relations}")
    keys = [k for _, _, k in m.edges(keys=True)]
    check(len(set(keys)) == len(keys), "multi json: edge keys are not unique")

    if FAILURES:
        print("FAILED:\n  " + "\n  ".join(FAILURES))
        sys.exit(1)
    print(f"OK: {len(nodes)} nodes, {len(edges)} edges, {relations} relations checked in graphml, gexf, json, csv")


if __name__ == "__main__":
    main()
