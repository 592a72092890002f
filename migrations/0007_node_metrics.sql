-- newsgraph schema, version 7: the node metrics of the whole graph (the one `top` ranks by
-- default: every positive edge, no filter) kept in a table, so `top` reads twenty rows instead
-- of computing PageRank and communities over every edge of the archive on each call.
--
-- `graph_state.metrics_fresh` says whether `node_metrics` describes the edges as stored now.
-- Any change to `edges` (a new article's relations, an archive-wide merge, a curation,
-- `forget`) clears it, by the triggers below, in the same transaction; the commands that
-- change edges compute the metrics again when they end, and `top` computes them itself when
-- they are not fresh. Nothing else ever reads a stale row.
CREATE TABLE node_metrics (
    entity_id       INTEGER PRIMARY KEY,
    pagerank        REAL NOT NULL,
    in_degree       INTEGER NOT NULL,
    out_degree      INTEGER NOT NULL,
    weighted_degree REAL NOT NULL,
    community       INTEGER NOT NULL
);
CREATE INDEX node_metrics_pagerank ON node_metrics(pagerank DESC);

CREATE TABLE graph_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    metrics_fresh INTEGER NOT NULL
);
INSERT INTO graph_state (id, metrics_fresh) VALUES (1, 0);

CREATE TRIGGER edges_insert_stales_metrics AFTER INSERT ON edges
WHEN (SELECT metrics_fresh FROM graph_state) = 1
BEGIN
    UPDATE graph_state SET metrics_fresh = 0;
END;
CREATE TRIGGER edges_update_stales_metrics AFTER UPDATE ON edges
WHEN (SELECT metrics_fresh FROM graph_state) = 1
BEGIN
    UPDATE graph_state SET metrics_fresh = 0;
END;
CREATE TRIGGER edges_delete_stales_metrics AFTER DELETE ON edges
WHEN (SELECT metrics_fresh FROM graph_state) = 1
BEGIN
    UPDATE graph_state SET metrics_fresh = 0;
END;
