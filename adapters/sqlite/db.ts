/** Opens (and migrates) the embedded SQLite database of a data folder. One file, WAL mode, safe for one server and CLIs. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE works (
     id TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     ref_key TEXT,
     type TEXT NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE INDEX works_ref_key ON works(ref_key);
   CREATE TABLE source_hashes (sha256 TEXT PRIMARY KEY, work_id TEXT NOT NULL) STRICT;
   -- The outbox: the embedded analogue of the DynamoDB stream. Every write appends here in the same transaction.
   CREATE TABLE changes (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     entity TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE search_entries (
     rid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     work_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     e_id TEXT,
     document_number TEXT,
     document_type TEXT NOT NULL,
     title TEXT,
     text TEXT NOT NULL,
     issued TEXT,
     version INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX search_entries_work ON search_entries(work_id);
   -- How far each consumer of the outbox has read (the local indexer is one).
   CREATE TABLE stream_offsets (consumer TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT;
   CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');`,
  `CREATE TABLE units (
     set_id TEXT NOT NULL,
     e_id TEXT NOT NULL,
     ord INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (set_id, e_id)
   ) STRICT;`,
  // Search v2 (docs/adr/0008): document metadata on every entry for filters and facets, exact-diacritics and number
  // columns. The index is rebuilt from the store: the indexer's stream offset is reset so the outbox replays.
  `DROP TABLE search_fts;
   DROP TABLE search_entries;
   -- Filter and facet columns first, long text last: SQLite reads a row's columns in order, so a filter never
   -- walks the overflow pages of a long text.
   CREATE TABLE search_entries (
     rid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     work_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     version INTEGER NOT NULL,
     document_type TEXT NOT NULL,
     status TEXT NOT NULL,
     issued TEXT,
     effective TEXT,
     expiry TEXT,
     scope TEXT NOT NULL,
     province_key TEXT,
     issuer_keys TEXT NOT NULL,
     sectors TEXT NOT NULL,
     issuers TEXT NOT NULL,
     e_id TEXT,
     document_number TEXT,
     citation TEXT,
     province TEXT,
     title TEXT,
     document_title TEXT,
     text TEXT NOT NULL
   ) STRICT;
   CREATE INDEX search_entries_work ON search_entries(work_id);
   CREATE VIRTUAL TABLE search_fts USING fts5(title, body, title_exact, number, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
   DELETE FROM stream_offsets WHERE consumer = 'indexer';`,
  // The Bộ pháp điển (domain/codify): topics, headings (structure as JSON) and codified articles (JSON).
  `CREATE TABLE codify_topics (number INTEGER PRIMARY KEY, title TEXT NOT NULL) STRICT;
   CREATE TABLE codify_headings (
     id TEXT PRIMARY KEY,
     topic INTEGER NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE INDEX codify_headings_topic ON codify_headings(topic);
   CREATE TABLE codify_articles (
     heading_id TEXT NOT NULL,
     ord INTEGER NOT NULL,
     code TEXT NOT NULL,
     source_document_id TEXT,
     source_article TEXT,
     body TEXT NOT NULL,
     PRIMARY KEY (heading_id, ord)
   ) STRICT;
   CREATE INDEX codify_articles_code ON codify_articles(code);
   CREATE INDEX codify_articles_source ON codify_articles(source_document_id, source_article);`,
  // Relations and effects (domain/relations, domain/effects), per source work, found by target.
  `CREATE TABLE links (
     source_work_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     ord INTEGER NOT NULL,
     target_work_id TEXT,
     body TEXT NOT NULL,
     PRIMARY KEY (source_work_id, kind, ord)
   ) STRICT;
   CREATE INDEX links_target ON links(target_work_id);
   -- Links are derived by the stream consumer: replay every change once so existing stores get them.
   DELETE FROM stream_offsets WHERE consumer = 'indexer';`,
  // The history (domain/history): append-only events; seq orders the change feed.
  `CREATE TABLE history (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     work_id TEXT NOT NULL,
     recorded_at TEXT NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE INDEX history_work ON history(work_id, seq);
   -- Replay every stored change once so existing stores get their documents' history.
   DELETE FROM stream_offsets WHERE consumer = 'indexer';`,
  // Search (docs/adr/0008, "Filters without reading the entries"): the filter and facet columns of every entry in a
  // narrow index keyed by rid, so a filtered or faceted search reads it (INDEXED BY) instead of the entries' pages.
  `CREATE INDEX search_entries_filters ON search_entries(rid, kind, document_type, status, issued, effective, expiry, scope, province_key,
     work_id, issuer_keys, sectors, issuers);`,
  // Search ranking from term impacts (docs/adr/0008, "Ranking from term impacts"): per entry its words' weighted
  // frequencies, per word its entry count and impact list. An existing index is filled in by SqliteSearchIndex on
  // open (it needs the tokenizer); an empty one is complete from the start.
  `CREATE TABLE search_terms (rid INTEGER PRIMARY KEY, size INTEGER NOT NULL, freqs BLOB NOT NULL) STRICT;
   CREATE TABLE search_term_stats (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL, n INTEGER NOT NULL, floor INTEGER NOT NULL) STRICT;
   CREATE TABLE search_impacts (term INTEGER NOT NULL, g INTEGER NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (term, g, rid)) STRICT, WITHOUT ROWID;
   CREATE TABLE search_meta (key TEXT PRIMARY KEY, value ANY) STRICT;
   INSERT INTO search_meta (key, value) SELECT 'complete', 1 WHERE NOT EXISTS (SELECT 1 FROM search_entries);`,
  // Questions (docs/adr/0016): the passage terms (syllables and pairs of syllables, `tham_quyen`) of every unit and
  // codified article, ranked by FTS5's bm25 with any term matching; the vocabulary table gives each term's entry
  // count. An existing index is filled in by SqliteSearchIndex on open; an empty one is complete from the start.
  `CREATE VIRTUAL TABLE search_passages USING fts5(terms, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
   CREATE VIRTUAL TABLE search_passages_vocab USING fts5vocab(search_passages, row);
   INSERT INTO search_meta (key, value) SELECT 'passages', 1 WHERE NOT EXISTS (SELECT 1 FROM search_entries);`,
  // Documents cited by name and date (refs.ts nameKeys): each work's keys. Works stored before get theirs from
  // SqliteWorkRepository on first use (the keys fold Vietnamese titles, which SQL cannot); the marker says so.
  `CREATE TABLE work_names (name_key TEXT NOT NULL, work_id TEXT NOT NULL, PRIMARY KEY (name_key, work_id)) STRICT, WITHOUT ROWID;
   CREATE INDEX work_names_by_work ON work_names(work_id);
   CREATE TABLE work_names_backfill (pending INTEGER) STRICT;`,
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
