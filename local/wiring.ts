/** The composition root of the embedded default: SQLite (store, FTS5 search, outbox) and files for blobs. */
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../adapters/sqlite/db';
import { FileBlobStore } from '../adapters/files/blob-store';
import { SqliteCodificationRepository } from '../adapters/sqlite/codification-repository';
import { SqliteLinkRepository } from '../adapters/sqlite/link-repository';
import { SqliteOutbox } from '../adapters/sqlite/outbox';
import { SqliteSearchIndex } from '../adapters/sqlite/search-index';
import { SqliteUnitRepository } from '../adapters/sqlite/unit-repository';
import { SqliteWorkRepository } from '../adapters/sqlite/work-repository';
import type { Ports } from '../domain/ports';

export interface Embedded {
  dataDir: string;
  db: Db;
  ports: Ports;
  outbox: SqliteOutbox;
  close(): void;
}

export function openEmbedded(dataDir: string): Embedded {
  const dir = resolve(dataDir);
  const db = openDatabase(join(dir, 'csdl.sqlite'));
  return {
    dataDir: dir,
    db,
    ports: {
      works: new SqliteWorkRepository(db),
      units: new SqliteUnitRepository(db),
      blobs: new FileBlobStore(join(dir, 'blobs')),
      search: new SqliteSearchIndex(db),
      codification: new SqliteCodificationRepository(db),
      links: new SqliteLinkRepository(db),
      clock: { now: () => new Date() },
    },
    outbox: new SqliteOutbox(db),
    close: () => db.close(),
  };
}
