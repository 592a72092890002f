-- newsgraph schema, version 6: each sentence's text is stored once, in its article's text.
--
-- Until now every sentence kept a copy of its text beside the article's: 1.26 GB of text
-- stored twice in a database of a million articles. `sentence_spans` keeps only where the
-- sentence is: `start`/`end` in code points (as before) and two byte corrections, `skip`
-- (byte offset of the start minus `start`) and `span_skip` (byte length minus `end - start`),
-- both 0 for ASCII text, which SQLite stores in no bytes at all. `sentences` becomes a view of
-- the same name and columns that slices the article's text by bytes, so every reader (the
-- public views, the full-text index's external content, `explain`) reads what it read before.
--
-- `text` is kept only where the slice would not give the stored text back (none is expected:
-- the writer stored exactly that slice), so the migration loses nothing whatever the data.
--
-- The new table is made aside, takes the name `sentences`, then is renamed, so that SQLite rewrites the foreign
-- keys of `mentions` and `relations` to name it; the two views that read sentences are
-- dropped first (a rename checks every view) and made again, word for word as in 0001.
-- Run with foreign keys off (`migrate.rs` makes sure): dropping the old table would otherwise
-- delete the mentions and relations that reference it.
DROP VIEW sentence_view;
DROP VIEW relation_view;

CREATE TABLE sentences_next (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    skip       INTEGER NOT NULL DEFAULT 0,
    span_skip  INTEGER NOT NULL DEFAULT 0,
    text       TEXT,
    UNIQUE (article_id, idx)
);

INSERT INTO sentences_next (id, article_id, idx, start, "end", skip, span_skip, text)
SELECT id, article_id, idx, start, "end", skip, span_skip,
       iif(a_text IS NOT NULL
           AND CAST(substr(CAST(a_text AS BLOB), start + skip + 1, "end" - start + span_skip)
                    AS TEXT) IS text, NULL, text)
FROM (
    SELECT s.id, s.article_id, s.idx, s.start, s."end", s.text, a.text AS a_text,
           coalesce(length(CAST(substr(a.text, 1, s.start) AS BLOB)) - s.start, 0) AS skip,
           length(CAST(s.text AS BLOB)) - (s."end" - s.start) AS span_skip
    FROM sentences s
    LEFT JOIN articles a ON a.id = s.article_id
    ORDER BY s.id
);

DROP TABLE sentences;
ALTER TABLE sentences_next RENAME TO sentences;
ALTER TABLE sentences RENAME TO sentence_spans;

-- The article's text is read by a subquery, not a join: a view of one table is flattened into
-- every query that reads it, and only a query that asks for `text` reads the article.
CREATE VIEW sentences AS
SELECT s.id, s.article_id, s.idx, s.start, s."end",
       coalesce(s.text, (SELECT CAST(substr(CAST(a.text AS BLOB), s.start + s.skip + 1,
                                            s."end" - s.start + s.span_skip) AS TEXT)
                         FROM articles a WHERE a.id = s.article_id)) AS text
FROM sentence_spans s;

CREATE VIEW sentence_view AS
SELECT id AS sentence_id, article_id, idx, start, "end", text
FROM sentences;

CREATE VIEW relation_view AS
SELECT r.id AS relation_id, r.source_id, s.name AS source, s.type AS source_type, r.type,
       r.target_id, t.name AS target, t.type AS target_type, r.negated, r.confidence,
       r.article_id, a.external_id, a.published, r.sentence_id, se.text AS sentence, r.trigger,
       r.rule, rt.family, rt.plover, rt.cameo_root
FROM relations r
JOIN entities s ON s.id = r.source_id
JOIN entities t ON t.id = r.target_id
JOIN articles a ON a.id = r.article_id
JOIN sentences se ON se.id = r.sentence_id
LEFT JOIN relation_types rt ON rt.type = r.type;
