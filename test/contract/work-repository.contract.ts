/** The WorkRepository contract: every adapter (SQLite, DynamoDB) must pass it unchanged. */
import { ConflictError, DomainError } from '../../domain/errors';
import type { WorkRepository } from '../../domain/ports';
import { nameKeys, referenceKey, referenceNameKey } from '../../domain/refs';
import { findReferences } from '../../domain/parse/references';
import { makeWork } from '../support/fixtures';

export function workRepositoryContract(name: string, make: () => Promise<WorkRepository>) {
  describe(`WorkRepository contract: ${name}`, () => {
    let repo: WorkRepository;
    beforeAll(async () => {
      repo = await make();
    });

    it('creates a work at version 1 and reads it back', async () => {
      const w = makeWork();
      const saved = await repo.save(w, 0);
      expect(saved.version).toBe(1);
      expect(await repo.get(w.id)).toEqual({ ...w, version: 1 });
      expect(await repo.get(`${w.id}-missing`)).toBeNull();
    });

    it('refuses to create over an existing work and leaves it untouched', async () => {
      const w = makeWork();
      await repo.save(w, 0);
      await expect(repo.save({ ...w, title: 'other' }, 0)).rejects.toBeInstanceOf(ConflictError);
      expect((await repo.get(w.id))?.title).toBe(w.title);
    });

    it('updates only from the current version (optimistic lock)', async () => {
      const w = makeWork();
      await repo.save(w, 0);
      await repo.save({ ...w, title: 'v2' }, 1);
      await expect(repo.save({ ...w, title: 'stale' }, 1)).rejects.toBeInstanceOf(ConflictError);
      const got = await repo.get(w.id);
      expect(got?.title).toBe('v2');
      expect(got?.version).toBe(2);
    });

    it('keeps a withdrawal (who, when, why) and its reversal with the work', async () => {
      const w = makeWork();
      await repo.save(w, 0);
      const withdrawn = { actor: 'user-reviewer', at: '2026-12-07T01:02:03.000Z', reason: 'Tiếp nhận nhầm' };
      const change = { actor: 'user-reviewer', action: 'withdraw' as const, reason: 'Tiếp nhận nhầm' };
      await repo.save({ ...w, withdrawn, lastChange: change }, 1);
      expect(await repo.get(w.id)).toEqual({ ...w, withdrawn, lastChange: change, version: 2 });
      await repo.save({ ...w, withdrawn: null, lastChange: { ...change, action: 'reinstate' } }, 2);
      expect((await repo.get(w.id))?.withdrawn ?? null).toBeNull();
    });

    it('finds a work by the hash of any of its sources', async () => {
      const w = makeWork();
      await repo.save(w, 0);
      expect(await repo.findIdBySourceHash(w.sources[0]?.sha256 ?? '')).toBe(w.id);
      expect(await repo.findIdBySourceHash('f'.repeat(64))).toBeNull();
    });

    it('never lets two works claim one source file, and writes nothing on that conflict', async () => {
      const a = makeWork();
      await repo.save(a, 0);
      const b = makeWork({ sources: a.sources });
      await expect(repo.save(b, 0)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.get(b.id)).toBeNull();
    });

    it('finds works by any spelling of their number', async () => {
      const w = makeWork({ number: '77/2031/TT-BLĐTBXH' });
      await repo.save(w, 0);
      for (const spelling of ['77/2031/TT-BLĐTBXH', '77-2031-tt-bldtbxh', 'Thông tư số 77/2031/TT-BLĐTBXH'])
        expect((await repo.findByReferenceKey(referenceKey(spelling))).map((x) => x.id)).toEqual([w.id]);
    });

    it('returns every work sharing a local number (several provinces)', async () => {
      const a = makeWork({ id: `X-${Date.now()}-HaNoi`, number: '988/2031/NQ-HĐND' });
      const b = makeWork({ id: `X-${Date.now()}-DaNang`, number: '988/2031/NQ-HĐND' });
      await repo.save(a, 0);
      await repo.save(b, 0);
      expect((await repo.findByReferenceKey(referenceKey('988/2031/NQ-HĐND'))).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    });

    it('finds a work by its name and date (a law cited without its number), and follows a changed title', async () => {
      const title = `Luật Thử nghiệm ${Date.now()}`;
      const w = makeWork({ type: 'luat', number: `91/2031/QH15`, title, issued: '2031-06-17' });
      await repo.save(w, 0);
      const [ref] = findReferences(`Căn cứ ${title.toUpperCase().replace('LUẬT', 'Luật')} ngày 17 tháng 6 năm 2031;`);
      const key = referenceNameKey(ref as NonNullable<typeof ref>) as string;
      expect((await repo.findByNameKey(key)).map((x) => x.id)).toEqual([w.id]);
      expect((await repo.findByNameKey(key.replace('2031-06-17', '2031'))).map((x) => x.id)).toEqual([w.id]);
      expect(await repo.findByNameKey(key.replace('2031-06-17', '2031-06-18'))).toEqual([]);
      // A corrected title: the old name no longer finds it, the new one does.
      const renamed = await repo.save({ ...w, title: `${title} sửa` }, 1);
      expect(await repo.findByNameKey(key)).toEqual([]);
      expect((await repo.findByNameKey(nameKeys(renamed)[0] as string)).map((x) => x.id)).toEqual([w.id]);
    });

    it('pages through every work exactly once, in id order, with opaque cursors', async () => {
      const prefix = `page-${Date.now()}`;
      for (let i = 0; i < 23; i++) await repo.save(makeWork({ id: `${prefix}-${String(i).padStart(2, '0')}`, type: i % 2 ? 'luat' : 'nghi_dinh' }), 0);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.list({ limit: 7, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((w) => w.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      const ours = seen.filter((id) => id.startsWith(prefix));
      expect(ours).toHaveLength(23);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
    });

    it('filters the list by type and still fills pages', async () => {
      const page = await repo.list({ limit: 5, type: 'luat' });
      expect(page.items.length).toBe(5);
      expect(page.items.every((w) => w.type === 'luat')).toBe(true);
    });

    it('rejects a tampered cursor with a validation error', async () => {
      await expect(repo.list({ limit: 5, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'validation' });
      for (const forged of [[1, 2], {}, { pk: 'x' }, { pk: 'WORK#a', sk: 'META', gsi2pk: 'OTHER', gsi2sk: 'a' }, { after: 5 }])
        await expect(repo.list({ limit: 5, cursor: Buffer.from(JSON.stringify(forged)).toString('base64url') })).rejects.toBeInstanceOf(DomainError);
    });

    it('loses no update when 12 writers add sources to one work at once', async () => {
      const w = makeWork();
      await repo.save(w, 0);
      const writers = Array.from({ length: 12 }, (_, i) => async () => {
        for (;;) {
          const cur = await repo.get(w.id);
          if (!cur) throw new Error('vanished');
          const source = { ...w.sources[0]!, sha256: `${w.id}-${i}`.padEnd(64, 'a'), fileName: `r${i}.txt` };
          try {
            await repo.save({ ...cur, sources: [...cur.sources, source] }, cur.version);
            return;
          } catch (e) {
            if (!(e instanceof ConflictError)) throw e;
          }
        }
      });
      await Promise.all(writers.map((f) => f()));
      const final = await repo.get(w.id);
      expect(final?.sources).toHaveLength(13);
      expect(final?.version).toBe(13);
    });
  });
}
