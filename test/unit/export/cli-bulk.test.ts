/**
 * `csdl bulk export [--out DIR]` and `csdl bulk load FILE`: the dump written with its SHA256SUMS, loaded into another
 * store; a damaged file refused naming the file and the line, the store left as it was.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tempDir } from '../../support/embedded';
import { SAMPLE_DIR } from '../../support/fixtures';
import { csdl } from '../../support/cli';

describe('csdl bulk', () => {
  const data = tempDir('csdl-cli-bulk-');
  const copy = tempDir('csdl-cli-bulk-copy-');
  const out = tempDir('csdl-cli-bulk-out-');

  beforeAll(() => {
    expect(csdl('ingest', join(SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt'), join(SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt'), '--data', data).status).toBe(0);
  }, 60_000);

  it('exports the dump, copies its files with SHA256SUMS, and loads it into another store', () => {
    const r = csdl('bulk', 'export', '--at', '2024-01-01', '--out', out, '--json', '--data', data);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(r.last) as { documents: number; files: { name: string; sha256: string; kind: string }[] };
    expect(manifest.documents).toBe(2);
    const names = readdirSync(out).sort();
    expect(names).toEqual(['SHA256SUMS', ...manifest.files.map((f) => f.name)].sort());
    for (const line of readFileSync(join(out, 'SHA256SUMS'), 'utf8').trimEnd().split('\n')) {
      const [sum, name] = line.split('  ');
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, name as string)))
          .digest('hex'),
      ).toBe(sum);
    }
    const documents = manifest.files.find((f) => f.kind === 'documents')?.name as string;
    const loaded = csdl('bulk', 'load', join(out, documents), '--json', '--data', copy);
    expect(loaded.status).toBe(0);
    expect(JSON.parse(loaded.last)).toEqual({ documents: 2, originals: 2 });
    const status = csdl('status', '09/2022/TT-BLĐTBXH', '--at', '2023-06-01', '--json', '--data', copy);
    expect(JSON.parse(status.last).reasons.map((x: { code: string }) => x.code)).toContain('amended');
  }, 120_000);

  it('refuses a damaged dump naming the file and the line, and stores nothing of it', () => {
    const good = readdirSync(out).find((n) => n.startsWith('documents-')) as string;
    const lines = gunzipSync(readFileSync(join(out, good)))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const bad = join(out, 'damaged.jsonl.gz');
    writeFileSync(bad, gzipSync(`${lines[0]}\n{"document":\n`));
    const empty = tempDir('csdl-cli-bulk-empty-');
    const r = csdl('bulk', 'load', bad, '--data', empty);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${bad}: Line 2 of the dump is not JSON`);
    expect(JSON.parse(csdl('list', '--json', '--data', empty).last)).toMatchObject({ items: [] });
    const notGzip = join(out, 'plain.jsonl.gz');
    writeFileSync(notGzip, 'not gzip');
    expect(csdl('bulk', 'load', notGzip, '--data', empty).stderr).toContain(`${notGzip}: not a gzip file`);
    expect(csdl('bulk', 'frobnicate', '--data', empty).stderr).toContain('bulk needs export or load');
  }, 60_000);
});
