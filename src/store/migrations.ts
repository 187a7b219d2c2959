// Versioned schema: migration N brings `PRAGMA user_version` from N-1 to N.
// Append new migrations; never edit one that has shipped. Each item table
// keeps the columns reads filter on plus the item's full JSON (`json`), so a
// stored Extraction reads back exactly as the pipeline produced it, and new
// fields in src/model reach the UI without a migration.

export const MIGRATIONS: readonly string[] = [
  // 1: documents, layers, FTS5 over sentences, fusion clusters.
  `
  CREATE TABLE documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    url TEXT,
    title TEXT,
    byline TEXT,
    source TEXT COLLATE NOCASE,
    published TEXT,
    language TEXT NOT NULL,
    origin TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    minhash BLOB NOT NULL,
    shingles INTEGER NOT NULL,
    duplicate_of INTEGER REFERENCES documents(doc) ON DELETE SET NULL,
    duplicate_similarity REAL,
    messages TEXT NOT NULL DEFAULT '[]',
    -- Document fields without a column of their own (added to src/model later).
    extra TEXT NOT NULL DEFAULT '{}',
    n_sentences INTEGER NOT NULL DEFAULT 0,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_claims INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_places INTEGER NOT NULL DEFAULT 0,
    n_times INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX documents_published ON documents(published);
  CREATE INDEX documents_source ON documents(source);
  CREATE INDEX documents_content_hash ON documents(content_hash);
  CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

  -- MinHash LSH band keys of original (non-duplicate) documents: the candidate index.
  CREATE TABLE minhash_bands (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    PRIMARY KEY (key, doc)
  ) WITHOUT ROWID;
  CREATE INDEX minhash_bands_doc ON minhash_bands(doc);

  CREATE TABLE sentences (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    i INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    UNIQUE (doc, i)
  );
  CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
  END;
  CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  END;

  CREATE TABLE entities (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    type TEXT NOT NULL,
    text TEXT NOT NULL COLLATE NOCASE,
    sentence INTEGER NOT NULL,
    chain TEXT,
    actor TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (doc, id)
  ) WITHOUT ROWID;
  CREATE INDEX entities_actor ON entities(actor) WHERE actor IS NOT NULL;
  CREATE INDEX entities_text ON entities(text);
  CREATE INDEX entities_type ON entities(type);

  -- Canonical actors seen in the archive (ids from src/actors); labels and
  -- counts are computed from the mentions when read.
  CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    first_doc INTEGER REFERENCES documents(doc) ON DELETE SET NULL
  ) WITHOUT ROWID;

  CREATE TABLE claims (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    status TEXT NOT NULL,
    negated INTEGER NOT NULL,
    source_text TEXT NOT NULL COLLATE NOCASE,
    source_actor TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (doc, id)
  ) WITHOUT ROWID;
  CREATE INDEX claims_status ON claims(status);
  CREATE INDEX claims_source_actor ON claims(source_actor) WHERE source_actor IS NOT NULL;

  CREATE TABLE events (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    type TEXT NOT NULL,
    sub_type TEXT NOT NULL,
    event_date TEXT,
    place TEXT,
    actor1 TEXT,
    actor2 TEXT,
    status TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc, id)
  ) WITHOUT ROWID;
  CREATE INDEX events_type ON events(type);
  CREATE INDEX events_sub_type ON events(sub_type);
  CREATE INDEX events_date ON events(event_date);
  CREATE INDEX events_actor1 ON events(actor1) WHERE actor1 IS NOT NULL;
  CREATE INDEX events_actor2 ON events(actor2) WHERE actor2 IS NOT NULL;

  CREATE TABLE places (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL COLLATE NOCASE,
    name TEXT COLLATE NOCASE,
    country TEXT COLLATE NOCASE,
    admin1 TEXT COLLATE NOCASE,
    json TEXT NOT NULL,
    PRIMARY KEY (doc, id)
  ) WITHOUT ROWID;
  CREATE INDEX places_name ON places(name);
  CREATE INDEX places_text ON places(text);
  CREATE INDEX places_country ON places(country);

  CREATE TABLE times (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    value TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc, id)
  ) WITHOUT ROWID;

  -- Output of src/fuse, recomputed as a whole per kind.
  CREATE TABLE clusters (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TABLE cluster_members (
    cluster TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    item TEXT NOT NULL,
    role TEXT,
    PRIMARY KEY (cluster, doc, item)
  ) WITHOUT ROWID;
  CREATE INDEX cluster_members_doc ON cluster_members(doc);
  `,
];
