/** The composition root of the embedded default: SQLite (store, FTS5 search, outbox) and files for blobs. */
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../adapters/sqlite/db';
import { FileBlobStore } from '../adapters/files/blob-store';
import { SqliteCodificationRepository } from '../adapters/sqlite/codification-repository';
import { SqliteHistoryRepository } from '../adapters/sqlite/history-repository';
import { SqliteDraftRepository } from '../adapters/sqlite/draft-repository';
import { SqliteSubscriptionRepository } from '../adapters/sqlite/subscription-repository';
import { HttpWebhookSender } from '../adapters/webhook/http-sender';
import { SqliteLinkRepository } from '../adapters/sqlite/link-repository';
import { SqliteOutbox } from '../adapters/sqlite/outbox';
import { SqliteSearchIndex } from '../adapters/sqlite/search-index';
import { SqliteUnitRepository } from '../adapters/sqlite/unit-repository';
import { SqliteWorkRepository } from '../adapters/sqlite/work-repository';
import type { ImportMessage, ImportPorts, Ports } from '../domain/ports';
import { SqliteImportJobRepository } from '../adapters/sqlite/import-job-repository';
import { FileImportFiles } from '../adapters/files/import-files';
import { InProcessImportQueue } from './import-queue';

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
      history: new SqliteHistoryRepository(db),
      drafts: new SqliteDraftRepository(db),
      subscriptions: new SqliteSubscriptionRepository(db),
      // The local runtime also delivers to loopback receivers (tests, a developer's own receiver).
      webhooks: new HttpWebhookSender({ allowLoopback: true }),
      clock: { now: () => new Date() },
    },
    outbox: new SqliteOutbox(db),
    close: () => db.close(),
  };
}

/**
 * The codification import on the embedded default (docs/adr/0010): jobs in SQLite, exports uploaded under
 * `<data>/blobs/imports/phapdien/<id>/`, and an in-process queue in place of SQS.
 */
export function localImportPorts(
  embedded: Pick<Embedded, 'db' | 'dataDir' | 'ports'>,
  onError?: (message: ImportMessage, error: unknown) => void,
): ImportPorts & { queue: InProcessImportQueue } {
  const jobs = new SqliteImportJobRepository(embedded.db);
  const files = new FileImportFiles(join(embedded.dataDir, 'blobs'));
  const queue: InProcessImportQueue = new InProcessImportQueue({
    ports: embedded.ports,
    imports: () => ({ jobs, files, queue }),
    ...(onError ? { onError } : {}),
  });
  return { jobs, files, queue };
}
