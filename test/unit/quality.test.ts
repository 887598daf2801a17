/**
 * The corpus quality report (issue 19, fourth point: `csdl audit`), on real documents of the development corpus:
 * totals that add up, the worst document first, and the structure checks on units as stored.
 */
import { ingestDocument } from '../../domain/services/ingest';
import { instructionsOf, qualityReport, structureOf } from '../../domain/services/quality';
import type { StoredUnit } from '../../domain/units';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { corpusFile } from '../support/fixtures';

it('reports metadata, citations, effects and structure over the documents, worst first', async () => {
  const embedded = tempEmbedded();
  try {
    for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt', '84-2025-QD-UBND-HaTinh.txt', '26-2012-QH13.txt'])
      await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
    await drainOutbox(embedded);
    const r = await qualityReport(embedded.ports, 10);
    expect(r.documents).toBe(4);
    expect(r.worst.map((d) => d.score)).toEqual([...r.worst.map((d) => d.score)].sort((a, b) => a - b));
    // 26/2012/QH13 as vbpl.vn prints it has no number, no letterhead and no signature: the worst, saying what it lacks
    // (its issuer is known all the same: a law is passed by the National Assembly).
    expect(r.worst[0]).toMatchObject({ documentNumber: null, missing: ['number', 'signer'] });
    expect(r.totals.metadata.number).toBe(0.75);
    // 02/2023 amends 09/2022: its effect applies.
    expect(r.worst.find((d) => d.documentId === '09-2022-TT-BLDTBXH')?.unapplied).toEqual([]);
    expect(r.totals.effects).toBeGreaterThan(0);
    expect(r.totals.citationsResolved).toBeGreaterThan(0.9);
    // Hà Tĩnh's decision cites laws by name and date: placeholders named after them, no citation left without a target.
    expect(r.worst.find((d) => d.documentId === '84-2025-QD-UBND-HaTinh')).toMatchObject({ unresolved: [], placeholders: expect.any(Number) });
    // 02/2023's one instruction ("Sửa đổi, bổ sung Điều 1 ...") is read into effects; 09/2022 instructs nothing.
    expect(r.worst.find((d) => d.documentId === '02-2023-TT-BLDTBXH')?.instructions).toEqual({ sentences: 1, parsed: 1 });
    expect(r.worst.find((d) => d.documentId === '09-2022-TT-BLDTBXH')?.instructions).toEqual({ sentences: 0, parsed: 0 });
    // The totals add up the documents' own (26/2012/QH13 amends a law sentence by sentence).
    const sentences = r.worst.reduce((n, d) => n + d.instructions.sentences, 0);
    expect(sentences).toBeGreaterThan(2);
    expect(r.totals.instructions).toEqual({ sentences, parsed: r.worst.reduce((n, d) => n + d.instructions.parsed, 0), share: 1 });
  } finally {
    embedded.close();
  }
});

it('finds numbering gaps (points in Vietnamese order) and very long units', () => {
  const u = (eId: string, kind: string, num: string, parent: string | null, text = 'x'): StoredUnit =>
    ({ eId, kind, num, parent, text, heading: null, ord: 0, citation: eId, notes: [] }) as unknown as StoredUnit;
  const found = structureOf([
    u('art_1', 'article', '1', null),
    u('art_1__para_1', 'clause', '1', 'art_1'),
    u('art_1__para_1__point_d', 'point', 'd', 'art_1__para_1'),
    u('art_1__para_1__point_dd', 'point', 'đ', 'art_1__para_1'),
    u('art_1__para_1__point_e', 'point', 'e', 'art_1__para_1'),
    u('art_1__para_1__point_g', 'point', 'g', 'art_1__para_1'),
    u('art_2', 'article', '2', null),
    u('art_5', 'article', '5', null, 'y'.repeat(25_000)),
  ]);
  expect(found.map((f) => [f.code, f.eId])).toEqual([
    ['long_unit', 'art_5'],
    ['numbering_gap', 'art_5'],
  ]);
});

it('counts instruction sentences by line: one read in part counts once, as not parsed', () => {
  const effect = (line: number) => ({ source: { line } });
  const finding = (code: string, line: number) => ({ code, line });
  expect(
    instructionsOf(
      [effect(10), effect(10), effect(14), effect(20)],
      [finding('effects.partial_instruction', 14), finding('effects.unparsed_instruction', 30), finding('effects.no_effective_date', 1)],
    ),
  ).toEqual({ sentences: 4, parsed: 2 });
});
