/**
 * An S3 outage in the middle of an ingestion batch loses nothing and stores nothing twice: the original goes to S3
 * before the work is written, so an ingest cut there answers 503 problem+json and leaves no work behind; every ingest
 * that answered success is stored exactly once (one work, its original, its units). Reads that need no original
 * still answer; reading an original raises `dependency_unavailable`; the stream indexer, which re-reads originals,
 * reports the record it could not process instead of skipping it. After the client retries what failed and the
 * stream is processed every document is stored and searchable; replaying the whole stream changes nothing.
 *
 * The S3 server is shared by every test file, so it is not stopped: the application's S3 client reaches it through a
 * TCP proxy cut right after the CUT_AFTER-th original is written (test/support/fault-rig.ts).
 */
import { basename } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { DomainError } from '../../domain/errors';
import { forgetParses } from '../../domain/parse/memo';
import { workIdOf } from '../../functions/indexer/app';
import { accepted, CUT_AFTER, faultRig } from '../support/fault-rig';

const rig = faultRig({ engine: 's3', tap: { port: 'blobs', method: 'put' }, reportName: basename(__filename) });

describe('an S3 outage in the middle of an ingestion batch', () => {
  it('stores every ingest that answered success exactly once; the ones cut answer 503 problem+json and leave no work', async () => {
    const first = await rig.ingestFirstBatch();
    expect(rig.proxy.isCut).toBe(true);
    const ok = first.filter(accepted);
    const failed = first.filter((o) => !accepted(o));
    Object.assign(rig.summary, { acceptedDuringBatch: ok.length, failedDuringOutage: failed.length });
    expect(ok.length).toBeGreaterThanOrEqual(CUT_AFTER);
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed)
      expect({ file: f.fileName, status: f.status, type: f.type }).toEqual({ file: f.fileName, status: 503, type: '/problems/dependency-unavailable' });
    expect(rig.logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
    // No ingest answered success for something not stored; a failed one claimed nothing (its hash is free).
    const stored = await rig.expectStoredOnce(ok);
    expect(stored).toHaveLength(ok.length);
    for (const f of failed) expect(await rig.directPorts.works.findIdBySourceHash(f.sha256)).toBeNull();
  });

  it('keeps answering reads that need no original; reading an original raises dependency_unavailable', async () => {
    const id = rig.first.find((o) => o.id)?.id as string;
    for (const path of [`/v1/documents/${encodeURIComponent(id)}`, '/v1/documents?limit=5']) {
      const res = await fetch(`${rig.base}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    const work = await rig.ports.works.get(id);
    const started = Date.now();
    const err = await rig.ports.blobs.get(work?.sources[0]?.blobKey as string).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('dependency_unavailable');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  rig.itAnswersSearchLoad();

  it('the stream indexer reports the first record it cannot process (originals unreachable) and skips nothing', async () => {
    // The indexer runs in its own Lambda: it has none of the parses this process kept when it ingested.
    forgetParses();
    const records: DynamoDBRecord[] = [];
    await rig.pumpStream(async (e) => {
      records.push(...e.Records);
      return { batchItemFailures: [] };
    }, 1000);
    const firstWork = records.find((r) => workIdOf(r) !== null) as DynamoDBRecord;
    const since = rig.logged.length;
    const out = await rig.indexer({ Records: records.slice(0, 100) });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: firstWork.dynamodb?.SequenceNumber }]);
    expect(rig.logged.slice(since).map((l) => l.message)).toEqual(['Indexing failed']);
    expect(rig.logged.some((l) => l.message === 'Document cannot be indexed; skipped')).toBe(false);
  });

  rig.itStoresAllAfterRetries();
  rig.itConverges();
});
