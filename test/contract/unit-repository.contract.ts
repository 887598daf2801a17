/** The UnitRepository contract: SQLite and DynamoDB alike. */
import type { UnitRepository } from '../../domain/ports';
import { buildTree, flattenUnits, type StoredUnit } from '../../domain/units';

const tree = (big = '') =>
  flattenUnits([
    {
      kind: 'chapter',
      num: 'I',
      eId: 'chp_I',
      heading: 'NHỮNG QUY ĐỊNH CHUNG',
      text: '',
      children: [
        {
          kind: 'article',
          num: '5',
          eId: 'art_5',
          heading: 'Quyền của người lao động',
          text: '',
          children: [
            {
              kind: 'clause',
              num: '2',
              eId: 'art_5__para_2',
              heading: null,
              text: `Người lao động có quyền:${big}`,
              children: [{ kind: 'point', num: 'đ', eId: 'art_5__para_2__point_dd', heading: null, text: 'Đình công.', children: [] }],
            },
          ],
        },
      ],
    },
  ]);

export function unitRepositoryContract(name: string, make: () => Promise<UnitRepository>) {
  describe(`UnitRepository contract: ${name}`, () => {
    let repo: UnitRepository;
    beforeAll(async () => {
      repo = await make();
    });

    it('stores a set and reads it back in document order, tree intact, with citations', async () => {
      await repo.replaceUnits('set-a', tree());
      const rows = await repo.listUnits('set-a');
      expect(rows.map((r) => r.eId)).toEqual(['chp_I', 'art_5', 'art_5__para_2', 'art_5__para_2__point_dd']);
      expect(rows.map((r) => r.citation)).toEqual(['Chương I', 'Điều 5', 'Điều 5, khoản 2', 'Điều 5, khoản 2, điểm đ']);
      const [chapter] = buildTree(rows);
      expect(chapter?.children[0]?.children[0]?.children[0]?.text).toBe('Đình công.');
    });

    it('reads one unit by eId, and null for an unknown one', async () => {
      await repo.replaceUnits('set-b', tree());
      expect(await repo.getUnit('set-b', 'art_5__para_2')).toMatchObject({ kind: 'clause', num: '2', parent: 'art_5' });
      expect(await repo.getUnit('set-b', 'art_99')).toBeNull();
      expect(await repo.listUnits('set-none')).toEqual([]);
    });

    it('replaces a set exactly: units no longer present are gone', async () => {
      await repo.replaceUnits('set-c', tree());
      const fewer: StoredUnit[] = tree().slice(0, 2);
      await repo.replaceUnits('set-c', fewer);
      expect((await repo.listUnits('set-c')).map((r) => r.eId)).toEqual(['chp_I', 'art_5']);
      await repo.replaceUnits('set-c', fewer);
      expect(await repo.listUnits('set-c')).toHaveLength(2);
    });

    it('keeps a very long unit text (an appendix table) intact', async () => {
      const big = ' bảng '.repeat(60_000);
      await repo.replaceUnits('set-d', tree(big));
      expect((await repo.getUnit('set-d', 'art_5__para_2'))?.text).toBe(`Người lao động có quyền:${big}`);
    });

    it('writes a set of 600 units (more than one batch)', async () => {
      const many = flattenUnits(
        Array.from({ length: 600 }, (_, i) => ({
          kind: 'article' as const,
          num: String(i + 1),
          eId: `art_${i + 1}`,
          heading: null,
          text: `Điều thứ ${i + 1}.`,
          children: [],
        })),
      );
      await repo.replaceUnits('set-e', many);
      const rows = await repo.listUnits('set-e');
      expect(rows).toHaveLength(600);
      expect(rows[599]?.eId).toBe('art_600');
    });
  });
}
