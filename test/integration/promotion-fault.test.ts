/**
 * A promotion (POST /v1/drafts/{id}/promote, domain/services/drafting.ts `promoteDraft`) interrupted between its
 * writes loses nothing and stores nothing twice (issue 22: one transaction, idempotent, resumable). The application
 * reaches DynamoDB Local through a TCP proxy (test/support/tcp-proxy.ts); a middleware on its DynamoDB client counts
 * the write commands and cuts the proxy right after the k-th one returns.
 *
 *  1. N: the DynamoDB writes of one uninterrupted promotion of a fresh appraised draft.
 *  2. For each cut point k in 1..N-1 (at most 12, spread, the first and the last kept), a fresh appraised draft whose
 *     promotion is cut after its k-th write: it answers 503 problem+json `dependency-unavailable`, never 500. The
 *     intent (`promoting`) is the first write, so every cut draft has it: once the proxy is restored another promotion
 *     of that draft (another number) answers 409, and the same request again completes it (201).
 *  3. What is stored, read straight from DynamoDB and S3: one work per number, one source, its original, its units,
 *     the dates and signer requested; the draft promulgated, linked to the work, no `promoting` left. A third identical
 *     request answers 200 `Idempotent-Replayed` and writes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createTable } from '../../adapters/dynamodb/create-table';
import type { Draft } from '../../domain/drafting/types';
import type { Work } from '../../domain/model';
import type { Ports } from '../../domain/ports';
import { referenceKey } from '../../domain/refs';
import { type AwsConfig, loadAwsConfig } from '../../functions/_shared/config';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { createAwsClients, createAwsPorts } from '../../functions/_shared/wiring';
import { signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import { PromoteResponse } from '../../schemas/drafting';
import { draftVersion1 } from '../support/drafting';
import { endpoint } from '../support/fault-rig';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const HEAVY_TIMEOUT = 600_000;
/** At most this many cut points (spread over 1..N-1, the first and the last kept). */
const MAX_CUT_POINTS = 12;
const WRITE_COMMAND = /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem)Command$/;

const name = 'promofault';
const secret = new TextEncoder().encode(`${name}-test-secret`);
const tokens: Record<string, string> = {};
const summary: Record<string, unknown> = {};
const logged: { level: string; message: string; error: string }[] = [];

/** The application's writes: counted by a middleware on its clients; `cutAfter` > 0 arms the cut. */
const tap = { writes: 0, commands: [] as string[], s3Puts: 0, cutAfter: 0 };
let proxy: TcpProxy;
let config: AwsConfig;
let direct: Ports;
let clients: ReturnType<typeof createAwsClients>;
let directClients: ReturnType<typeof createAwsClients>;
let server: Server;
let base = '';

/** A real small legal text (09/2022/TT-BLĐTBXH, 103 units) as every draft's version. */
const VERSION = draftVersion1();

const call = async (method: string, path: string, body: unknown, token: string) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; the schemas check them where it matters.
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', replayed: res.headers.get('idempotent-replayed'), json };
};

const promotionOf = (number: string) => ({ number, issued: '2026-06-01', effective: '2026-08-01', signer: { name: 'Nguyễn Văn A', capacity: 'BỘ TRƯỞNG' } });
type Promotion = ReturnType<typeof promotionOf>;

/** A fresh draft with one accepted version and an approving appraisal on record. */
async function appraisedDraft(): Promise<string> {
  const created = await call('POST', '/v1/drafts', { title: 'Dự thảo Thông tư hướng dẫn đa dạng hóa sinh kế', agency: 'Bộ Tư pháp' }, tokens.drafter as string);
  expect(created.status).toBe(201);
  const id = created.json.draft.id as string;
  const version = await call('POST', `/v1/drafts/${id}/versions`, { fileName: 'du-thao.txt', content: VERSION }, tokens.drafter as string);
  expect([version.status, version.json.version?.status]).toEqual([201, 'accepted']);
  const appraisal = { eIds: [], body: 'Vụ Pháp chế', opinion: 'Đủ điều kiện trình ban hành', outcome: 'approved' };
  expect((await call('POST', `/v1/drafts/${id}/appraisals`, appraisal, tokens.appraiser as string)).status).toBe(201);
  return id;
}

const promote = (draftId: string, p: Promotion) => call('POST', `/v1/drafts/${draftId}/promote`, p, tokens.reviewer as string);

async function storedWorks(): Promise<Work[]> {
  const out: Work[] = [];
  let cursor: string | undefined;
  do {
    const page = await direct.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Read straight from DynamoDB and S3: the promotion stored exactly once, whole, and the draft closed on it. */
async function expectPromotedOnce(draftId: string, p: Promotion, unitCount?: number): Promise<Work> {
  const works = (await storedWorks()).filter((w) => w.number === p.number);
  expect({ number: p.number, works: works.length }).toEqual({ number: p.number, works: 1 });
  const work = works[0] as Work;
  expect((await direct.works.findByReferenceKey(referenceKey(p.number))).map((w) => w.id)).toEqual([work.id]);
  expect(work.sources).toHaveLength(1);
  const source = work.sources[0] as Work['sources'][number];
  expect(await direct.works.findIdBySourceHash(source.sha256)).toBe(work.id);
  const original = await direct.blobs.get(source.blobKey);
  expect(original).not.toBeNull();
  expect(
    createHash('sha256')
      .update(original as Uint8Array)
      .digest('hex'),
  ).toBe(source.sha256);
  expect(work.unitSet).toBe(source.sha256);
  expect(work.unitCount).toBeGreaterThan(0);
  if (unitCount !== undefined) expect(work.unitCount).toBe(unitCount);
  expect(await direct.units.listUnits(work.unitSet as string)).toHaveLength(work.unitCount);
  expect({ issued: work.issued, effective: work.effective, signer: work.signer }).toEqual({ issued: p.issued, effective: p.effective, signer: p.signer });
  const draft = (await direct.drafts?.getDraft(draftId)) as Draft;
  expect({ stage: draft.stage, workId: draft.promotedTo?.workId, number: draft.promotedTo?.number, promoting: draft.promoting ?? null }).toEqual({
    stage: 'promulgated',
    workId: work.id,
    number: p.number,
    promoting: null,
  });
  return work;
}

beforeAll(async () => {
  const target = new URL(endpoint('CSDL_TEST_DYNAMODB_ENDPOINT'));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const suffix = randomBytes(4).toString('hex');
  const env = {
    TABLE_NAME: `csdl-${name}-${suffix}`,
    BUCKET_NAME: `csdl-${name}-${suffix}`,
    OPENSEARCH_ENDPOINT: endpoint('CSDL_TEST_OPENSEARCH_ENDPOINT'),
    // Promotion never touches the search index (the stream indexes): no index is created under this prefix.
    OPENSEARCH_INDEX_PREFIX: `${name}${suffix}`,
    OPENSEARCH_AUTH: 'none',
    DYNAMODB_ENDPOINT: target.origin,
    S3_ENDPOINT: endpoint('CSDL_TEST_S3_ENDPOINT'),
    AWS_REGION: 'ap-southeast-1',
  };
  config = loadAwsConfig({ ...env, DYNAMODB_ENDPOINT: proxy.url });
  const directConfig = loadAwsConfig(env);
  directClients = createAwsClients(directConfig);
  await createTable(directClients.dynamodb, config.TABLE_NAME);
  await directClients.s3.send(new CreateBucketCommand({ Bucket: config.BUCKET_NAME }));
  direct = createAwsPorts(directConfig, {}, directClients);

  clients = createAwsClients(config);
  clients.dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const command = context.commandName ?? '';
      if (WRITE_COMMAND.test(command)) {
        tap.writes++;
        tap.commands.push(command);
        if (tap.cutAfter > 0 && tap.writes === tap.cutAfter) {
          tap.cutAfter = 0;
          proxy.cut();
        }
      }
      return out;
    },
    { step: 'initialize', name: 'csdlTestWriteTap', override: true },
  );
  clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (context.commandName === 'PutObjectCommand') tap.s3Puts++;
      return out;
    },
    { step: 'initialize', name: 'csdlTestWriteTap', override: true },
  );
  const ports = createAwsPorts(config, {}, clients);

  const logger = createLogger(name);
  for (const level of ['error', 'warn', 'info'] as const)
    jest.spyOn(logger, level).mockImplementation((message: unknown, ...extra: unknown[]) => {
      const e = (extra[0] as { error?: { name?: string; code?: string; message?: string } } | undefined)?.error;
      if (level !== 'info') logged.push({ level, message: String(message), error: e ? `${e.name}/${e.code}: ${e.message}` : '' });
    });
  const ctx: AppContext = { ports: async () => ports, logger, storeName: 'dynamodb' };
  server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of ['drafter', 'appraiser', 'reviewer', 'editor']) tokens[role] = await signDevToken(secret, `user-${role}`, [role]);
});

afterAll(async () => {
  const dir = process.env.CSDL_FAULT_REPORT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${basename(__filename)}.json`), JSON.stringify(summary));
  }
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await proxy?.close();
  if (directClients) {
    await directClients.dynamodb.send(new DeleteTableCommand({ TableName: config.TABLE_NAME })).catch(() => {});
    for (const c of [directClients, clients]) {
      c?.dynamodb.destroy();
      c?.s3.destroy();
      await c?.opensearch.close();
    }
  }
});

interface Case {
  k: number;
  draftId: string;
  promotion: Promotion;
  first?: { status: number; type: string | undefined };
  /** The draft as stored right after the cut (read straight). */
  afterCut?: Draft;
  retry?: number;
}

let writesPerPromotion = 0;
let unitCount = 0;
const cases: Case[] = [];

/** 1..n-1, at most MAX_CUT_POINTS of them spread evenly, the first and the last kept. */
function cutPoints(n: number, max = MAX_CUT_POINTS): number[] {
  const all = Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1);
  if (all.length <= max) return all;
  return [...new Set(Array.from({ length: max }, (_, i) => all[Math.round((i * (all.length - 1)) / (max - 1))] as number))];
}

describe('a promotion interrupted between its writes (DynamoDB cut after its k-th write)', () => {
  it(
    'an uninterrupted promotion is stored exactly once; it counts N, its DynamoDB writes',
    async () => {
      const draftId = await appraisedDraft();
      const p = promotionOf('30/2026/TT-BTP');
      const before = { writes: tap.writes, s3Puts: tap.s3Puts, commands: tap.commands.length };
      const res = await promote(draftId, p);
      expect(res.status).toBe(201);
      const parsed = PromoteResponse.parse(res.json);
      writesPerPromotion = tap.writes - before.writes;
      const work = await expectPromotedOnce(draftId, p);
      expect(parsed.document.id).toBe(work.id);
      unitCount = work.unitCount;
      Object.assign(summary, {
        writesPerPromotion,
        writeCommands: tap.commands.slice(before.commands),
        s3PutsPerPromotion: tap.s3Puts - before.s3Puts,
        unitCount,
      });
      // The intent, the units, the work, its signer and dates, the draft closed: at least three writes to cut between.
      expect(writesPerPromotion).toBeGreaterThanOrEqual(3);
      expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
    },
    HEAVY_TIMEOUT,
  );

  it(
    'a promotion cut after its k-th write answers 503 problem+json dependency-unavailable, never 500, and leaves its intent on the draft',
    async () => {
      const points = cutPoints(writesPerPromotion);
      summary.cutPoints = points;
      expect(points[0]).toBe(1);
      expect(points[points.length - 1]).toBe(writesPerPromotion - 1);
      for (const [i, k] of points.entries()) {
        const draftId = await appraisedDraft();
        const c: Case = { k, draftId, promotion: promotionOf(`${31 + i}/2026/TT-BTP`) };
        cases.push(c);
        const start = tap.writes;
        tap.cutAfter = start + k;
        const res = await promote(draftId, c.promotion);
        const cut = proxy.isCut;
        tap.cutAfter = 0;
        await proxy.restore();
        c.first = { status: res.status, type: res.json.type };
        // k < N: the draft's closing write (the N-th) is still ahead when the proxy goes, so no cut answers 2xx.
        expect({ k, cut, written: tap.writes - start, status: res.status, type: res.json.type }).toEqual({
          k,
          cut: true,
          written: k,
          status: 503,
          type: '/problems/dependency-unavailable',
        });
        expect(res.contentType).toMatch(/^application\/problem\+json/);
        c.afterCut = (await direct.drafts?.getDraft(draftId)) as Draft;
        // The intent is the first write: every cut point (k ≥ 1) leaves it on the draft, still a draft.
        expect({ k, stage: c.afterCut.stage, promoting: c.afterCut.promoting?.number }).toEqual({ k, stage: 'draft', promoting: c.promotion.number });
      }
      summary.answered503 = cases.filter((c) => c.first?.status === 503).length;
      expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
    },
    HEAVY_TIMEOUT,
  );

  it('refuses another promotion of a cut draft with 409 while its intent is stored, and stores nothing for it', async () => {
    let refused = 0;
    for (const [i, c] of cases.entries()) {
      const other = promotionOf(`${61 + i}/2026/TT-BTP`);
      const start = tap.writes;
      const res = await promote(c.draftId, other);
      // Every cut draft holds the intent (checked above): the other request is refused, nothing written.
      expect({ k: c.k, status: res.status, type: res.json.type, written: tap.writes - start }).toEqual({
        k: c.k,
        status: 409,
        type: '/problems/conflict',
        written: 0,
      });
      expect(String(res.json.detail)).toContain(c.promotion.number);
      expect((await direct.works.findByReferenceKey(referenceKey(other.number))).length).toBe(0);
      refused++;
    }
    summary.otherPromotionRefused409 = refused;
  });

  it(
    'the same request again completes each cut promotion: stored exactly once (work, original, units, dates, signer), the draft promulgated',
    async () => {
      let completed = 0;
      for (const c of cases) {
        const res = await promote(c.draftId, c.promotion);
        c.retry = res.status;
        // The draft's closing write had not happened: the retry completes it (201), it does not replay.
        expect({ k: c.k, status: res.status, detail: res.json.detail }).toEqual({ k: c.k, status: 201, detail: undefined });
        const parsed = PromoteResponse.parse(res.json);
        const work = await expectPromotedOnce(c.draftId, c.promotion, unitCount);
        expect(parsed.document.id).toBe(work.id);
        expect(parsed.draft.promotedTo?.workId).toBe(work.id);
        completed++;
      }
      summary.completedOnRetry = completed;
      expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
    },
    HEAVY_TIMEOUT,
  );

  it('a third identical request answers 200 replayed and writes nothing (stored exactly once)', async () => {
    let replayed = 0;
    for (const c of cases) {
      const start = { writes: tap.writes, s3Puts: tap.s3Puts };
      const res = await promote(c.draftId, c.promotion);
      expect({ k: c.k, status: res.status, replayed: res.replayed, writes: tap.writes - start.writes, s3Puts: tap.s3Puts - start.s3Puts }).toEqual({
        k: c.k,
        status: 200,
        replayed: 'true',
        writes: 0,
        s3Puts: 0,
      });
      replayed++;
    }
    summary.replayedWithoutWrites = replayed;
  });

  it('stores nothing twice: one work per promoted number, no stray work', async () => {
    const works = await storedWorks();
    const numbers = works.map((w) => w.number);
    const expected = ['30/2026/TT-BTP', ...cases.map((c) => c.promotion.number)];
    summary.duplicates = numbers.length - new Set(numbers).size;
    summary.stored = works.length;
    expect(summary.duplicates).toBe(0);
    expect([...numbers].sort()).toEqual([...expected].sort());
    expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
  });
});
