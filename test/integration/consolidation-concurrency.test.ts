/**
 * Concurrent ingestion on DynamoDB: an original (09/2022/TT-BLĐTBXH) and its amending documents (the real
 * 02/2023/TT-BLĐTBXH and three synthetic circulars, each amending other articles) arrive at once, in several orders,
 * some twice; the DynamoDB stream records are then handed to the indexer shuffled and in concurrent batches. Every run
 * must store each document exactly once, lose no effect, apply every one of them, and give exactly the consolidated
 * text of a sequential ingestion (one document at a time, the stream read in order after each).
 */
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { consolidatedDocument } from '../../domain/services/consolidation';
import { ingestDocument } from '../../domain/services/ingest';
import type { Work } from '../../domain/model';
import type { Ports } from '../../domain/ports';
import { create as createIndexer } from '../../functions/indexer/app';
import { createLogger } from '../../functions/_shared/logger';
import { awsTestEnvironment } from '../support/aws';
import { sampleFile } from '../support/fixtures';
import { StreamPump } from '../support/stream';

process.env.LOG_LEVEL = 'ERROR';
jest.setTimeout(600_000);

const ORIGINAL = '09-2022-TT-BLDTBXH';
const AT = '2024-06-01';

/** A circular amending 09/2022/TT-BLĐTBXH, as the Ministry prints one. */
const circular = (number: string, issued: string, body: string, effective: string) => `BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: ${number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ${issued}
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BLĐTBXH ngày 25 tháng 5 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội
Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Lao động - Thương binh và Xã hội;
Bộ trưởng Bộ Lao động - Thương binh và Xã hội ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BLĐTBXH.
Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BLĐTBXH
${body}
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ${effective}.
`;

const DOCUMENTS: Record<string, Buffer> = {
  '09-2022-TT-BLDTBXH.txt': sampleFile('09-2022-TT-BLDTBXH.txt'),
  // Replaces Điều 1 from 01/6/2023.
  '02-2023-TT-BLDTBXH.txt': sampleFile('02-2023-TT-BLDTBXH.txt'),
  // Replaces khoản 3 Điều 6 and repeals khoản 4 Điều 5 from 01/3/2024.
  '10-2024-TT-BLDTBXH.txt': Buffer.from(
    circular(
      '10/2024/TT-BLĐTBXH',
      'ngày 10 tháng 01 năm 2024',
      `1. Sửa đổi khoản 3 Điều 6 như sau:
“3. Nội dung hỗ trợ: Thực hiện theo quy định tại các khoản 1, 2, 3, 4, 5, 6 và 9 Điều 5 Thông tư này.”
2. Bãi bỏ khoản 4 Điều 5.`,
      'ngày 01 tháng 3 năm 2024',
    ),
  ),
  // Inserts Điều 9a from 01/5/2024 (one unnumbered instruction under the heading).
  '11-2024-TT-BLDTBXH.txt': Buffer.from(
    circular(
      '11/2024/TT-BLĐTBXH',
      'ngày 15 tháng 3 năm 2024',
      `Bổ sung Điều 9a vào sau Điều 9 như sau:
“Điều 9a. Theo dõi, đánh giá dự án
Ủy ban nhân dân cấp tỉnh theo dõi, đánh giá kết quả thực hiện các dự án hằng năm.”`,
      'ngày 01 tháng 5 năm 2024',
    ),
  ),
  // Edits a phrase of khoản 1 Điều 11 and replaces khoản 2 Điều 12 from 01/5/2024 (the same day as 11/2024).
  '12-2024-TT-BLDTBXH.txt': Buffer.from(
    circular(
      '12/2024/TT-BLĐTBXH',
      'ngày 20 tháng 3 năm 2024',
      `1. Thay cụm từ “huyện nghèo” bằng cụm từ “huyện nghèo, huyện có tỷ lệ nghèo cao” tại khoản 1 Điều 11.
2. Sửa đổi khoản 2 Điều 12 như sau:
“2. Bảo đảm hiệu quả, công khai, minh bạch, dân chủ, bình đẳng giới, không để thất thoát.”`,
      'ngày 01 tháng 5 năm 2024',
    ),
  ),
};
const FILES = Object.keys(DOCUMENTS);
const IDS = FILES.map((f) => f.replace(/\.txt$/, ''));

/** What each amending document must bring, by target unit: the effects are read from the texts, never invented. */
const EXPECTED_TARGETS: Record<string, string[]> = {
  '02-2023-TT-BLDTBXH': ['art_1'],
  '10-2024-TT-BLDTBXH': ['art_6__para_3', 'art_5__para_4'],
  '11-2024-TT-BLDTBXH': ['art_9a'],
  '12-2024-TT-BLDTBXH': ['art_11__para_1', 'art_12__para_2'],
};

/** A small seeded generator (mulberry32): every shuffle is reproducible from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled<T>(list: T[], seed: number): T[] {
  const next = random(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface Store {
  ports: Ports;
  pump: StreamPump;
  indexer: (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
}

async function freshStore(): Promise<Store> {
  const env = await awsTestEnvironment();
  const indexer = createIndexer({ ports: async () => env.ports, logger: createLogger('concurrency'), storeName: 'dynamodb' }) as unknown as Store['indexer'];
  return { ports: env.ports, indexer, pump: new StreamPump(env.clients.dynamodb, env.config.TABLE_NAME, process.env.CSDL_TEST_DYNAMODB_ENDPOINT as string) };
}

/** Every stream record written since the last read, in stream order. */
async function readStream(store: Store): Promise<DynamoDBRecord[]> {
  const records: DynamoDBRecord[] = [];
  await store.pump.pump(async (e) => {
    records.push(...e.Records);
    return { batchItemFailures: [] };
  });
  return records;
}

async function allWorks(ports: Ports): Promise<Work[]> {
  const out: Work[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 50, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function outcome(store: Store) {
  const consolidated = await consolidatedDocument(store.ports, ORIGINAL, AT);
  const incoming = await store.ports.links.incoming(ORIGINAL);
  return { consolidated, effects: incoming.effects, works: await allWorks(store.ports) };
}

/** One document at a time, the stream read in order after each: the reference result. */
async function sequential() {
  const store = await freshStore();
  for (const f of FILES) {
    await ingestDocument(store.ports, { fileName: f, bytes: DOCUMENTS[f] as Buffer });
    const { failures } = await store.pump.pump(store.indexer);
    expect(failures).toEqual([]);
  }
  return outcome(store);
}

/**
 * All documents at once (in `order`, the ones in `twice` uploaded twice), then the stream records shuffled with
 * `seed` and handed to the indexer in concurrent batches of `batch`; repeated until the stream is quiet.
 */
async function concurrent(order: string[], twice: string[], seed: number, batch: number) {
  const store = await freshStore();
  const uploads = [...order, ...twice];
  const results = await Promise.all(uploads.map((f) => ingestDocument(store.ports, { fileName: f, bytes: DOCUMENTS[f] as Buffer })));
  const outcomes = new Map<string, string[]>();
  for (const [k, r] of results.entries()) outcomes.set(r.work.id, [...(outcomes.get(r.work.id) ?? []), `${uploads[k]}:${r.outcome}`]);
  let delivered = 0;
  for (let round = 0; round < 5; round++) {
    const records = shuffled(await readStream(store), seed + round);
    if (records.length === 0) break;
    const batches: DynamoDBRecord[][] = [];
    for (let i = 0; i < records.length; i += batch) batches.push(records.slice(i, i + batch));
    const answers = await Promise.all(batches.map((Records) => store.indexer({ Records })));
    expect(answers.flatMap((a) => a.batchItemFailures)).toEqual([]);
    delivered += records.length;
  }
  return { ...(await outcome(store)), outcomes, delivered };
}

let reference: Awaited<ReturnType<typeof sequential>>;

beforeAll(async () => {
  reference = await sequential();
});

describe('the sequential ingestion (reference)', () => {
  it('stores the five documents once each and applies every effect of the four amending ones', () => {
    expect(reference.works.map((w) => w.id).sort()).toEqual([...IDS].sort());
    expect(reference.works.every((w) => w.sources.length === 1)).toBe(true);
    const targets: Record<string, string[]> = {};
    for (const e of reference.effects) targets[e.source.workId] = [...(targets[e.source.workId] ?? []), e.target.eId];
    expect(targets).toEqual(EXPECTED_TARGETS);
    expect([...reference.consolidated.applied].sort()).toEqual(reference.effects.map((e) => e.id).sort());
    expect(reference.consolidated.unapplied).toEqual([]);
  });

  it('shows each effect in the consolidated text', () => {
    const flat = new Map<string, { text: string; sources: string[]; repealed: boolean }>();
    const walk = (us: typeof reference.consolidated.units) => {
      for (const u of us) {
        flat.set(u.eId, { text: u.text, sources: (u.sources ?? []).map((s) => s.effectId), repealed: !!u.repealed });
        walk(u.children);
      }
    };
    walk(reference.consolidated.units);
    for (const e of reference.effects) expect(flat.get(e.target.eId)?.sources).toContain(e.id);
    expect(flat.get('art_9a')?.text).toBe('Ủy ban nhân dân cấp tỉnh theo dõi, đánh giá kết quả thực hiện các dự án hằng năm.');
    expect(flat.get('art_5__para_4')?.repealed).toBe(true);
    expect(flat.get('art_6__para_3')?.text).toContain('các khoản 1, 2, 3, 4, 5, 6 và 9 Điều 5');
    expect(flat.get('art_11__para_1')?.text).toContain('huyện nghèo, huyện có tỷ lệ nghèo cao');
    expect(flat.get('art_12__para_2')?.text).toContain('không để thất thoát');
  });
});

describe.each([
  { name: 'original first', order: FILES, twice: [] as string[], seed: 1, batch: 1 },
  { name: 'amendments first, reversed', order: [...FILES].reverse(), twice: ['11-2024-TT-BLDTBXH.txt'], seed: 7, batch: 2 },
  { name: 'shuffled, two uploaded twice', order: shuffled(FILES, 42), twice: ['02-2023-TT-BLDTBXH.txt', '12-2024-TT-BLDTBXH.txt'], seed: 42, batch: 3 },
])('concurrent ingestion on DynamoDB: $name', ({ order, twice, seed, batch }) => {
  let run: Awaited<ReturnType<typeof concurrent>>;
  beforeAll(async () => {
    run = await concurrent(order, twice, seed, batch);
  });

  it('stores each document exactly once: a repeated upload is recognised, not stored again', () => {
    expect(run.works.map((w) => w.id).sort()).toEqual([...IDS].sort());
    expect(run.works.every((w) => w.sources.length === 1)).toBe(true);
    for (const id of IDS) {
      const said = run.outcomes.get(id) ?? [];
      expect(said.filter((o) => o.endsWith(':created'))).toHaveLength(1);
      expect(said.filter((o) => !o.endsWith(':created')).every((o) => o.endsWith(':unchanged'))).toBe(true);
    }
    expect(run.delivered).toBeGreaterThanOrEqual(IDS.length);
  });

  it('loses no effect and applies every one', () => {
    expect(run.effects.map((e) => e.id).sort()).toEqual(reference.effects.map((e) => e.id).sort());
    expect(new Set(run.effects.map((e) => e.id)).size).toBe(run.effects.length);
    expect([...run.consolidated.applied].sort()).toEqual(run.effects.map((e) => e.id).sort());
    expect(run.consolidated.unapplied).toEqual([]);
  });

  it('gives exactly the consolidated text of the sequential ingestion', () => {
    expect(run.consolidated).toEqual(reference.consolidated);
  });
});
