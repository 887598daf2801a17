/** Codes of codified articles: reading them as printed, writing them back, and the lookup form of typed codes. */
import { decodeCode, encodeCode, normalizeCodeInput, printCode, SOURCE_TYPES } from '../../../domain/codify/code';
import { parseSourceNote } from '../../../domain/codify/notes';

describe('decodeCode', () => {
  it('reads a code as the Code prints it', () => {
    expect(decodeCode('Điều 20.5.LQ.1.')).toEqual({
      topic: 20,
      heading: 5,
      typeCode: 'LQ',
      segments: ['1'],
      code: '20.5.LQ.1',
      headingId: '20.5',
      ordinal: null,
      article: '1',
    });
  });

  it('reads the ordinal of the source document and inserted articles', () => {
    expect(decodeCode('36.3.NĐ.1.1')).toMatchObject({ code: '36.3.NĐ.1.1', ordinal: 1, article: '1' });
    expect(decodeCode('Điều 14.3.LQ.98a.')).toMatchObject({ code: '14.3.LQ.98a', ordinal: null, article: '98a' });
    expect(decodeCode('Điều 3.3.NĐ.4.23đ.')).toMatchObject({ ordinal: 4, article: '23đ' });
    expect(decodeCode('Điều 14.3.TT.36.33.2.')).toMatchObject({ segments: ['36', '33', '2'], ordinal: 36, article: '2' });
  });

  it('reads Ð (U+00D0) and a missing stroke as Đ', () => {
    expect(decodeCode('Ðiều 36.3.NÐ.1.1.')?.code).toBe('36.3.NĐ.1.1');
    expect(decodeCode('36.3.ND.1.1')?.code).toBe('36.3.NĐ.1.1');
    expect(decodeCode('Đièu 36.3.QD.2.1')?.code).toBe('36.3.QĐ.2.1');
  });

  it('refuses what is not a code', () => {
    for (const s of ['', 'Điều 41a.', '36.3', 'Điều 1. Phạm vi điều chỉnh', '36.3.LQ', '1.2.LQ.1.2.3.4']) expect(decodeCode(s)).toBeNull();
  });

  it('writes back what it reads', () => {
    for (const c of ['20.5.LQ.1', '36.3.NĐ.1.1', '45.5.NĐ.1.2a', '14.3.TT.36.33.2']) {
      const d = decodeCode(c);
      expect(d && encodeCode(d)).toBe(c);
    }
    expect(printCode('36.3.NĐ.1.1')).toBe('Điều 36.3.NĐ.1.1.');
  });

  it('knows the source types the export uses', () => {
    expect(Object.keys(SOURCE_TYPES).sort()).toEqual(['CT', 'LQ', 'NL', 'NQ', 'NĐ', 'PL', 'QĐ', 'SL', 'TL', 'TT']);
  });
});

describe('normalizeCodeInput', () => {
  it('gives one lookup form for the ways people type a code', () => {
    for (const typed of ['20.5.lq.1', '20.5.LQ.1.', 'Điều 20.5.LQ.1.', ' dieu 20.5.LQ.1 ', 'ĐIỀU 20.5.Lq.1'])
      expect(normalizeCodeInput(typed)).toBe('20.5.LQ.1');
    expect(normalizeCodeInput('36.3.nđ.1.2A')).toBe('36.3.NĐ.1.2a');
    expect(normalizeCodeInput('hello')).toBeNull();
  });
});

describe('parseSourceNote', () => {
  it('reads the first note of a document: number, title, issue date, issuer, effective date', () => {
    expect(
      parseSourceNote('(Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2021)', ['u']),
    ).toMatchObject({
      documentNumber: '57/2020/QH14',
      documentType: 'luat',
      documentId: '57-2020-QH14',
      articleNum: '1',
      title: 'Luật Thanh niên',
      issued: '2020-06-16',
      issuer: 'Quốc hội',
      effective: '2021-01-01',
      url: 'u',
      raw: 'Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2021',
    });
  });

  it('reads the slips of real notes: doubled parentheses, a number broken after a hyphen, "số liên tịch", an end date', () => {
    expect(parseSourceNote('((Điều 4 Quyết định số 58/2008/QĐ-BTC, có hiệu lực thi hành kể từ ngày 17/08/2008))')).toMatchObject({
      documentNumber: '58/2008/QĐ-BTC',
      effective: '2008-08-17',
    });
    expect(parseSourceNote('(Điều 2 Thông tư liên tịch số 05/2018/TTLT-BCA- VKSNDTC-TANDTC, có hiệu lực thi hành kể từ ngày 08/08/2018)').documentNumber).toBe(
      '05/2018/TTLT-BCA-VKSNDTC-TANDTC',
    );
    expect(parseSourceNote('(Điều 1 Thông tư số liên tịch 02/2002/TTLT/BTC-MTTW, có hiệu lực thi hành kể từ ngày 01/01/2002)')).toMatchObject({
      documentType: 'thong_tu_lien_tich',
      documentNumber: '02/2002/TTLT/BTC-MTTW',
    });
    expect(
      parseSourceNote(
        '(Điều 94 Luật số 24/2000/QH10 Kinh doanh bảo hiểm ngày 09/12/2000 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/04/2001, có hiệu lực thi hành đến ngày 31/12/2027. )',
      ),
    ).toMatchObject({ effective: '2001-04-01', expires: '2027-12-31' });
    expect(
      parseSourceNote(
        '(Điều 98a Luật số 23/2004/QH11, có hiệu lực thi hành kể từ ngày 01/01/2005, được bổ sung bởi Điều 1 Luật số 48/2014/QH13 có hiệu lực thi hành kể từ ngày 01/01/2015)',
      ),
    ).toMatchObject({
      articleNum: '98a',
      changes: [{ kind: 'supplemented', partial: false }],
      amendedBy: [expect.objectContaining({ units: 'Điều 1', documentNumber: '48/2014/QH13', effective: '2015-01-01' })],
    });
  });

  it('tells a whole-article repeal from a partial one', () => {
    expect(
      parseSourceNote(
        '(Điều 4 Thông tư số 43/2018/TT-BCT, có hiệu lực thi hành kể từ ngày 01/01/2019, bị bãi bỏ bởi Điều 1 Thông tư số 13/2020/TT-BCT có hiệu lực thi hành kể từ ngày 03/08/2020)',
      ).changes,
    ).toEqual([{ kind: 'repealed', partial: false }]);
    expect(
      parseSourceNote(
        '(Điều 3 Thông tư số 35/2015/TT-NHNN, có hiệu lực thi hành kể từ ngày 01/01/2017, có nội dung bị hủy bỏ bởi Điều 2 Thông tư số 11/2018/TT-NHNN có hiệu lực thi hành kể từ ngày 01/10/2018)',
      ).changes,
    ).toEqual([{ kind: 'annulled', partial: true }]);
  });

  it('returns what it can from a note in another shape', () => {
    const n = parseSourceNote('(Điều 2 Pháp lệnh Về Hàm, cấp ngoại giao, có hiệu lực thi hành kể từ ngày 31/05/1995)');
    expect([n.documentNumber, n.documentType, n.articleNum, n.effective]).toEqual([null, 'phap_lenh', '2', '1995-05-31']);
  });
});
