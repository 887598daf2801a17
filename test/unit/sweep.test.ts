/** The daily status sweep: which documents it refreshes, and when it runs locally (00:05 in Vietnam). */
import { sweepStatuses } from '../../domain/services/status';
import { ingestDocument } from '../../domain/services/ingest';
import { drainOutbox } from '../../local/stream';
import { msUntilNext0005Ict } from '../../local/schedule';
import { sampleFile } from '../support/fixtures';
import { tempEmbedded } from '../support/embedded';

describe('msUntilNext0005Ict', () => {
  it('waits until 17:05 UTC, the next 00:05 in Vietnam', () => {
    expect(msUntilNext0005Ict(Date.UTC(2026, 10, 22, 17, 0))).toBe(5 * 60_000);
    expect(msUntilNext0005Ict(Date.UTC(2026, 10, 22, 17, 6))).toBe(86_400_000 - 60_000);
    expect(msUntilNext0005Ict(Date.UTC(2026, 10, 22, 17, 5))).toBe(86_400_000);
  });
});

describe('sweepStatuses', () => {
  it('refreshes the documents whose status changes on a date in (since, today], and only those', async () => {
    const embedded = tempEmbedded();
    try {
      for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt']) await ingestDocument(embedded.ports, { fileName: f, bytes: sampleFile(f) });
      await drainOutbox(embedded);
      const sweep = async (today: string, since: string | null) => {
        const seen: string[] = [];
        await sweepStatuses(embedded.ports, today, since, async (ids) => {
          seen.push(...ids);
        });
        return seen.sort();
      };
      // 09/2022 takes effect on 2022-07-11 and is amended from 2023-06-01 (when 02/2023 takes effect).
      expect(await sweep('2023-06-01', '2023-05-31')).toEqual(['02-2023-TT-BLDTBXH', '09-2022-TT-BLDTBXH']);
      expect(await sweep('2022-07-11', '2022-07-10')).toEqual(['09-2022-TT-BLDTBXH']);
      expect(await sweep('2023-06-10', '2023-06-05')).toEqual([]);
      expect(await sweep('2030-01-01', null)).toEqual(['02-2023-TT-BLDTBXH', '09-2022-TT-BLDTBXH']);
    } finally {
      embedded.close();
    }
  });
});

it('refreshes a document on the day one of its provisions takes effect on its own (58/2014/QH13 Điều 2, 2018-01-01)', async () => {
  const embedded = tempEmbedded();
  try {
    const { work } = await ingestDocument(embedded.ports, { fileName: '58-2014-QH13.txt', bytes: sampleFile('58-2014-QH13.txt') });
    expect(work.provisionDates).toEqual(['2018-01-01']);
    await drainOutbox(embedded);
    const seen: string[] = [];
    await sweepStatuses(embedded.ports, '2018-01-01', '2017-12-31', async (ids) => {
      seen.push(...ids);
    });
    expect(seen).toEqual(['58-2014-QH13']);
  } finally {
    embedded.close();
  }
});
