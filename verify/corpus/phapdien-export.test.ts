/**
 * A corpus-wide check, not part of `npm test` (`npm run test:corpus`): the whole Bộ pháp điển export
 * (../shared/corpus/phapdien, or CSDL_CORPUS/phapdien): every đề mục read without a throw, every article with a code and
 * a heading, and the totals the import reports rely on. Fails, saying so, when the export is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHeadingHtml, parseTree } from '../../domain/codify/export';

const DIR = join(process.env.CSDL_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'), 'phapdien');

beforeAll(() => {
  if (!existsSync(join(DIR, 'demuc')))
    throw new Error(`${DIR}/demuc is missing: this corpus-wide check needs the development corpus (../shared/corpus, or set CSDL_CORPUS)`);
});

describe('the whole pháp điển export', () => {
  it('reads all 300 đề mục files: 62,282 articles, each with a code and a heading, 8 without a source note', () => {
    const files = readdirSync(join(DIR, 'demuc')).filter((f) => f.endsWith('.html.gz'));
    expect(files).toHaveLength(300);
    let articles = 0;
    let withoutSource = 0;
    let withoutDocumentNumber = 0;
    let thrown = 0;
    let headingsWithArticles = 0;
    const diagnostics = new Map<string, number>();
    for (const f of files) {
      try {
        const { heading, diagnostics: d } = parseHeadingHtml(gunzipSync(readFileSync(join(DIR, 'demuc', f))).toString('utf8'), f);
        articles += heading.articles.length;
        if (heading.articles.length > 0) headingsWithArticles++;
        for (const a of heading.articles) {
          expect(a.code).toMatch(/^\d{1,2}\.\d{1,3}\.\p{L}{1,3}(\.\d{1,4}\p{Ll}?){1,3}$/u);
          expect(a.headingId).toBe(heading.id);
          if (!a.source) withoutSource++;
          else if (!a.source.documentNumber) withoutDocumentNumber++;
        }
        for (const x of d) diagnostics.set(x.code, (diagnostics.get(x.code) ?? 0) + 1);
      } catch {
        thrown++;
      }
    }
    expect(thrown).toBe(0);
    expect(articles).toBe(62282);
    expect(headingsWithArticles).toBe(210);
    expect(withoutSource).toBe(8);
    expect(withoutDocumentNumber).toBeLessThan(100);
    expect(diagnostics.get('heading_mismatch')).toBe(5);
    expect(diagnostics.get('unparsed_code')).toBe(1);
    expect(diagnostics.get('parse_failed')).toBeUndefined();
  }, 180_000);

  it('reads tree.json: 42 topics, 306 heading entries, the repeated numbers reported', () => {
    const t = parseTree(readFileSync(join(DIR, 'tree.json'), 'utf8'));
    expect(t.topics).toHaveLength(42);
    expect(t.headings).toHaveLength(306);
    expect(t.headings.filter((h) => h.id === null)).toHaveLength(5);
    expect(t.diagnostics.filter((d) => d.code === 'tree_duplicate_heading').map((d) => d.message)).toContain(
      'đề mục 25.16 is listed 4 times (different files)',
    );
  });
});
