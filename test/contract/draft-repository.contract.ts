/**
 * The DraftRepository contract: optimistic locking of the draft, one item per version/comment/record, concurrent
 * comments all kept, and idempotency records put once per (draft, key) whatever the concurrency (issue 22).
 */
import type { Appraisal, CheckingFinding, Draft, DraftComment, DraftRequest, DraftVersion } from '../../domain/drafting/types';
import type { DraftRepository } from '../../domain/ports';

const draft = (id: string): Draft => ({
  id,
  title: 'Dự thảo Thông tư hướng dẫn đa dạng hóa sinh kế',
  agency: 'Bộ Lao động - Thương binh và Xã hội',
  drafters: ['drafter-a', 'drafter-b'],
  stage: 'draft',
  window: { opens: '2026-03-01', closes: '2026-04-30' },
  versions: 0,
  promotedTo: null,
  createdBy: 'drafter-a',
  createdAt: '2026-02-01T01:00:00.000Z',
  updatedAt: '2026-02-01T01:00:00.000Z',
  revision: 0,
});

const version = (draftId: string, n: number): DraftVersion => ({
  draftId,
  n,
  status: n === 2 ? 'rejected' : 'accepted',
  fileName: `v${n}.txt`,
  format: 'text',
  sha256: `${n}`.repeat(64).slice(0, 64),
  blobKey: `originals/aa/${n}`,
  bytes: 1000 + n,
  unitSet: `${n}`.repeat(64).slice(0, 64),
  unitCount: 100 + n,
  title: 'Hướng dẫn một số nội dung',
  note: n === 1 ? null : `phiên bản ${n}`,
  strict: true,
  findings: n === 2 ? [{ code: 'numbering.gap', severity: 'error', message: 'Điều 4 sau Điều 2', line: 40 }] : [],
  uploadedBy: 'drafter-a',
  uploadedAt: `2026-02-0${n}T01:00:00.000Z`,
});

const comment = (draftId: string, k: number): DraftComment => ({
  id: `${draftId}.c${String(k).padStart(16, '0')}`,
  draftId,
  version: 1,
  eId: `art_${(k % 5) + 1}`,
  parentId: null,
  author: `commenter-${k}`,
  publicConsultation: true,
  text: `Góp ý số ${k}: đề nghị làm rõ “đối tượng hỗ trợ”`,
  status: 'open',
  explanation: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: `2026-03-02T01:00:${String(k % 60).padStart(2, '0')}.000Z`,
  revision: 1,
});

export function draftRepositoryContract(name: string, make: () => Promise<DraftRepository>): void {
  describe(`DraftRepository contract: ${name}`, () => {
    let repo: DraftRepository;
    beforeAll(async () => {
      repo = await make();
    });

    it('creates a draft once and replaces it only at the expected revision', async () => {
      const created = await repo.createDraft(draft('dt-000000000001'));
      expect(created.revision).toBe(1);
      await expect(repo.createDraft(draft('dt-000000000001'))).rejects.toMatchObject({ code: 'conflict' });
      expect(await repo.getDraft('dt-000000000001')).toEqual(created);
      const saved = await repo.saveDraft({ ...created, versions: 1 }, 1);
      expect(saved.revision).toBe(2);
      await expect(repo.saveDraft({ ...created, versions: 9 }, 1)).rejects.toMatchObject({ code: 'conflict' });
      expect(await repo.getDraft('dt-000000000001')).toEqual(saved);
      expect(await repo.getDraft('dt-000000000404')).toBeNull();
    });

    it('keeps versions by number, each once, oldest first', async () => {
      const id = 'dt-000000000002';
      await repo.createDraft(draft(id));
      for (const n of [2, 1, 10]) await repo.putVersion(version(id, n));
      await expect(repo.putVersion({ ...version(id, 1), fileName: 'other.txt' })).rejects.toMatchObject({ code: 'conflict' });
      expect((await repo.listVersions(id)).map((v) => v.n)).toEqual([1, 2, 10]);
      expect(await repo.getVersion(id, 2)).toEqual(version(id, 2));
      expect(await repo.getVersion(id, 3)).toBeNull();
      expect(await repo.listVersions('dt-000000000404')).toEqual([]);
    });

    it('keeps every one of 40 concurrent comments, and resolves one only at its revision', async () => {
      const id = 'dt-000000000003';
      await repo.createDraft(draft(id));
      const all = Array.from({ length: 40 }, (_, k) => comment(id, k));
      await Promise.all(all.map((c) => repo.addComment(c)));
      await expect(repo.addComment(all[0] as DraftComment)).rejects.toMatchObject({ code: 'conflict' });
      const listed = await repo.listComments(id);
      expect(listed).toHaveLength(40);
      expect(listed.map((c) => c.createdAt)).toEqual([...listed.map((c) => c.createdAt)].sort());
      const c0 = all[0] as DraftComment;
      const resolved = await repo.saveComment(
        { ...c0, status: 'accepted', explanation: 'Tiếp thu', resolvedBy: 'drafter-a', resolvedAt: '2026-05-01T00:00:00.000Z' },
        1,
      );
      expect(resolved.revision).toBe(2);
      await expect(repo.saveComment({ ...c0, status: 'rejected', explanation: 'Không' }, 1)).rejects.toMatchObject({ code: 'conflict' });
      expect(await repo.getComment(id, c0.id)).toEqual(resolved);
      expect(await repo.getComment(id, `${id}.c9999999999999999`)).toBeNull();
    });

    it('records an idempotency key once: of 12 concurrent claims one wins and every caller gets the first record (issue 22)', async () => {
      const id = 'dt-000000000005';
      const req = (k: number, key = 'cmt:commenter-1:abc'): DraftRequest => ({
        draftId: id,
        key,
        fingerprint: 'f'.repeat(64),
        ref: `${id}.c${String(k).padStart(16, '0')}`,
        at: `2026-03-02T01:00:${String(k).padStart(2, '0')}.000Z`,
      });
      const answers = await Promise.all(Array.from({ length: 12 }, (_, k) => repo.recordRequest(req(k))));
      const first = answers[0] as DraftRequest;
      expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(first))).toBe(true);
      expect(answers.map((a, k) => a.ref === req(k).ref).filter(Boolean)).toHaveLength(1);
      // Later claims with the same key get the first record too; another key, or the same key on another draft, is its own.
      expect(await repo.recordRequest({ ...req(40), fingerprint: 'e'.repeat(64) })).toEqual(first);
      expect(await repo.recordRequest(req(41, 'cmt:commenter-2:abc'))).toEqual(req(41, 'cmt:commenter-2:abc'));
      const elsewhere = { ...req(42), draftId: 'dt-000000000006' };
      expect(await repo.recordRequest(elsewhere)).toEqual(elsewhere);
      // The records are not comments.
      expect(await repo.listComments(id)).toEqual([]);
    });

    it('lists appraisals of a draft and checking findings of a work, oldest first', async () => {
      const id = 'dt-000000000004';
      const a = (k: number): Appraisal => ({
        id: `tdinh-${k}`,
        draftId: id,
        version: 1,
        eIds: ['art_3', 'art_4__para_1'],
        body: 'Vụ Pháp chế',
        opinion: `Ý kiến thẩm định ${k}`,
        outcome: 'approved_with_changes',
        by: 'appraiser-a',
        at: `2026-04-0${k}T00:00:00.000Z`,
      });
      await repo.addAppraisal(a(2));
      await repo.addAppraisal(a(1));
      await expect(repo.addAppraisal(a(1))).rejects.toMatchObject({ code: 'conflict' });
      expect(await repo.listAppraisals(id)).toEqual([a(1), a(2)]);
      const f = (k: number): CheckingFinding => ({
        id: `kt-${k}`,
        workId: '15-2026-TT-BLDTBXH',
        eId: 'art_5__para_2',
        body: 'Cục Kiểm tra văn bản',
        finding: `Quy định vượt thẩm quyền ${k}`,
        unlawful: true,
        handling: 'amend',
        by: 'appraiser-b',
        at: `2026-09-0${k}T00:00:00.000Z`,
      });
      await repo.addFinding(f(3));
      await repo.addFinding(f(1));
      expect(await repo.listFindings('15-2026-TT-BLDTBXH')).toEqual([f(1), f(3)]);
      expect(await repo.listFindings('other')).toEqual([]);
    });
  });
}
