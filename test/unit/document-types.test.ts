/**
 * The registry of document types (domain/document-types.ts) is the one list: the parsers, codification, the order of
 * systematization, the schemas and the web page read it or are checked against it.
 */
import { SOURCE_TYPES, typeCodeAccepts } from '../../domain/codify/code';
import { parseSourceNote } from '../../domain/codify/notes';
import { CODIFICATION_CODES, DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, PRINTED_TYPES, typeFromSymbol, typeRank } from '../../domain/document-types';
import { findReferences } from '../../domain/parse/references';
import { DocumentType } from '../../schemas/common';

describe('the registry of document types', () => {
  it('lists every way a type is printed longest first, so no shorter name takes a longer one', () => {
    PRINTED_TYPES.forEach(([w], i) => {
      for (const [later] of PRINTED_TYPES.slice(i + 1)) expect({ w, later, prefix: later.startsWith(w) && later !== w }).toEqual({ w, later, prefix: false });
    });
    expect(PRINTED_TYPES.map(([, t]) => t)).not.toContain('unknown');
  });

  it('orders the system of legal documents from the Constitution to unknown', () => {
    expect(DOCUMENT_TYPES[0]).toBe('hien_phap');
    expect(DOCUMENT_TYPES[DOCUMENT_TYPES.length - 1]).toBe('unknown');
    expect(typeRank('hien_phap')).toBe(0);
    expect(typeRank('unknown')).toBe(1);
    expect(typeRank('not-a-type')).toBe(1);
    expect(typeRank('luat')).toBeLessThan(typeRank('nghi_dinh'));
    expect(typeRank('nghi_dinh')).toBeLessThan(typeRank('thong_tu'));
  });

  it('reads the type from a number’s symbol', () => {
    expect(typeFromSymbol('09/2022/TT-BLĐTBXH')).toBe('thong_tu');
    expect(typeFromSymbol('01/2016/TTLT-BTP-BTC')).toBe('thong_tu_lien_tich');
    expect(typeFromSymbol('1676/VBHN-BLĐTBXH')).toBe('van_ban_hop_nhat');
    expect(typeFromSymbol('12/2025/L-CTN')).toBe('lenh');
    expect(typeFromSymbol('81/2019/QH14')).toBeNull();
  });

  it('gives codification its source-type letters, a law’s letters accepting codes and the Constitution', () => {
    expect([...CODIFICATION_CODES.keys()].sort()).toEqual(Object.keys(SOURCE_TYPES).sort());
    expect(typeCodeAccepts('LQ', 'bo_luat')).toBe(true);
    expect(typeCodeAccepts('LQ', 'hien_phap')).toBe(true);
    expect(typeCodeAccepts('NĐ', 'luat')).toBe(false);
    expect(typeCodeAccepts('X', 'luat')).toBe(false);
  });

  it('is what the schemas accept', () => {
    expect(DocumentType.options).toEqual(DOCUMENT_TYPES);
  });

  it('lets a citation and a codification note name every type (sắc lệnh was missing from citations)', () => {
    const [ref] = findReferences('Căn cứ Sắc lệnh số 76/SL ngày 20 tháng 5 năm 1950 của Chủ tịch nước về quy chế công chức;');
    expect(ref).toMatchObject({ type: 'sac_lenh', number: '76/SL', date: '1950-05-20' });
    expect(parseSourceNote('Điều 5 Sắc lệnh số 76/SL ngày 20/5/1950 của Chủ tịch nước, có hiệu lực thi hành kể từ ngày 20/5/1950').documentType).toBe(
      'sac_lenh',
    );
  });
});

describe('a type added by one entry: Thông tư liên bộ (joint circulars of ministries before 1996)', () => {
  it('is read in a citation, with its number and date (18/2022/TT-BLĐTBXH repeals one)', () => {
    const [ref] = findReferences(
      '1. Thông tư liên bộ số 24/TT-LB ngày 19/9/1994 của liên Bộ Lao động - Thương binh và Xã hội và Bộ Tài chính hướng dẫn sửa đổi, bổ sung một số điểm',
    );
    expect(ref).toMatchObject({ type: 'thong_tu_lien_bo', number: '24/TT-LB', date: '1994-09-19' });
    expect(findReferences('trong Thông tư liên Bộ số 12/TT-LB ngày 03/8/1992 của liên Bộ')[0]).toMatchObject({ type: 'thong_tu_lien_bo', number: '12/TT-LB' });
    expect(typeFromSymbol('24/TT-LB')).toBe('thong_tu_lien_bo');
    expect(DOCUMENT_TYPE_LABELS.thong_tu_lien_bo).toBe('Thông tư liên bộ');
  });
});
