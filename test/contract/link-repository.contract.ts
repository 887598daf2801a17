/** The LinkRepository contract: relations and effects stored per source, found by target, replaced whole. */
import type { Effect } from '../../domain/effects/types';
import type { LinkRepository } from '../../domain/ports';
import type { Relation } from '../../domain/relations/types';

const relation = (source: string, target: string | null, type: Relation['type'], eId?: string): Relation => ({
  type,
  source: { workId: source, number: `${source}/num` },
  target: {
    workId: target,
    number: target ? `${target}/num` : null,
    type: null,
    issuer: null,
    date: null,
    text: `văn bản ${target ?? '?'}`,
    ...(eId ? { eId } : {}),
  },
  effectiveFrom: '2025-07-01',
  evidence: { line: 3, text: 'Luật số 58/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.' },
  origin: 'extracted',
});

const effect = (source: string, target: string, eId: string): Effect =>
  ({
    id: `${source}:${eId}`,
    source: { workId: source, eId: 'art_1', text: `Sửa đổi ${eId}` },
    target: { workId: target, number: `${target}/num`, eId },
    operation: 'replace_unit',
    payload: {},
    effectiveFrom: '2023-06-01',
    state: 'pending',
  }) as unknown as Effect;

export function linkRepositoryContract(name: string, make: () => Promise<LinkRepository>) {
  describe(`LinkRepository contract: ${name}`, () => {
    let repo: LinkRepository;
    const src = `src${Date.now()}`;
    const t1 = `${src}-t1`;
    const t2 = `${src}-t2`;
    beforeAll(async () => {
      repo = await make();
    });

    it('stores a source work’s relations and effects, found from both ends', async () => {
      await repo.replaceExtracted(src, {
        relations: [relation(src, t1, 'replaces'), relation(src, t2, 'amends', 'art_5__para_2'), relation(src, null, 'legal_basis')],
        effects: [effect(src, t2, 'art_5__para_2')],
      });
      const out = await repo.outgoing(src);
      expect(out.relations.map((r) => r.type)).toEqual(['replaces', 'amends', 'legal_basis']);
      expect(out.effects.map((e) => e.id)).toEqual([`${src}:art_5__para_2`]);
      const in2 = await repo.incoming(t2);
      expect(in2.relations).toEqual([relation(src, t2, 'amends', 'art_5__para_2')]);
      expect(in2.effects.map((e) => e.target.eId)).toEqual(['art_5__para_2']);
      expect((await repo.incoming(t1)).relations.map((r) => r.type)).toEqual(['replaces']);
      expect(await repo.incoming(`${src}-nobody`)).toEqual({ relations: [], effects: [] });
    });

    it('replaces a source’s links whole, idempotently', async () => {
      const next = { relations: [relation(src, t1, 'repeals')], effects: [] };
      await repo.replaceExtracted(src, next);
      await repo.replaceExtracted(src, next);
      expect((await repo.outgoing(src)).relations.map((r) => r.type)).toEqual(['repeals']);
      expect(await repo.incoming(t2)).toEqual({ relations: [], effects: [] });
      expect((await repo.incoming(t1)).relations).toHaveLength(1);
      await repo.replaceExtracted(src, { relations: [], effects: [] });
      expect(await repo.outgoing(src)).toEqual({ relations: [], effects: [] });
    });

    it('keeps links of different sources apart', async () => {
      await repo.replaceExtracted(`${src}-a`, { relations: [relation(`${src}-a`, t1, 'cites')], effects: [] });
      await repo.replaceExtracted(`${src}-b`, { relations: [relation(`${src}-b`, t1, 'legal_basis')], effects: [] });
      expect((await repo.incoming(t1)).relations.map((r) => r.source.workId).sort()).toEqual([`${src}-a`, `${src}-b`]);
      await repo.replaceExtracted(`${src}-a`, { relations: [], effects: [] });
      expect((await repo.incoming(t1)).relations.map((r) => r.source.workId)).toEqual([`${src}-b`]);
    });
  });
}
