-- newsgraph schema, version 4: `entity_merges`, the record of every automatic merge made by
-- the archive-wide resolution after each ingest batch (src/store/resolve.rs), so a curator can
-- see why two nodes became one and undo it: the merged entity's id, name and type, the entity
-- it went into, why (`type`: the same name under another type; `short`: a surname alone into
-- the one person of that surname; `variant`: the same name
-- written otherwise), and the mentions and relations it moved (ids, comma-separated).
CREATE TABLE entity_merges (
    id           INTEGER PRIMARY KEY,
    from_id      INTEGER NOT NULL,
    from_name    TEXT NOT NULL,
    from_type    TEXT NOT NULL,
    into_id      INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    mentions     INTEGER NOT NULL,
    mention_ids  TEXT NOT NULL,
    relation_ids TEXT NOT NULL,
    merged_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX entity_merges_into ON entity_merges(into_id);

CREATE VIEW merge_view AS
SELECT m.id AS merge_id, m.from_id, m.from_name, m.from_type, m.into_id, e.name AS into_name,
       e.type AS into_type, m.reason, m.mentions, m.merged_at
FROM entity_merges m
LEFT JOIN entities e ON e.id = m.into_id;
