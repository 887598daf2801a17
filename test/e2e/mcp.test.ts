/**
 * Tools for assistants (issue 21): the MCP server as an assistant runs it — the SDK's own Client spawning
 * `csdl mcp --data DIR` over stdio, on a store filled with the sample corpus by `csdl ingest`. Each tool answers with
 * text and structured content the client checks against the tool's output schema; wrong input (an unknown document,
 * a bad date, an unknown unit, a limit over the cap) is a tool error with a clear message, and the server goes on.
 * Then the same tools over streamable HTTP (`csdl mcp --http`), and on the API at `POST /mcp`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { csdl } from '../support/cli';
import { corpusFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CLI = join(ROOT, 'cli', 'main.ts');
const SAMPLE = join(ROOT, 'local', 'sample-corpus');

let dir: string;
let client: Client;
let stderr = '';
const protocolErrors: Error[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csdl-mcp-'));
  const files = readdirSync(SAMPLE)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(SAMPLE, f));
  const ingest = csdl('ingest', ...files, '--data', dir, '--json');
  expect(ingest.status).toBe(0);
  client = new Client({ name: 'csdl-mcp-test', version: '1.0.0' });
  client.onerror = (e) => protocolErrors.push(e);
  const transport = new StdioClientTransport({ command: process.execPath, args: [TSX, CLI, 'mcp', '--data', dir], cwd: ROOT, stderr: 'pipe' });
  transport.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  await client.connect(transport);
}, 120_000);

afterAll(async () => {
  await client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
// biome-ignore lint/suspicious/noExplicitAny: structured content is JSON; each test reads the fields it checks.
const data = (r: CallToolResult) => r.structuredContent as any;

it('lists six read-only tools, each with input and output schemas', async () => {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(['answer', 'diff', 'document_status', 'get_unit', 'relations', 'search']);
  for (const t of tools) {
    expect(t.description).toBeTruthy();
    expect(t.inputSchema.type).toBe('object');
    expect(t.outputSchema?.type).toBe('object');
    expect(t.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  }
  const search = tools.find((t) => t.name === 'search');
  expect(search?.inputSchema.required).toEqual(['query']);
  expect(search?.inputSchema.properties?.limit).toMatchObject({ maximum: 20 });
});

it('document_status says what `csdl status` says, with its ground: which document, which unit, from which date', async () => {
  const cli = JSON.parse(csdl('status', '09/2022/TT-BLĐTBXH', '--at', '2024-07-01', '--data', dir, '--json').last);
  const r = await call('document_status', { document: '09/2022/TT-BLĐTBXH', at: '2024-07-01' });
  expect(r.isError).toBeFalsy();
  const s = data(r);
  expect(s.status).toBe(cli.status);
  expect(s.status).toBe('expired');
  expect(s.since).toBe('2024-06-05');
  expect(s.reasons[0]).toMatchObject({ number: cli.reasons[0].number, workId: cli.reasons[0].workId, sourceEId: 'att_1', date: '2024-06-05' });
  expect(s.reasons[0].number).toBe('169/QĐ-BLĐTBXH');
  expect(textOf(r)).toContain('09/2022/TT-BLĐTBXH tại ngày 2024-07-01: Hết hiệu lực toàn bộ (expired)');
  expect(textOf(r)).toContain('[văn bản: 169/QĐ-BLĐTBXH; đơn vị: Văn bản kèm theo 1; từ ngày: 2024-06-05]');

  // One unit: Điều 1 on 2023-07-01 is in force, amended by 02/2023/TT-BLĐTBXH from 2023-06-01.
  const unit = data(await call('document_status', { document: '09-2022-TT-BLDTBXH', at: '2023-07-01', eId: 'art_1' }));
  expect(unit).toMatchObject({ eId: 'art_1', citation: 'Điều 1', status: 'in_force' });
  expect(unit.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'amended', number: '02/2023/TT-BLĐTBXH', date: '2023-06-01' })]));
});

it('search finds the document by words and by its number', async () => {
  const byWords = data(await call('search', { query: 'đa dạng hóa sinh kế giảm nghèo', limit: 5 }));
  expect(byWords.hits.length).toBeGreaterThan(0);
  expect(byWords.hits.length).toBeLessThanOrEqual(5);
  expect(byWords.hits.map((h: { documentNumber: string }) => h.documentNumber)).toContain('09/2022/TT-BLĐTBXH');
  const byNumber = await call('search', { query: '09/2022/tt-bldtbxh', scope: 'documents' });
  expect(data(byNumber).hits[0]).toMatchObject({ documentNumber: '09/2022/TT-BLĐTBXH', documentId: '09-2022-TT-BLDTBXH', kind: 'document' });
  expect(textOf(byNumber)).toMatch(/^\d+ kết quả/);
});

it('get_unit gives the amended text on 2023-06-01 ("Phạm vi áp dụng") and the original before, with path and notes', async () => {
  const r = await call('get_unit', { document: '09/2022/TT-BLĐTBXH', eId: 'art_1', at: '2023-06-01' });
  expect(r.isError).toBeFalsy();
  const u = data(r);
  expect(u.unit.heading).toBe('Phạm vi áp dụng');
  expect(u.path.map((p: { eId: string }) => p.eId)).toEqual(['chp_I', 'art_1']);
  expect(u.notes[0]).toMatchObject({ eId: 'art_1' });
  expect(u.notes[0].note).toContain('Thông tư số 02/2023/TT-BLĐTBXH');
  expect(u.unit.children.map((c: { eId: string }) => c.eId)).toEqual(['art_1__para_1', 'art_1__para_2']);
  expect(u.status.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'amended', number: '02/2023/TT-BLĐTBXH' })]));
  expect(textOf(r)).toContain('Điều 1. Phạm vi áp dụng');
  expect(textOf(r)).toContain('Vị trí: Chương I NHỮNG QUY ĐỊNH CHUNG › Điều 1. Phạm vi áp dụng');

  const before = data(await call('get_unit', { document: '09/2022/TT-BLĐTBXH', eId: 'art_1', at: '2023-05-31' }));
  expect(before.unit.heading).toBe('Phạm vi điều chỉnh');
  expect(before.notes).toEqual([]);
});

it('answer returns cited units in force on the date, each with its ground', async () => {
  const r = await call('answer', { question: 'Đối tượng tham gia bảo hiểm xã hội bắt buộc gồm những ai?', at: '2025-08-01', limit: 3 });
  expect(r.isError).toBeFalsy();
  const a = data(r);
  expect(a.abstained).toBeNull();
  expect(a.answers.length).toBeGreaterThan(0);
  expect(a.answers.length).toBeLessThanOrEqual(3);
  for (const x of a.answers) {
    expect(x.documentNumber).toBeTruthy();
    expect(x.citation).toMatch(/^Điều \d+/);
    expect(['in_force', 'partially_expired']).toContain(x.status.status);
    expect(x.status.reasons.length).toBeGreaterThan(0);
    expect(x.permalink).toMatch(/^\/document\.html\?id=/);
  }
  expect(a.answers[0].documentNumber).toBe('41/2024/QH15');
  expect(textOf(r)).toContain(`${a.answers[0].documentNumber}, ${a.answers[0].citation}`);
});

it('relations and diff', async () => {
  const rel = data(await call('relations', { document: '02/2023/TT-BLĐTBXH' }));
  const amends = rel.groups.find((g: { type: string; direction: string }) => g.type === 'amends' && g.direction === 'outgoing');
  expect(amends.relations[0]).toMatchObject({ other: { number: '09/2022/TT-BLĐTBXH', inDatabase: true }, otherEId: 'art_1', effectiveFrom: '2023-06-01' });

  const r = await call('diff', { document: '09/2022/TT-BLĐTBXH', from: '2023-05-31', to: '2023-06-01' });
  const d = data(r);
  const art1 = d.changes.find((c: { eId: string }) => c.eId === 'art_1');
  expect(art1.change).toBe('changed');
  expect(art1.heading).toEqual(
    expect.arrayContaining([
      { op: 'delete', text: 'điều chỉnh' },
      { op: 'insert', text: 'áp dụng' },
    ]),
  );
  expect(d.validity.to.status).toBe('partially_expired');
  expect(textOf(r)).toContain('tên: Phạm vi [-điều chỉnh-] {+áp dụng+}');
});

it('answers wrong input with a tool error that says what is wrong, and keeps serving', async () => {
  const unknown = await call('document_status', { document: '99/2099/TT-XYZ', at: '2024-07-01' });
  expect(unknown.isError).toBe(true);
  expect(textOf(unknown)).toBe('Document "99/2099/TT-XYZ" was not found');
  expect(unknown.structuredContent).toBeUndefined();

  for (const [tool, args] of [
    ['get_unit', { document: '09/2022/TT-BLĐTBXH', eId: 'art_1', at: '2024-13-45' }],
    ['document_status', { document: '09/2022/TT-BLĐTBXH', at: '2023-02-30' }],
    ['diff', { document: '09/2022/TT-BLĐTBXH', from: 'yesterday', to: '2024-01-01' }],
  ] as const) {
    const r = await call(tool, args);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/must be a date YYYY-MM-DD on the calendar, got "(2024-13-45|2023-02-30|yesterday)"/);
  }

  const unit = await call('get_unit', { document: '09/2022/TT-BLĐTBXH', eId: 'art_99', at: '2024-01-01' });
  expect(unit.isError).toBe(true);
  expect(textOf(unit)).toMatch(/^Unit art_99 of 09\/2022\/TT-BLĐTBXH was not found/);
  const statusOfUnknownUnit = await call('document_status', { document: '09/2022/TT-BLĐTBXH', eId: 'art_99' });
  expect(statusOfUnknownUnit.isError).toBe(true);

  const tooMany = await call('search', { query: 'bảo hiểm', limit: 500 });
  expect(tooMany.isError).toBe(true);
  expect(textOf(tooMany)).toMatch(/limit/);
  const missing = await call('answer', {});
  expect(missing.isError).toBe(true);

  // Still serving.
  expect(data(await call('document_status', { document: '59/2020/QH14', at: '2024-01-01' })).documentNumber).toBe('59/2020/QH14');
  expect(protocolErrors).toEqual([]);
  // Logs go to stderr (stdout is the protocol's): the start, and nothing that failed inside.
  expect(stderr).toContain('csdl mcp: serving');
  expect(stderr).not.toMatch(/failed|Internal error/);
});

it('serves the same tools over streamable HTTP (csdl mcp --http)', async () => {
  let child: ChildProcess | null = null;
  const http = new Client({ name: 'csdl-mcp-http-test', version: '1.0.0' });
  try {
    child = spawn(process.execPath, [TSX, CLI, 'mcp', '--http', '--port', '0', '--data', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`no address in 30 s: ${err}`)), 30_000);
      child?.stderr?.on('data', (c: Buffer) => {
        err += c.toString('utf8');
        const m = /on (http:\/\/\S+\/mcp)/.exec(err);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child?.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    await http.connect(new StreamableHTTPClientTransport(new URL(url)));
    expect((await http.listTools()).tools).toHaveLength(6);
    const r = (await http.callTool({ name: 'document_status', arguments: { document: '09/2022/TT-BLĐTBXH', at: '2024-07-01' } })) as CallToolResult;
    expect(data(r)).toMatchObject({ status: 'expired', reasons: [expect.objectContaining({ number: '169/QĐ-BLĐTBXH' })] });
    const bad = (await http.callTool({ name: 'get_unit', arguments: { document: 'nope', eId: 'art_1' } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    // Another Host (DNS rebinding) is refused.
    const forged = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(forged).toBe(403);
    expect(out).toBe('');
  } finally {
    await http.close().catch(() => undefined);
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}, 60_000);

it('serves the same tools on the API at POST /mcp (streamable HTTP, stateless), as the Lambda does', async () => {
  const api = await startLocalApi();
  const onApi = new Client({ name: 'csdl-mcp-api-test', version: '1.0.0' });
  const errors: Error[] = [];
  onApi.onerror = (e) => errors.push(e);
  try {
    for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt', '169-QD-BLDTBXH.txt']) await api.ingest(f, corpusFile(f));
    await api.index();
    await onApi.connect(new StreamableHTTPClientTransport(new URL(`${api.base}/mcp`)));
    expect((await onApi.listTools()).tools.map((t) => t.name).sort()).toEqual(['answer', 'diff', 'document_status', 'get_unit', 'relations', 'search']);
    const r = (await onApi.callTool({ name: 'document_status', arguments: { document: '09/2022/TT-BLĐTBXH', at: '2024-07-01' } })) as CallToolResult;
    expect(r.isError).toBeFalsy();
    expect(data(r)).toMatchObject({ status: 'expired', reasons: [expect.objectContaining({ number: '169/QĐ-BLĐTBXH' })] });
    const unit = (await onApi.callTool({
      name: 'get_unit',
      arguments: { document: '09-2022-TT-BLDTBXH', eId: 'art_1__para_1', at: '2023-07-01' },
    })) as CallToolResult;
    expect(JSON.stringify(data(unit))).toContain('Mục III');
    const bad = (await onApi.callTool({ name: 'get_unit', arguments: { document: 'nope', eId: 'art_1' } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    // Not JSON-RPC over POST: a problem+json, as every route answers a bad request.
    const plain = await fetch(`${api.base}/mcp`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(plain.status).toBe(415);
    expect(errors).toEqual([]);
  } finally {
    await onApi.close().catch(() => undefined);
    await api.close();
  }
}, 60_000);
