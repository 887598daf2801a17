/** Reading real đề mục files of the Bộ pháp điển export (copied byte for byte into test/fixtures/phapdien). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHeadingHtml, parseTree } from '../../../domain/codify/export';
import type { ParsedHeading } from '../../../domain/codify/types';

const FIXTURES = join(__dirname, '../../fixtures/phapdien');
const read = (id: string): string => gunzipSync(readFileSync(join(FIXTURES, `${id}.html.gz`))).toString('utf8');
const cache = new Map<string, ParsedHeading>();
const parse = (id: string): ParsedHeading => {
  let r = cache.get(id);
  if (!r) {
    r = parseHeadingHtml(read(id), `${id}.html`);
    cache.set(id, r);
  }
  return r;
};
const SECRETS = '84a4b90e-6b07-41ca-919d-759cfb657f3f'; // 1.2 Bảo vệ bí mật nhà nước
const PIT = 'ab116df3-d3ed-4a95-95bf-0d6b8962e724'; // 33.10 Thuế thu nhập cá nhân, coded 33.1
const ENERGY = '913b88fd-89da-4fc5-8268-477ae6d71bac'; // 7.7 Sử dụng năng lượng tiết kiệm và hiệu quả
const WORKS = 'da2154d2-f8c9-434c-b94c-e17fea6bc416'; // 41.3 Công bố, phổ biến tác phẩm ra nước ngoài
const article = (id: string, code: string) => {
  const a = parse(id).heading.articles.find((x) => x.code === code);
  if (!a) throw new Error(`${code} not found`);
  return a;
};
const codes = (id: string, diag: string) => parse(id).diagnostics.filter((d) => d.code === diag);

describe('parseHeadingHtml on a real đề mục (1.2 Bảo vệ bí mật nhà nước)', () => {
  it('reads the header, the chapters and every article', () => {
    const { heading } = parse(SECRETS);
    expect([heading.id, heading.topic, heading.title]).toEqual(['1.2', 1, 'Bảo vệ bí mật nhà nước']);
    expect(heading.articles).toHaveLength(85);
    expect(heading.nodes[0]).toMatchObject({ kind: 'chapter', num: 'I', label: 'Chương I', title: 'NHỮNG QUY ĐỊNH CHUNG', anchor: '01002000000000001000' });
    expect(heading.nodes[0]?.articles[0]).toBe('1.2.LQ.1');
    expect(heading.articles.every((a) => a.headingId === '1.2' && a.topic === 1)).toBe(true);
  });

  it('reads an article: code, title, text, anchor, path and its source note', () => {
    const a = article(SECRETS, '1.2.LQ.1');
    expect(a).toMatchObject({
      sourceTypeCode: 'LQ',
      sourceOrdinal: null,
      sourceArticle: '1',
      title: 'Phạm vi điều chỉnh',
      text: 'Luật này quy định về bí mật nhà nước, hoạt động bảo vệ bí mật nhà nước và trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan.',
      anchor: '0100200000000000100000100000000000000000',
      path: ['Chương I NHỮNG QUY ĐỊNH CHUNG'],
    });
    expect(a.source).toMatchObject({
      documentNumber: '29/2018/QH14',
      documentType: 'luat',
      documentId: '29-2018-QH14',
      articleNum: '1',
      issued: '2018-11-15',
      effective: '2020-07-01',
      issuer: 'Quốc hội',
      title: 'Luật Bảo vệ bí mật nhà nước',
      url: 'http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=141824#Chuong_I_Dieu_1',
    });
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads decree and circular codes with the ordinal of their source document', () => {
    const a = article(SECRETS, '1.2.NĐ.1.1');
    expect([a.sourceTypeCode, a.sourceOrdinal, a.sourceArticle]).toEqual(['NĐ', 1, '1']);
    expect(a.source).toMatchObject({ documentNumber: '26/2020/NĐ-CP', documentType: 'nghi_dinh', documentId: '26-2020-ND-CP', issued: '2020-02-28' });
  });

  it('keeps clauses and points as lines of the text', () => {
    const lines = article(SECRETS, '1.2.TT.3.12').text.split('\n');
    expect(lines[0]).toBe('1. Giải mật là xóa bỏ độ mật của bí mật nhà nước.');
    expect(lines).toContain(
      'b) Không còn thuộc danh mục bí mật nhà nước. Trường hợp này, cơ quan, đơn vị xác định bí mật nhà nước phải đóng dấu hoặc có văn bản, hình thức khác xác định việc giải mật và thông báo ngày bằng văn bản đến cơ quan, tổ chức, cá nhân có liên quan.',
    );
  });

  it('reads the cross-references (chỉ dẫn) with the codes and anchors they jump to', () => {
    const refs = article(SECRETS, '1.2.LQ.1').crossRefs;
    expect(refs.map((r) => r.code)).toEqual(['3.3.LQ.72', '1.11.LQ.17', '1.6.LQ.16', '33.4.TL.1.2', '33.4.TL.3.2', '33.4.TL.4.2', '33.4.TL.5.2']);
    expect(refs[0]).toMatchObject({
      anchor: '030030000000000040000040000000000000000007200000000000000000',
      text: 'Điều 3.3.LQ.72. Bảo đảm an toàn, bí mật thông tin',
    });
    expect(refs[1]).toMatchObject({ documentNumber: '24/2018/QH14', url: null });
  });

  it('reports "Đièu" written for "Điều" in an article text', () => {
    expect(codes(SECRETS, 'typo_dieu')).toEqual([expect.objectContaining({ severity: 'info', line: 897, message: expect.stringContaining('"Đièu"') })]);
  });
});

describe('parseHeadingHtml on the slips of the export', () => {
  it('keeps the header heading when the codes name another one, and says so once', () => {
    const { heading } = parse(PIT);
    expect(heading.id).toBe('33.10');
    expect(heading.articles).toHaveLength(136);
    expect(heading.articles[0]).toMatchObject({ code: '33.1.LQ.1', headingId: '33.10' });
    expect(codes(PIT, 'heading_mismatch')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('header says đề mục 33.10 but 136 article code(s) say 33.1') }),
    ]);
  });

  it('takes amendment notes printed inside the text out of it, with the documents they cite', () => {
    const a = article(PIT, '33.1.LQ.10');
    expect(a.notes).toEqual([
      {
        text: '(Điều này được sửa đổi, bổ sung theo quy định tại khoản 4 Điều 1 Luật số 71/2014/QH13, có hiệu lực kể từ ngày 01/01/2015)',
        references: [{ documentNumber: '71/2014/QH13', documentType: 'luat', documentId: '71-2014-QH13' }],
      },
    ]);
    expect(a.text).not.toContain('được sửa đổi, bổ sung theo quy định tại khoản 4 Điều 1');
    expect(article(PIT, '33.1.NĐ.1.3').notes[0]?.references.map((r) => r.documentNumber)).toEqual(['12/2015/NĐ-CP']);
    expect(codes(PIT, 'typo_dieu')).toHaveLength(1);
  });

  it('reads an article printed without its code after the previous one, and reports both slips', () => {
    const a = article(ENERGY, '7.7.LQ.41a');
    expect([a.sourceTypeCode, a.sourceArticle, a.title, a.source]).toEqual(['LQ', '41a', 'Quỹ thúc đẩy sử dụng năng lượng tiết kiệm và hiệu quả', null]);
    expect(codes(ENERGY, 'unparsed_code')).toEqual([expect.objectContaining({ line: 789, message: expect.stringContaining('read as 7.7.LQ.41a') })]);
    expect(codes(ENERGY, 'missing_source_note')).toEqual([expect.objectContaining({ line: 789 })]);
  });

  it('reads the changes and amending documents a source note lists', () => {
    const s = article(ENERGY, '7.7.LQ.3').source;
    expect(s?.changes).toEqual([
      { kind: 'amended', partial: true },
      { kind: 'supplemented', partial: true },
    ]);
    expect(s?.amendedBy).toEqual([
      {
        units: 'Điều 1',
        documentNumber: '77/2025/QH15',
        documentType: 'luat',
        documentId: '77-2025-QH15',
        effective: '2026-01-01',
        url: 'http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=179990#Dieu_1',
        text: 'Điều 1 Luật số 77/2025/QH15 có hiệu lực thi hành kể từ ngày 01/01/2026',
      },
    ]);
  });

  it('keeps a code with an unknown source type ("T" for TT) and reports it', () => {
    const a = article(WORKS, '41.3.T.1.6');
    expect(a.source).toMatchObject({ documentNumber: '01/2009/TT-BVHTTDL', documentType: 'thong_tu', articleNum: '6', effective: '2009-03-08' });
    expect(codes(WORKS, 'unknown_type_code')).toEqual([expect.objectContaining({ line: 127, message: expect.stringContaining('"T" in 41.3.T.1.6') })]);
    expect(codes(WORKS, 'untitled_article').length).toBeGreaterThan(0);
  });

  it('gives the same content hash for the same input', () => {
    const again = parseHeadingHtml(read(SECRETS));
    expect(again.heading.articles.map((a) => a.contentHash)).toEqual(parse(SECRETS).heading.articles.map((a) => a.contentHash));
  });
});

describe('parseHeadingHtml on synthetic markup', () => {
  const html = (body: string) => `<h3>Đề mục 36.3<br />Thanh niên</h3><div class='_content'>${body}</div>`;

  it('flattens tables to "cell | cell" lines and reads Ð as Đ, reporting it', () => {
    const r = parseHeadingHtml(
      html(
        "<p class='pDieu'><a name='x'></a>Ðiều 36.3.NĐ.1.2. Bảng</p><p class='pGhiChu'><a href='u'>(Điều 2 Nghị định số 12/2011/NĐ-CP, có hiệu lực thi hành kể từ ngày 26/03/2011)</a></p>" +
          "<p class='pNoiDung'><p>Mức&nbsp;chi:</p><table><tr><td><p>STT</p></td><td>Nội dung</td></tr><tr><td>1</td><td>Chi <b>A</b></td></tr></table></p>",
      ),
    );
    const a = r.heading.articles[0];
    expect(a?.code).toBe('36.3.NĐ.1.2');
    expect(a?.text).toBe('Mức chi:\nSTT | Nội dung\n1 | Chi A');
    expect(a?.source?.effective).toBe('2011-03-26');
    expect(r.diagnostics.map((d) => d.code)).toContain('lookalike_letter');
  });

  it('nests sections under chapters and attaches a chapter cross-reference to the chapter', () => {
    const r = parseHeadingHtml(
      html(
        "<p class='pChuong'><a name='36003000000000001000'></a>Chương I</p><p class='pChuong'>QUY ĐỊNH CHUNG</p>" +
          "<p class='pChiDan'>(Chương này có nội dung liên quan đến <a href='#' onclick=\"ViewNoiDungPhapDien('1'); return false;\">Điều 1.2.LQ.1. Phạm vi</a>)</p>" +
          "<p class='pChuong'><a name='3600300000000000100000000000000000000001'></a>Mục 1</p><p class='pChuong'>THANH NIÊN</p>" +
          "<p class='pDieu'>Điều 36.3.LQ.1. Thanh niên</p><p class='pNoiDung'><p>Văn bản.</p></p>",
      ),
    );
    const chapter = r.heading.nodes[0];
    expect(chapter).toMatchObject({ kind: 'chapter', title: 'QUY ĐỊNH CHUNG', crossRefs: [expect.objectContaining({ code: '1.2.LQ.1', anchor: '1' })] });
    expect(chapter?.children[0]).toMatchObject({ kind: 'section', num: '1', title: 'THANH NIÊN', articles: ['36.3.LQ.1'] });
    expect(r.heading.articles[0]?.path).toEqual(['Chương I QUY ĐỊNH CHUNG', 'Mục 1 THANH NIÊN']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['missing_source_note']);
  });

  it('reports repeated codes and numbers their occurrences', () => {
    const art =
      "<p class='pDieu'>Điều 36.3.QĐ.1.4.</p><p class='pGhiChu'>(Điều 4 Quyết định số 1/2000/QĐ-TTg, có hiệu lực thi hành kể từ ngày 01/01/2000)</p><p class='pNoiDung'><p>x</p></p>";
    const r = parseHeadingHtml(html(art + art));
    expect(r.heading.articles.map((a) => a.occurrence)).toEqual([1, 2]);
    expect(r.diagnostics.filter((d) => d.code === 'duplicate_code')).toHaveLength(1);
  });

  it('returns an empty heading for an empty đề mục file', () => {
    const r = parseHeadingHtml("<h3>\n    Đề mục 1.13\n    <br />\n    Dữ liệu\n</h3><div class='_content'></div>");
    expect(r.heading).toMatchObject({ id: '1.13', topic: 1, title: 'Dữ liệu', articles: [], nodes: [] });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('parseTree', () => {
  it('reads topics and headings and reports what the list gets wrong', () => {
    const r = parseTree(
      JSON.stringify({
        chu_de: [{ chu_de: 1, title: 'An ninh quốc gia' }],
        de_muc: [
          { file_id: 'a', de_muc: '1.1', title: 'An ninh quốc gia', empty: false },
          { file_id: 'b', de_muc: '23.4', title: 'Hàm, cấp ngoại giao', empty: true },
          { file_id: 'c', de_muc: '23.4', title: 'Điều ước quốc tế', empty: false },
          { file_id: 'd', de_muc: null, title: null, note: 'file >4 MiB, absent from snapshot' },
        ],
      }),
    );
    expect(r.topics).toEqual([{ number: 1, title: 'An ninh quốc gia' }]);
    expect(r.headings[0]).toEqual({ id: '1.1', title: 'An ninh quốc gia', topic: 1, file: 'a', empty: false, note: null });
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['tree_duplicate_heading', 'tree_heading_without_id', 'tree_unknown_topic', 'tree_unknown_topic']);
  });

  it('reports JSON it cannot read instead of throwing', () => {
    expect(parseTree('{not json').diagnostics[0]?.code).toBe('tree_unreadable');
  });
});
