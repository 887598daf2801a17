/**
 * The history (issue 5): append-only events for documents, relations, reviewers' edits and statuses; the change
 * feed; answers as recorded at an earlier moment; placeholders for cited documents not in the database.
 */
import type { HistoryEvent } from '../../domain/history/types';
import { changesSince, documentHistory, reviewRelation } from '../../domain/services/history';
import { ingestDocument } from '../../domain/services/ingest';
import { documentRelations, documentStatus } from '../../domain/services/status';
import { drainOutbox } from '../../local/stream';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, sampleFile } from '../support/fixtures';
import { tempEmbedded } from '../support/embedded';

const CORPUS = CORPUS_DIR;

function withClock(start: string) {
  const embedded = tempEmbedded();
  let now = new Date(start);
  embedded.ports.clock = { now: () => new Date(now) };
  return {
    embedded,
    ports: embedded.ports,
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}

describe('history', () => {
  it('records each document version, relation change and status change once; replays append nothing', async () => {
    const { embedded, ports, set } = withClock('2024-01-10T03:00:00.000Z');
    try {
      await ingestDocument(ports, { fileName: '09-2022-TT-BLDTBXH.txt', bytes: sampleFile('09-2022-TT-BLDTBXH.txt'), actor: 'editor-1' });
      await drainOutbox(embedded);
      set('2024-02-10T03:00:00.000Z');
      await ingestDocument(ports, { fileName: '02-2023-TT-BLDTBXH.txt', bytes: sampleFile('02-2023-TT-BLDTBXH.txt'), actor: 'editor-2' });
      await drainOutbox(embedded);

      const h = await documentHistory(ports, '09/2022/TT-BLĐTBXH');
      const kinds = h.events.map((e) => e.kind);
      expect(kinds[0]).toBe('document.created');
      expect(h.events[0]?.actor).toBe('editor-1');
      expect(h.events[0]?.document?.effective).toBe('2022-07-11');
      // In force on 2024-01-10, then amended by 02/2023 (in effect since 2023-06-01) once that arrived.
      const statuses = h.events.filter((e) => e.kind === 'status.changed').map((e) => [e.status?.from, e.status?.to, e.recordedAt]);
      expect(statuses).toEqual([
        [null, 'in_force', '2024-01-10T03:00:00.000Z'],
        ['in_force', 'partially_expired', '2024-02-10T03:00:00.000Z'],
      ]);
      const incoming = h.events.find((e) => e.kind === 'relations.changed' && e.relations?.holder === '02-2023-TT-BLDTBXH');
      expect(incoming?.relations?.after.some((r) => r.type === 'amends' && r.target.workId === '09-2022-TT-BLDTBXH')).toBe(true);
      expect(incoming?.recordedAt).toBe('2024-02-10T03:00:00.000Z');

      // Replaying the whole stream (as after a crash, or a redelivered batch) appends nothing.
      const before = (await changesSince(ports, null, 500)).items.length;
      embedded.db.prepare("DELETE FROM stream_offsets WHERE consumer = 'indexer'").run();
      set('2024-02-11T03:00:00.000Z');
      await drainOutbox(embedded);
      expect((await changesSince(ports, null, 500)).items.length).toBe(before);
    } finally {
      embedded.close();
    }
  });

  it('answers status and relations as recorded at an earlier moment', async () => {
    const { embedded, ports, set } = withClock('2024-01-10T03:00:00.000Z');
    try {
      await ingestDocument(ports, { fileName: '09-2022-TT-BLDTBXH.txt', bytes: sampleFile('09-2022-TT-BLDTBXH.txt') });
      await drainOutbox(embedded);
      set('2024-03-01T03:00:00.000Z');
      await ingestDocument(ports, { fileName: '02-2023-TT-BLDTBXH.txt', bytes: sampleFile('02-2023-TT-BLDTBXH.txt') });
      await drainOutbox(embedded);

      // "What did the database say on 1 February about 09/2022 on 1 July 2023?" — in force: 02/2023 was not here yet.
      const then = await documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01', undefined, '2024-02-01');
      expect(then.status).toBe('in_force');
      expect(then.asRecordedAt).toBe('2024-02-01');
      const now = await documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01');
      expect(now.status).toBe('partially_expired');
      expect(now.reasons[0]?.number).toBe('02/2023/TT-BLĐTBXH');
      // A moment after 02/2023 arrived agrees with today's answer.
      expect((await documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01', undefined, '2024-03-01T03:00:01Z')).status).toBe('partially_expired');

      const relThen = await documentRelations(ports, '09-2022-TT-BLDTBXH', '2024-02-01');
      expect(relThen.groups.some((g) => g.direction === 'incoming' && g.type === 'amends')).toBe(false);
      const relNow = await documentRelations(ports, '09-2022-TT-BLDTBXH');
      expect(relNow.groups.some((g) => g.direction === 'incoming' && g.type === 'amends')).toBe(true);

      // Before the document was recorded at all: 404 naming the moment.
      await expect(documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01', undefined, '2023-12-31')).rejects.toMatchObject({ code: 'not_found' });
      await expect(documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01', undefined, 'yesterday!')).rejects.toMatchObject({ code: 'validation' });
    } finally {
      embedded.close();
    }
  });

  it('serves a resumable change feed in the order recorded', async () => {
    const { embedded, ports, set } = withClock('2024-01-10T03:00:00.000Z');
    try {
      await ingestDocument(ports, { fileName: '09-2022-TT-BLDTBXH.txt', bytes: sampleFile('09-2022-TT-BLDTBXH.txt') });
      await drainOutbox(embedded);
      const first = await changesSince(ports, null, 2);
      expect(first.items).toHaveLength(2);
      const rest = await changesSince(ports, first.cursor, 100);
      const all = await changesSince(ports, null, 100);
      expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
      // At the end: an empty page whose cursor still resumes from there.
      const empty = await changesSince(ports, all.cursor, 100);
      expect(empty.items).toEqual([]);
      set('2024-02-10T03:00:00.000Z');
      await ingestDocument(ports, { fileName: '02-2023-TT-BLDTBXH.txt', bytes: sampleFile('02-2023-TT-BLDTBXH.txt') });
      await drainOutbox(embedded);
      const next = await changesSince(ports, empty.cursor, 100);
      expect(next.items.length).toBeGreaterThan(0);
      expect(next.items.every((e) => e.recordedAt === '2024-02-10T03:00:00.000Z')).toBe(true);
      expect(next.items.some((e: HistoryEvent) => e.kind === 'document.created' && e.workId === '02-2023-TT-BLDTBXH')).toBe(true);
      await expect(changesSince(ports, 'not-a-cursor', 10)).rejects.toMatchObject({ code: 'validation' });
    } finally {
      embedded.close();
    }
  });
});

describe('reviewers edit relations', () => {
  it('removes a misread relation (status follows), keeps who/when/why, and stores the same edit once', async () => {
    const { embedded, ports, set } = withClock('2024-01-10T03:00:00.000Z');
    try {
      for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt']) await ingestDocument(ports, { fileName: f, bytes: sampleFile(f) });
      await drainOutbox(embedded);
      const rel = await documentRelations(ports, '09-2022-TT-BLDTBXH');
      const amends = rel.groups.find((g) => g.direction === 'incoming' && g.type === 'amends')?.relations ?? [];
      expect(amends.length).toBeGreaterThan(0);

      set('2024-05-01T03:00:00.000Z');
      for (const r of amends) {
        const res = await reviewRelation(ports, '09-2022-TT-BLDTBXH', {
          action: 'remove',
          relationId: r.id,
          reason: 'Kiểm tra thử: bỏ quan hệ',
          actor: 'reviewer-7',
        });
        expect(res).toMatchObject({ created: true, holder: '02-2023-TT-BLDTBXH' });
        const again = await reviewRelation(ports, '09-2022-TT-BLDTBXH', {
          action: 'remove',
          relationId: r.id,
          reason: 'Kiểm tra thử: bỏ quan hệ',
          actor: 'reviewer-7',
        });
        expect(again.created).toBe(false);
      }
      await drainOutbox(embedded);
      expect((await documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01')).status).toBe('in_force');
      // As recorded before the review, the amendment still stood.
      expect((await documentStatus(ports, '09-2022-TT-BLDTBXH', '2023-07-01', undefined, '2024-04-30')).status).toBe('partially_expired');

      const h = await documentHistory(ports, '09-2022-TT-BLDTBXH');
      const reviewed = h.events.filter((e) => e.kind === 'relation.reviewed');
      expect(reviewed).toHaveLength(amends.length);
      expect(reviewed[0]).toMatchObject({ actor: 'reviewer-7', reason: 'Kiểm tra thử: bỏ quan hệ', recordedAt: '2024-05-01T03:00:00.000Z' });
      const relChange = h.events.filter((e) => e.kind === 'relations.changed').pop();
      expect(relChange).toMatchObject({ actor: 'reviewer-7', reason: 'Kiểm tra thử: bỏ quan hệ' });
      expect(relChange?.relations?.removed.length).toBe(amends.length);
      const statusChange = h.events.filter((e) => e.kind === 'status.changed').pop();
      expect(statusChange?.status).toMatchObject({ from: 'partially_expired', to: 'in_force' });
    } finally {
      embedded.close();
    }
  });

  it('adds and corrects relations; 20 concurrent reviewers lose no edit', async () => {
    const { embedded, ports } = withClock('2024-01-10T03:00:00.000Z');
    try {
      await ingestDocument(ports, { fileName: '09-2022-TT-BLDTBXH.txt', bytes: sampleFile('09-2022-TT-BLDTBXH.txt') });
      await drainOutbox(embedded);
      // A repeal the text of another document (not in the database) states: held by 09/2022 itself.
      const added = await reviewRelation(ports, '09-2022-TT-BLDTBXH', {
        action: 'add',
        relation: { type: 'repeals', direction: 'incoming', other: '03/2024/TT-BLĐTBXH', effectiveFrom: '2024-06-05' },
        reason: 'Theo Quyết định 169/QĐ-BLĐTBXH',
        actor: 'reviewer-1',
      });
      expect(added).toMatchObject({ created: true, holder: '09-2022-TT-BLDTBXH' });
      await drainOutbox(embedded);
      const s = await documentStatus(ports, '09-2022-TT-BLDTBXH', '2024-06-05');
      expect(s.status).toBe('expired');
      expect(s.reasons[0]?.number).toBe('03/2024/TT-BLĐTBXH');
      expect((await documentStatus(ports, '09-2022-TT-BLDTBXH', '2024-06-04')).status).toBe('in_force');

      // Correct its date: the old relation gives way to the corrected one.
      const corrected = await reviewRelation(ports, '09-2022-TT-BLDTBXH', {
        action: 'correct',
        relationId: added.relationId as string,
        relation: { effectiveFrom: '2024-07-01' },
        reason: 'Sửa ngày có hiệu lực',
        actor: 'reviewer-2',
      });
      expect(corrected.created).toBe(true);
      await drainOutbox(embedded);
      expect((await documentStatus(ports, '09-2022-TT-BLDTBXH', '2024-06-05')).status).toBe('in_force');
      expect((await documentStatus(ports, '09-2022-TT-BLDTBXH', '2024-07-01')).status).toBe('expired');
      const rels = await documentRelations(ports, '09-2022-TT-BLDTBXH');
      const repeals = rels.groups.find((g) => g.type === 'repeals' && g.direction === 'incoming')?.relations ?? [];
      expect(repeals.map((r) => [r.effectiveFrom, r.origin])).toEqual([['2024-07-01', 'reviewer']]);

      // 20 reviewers at once, each adding a different citation: every edit stored (optimistic locking + retry).
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reviewRelation(ports, '09-2022-TT-BLDTBXH', {
            action: 'add',
            relation: { type: 'cites', direction: 'outgoing', other: `${100 + i}/2020/NĐ-CP` },
            reason: `Bổ sung dẫn chiếu ${i}`,
            actor: `reviewer-${i}`,
          }),
        ),
      );
      expect(results.every((r) => r.created)).toBe(true);
      const work = await ports.works.get('09-2022-TT-BLDTBXH');
      expect(work?.reviews).toHaveLength(22);
      await drainOutbox(embedded);
      const cites = (await documentRelations(ports, '09-2022-TT-BLDTBXH')).groups.find((g) => g.type === 'cites' && g.direction === 'outgoing');
      expect(cites?.relations.filter((r) => r.origin === 'reviewer')).toHaveLength(20);

      await expect(
        reviewRelation(ports, '09-2022-TT-BLDTBXH', { action: 'remove', relationId: '0123456789abcdef', reason: 'không có', actor: 'r' }),
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        reviewRelation(ports, '09-2022-TT-BLDTBXH', {
          action: 'add',
          relation: { type: 'cites', direction: 'outgoing', other: 'no number' },
          reason: 'x y z',
          actor: 'r',
        }),
      ).rejects.toMatchObject({ code: 'validation' });
    } finally {
      embedded.close();
    }
  });
});

describe('placeholders', () => {
  it('a document only cited by others answers status and relations from what cites it', async () => {
    const { embedded, ports } = withClock('2025-01-10T03:00:00.000Z');
    try {
      const bytes = readFileSync(join(CORPUS, '169-QD-BLDTBXH.txt'));
      await ingestDocument(ports, { fileName: '169-QD-BLDTBXH.txt', bytes });
      await drainOutbox(embedded);
      const out = await documentRelations(ports, '169/QĐ-BLĐTBXH');
      const listed = out.groups
        .filter((g) => g.direction === 'outgoing' && g.type === 'announces')
        .flatMap((g) => g.relations)
        .find((r) => !r.other.inDatabase && r.otherEId === null && r.other.workId);
      expect(listed).toBeDefined();
      const id = listed?.other.workId as string;
      const s = await documentStatus(ports, id, '2025-01-01');
      expect(s.inDatabase).toBe(false);
      expect(s.reasons.some((r) => r.workId === out.documentId)).toBe(true);
      const rel = await documentRelations(ports, listed?.other.number as string);
      expect(rel.inDatabase).toBe(false);
      expect(rel.groups.some((g) => g.direction === 'incoming' && g.relations.some((r) => r.other.workId === out.documentId))).toBe(true);
      // A number nothing cites is still a 404.
      await expect(documentStatus(ports, '999/2099/TT-XYZ', '2025-01-01')).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      embedded.close();
    }
  });
});
