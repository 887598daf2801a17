/**
 * A reviewer's confirmation of sectors on the embedded store: optimistic locking, idempotence, validation; and how sure
 * a stored work's sectors are (assessWorkSectors), before and after.
 */
import { ConflictError } from '../../domain/errors';
import { ingestDocument } from '../../domain/services/ingest';
import { assessWorkSectors, confirmSectors, documentSectors } from '../../domain/services/sectors';
import { tempEmbedded } from '../support/embedded';
import { sampleFile } from '../support/fixtures';

const DOC = '09-2022-TT-BLDTBXH';

it('retries on a concurrent write instead of overwriting it, and confirming the same codes again writes nothing', async () => {
  const embedded = tempEmbedded();
  try {
    await ingestDocument(embedded.ports, { fileName: `${DOC}.txt`, bytes: sampleFile(`${DOC}.txt`) });
    const works = embedded.ports.works;
    // Another writer saves the work between our read and our write, once.
    let raced = false;
    const racingWorks = {
      ...works,
      get: works.get.bind(works),
      findByReferenceKey: works.findByReferenceKey.bind(works),
      findIdBySourceHash: works.findIdBySourceHash.bind(works),
      list: works.list.bind(works),
      save: async (work: Parameters<typeof works.save>[0], version: number) => {
        if (!raced) {
          raced = true;
          const current = await works.get(work.id);
          if (current) await works.save({ ...current, title: `${current.title} (đính chính)` }, current.version);
        }
        return works.save(work, version);
      },
    };
    const ports = { ...embedded.ports, works: racingWorks };
    const before = (await works.get(DOC))?.version ?? 0;
    const result = await confirmSectors(ports, '09/2022/TT-BLĐTBXH', { codes: ['6', '20'], reason: 'Giảm nghèo bền vững', actor: 'reviewer-1' });
    expect(raced).toBe(true);
    expect(result.changed).toBe(true);
    const after = await works.get(DOC);
    // Both writes kept: the other writer's title and the confirmation.
    expect(after?.title).toContain('(đính chính)');
    expect(after?.sectors).toMatchObject({ codes: ['6', '20'], confirmedBy: 'reviewer-1', reason: 'Giảm nghèo bền vững' });
    expect(after?.lastChange).toEqual({ actor: 'reviewer-1', action: 'review', reason: 'Giảm nghèo bền vững' });
    expect(after?.version).toBe(before + 2);

    const again = await confirmSectors(embedded.ports, DOC, { codes: ['6', '20'], reason: 'lần nữa', actor: 'reviewer-2' });
    expect(again.changed).toBe(false);
    expect((await works.get(DOC))?.version).toBe(before + 2);
    expect((await documentSectors(embedded.ports, DOC)).sectors).toEqual([
      { code: '6', name: 'Chính sách xã hội' },
      { code: '20', name: 'Lao động' },
    ]);
  } finally {
    embedded.close();
  }
});

it('refuses unknown codes, no codes and a missing reason; gives up after repeated conflicts', async () => {
  const embedded = tempEmbedded();
  try {
    await ingestDocument(embedded.ports, { fileName: `${DOC}.txt`, bytes: sampleFile(`${DOC}.txt`) });
    const confirm = (codes: string[], reason = 'lý do') => confirmSectors(embedded.ports, DOC, { codes, reason, actor: 'r' });
    await expect(confirm(['46'])).rejects.toMatchObject({ code: 'validation' });
    await expect(confirm([])).rejects.toMatchObject({ code: 'validation' });
    await expect(confirm(['20'], ' ')).rejects.toMatchObject({ code: 'validation' });
    await expect(confirmSectors(embedded.ports, '99/2099/TT-XYZ', { codes: ['20'], reason: 'lý do', actor: 'r' })).rejects.toMatchObject({ code: 'not_found' });
    const alwaysConflicting = {
      ...embedded.ports,
      works: {
        ...embedded.ports.works,
        get: embedded.ports.works.get.bind(embedded.ports.works),
        findByReferenceKey: embedded.ports.works.findByReferenceKey.bind(embedded.ports.works),
        save: async () => {
          throw new ConflictError('busy', { id: DOC });
        },
      },
    };
    await expect(confirmSectors(alwaysConflicting, DOC, { codes: ['20'], reason: 'lý do', actor: 'r' })).rejects.toBeInstanceOf(ConflictError);
    expect((await embedded.ports.works.get(DOC))?.sectors).toBeUndefined();
  } finally {
    embedded.close();
  }
}, 30_000);

it('says how sure a stored work’s sectors are: its suggestion’s confidence, then 1 once a reviewer confirmed', async () => {
  const embedded = tempEmbedded();
  try {
    await ingestDocument(embedded.ports, { fileName: `${DOC}.txt`, bytes: sampleFile(`${DOC}.txt`) });
    const work = await embedded.ports.works.get(DOC);
    if (!work) throw new Error('not ingested');
    const before = await assessWorkSectors(embedded.ports, work);
    expect(before).toMatchObject({ codes: ['20'], confirmed: false, needsReview: false, basis: 'clear', best: { code: '20', name: 'Lao động' } });
    expect(before.confidence).toBeGreaterThan(0.5);
    expect(before.confidence).toBeLessThan(1);
    // The same with the units given (as a caller that already read them passes them).
    const units = await embedded.ports.units.listUnits(work.unitSet as string);
    expect((await assessWorkSectors(embedded.ports, work, units)).confidence).toBe(before.confidence);

    await confirmSectors(embedded.ports, DOC, { codes: ['6', '20'], reason: 'Giảm nghèo bền vững', actor: 'reviewer-1' });
    const after = await assessWorkSectors(embedded.ports, (await embedded.ports.works.get(DOC)) as typeof work);
    expect(after).toMatchObject({ codes: ['6', '20'], confirmed: true, confidence: 1, needsReview: false, basis: 'confirmed' });
  } finally {
    embedded.close();
  }
});
