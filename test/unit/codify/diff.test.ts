/** Re-import reports: what a new read of the export adds, removes and changes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { diffImports } from '../../../domain/codify/diff';
import { parseHeadingHtml } from '../../../domain/codify/export';

const html = gunzipSync(readFileSync(join(__dirname, '../../fixtures/phapdien/84a4b90e-6b07-41ca-919d-759cfb657f3f.html.gz'))).toString('utf8');

describe('diffImports', () => {
  it('finds nothing to do when the same export is imported again', () => {
    const a = parseHeadingHtml(html).heading.articles;
    const b = parseHeadingHtml(html).heading.articles;
    expect(diffImports(a, b)).toEqual({ added: [], removed: [], changed: [], unchanged: 85 });
  });

  it('reports an article whose text changed, one removed and one added', () => {
    const before = parseHeadingHtml(html).heading.articles;
    const edited = html
      .replace('Luật này quy định về bí mật nhà nước,', 'Luật này quy định về bí mật nhà nước (sửa),')
      .replace('Điều 1.2.NĐ.1.1. Phạm vi điều chỉnh', 'Điều 1.2.NĐ.1.1a. Phạm vi điều chỉnh');
    const d = diffImports(before, parseHeadingHtml(edited).heading.articles);
    expect(d.changed.map((c) => c.after.code)).toEqual(['1.2.LQ.1']);
    expect(d.changed[0]?.before.contentHash).not.toBe(d.changed[0]?.after.contentHash);
    expect(d.removed.map((a) => a.code)).toEqual(['1.2.NĐ.1.1']);
    expect(d.added.map((a) => a.code)).toEqual(['1.2.NĐ.1.1a']);
    expect(d.unchanged).toBe(83);
  });

  it('keeps repeated codes apart by their occurrence', () => {
    const art = "<p class='pDieu'>Điều 36.3.QĐ.1.4.</p><p class='pNoiDung'><p>TEXT</p></p>";
    const read = (a: string, b: string) => parseHeadingHtml(`<h3>Đề mục 36.3</h3>${art.replace('TEXT', a)}${art.replace('TEXT', b)}`).heading.articles;
    const d = diffImports(read('x', 'y'), read('x', 'z'));
    expect(d.changed.map((c) => [c.after.code, c.after.occurrence])).toEqual([['36.3.QĐ.1.4', 2]]);
  });
});
