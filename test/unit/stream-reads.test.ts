/**
 * The change stream reads what it needs once (domain/services/changes.ts, docs/adr/0017): per change, each work and
 * each history is read once, the original is not read back in the process that ingested it and parsed at most once
 * elsewhere — and the result is the same as reading everything afresh.
 */
import { forgetParses } from '../../domain/parse/memo';
import { processWorkChanges, readOnce } from '../../domain/services/changes';
import { ingestDocument } from '../../domain/services/ingest';
import type { Ports } from '../../domain/ports';
import { sampleFile } from '../support/fixtures';
import { tempEmbedded } from '../support/embedded';

/** Counts the reads of works, histories and blobs, by id. */
function counted(ports: Ports) {
  const reads = { works: new Map<string, number>(), histories: new Map<string, number>(), blobs: 0 };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const get = ports.works.get.bind(ports.works);
  const forWork = ports.history.forWork.bind(ports.history);
  const blob = ports.blobs.get.bind(ports.blobs);
  ports.works.get = (id) => {
    bump(reads.works, id);
    return get(id);
  };
  ports.history.forWork = (id) => {
    bump(reads.histories, id);
    return forWork(id);
  };
  ports.blobs.get = (key) => {
    reads.blobs++;
    return blob(key);
  };
  return reads;
}

it('reads each work and history once per change, and the original once at most', async () => {
  const embedded = tempEmbedded();
  // 02/2023 amends 09/2022: its change refreshes 09/2022 too (its incoming links changed).
  const base = await ingestDocument(embedded.ports, { fileName: '09-2022-TT-BLDTBXH.txt', bytes: sampleFile('09-2022-TT-BLDTBXH.txt') });
  await processWorkChanges(embedded.ports, [base.work.id]);
  const amending = await ingestDocument(embedded.ports, { fileName: '02-2023-TT-BLDTBXH.txt', bytes: sampleFile('02-2023-TT-BLDTBXH.txt') });
  const reads = counted(embedded.ports);
  const res = await processWorkChanges(embedded.ports, [amending.work.id]);
  expect(res.affected).toContain(base.work.id);
  // Every work read once: the two, and the documents it cites that the database lacks (looked up once each).
  expect(Object.fromEntries(reads.works)).toMatchObject({ [amending.work.id]: 1, [base.work.id]: 1 });
  expect([...reads.works.values()].every((n) => n === 1)).toBe(true);
  expect(Object.fromEntries(reads.histories)).toEqual({ [amending.work.id]: 1, [base.work.id]: 1 });
  // Ingested in this process: the stream used the kept parse.
  expect(reads.blobs).toBe(0);

  // Where the ingestion ran elsewhere (a Lambda per step): the original read and parsed once.
  forgetParses();
  const again = counted(embedded.ports);
  await processWorkChanges(embedded.ports, [amending.work.id]);
  expect(again.blobs).toBe(1);
  expect(Math.max(...again.works.values(), ...again.histories.values())).toBe(1);
});

it('answers reads with what the change wrote: a saved work, appended events once each', async () => {
  const embedded = tempEmbedded();
  const { work } = await ingestDocument(embedded.ports, { fileName: '09-2022-TT-BLDTBXH.txt', bytes: sampleFile('09-2022-TT-BLDTBXH.txt') });
  const once = readOnce(embedded.ports);
  const before = await once.history.forWork(work.id);
  const event = { ...(before[0] ?? { workId: work.id, recordedAt: '2026-01-01T00:00:00.000Z' }), id: 'test-event', workId: work.id } as (typeof before)[number];
  await once.history.append([event]);
  await once.history.append([event]);
  const after = await once.history.forWork(work.id);
  expect(after.map((e) => e.id)).toEqual([...before.map((e) => e.id), 'test-event']);
  expect((await embedded.ports.history.forWork(work.id)).map((e) => e.id)).toEqual(after.map((e) => e.id));
  const saved = await once.works.save({ ...work, title: 'Đổi tên' }, work.version);
  expect(await once.works.get(work.id)).toEqual(saved);
});
