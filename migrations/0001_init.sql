-- newsgraph schema, version 1: articles, sentences, entities, mentions, relations, and the
-- public views. Tables are internal; the *_view views are the documented interface.

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,
    external_id TEXT,
    title       TEXT,
    author      TEXT,
    source      TEXT,
    published   TEXT,
    url         TEXT,
    path        TEXT NOT NULL,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);

CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    UNIQUE (name, type)
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_alias ON aliases(alias COLLATE NOCASE);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    surface     TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE relation_types (
    type       TEXT PRIMARY KEY,
    family     TEXT NOT NULL,
    plover     TEXT,
    cameo_root TEXT
) WITHOUT ROWID;
INSERT INTO relation_types (type, family, plover, cameo_root) VALUES
  ('reports', 'statement', NULL, '01'),
  ('claims', 'statement', NULL, '01'),
  ('denies', 'statement', NULL, '01'),
  ('accuses', 'disapprove', 'DISAPPROVE', '11'),
  ('criticizes', 'disapprove', 'DISAPPROVE', '11'),
  ('praises', 'support', 'SUPPORT', '05'),
  ('supports', 'support', 'SUPPORT', '05'),
  ('demands', 'demand', 'DEMAND', '10'),
  ('threatens', 'threaten', 'THREATEN', '13'),
  ('rejects', 'reject', 'REJECT', '12'),
  ('agrees_with', 'agree', 'AGREE', '03'),
  ('meets', 'consult', 'CONSULT', '04'),
  ('cooperates_with', 'cooperate', 'COOPERATE', '06'),
  ('aids', 'aid', 'AID', '07'),
  ('concedes', 'concede', 'CONCEDE', '08'),
  ('withdraws_from', 'retreat', 'RETREAT', '08'),
  ('investigates', 'investigate', 'INVESTIGATE', '09'),
  ('protests', 'protest', 'PROTEST', '14'),
  ('sanctions', 'sanction', 'SANCTION', '16'),
  ('bans', 'sanction', 'SANCTION', '16'),
  ('coerces', 'coerce', 'COERCE', '17'),
  ('attacks', 'attack', 'ASSAULT|FIGHT', '18'),
  ('trades_with', 'economic', NULL, NULL),
  ('member_of', 'structure', NULL, NULL),
  ('leads', 'structure', NULL, NULL),
  ('works_for', 'structure', NULL, NULL),
  ('located_in', 'structure', NULL, NULL),
  ('part_of', 'structure', NULL, NULL);

CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES entities(id),
    target_id   INTEGER NOT NULL REFERENCES entities(id),
    type        TEXT NOT NULL REFERENCES relation_types(type),
    negated     INTEGER NOT NULL DEFAULT 0,
    confidence  REAL NOT NULL,
    trigger     TEXT NOT NULL,
    rule        TEXT NOT NULL
);
CREATE INDEX relations_article ON relations(article_id);
CREATE INDEX relations_source ON relations(source_id, type, target_id);
CREATE INDEX relations_target ON relations(target_id, type, source_id);

CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='sentences', content_rowid='id');

CREATE VIEW article_view AS
SELECT id AS article_id, external_id, title, author, source, published, url, path, text
FROM articles;

CREATE VIEW sentence_view AS
SELECT id AS sentence_id, article_id, idx, start, "end", text
FROM sentences;

CREATE VIEW entity_view AS
SELECT id AS entity_id, name, type, mentions, articles
FROM entities;

CREATE VIEW alias_view AS
SELECT a.entity_id, e.name, a.alias
FROM aliases a JOIN entities e ON e.id = a.entity_id;

CREATE VIEW mention_view AS
SELECT m.id AS mention_id, m.entity_id, e.name, e.type, m.kind, m.article_id, a.external_id,
       m.sentence_id, m.start, m."end", m.surface
FROM mentions m
JOIN entities e ON e.id = m.entity_id
JOIN articles a ON a.id = m.article_id;

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

CREATE VIEW edge_view AS
SELECT r.source_id, s.name AS source, r.type, r.target_id, t.name AS target,
       count(*) AS weight, count(DISTINCT r.article_id) AS articles,
       min(a.published) AS first_seen, max(a.published) AS last_seen,
       avg(r.confidence) AS confidence
FROM relations r
JOIN entities s ON s.id = r.source_id
JOIN entities t ON t.id = r.target_id
JOIN articles a ON a.id = r.article_id
WHERE r.negated = 0
GROUP BY r.source_id, r.type, r.target_id;
