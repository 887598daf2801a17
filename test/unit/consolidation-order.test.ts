/** Consolidation does not depend on the order documents arrive in: the amending one first gives the same text. */
import { consolidatedDocument } from '../../domain/services/consolidation';
import { ingestDocument } from '../../domain/services/ingest';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { sampleFile } from '../support/fixtures';

async function consolidatedAfter(order: string[], at: string) {
  const embedded = tempEmbedded();
  try {
    for (const f of order) {
      await ingestDocument(embedded.ports, { fileName: f, bytes: sampleFile(f) });
      await drainOutbox(embedded);
    }
    const { units, applied, unapplied } = await consolidatedDocument(embedded.ports, '09-2022-TT-BLDTBXH', at);
    return { units, applied, unapplied };
  } finally {
    embedded.close();
  }
}

it('gives the same consolidated text whether the amendment arrives before or after the original', async () => {
  const original = '09-2022-TT-BLDTBXH.txt';
  const amending = '02-2023-TT-BLDTBXH.txt';
  const after = await consolidatedAfter([original, amending], '2023-06-01');
  const before = await consolidatedAfter([amending, original], '2023-06-01');
  expect(after.applied).toHaveLength(1);
  expect(after.unapplied).toEqual([]);
  expect(before).toEqual(after);
});

it('gives the same text when both arrive at once (ingested concurrently)', async () => {
  const embedded = tempEmbedded();
  try {
    await Promise.all(['02-2023-TT-BLDTBXH.txt', '09-2022-TT-BLDTBXH.txt'].map((f) => ingestDocument(embedded.ports, { fileName: f, bytes: sampleFile(f) })));
    await drainOutbox(embedded);
    const c = await consolidatedDocument(embedded.ports, '09-2022-TT-BLDTBXH', '2023-06-01');
    expect(c.applied).toHaveLength(1);
    expect(c.unapplied).toEqual([]);
  } finally {
    embedded.close();
  }
});
