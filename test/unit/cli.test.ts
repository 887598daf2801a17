/** The CLI contract: --json puts one JSON value on the last stdout line, errors included; exit codes are stable. */
import { unitsText } from '../../domain/consolidate/render';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_DIR } from '../support/fixtures';
import { tempDir } from '../support/embedded';
import { csdl } from '../support/cli';

describe('csdl', () => {
  const data = tempDir('csdl-cli-');

  it('ingests files with one summary line each, names a bad file, and keeps going', () => {
    const r = csdl('ingest', join(SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt'), '/nonexistent.txt', join(SAMPLE_DIR, '38-2022-ND-CP.txt'), '--data', data);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stdout).toMatch(/^created\s+02-2023-TT-BLDTBXH\s+02\/2023\/TT-BLĐTBXH/m);
    expect(r.stderr).toContain('csdl: /nonexistent.txt: no such file');
  });

  it('gets and searches with --json: one JSON value on the last line', () => {
    const got = csdl('get', '02/2023/TT-BLĐTBXH', '--data', data, '--json');
    expect(got.status).toBe(0);
    expect(JSON.parse(got.last)).toMatchObject({ id: '02-2023-TT-BLDTBXH', type: 'thong_tu' });
    const found = csdl('search', 'muc luong toi thieu', '--data', data, '--json', '--limit', '3');
    const body = JSON.parse(found.last) as { total: number; hits: { documentNumber: string; articleNum: string | null; snippet: string }[] };
    expect(body.hits[0]?.documentNumber).toBe('38/2022/NĐ-CP');
    expect(body.hits.map((h) => h.articleNum)).toContain('3');
    expect(body.total).toBeGreaterThan(0);
  });

  it('answers the status of a document at a date with reasons, and its consolidated text at a date', () => {
    const f1 = tempDir('csdl-cli-f1-');
    expect(csdl('ingest', join(SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt'), join(SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt'), '--data', f1).status).toBe(0);
    const before = JSON.parse(csdl('status', '09/2022/TT-BLĐTBXH', '--at', '2023-05-31', '--data', f1, '--json').last);
    expect(before).toMatchObject({ status: 'in_force', label: 'Còn hiệu lực' });
    const after = JSON.parse(csdl('status', '09/2022/TT-BLĐTBXH', '--at', '2023-06-01', '--data', f1, '--json').last);
    expect(after).toMatchObject({ status: 'partially_expired', label: 'Hết hiệu lực một phần' });
    expect(after.reasons[0]).toMatchObject({ workId: '02-2023-TT-BLDTBXH', eId: 'art_1', date: '2023-06-01' });
    expect(JSON.parse(csdl('status', '09-2022-TT-BLDTBXH', '--at', '2022-01-01', '--data', f1, '--json').last).status).toBe('not_yet_in_force');

    type U = { kind: string; num: string; eId: string; heading: string | null; text: string; children: U[]; sources?: { note: string }[] };
    const article1 = (at: string) => {
      const c = JSON.parse(csdl('consolidate', '09/2022/TT-BLĐTBXH', '--at', at, '--data', f1, '--json').last) as { units: U[]; unapplied: unknown[] };
      expect(c.unapplied).toEqual([]);
      const flat = (us: U[]): U[] => us.flatMap((u) => [u, ...flat(u.children)]);
      return flat(c.units).find((u) => u.eId === 'art_1');
    };
    expect(article1('2023-05-31')?.heading).toBe('Phạm vi điều chỉnh');
    expect(article1('2023-05-31')?.sources ?? []).toEqual([]);
    const amended = article1('2023-06-01');
    expect(amended?.heading).toBe('Phạm vi áp dụng');
    expect(amended?.sources?.[0]?.note).toBe(
      'Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH, có hiệu lực kể từ ngày 01 tháng 6 năm 2023',
    );
    // The text is the API's (one renderer, domain/consolidate/render.ts): "Chương I", "Điều 1. …", the notes.
    const json = JSON.parse(csdl('consolidate', '09/2022/TT-BLĐTBXH', '--at', '2023-06-01', '--data', f1, '--json').last) as { units: U[] };
    const text = csdl('consolidate', '09/2022/TT-BLĐTBXH', '--at', '2023-06-01', '--data', f1).stdout;
    expect(text).toContain(unitsText(json.units));
    expect(text).toMatch(/^Chương I /m);
    expect(text).not.toMatch(/^\s*chapter /m);
    const bad = csdl('status', '09/2022/TT-BLĐTBXH', '--at', '2023-02-30', '--data', f1, '--json');
    expect(bad.status).not.toBe(0);
    expect(bad.last).toContain('--at must be a date');
  });

  it('imports đề mục files of the Bộ pháp điển, serves a heading, finds codified articles, and re-imports idempotently', () => {
    const pd = tempDir('csdl-cli-pd-');
    const fixtures = join(__dirname, '..', 'fixtures', 'phapdien');
    const first = csdl('phapdien', 'import', fixtures, '--data', pd, '--json');
    expect(first.status).toBe(0);
    const report = JSON.parse(first.last) as { headings: number; articles: number; added: number; unwritten: number };
    expect(report).toMatchObject({ headings: 4, unwritten: 0 });
    expect(report.added).toBe(report.articles);
    const again = JSON.parse(csdl('phapdien', 'import', fixtures, '--data', pd, '--json').last);
    expect(again).toMatchObject({ headings: 4, added: 0, changed: 0, removed: 0, unwritten: 4 });
    const heading = csdl('phapdien', 'heading', '1.2', '--data', pd, '--json');
    expect(heading.status).toBe(0);
    const h = JSON.parse(heading.last) as {
      id: string;
      title: string;
      articles: { code: string; heading: string; text: string; source: { documentNumber: string; articleNum: string; effective: string } }[];
    };
    expect(h.id).toBe('1.2');
    expect(h.articles[0]).toMatchObject({ code: '1.2.LQ.1', source: { documentNumber: '29/2018/QH14', articleNum: '1', effective: '2020-07-01' } });
    expect(h.articles[0]?.text.length).toBeGreaterThan(20);
    const found = JSON.parse(csdl('search', 'bi mat nha nuoc', '--scope', 'codification', '--data', pd, '--json').last) as {
      hits: { kind: string; eId: string }[];
    };
    expect(found.hits.length).toBeGreaterThan(0);
    expect(found.hits.every((x) => x.kind === 'codified')).toBe(true);
    // A truncated file is named with the reason, and the files after it are still imported.
    const broken = join(pd, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'a-truncated.html.gz'), readFileSync(join(fixtures, '84a4b90e-6b07-41ca-919d-759cfb657f3f.html.gz')).subarray(0, 500));
    copyFileSync(join(fixtures, 'da2154d2-f8c9-434c-b94c-e17fea6bc416.html.gz'), join(broken, 'b-good.html.gz'));
    const partial = csdl('phapdien', 'import', broken, '--data', tempDir('csdl-cli-pd2-'), '--json');
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(/a-truncated\.html\.gz: /);
    expect(JSON.parse(partial.last)).toMatchObject({ headings: 1, failed: [{ file: expect.stringContaining('a-truncated.html.gz') }] });
    const missing = csdl('phapdien', 'heading', '99.9', '--data', pd, '--json');
    expect(missing.status).not.toBe(0);
    expect(JSON.parse(missing.last)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('audits the store it ingested above: totals and the worst documents first (csdl audit)', () => {
    const r = csdl('audit', '--data', data, '--json', '--limit', '5');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.last) as { documents: number; totals: { metadata: Record<string, number> }; worst: { score: number }[] };
    expect(report.documents).toBeGreaterThan(0);
    expect(Object.keys(report.totals.metadata)).toEqual(['number', 'type', 'issuers', 'issued', 'signer', 'title']);
    expect(report.worst.length).toBeLessThanOrEqual(5);
  });

  it('rebuilds the search index from the store', () => {
    const r = csdl('reindex', '--data', data, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.last)).toEqual({ reindexed: 2, codifiedArticles: 0 });
    const found = csdl('search', 'muc luong toi thieu', '--data', data, '--json');
    expect(JSON.parse(found.last).total).toBeGreaterThan(0);
    // A dead-letter replay by ids: the listed documents processed again; an id no longer stored is reported.
    const ids = JSON.parse(csdl('search', 'muc luong toi thieu', '--data', data, '--json').last).hits[0].documentId as string;
    const replay = csdl('reindex', '--ids', `${ids},gone-2020`, '--data', data, '--json');
    expect(replay.status).toBe(0);
    expect(JSON.parse(replay.last)).toMatchObject({ indexed: [ids], removed: ['gone-2020'] });
    expect(csdl('reindex', '--ids', '../etc', '--data', data).status).toBe(2);
  });

  it('parses and lints files per the contract', () => {
    const parsed = csdl('parse', join(SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt'), '--json');
    expect(parsed.status).toBe(0);
    const body = JSON.parse(parsed.last) as {
      metadata: { number: string };
      units: { eId: string; kind: string; children: unknown[] }[];
      diagnostics: unknown[];
    };
    expect(body.metadata.number).toBe('02/2023/TT-BLĐTBXH');
    expect(body.units.map((u) => u.eId)).toEqual(['art_1', 'art_2']);
    const linted = csdl('lint', join(SAMPLE_DIR, '59-2020-QH14.txt'));
    expect(linted.status).toBe(0);
    expect(linted.last).toBe('0 error(s), 0 warning(s)');
  });

  it('answers errors as JSON too under --json, with exit codes 3 (not found) and 2 (usage)', () => {
    const missing = csdl('get', '99/2099/TT-BX', '--data', data, '--json');
    expect(missing.status).toBe(3);
    expect(JSON.parse(missing.last)).toEqual({ error: { code: 'not_found', message: 'Document "99/2099/TT-BX" was not found' } });
    const usage = csdl('search', '--data', data, '--json', '--limit', 'many');
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.last).error.code).toBe('usage');
    expect(JSON.parse(csdl('help', '--json').last)).toHaveProperty('usage');
  });
});
