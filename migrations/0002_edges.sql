-- newsgraph schema, version 2: `edges`, the relations aggregated per (source, type, target,
-- negated) and kept up to date by the writer, so graph exports and `neighbors` read one row
-- per edge instead of grouping every relation. `edge_view` is redefined over it, with the
-- same columns and meaning (negated edges left out, weight = evidence count).
--
-- Dates: first_seen/last_seen are min/max of the articles' `published` (NULL when no
-- evidence is dated). The sample is the evidence relation with the smallest id, and its
-- sentence. confidence_sum / weight is the mean confidence.

CREATE TABLE edges (
    source_id          INTEGER NOT NULL,
    type               TEXT NOT NULL,
    target_id          INTEGER NOT NULL,
    negated            INTEGER NOT NULL,
    weight             INTEGER NOT NULL,
    articles           INTEGER NOT NULL,
    first_seen         TEXT,
    last_seen          TEXT,
    confidence_sum     REAL NOT NULL,
    sample_relation_id INTEGER NOT NULL,
    sample_sentence_id INTEGER NOT NULL,
    PRIMARY KEY (source_id, type, target_id, negated)
) WITHOUT ROWID;
CREATE INDEX edges_target ON edges(target_id, type, source_id, negated);

INSERT INTO edges (source_id, type, target_id, negated, weight, articles, first_seen,
                   last_seen, confidence_sum, sample_relation_id, sample_sentence_id)
SELECT g.*, (SELECT sentence_id FROM relations WHERE id = g.sample)
FROM (
    SELECT r.source_id, r.type, r.target_id, r.negated, count(*), count(DISTINCT r.article_id),
           min(a.published), max(a.published), sum(r.confidence), min(r.id) AS sample
    FROM relations r
    JOIN articles a ON a.id = r.article_id
    GROUP BY r.source_id, r.type, r.target_id, r.negated
) g;

DROP VIEW edge_view;
CREATE VIEW edge_view AS
SELECT e.source_id, s.name AS source, e.type, e.target_id, t.name AS target,
       e.weight, e.articles, e.first_seen, e.last_seen,
       e.confidence_sum / e.weight AS confidence
FROM edges e
JOIN entities s ON s.id = e.source_id
JOIN entities t ON t.id = e.target_id
WHERE e.negated = 0;
