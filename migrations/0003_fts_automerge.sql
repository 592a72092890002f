-- newsgraph schema, version 3: the full-text index merges its segments 8 at a time instead
-- of 4. Every ingest batch adds one segment; merging them 4 by 4 cost the writer 10% of its
-- instructions on a Reuters ingest (169M of 1,686M on 3,000 articles, 63M with 8), and
-- ingest is bound by that single writer. A search reads at most 8 segments a level instead
-- of 4, which on millions of sentences is still a few milliseconds.
INSERT INTO sentence_fts (sentence_fts, rank) VALUES ('automerge', 8);
