/** Systematization (pure): grouping into the official lists with grounds, order, CSV (RFC 4180) and printable HTML. */
import { parseDocument } from 'htmlparser2';
import { type SystematizedWork, systematize } from '../../domain/systematize';
import { CSV_HEADER, systematizationCsv, systematizationHtml } from '../../domain/systematize/render';
import { statusAt, type StatusInput } from '../../domain/status/engine';
import type { Relation } from '../../domain/relations/types';
import { csvField, toCsv } from '../../domain/text/csv';
import { parseCsv } from '../support/csv';

const rel = (type: Relation['type'], source: string, target: string, date: string | null, eId?: string): Relation =>
  ({
    type,
    source: { workId: source.replace(/\//g, '-'), number: source },
    target: { workId: target.replace(/\//g, '-'), number: target, text: target, ...(eId ? { eId } : {}) },
    effectiveFrom: date,
    evidence: { text: '' },
    origin: 'extracted',
  }) as unknown as Relation;

function work(
  number: string,
  type: SystematizedWork['type'],
  issued: string,
  effective: string,
  incoming: Relation[],
  title = `Văn bản ${number}`,
): SystematizedWork {
  const id = number.replace(/\//g, '-');
  const input: StatusInput = { work: { id, number, type, issued, effective }, incoming };
  return {
    id,
    number,
    type,
    title,
    issuers: ['Bộ X'],
    issued,
    effective,
    status: statusAt(input, '2024-12-31'),
    sectors: [{ code: '20', name: 'Lao động' }],
    sectorsConfirmed: false,
  };
}

const works = [
  work('3/2023/TT-BX', 'thong_tu', '2023-01-01', '2023-02-01', []),
  work('1/2020/TT-BX', 'thong_tu', '2020-01-01', '2020-02-01', [rel('repeals', '9/2024/TT-BX', '1/2020/TT-BX', '2024-06-05')]),
  work('2/2021/TT-BX', 'thong_tu', '2021-01-01', '2021-02-01', [rel('amends', '9/2024/TT-BX', '2/2021/TT-BX', '2024-05-15', 'art_3__para_1')]),
  work('5/2024/TT-BX', 'thong_tu', '2024-12-01', '2025-01-15', []),
  work('7/2022/TT-BX', 'thong_tu', '2022-01-01', '2022-02-01', [rel('repeals', '8/2024/TT-BX', '7/2022/TT-BX', null)]),
  work('1/2019/NĐ-CP', 'nghi_dinh', '2019-03-01', '2019-04-01', []),
];

describe('systematize', () => {
  const s = systematize({ kind: 'issuer', name: 'Bộ X' }, '2024-12-31', works);
  const list = (key: string) => s.lists.find((l) => l.key === key)?.rows ?? [];

  it('puts each document on the list of its status at the cut-off date, with the legal ground', () => {
    expect(s.lists.map((l) => l.key)).toEqual(['in_force', 'expired', 'partially_expired', 'to_review', 'other']);
    expect(s.total).toBe(6);
    expect(list('expired').map((r) => r.number)).toEqual(['1/2020/TT-BX']);
    expect(list('expired')[0]?.grounds[0]).toMatchObject({ code: 'repealed', number: '9/2024/TT-BX', date: '2024-06-05' });
    expect(list('partially_expired')[0]).toMatchObject({ number: '2/2021/TT-BX', statusLabel: 'Hết hiệu lực một phần' });
    expect(list('partially_expired')[0]?.grounds[0]).toMatchObject({
      code: 'amended',
      number: '9/2024/TT-BX',
      citation: 'Điều 3, khoản 1',
      date: '2024-05-15',
    });
    expect(list('other').map((r) => [r.number, r.status])).toEqual([['5/2024/TT-BX', 'not_yet_in_force']]);
    for (const l of s.lists) for (const r of l.rows) expect([r.number, r.grounds.length > 0]).toEqual([r.number, true]);
  });

  it('orders a list by the rank of the type, then the date of issue, and numbers the rows', () => {
    expect(list('in_force').map((r) => [r.stt, r.number])).toEqual([
      [1, '1/2019/NĐ-CP'],
      [2, '7/2022/TT-BX'],
      [3, '3/2023/TT-BX'],
    ]);
  });

  it('also lists a document flagged for review (an undated repeal) on the review list, its flags as grounds', () => {
    expect(list('to_review').map((r) => r.number)).toEqual(['7/2022/TT-BX']);
    expect(list('to_review')[0]?.grounds[0]).toMatchObject({ code: 'undated_relation' });
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, doubles quotes, ends records with CRLF, starts with a BOM', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [['1', 'x,y']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
    expect(toCsv(['a'], [], false)).toBe('a\r\n');
  });

  it('parses back to the same rows and grounds', () => {
    const tricky = work('4/2023/TT-BX', 'thong_tu', '2023-01-01', '2023-02-01', [], 'Tên có "ngoặc kép", dấu phẩy\nvà xuống dòng');
    const s = systematize({ kind: 'issuer', name: 'Bộ X' }, '2024-12-31', [...works, tricky]);
    const rows = parseCsv(systematizationCsv(s));
    expect(rows[0]).toEqual(CSV_HEADER);
    const all = s.lists.flatMap((l) => l.rows.map((r) => ({ l, r })));
    expect(rows.length - 1).toBe(all.length);
    all.forEach(({ l, r }, i) => {
      const line = rows[i + 1] ?? [];
      expect(line.slice(0, 5)).toEqual([l.title, String(r.stt), r.number, r.typeLabel, r.title]);
      expect(line[8]?.split('\n')).toEqual(r.grounds.map((g) => g.message));
      expect(line[11]).toBe(r.documentId);
    });
  });
});

describe('printable HTML', () => {
  it('is a complete page with a print stylesheet, every list, and text escaped', () => {
    const evil = work('6/2023/TT-BX', 'thong_tu', '2023-01-01', '2023-02-01', [], '<script>alert(1)</script> & "x"');
    const html = systematizationHtml(systematize({ kind: 'issuer', name: 'Bộ <b>X</b>' }, '2024-12-31', [...works, evil]));
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@media print');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>X</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    const doc = parseDocument(html);
    const text = (n: unknown): string => {
      const node = n as { data?: string; children?: unknown[] };
      return node.data ?? (node.children ?? []).map(text).join('');
    };
    const all = text(doc);
    expect(all).toContain('Tính đến ngày 31/12/2024');
    expect(all).toContain('<script>alert(1)</script> & "x"');
    expect((html.match(/<h2>/g) ?? []).length).toBe(5);
  });
});
