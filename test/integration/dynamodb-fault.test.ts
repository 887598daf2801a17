/**
 * A DynamoDB outage in the middle of an ingestion batch loses nothing and stores nothing twice: every ingest that
 * answered success is stored exactly once (one work, its original in S3, its units), none answered success for
 * something not stored, reads answer 503 problem+json `dependency-unavailable` (never 500) while the table is
 * unreachable, and after the client retries what failed and the stream is processed every document is stored and
 * searchable; replaying the whole stream changes nothing.
 *
 * DynamoDB Local is shared by every test file, so it is not stopped: the application's DynamoDB client reaches it
 * through a TCP proxy cut right after the CUT_AFTER-th work is saved (test/support/fault-rig.ts).
 */
import { basename } from 'node:path';
import { DomainError } from '../../domain/errors';
import { resolveWork } from '../../domain/services/documents';
import { accepted, CUT_AFTER, faultRig } from '../support/fault-rig';

const rig = faultRig({ engine: 'dynamodb', tap: { port: 'works', method: 'save' }, reportName: basename(__filename) });

describe('a DynamoDB outage in the middle of an ingestion batch', () => {
  it('stores every ingest that answered success exactly once; the ones cut answer 503 problem+json', async () => {
    const first = await rig.ingestFirstBatch();
    expect(rig.proxy.isCut).toBe(true);
    const ok = first.filter(accepted);
    const failed = first.filter((o) => !accepted(o));
    Object.assign(rig.summary, { acceptedDuringBatch: ok.length, failedDuringOutage: failed.length });
    expect(ok.length).toBeGreaterThanOrEqual(CUT_AFTER);
    expect(failed.length).toBeGreaterThan(0);
    // Every failure is the dependency one, never a 500.
    for (const f of failed)
      expect({ file: f.fileName, status: f.status, type: f.type }).toEqual({ file: f.fileName, status: 503, type: '/problems/dependency-unavailable' });
    expect(rig.logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
    // No ingest answered success for something not stored (looked at straight, not through the proxy).
    await rig.expectStoredOnce(ok);
  });

  it('answers reads with 503 problem+json dependency-unavailable while DynamoDB is unreachable; the service raises dependency_unavailable', async () => {
    const id = rig.first.find((o) => o.id)?.id as string;
    const started = Date.now();
    let answered503 = 0;
    for (const path of [`/v1/documents/${encodeURIComponent(id)}`, '/v1/documents?limit=5', `/v1/documents/${encodeURIComponent(id)}/units/art_1`]) {
      const res = await fetch(`${rig.base}${path}`);
      if (res.status === 503) answered503++;
      const body = (await res.json()) as { type: string; status: number };
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(body).toMatchObject({ type: '/problems/dependency-unavailable', status: 503 });
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    rig.summary.readsAnswered503 = answered503;
    const err = await resolveWork(rig.ports.works, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('dependency_unavailable');
    expect(rig.logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
  });

  rig.itAnswersSearchLoad();
  rig.itStoresAllAfterRetries();
  rig.itConverges();
});
