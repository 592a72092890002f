-- newsgraph schema, version 5: curation and living archives (issue 13).
--
-- `curations` is the log of every correction made by hand (`entity merge/rename/retype/split/
-- drop`, `alias add/remove`, or replayed from a file by `curation apply`): the operation, the
-- entity as it was named then (`name`, `type`), its arguments (`arg`, `arg2`; for a merge,
-- `arg` is the JSON list of the [name, type] merged in), the id of the entity that stays
-- (`entity_id`: corrections are replayed onto it after every ingest batch and re-extraction),
-- a one-line `effect`, and `undo`, the JSON record of the rows it changed so `curation undo`
-- restores them exactly. `undone_at` is set by an undo; an undone correction is no longer
-- replayed. `curation_entities` lists the entity ids each correction touched: an undo waits
-- for the later corrections of the same entities to be undone first, and `forget` keeps a
-- curated entity even when it is left with no mention.
CREATE TABLE curations (
    id         INTEGER PRIMARY KEY,
    op         TEXT NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    arg        TEXT,
    arg2       TEXT,
    entity_id  INTEGER NOT NULL,
    effect     TEXT NOT NULL,
    undo       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at  TEXT
);

CREATE TABLE curation_entities (
    curation_id INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (curation_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX curation_entities_entity ON curation_entities(entity_id, curation_id);

CREATE VIEW curation_view AS
SELECT id AS curation_id, op, name, type, arg, arg2, entity_id, effect, created_at, undone_at
FROM curations;

-- What each article was extracted with: newsgraph's extractor version and the fingerprint of
-- the user lexicon (`--lexicon`; '' for none). NULL (articles stored before version 5) is
-- stale: `reextract --stale` redoes them.
ALTER TABLE articles ADD COLUMN extractor TEXT;
ALTER TABLE articles ADD COLUMN lexicon TEXT;

-- Small state that outlives a run: where an interrupted `reextract --all` resumes.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
