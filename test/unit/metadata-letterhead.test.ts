/**
 * Metadata from the letterhead, for every type and era of the development corpus (issue 19, second point). Each case is
 * a real excerpt, kept as printed (line breaks, footnote markers, Markdown of web renditions); the comment names its
 * document in the development corpus.
 */
import { extractMetadata } from '../../domain/parse/metadata';
import { parseDocument } from '../../domain/parse/parse';
import { normalizeText } from '../../domain/text/normalize';

const meta = (lines: string[]) => extractMetadata(normalizeText(lines.join('\n'))).metadata;
const signer = (lines: string[]) => parseDocument(normalizeText(lines.join('\n'))).metadata.signer;

describe('titles', () => {
  it('reads a type word that carries a footnote marker, and drops the marker glued to the title (03/VBHN-BTC, 06/VBHN-BTC)', () => {
    const m = meta([
      'CÔNG BÁO/Số 130/Ngày 28-02-2026 ',
      '2',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ',
      'Độc lập - Tự do - Hạnh phúc ',
      'NGHỊ ĐỊNH1 ',
      'Quy định chi tiết thi hành một số điều của Luật Thuế giá trị gia tăng  ',
      '______________ ',
      'Nghị định số 181/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ ',
    ]);
    expect(m.title).toBe('Nghị định quy định chi tiết thi hành một số điều của Luật Thuế giá trị gia tăng');
    expect(meta(['THÔNG TƯ', 'Quy định về đăng ký thuế1', 'Căn cứ Luật Quản lý thuế;']).title).toBe('Thông tư quy định về đăng ký thuế');
  });

  it('keeps a title that starts with "Thực hiện" (1166/VBHN-BLĐTBXH)', () => {
    const m = meta([
      'NGHỊ ĐỊNH ',
      'Thực hiện thí điểm quản lý lao động, tiền lương, tiền thưởng  ',
      'đối với một số tập đoàn kinh tế, tổng công ty nhà nước  ',
      ' ',
      'Nghị định số 20/2020/NĐ-CP ngày 17 tháng 02 năm 2020 của Chính phủ thực ',
    ]);
    expect(m.title).toBe('Nghị định thực hiện thí điểm quản lý lao động, tiền lương, tiền thưởng đối với một số tập đoàn kinh tế, tổng công ty nhà nước');
  });

  it('reads a Markdown heading and stops at the enacting authority, which names the issuer (2702/QĐ-UBND Quảng Trị)', () => {
    const m = meta([
      'Số:',
      '2702/QĐ-UBND',
      '# QUYẾT ĐỊNH',
      'CÔNG BỐ THỦ TỤC HÀNH',
      'CHÍNH NỘI BỘ TRONG LĨNH VỰC ĐO ĐẠC VÀ BẢN ĐỒ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ',
      'NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH QUẢNG TRỊ',
      '**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ**',
      '*Căn cứ Luật Tổ chức chính quyền địa phương ngày',
      '16/6/2025;*',
    ]);
    expect(m.title).toBe(
      'Quyết định công bố thủ tục hành chính nội bộ trong lĩnh vực đo đạc và bản đồ thuộc thẩm quyền giải quyết của sở nông nghiệp và môi trường tỉnh Quảng Trị',
    );
    expect(m.issuers).toEqual(['ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ']);
  });

  it('joins a type word wrapped in bold (3303/QĐ-BTP) and ends the title above "BỘ TRƯỞNG BỘ TƯ PHÁP"', () => {
    const m = meta([
      '**BỘ TƯ PHÁP**',
      '**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 3303/QĐ-BTP',
      '*Hà Nội, ngày 19 tháng 11 năm 2025*',
      '**QUYẾT',
      'ĐỊNH**',
      'VỀ VIỆC CÔNG BỐ',
      'THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG TRONG LĨNH VỰC ĐĂNG KÝ BIỆN PHÁP BẢO',
      'ĐẢM THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ NHÀ NƯỚC CỦA BỘ TƯ PHÁP',
      '**BỘ TRƯỞNG BỘ TƯ PHÁP**',
      '*Căn cứ Nghị định số 39/2025/NĐ-CP ngày 26 tháng 02 năm 2025',
    ]);
    expect(m.type).toBe('quyet_dinh');
    expect(m.title).toBe(
      'Quyết định về việc công bố thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực đăng ký biện pháp bảo đảm thuộc phạm vi chức năng quản lý nhà nước của Bộ Tư pháp',
    );
  });

  it('ends a sentence-case title above "CHÍNH PHỦ" (122/NQ-CP)', () => {
    const m = meta([
      'NGHỊ QUYẾT ',
      'Phiên họp Chính phủ thường kỳ tháng 4 năm 2026 ',
      '_________________ ',
      'CHÍNH PHỦ ',
      'Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; ',
    ]);
    expect(m.title).toBe('Nghị quyết phiên họp Chính phủ thường kỳ tháng 4 năm 2026');
  });

  it('keeps a title wrapped after a comma (1951/QĐ-UBND Cao Bằng)', () => {
    const m = meta([
      'QUYẾT ĐỊNH',
      'VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ TRONG LĨNH VỰC KINH DOANH BẢO HIỂM THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG, SỞ TÀI CHÍNH,',
      'ỦY BAN NHÂN DÂN CẤP XÃ TỈNH CAO BẰNG',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG',
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
    ]);
    expect(m.title).toMatch(/sở tài chính, Ủy ban nhân dân cấp xã tỉnh Cao Bằng$/u);
  });

  it('reads the title of an older law out of its number, date and issuer (06/2003/QH11, 48-LCT/HĐNN8, 12/2003/QH11)', () => {
    const border = meta([
      'LUẬT',
      'CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 06/2003/QH11 NGÀY 17 THÁNG 6 NĂM 2003 VỀ LUẬT BIÊN GIỚI QUỐC GIA',
      'Biên giới quốc gia của nước Cộng hoà xã hội chủ nghĩa Việt Nam là thiêng liêng, bất khả xâm phạm.',
    ]);
    expect(border.title).toBe('Luật Biên giới quốc gia');
    expect(
      meta([
        'LUẬT',
        'DOANH NGHIỆP TƯ NHÂN CỦA QUỐC HỘI SỐ 48-LCT/HĐNN8 NGÀY 21/12/1990',
        'Để thực hiện đường lối phát triển nền kinh tế hàng hoá nhiều thành phần,',
      ]).title,
    ).toBe('Luật Doanh nghiệp tư nhân');
    expect(
      meta(['LUẬT', 'Của Quốc hội nước cộng hòa xã hội chủ nghĩa Việt Nam số 12/2003/QH11 ngày 26 tháng 11 năm 2003 về bầu cử đại biểu Hội đồng nhân dân'])
        .title,
    ).toBe('Luật Bầu cử đại biểu Hội đồng nhân dân');
  });

  it('reads the law a President’s order promulgates (102-SL/L-004, 1957)', () => {
    const m = meta([
      'SẮC LỆNH',
      'LUẬT SỐ 102-SL/L-004 NGÀY 20-5-1957 QUY ĐỊNH QUYỀN LẬP HỘI',
      'CHỦ TỊCH NƯỚC VIỆT NAM DÂN CHỦ CỘNG HOÀ ',
      'RA SẮC LỆNH : ',
      'Nay ban bố luật quy định quyền lập hội đã được Quốc hội biểu quyết trong khoá họp thứ VI như sau: ',
    ]);
    expect(m.type).toBe('luat');
    expect(m.number).toBe('102-SL/L-004');
    expect(m.issued).toBe('1957-05-20');
    expect(m.title).toBe('Luật Quy định quyền lập hội');
    // A law is passed by the National Assembly: its issuer when no letterhead is printed.
    expect(m.issuers).toEqual(['Quốc hội']);
  });
});

describe('dates', () => {
  it('dates a consolidated text where it is authenticated, even with pages of footnotes after it (03/VBHN-BTC)', () => {
    const m = meta([
      'NGHỊ ĐỊNH1 ',
      'Quy định chi tiết thi hành một số điều của Luật Thuế giá trị gia tăng  ',
      'Điều 1. Phạm vi điều chỉnh',
      'Nghị định này./. ',
      ' BỘ TÀI CHÍNH ',
      'XÁC THỰC VĂN BẢN HỢP NHẤT ',
      'Số: 03/VBHN-BTC ',
      'Hà Nội, ngày 12 tháng 02 năm 2026  ',
      'KT. BỘ TRƯỞNG ',
      'THỨ TRƯỞNG ',
      'Cao Anh Tuấn ',
      ...Array.from({ length: 300 }, (_, i) => `${i + 2} Khoản này được sửa đổi, bổ sung theo quy định tại Điều 1 của Nghị định số 359/2025/NĐ-CP.`),
    ]);
    expect(m.number).toBe('03/VBHN-BTC');
    expect(m.issued).toBe('2026-02-12');
  });
});

describe('signers', () => {
  it('reads a capacity printed alone above the name (09/2021/TT-BLĐTBXH), and ends the last article there', () => {
    const lines = [
      'THÔNG TƯ',
      'Hướng dẫn X',
      'Điều 3. Tổ chức thực hiện ',
      'Bộ trưởng chịu trách nhiệm thi hành Thông tư này. ',
      ' ',
      'BỘ TRƯỞNG ',
      ' ',
      'Đào Ngọc Dung ',
    ];
    expect(signer(lines)).toEqual({ name: 'Đào Ngọc Dung', capacity: 'BỘ TRƯỞNG' });
    const article = parseDocument(normalizeText(lines.join('\n'))).units[0];
    expect(article?.text).not.toMatch(/Đào Ngọc Dung/u);
  });

  it('reads the authentication of a consolidated text of a law (111/VBHN-VPQH)', () => {
    expect(
      signer([
        'Điều 11. Hiệu lực thi hành ',
        '1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.  ',
        ' VĂN PHÒNG QUỐC HỘI ',
        'Số: 111/VBHN-VPQH ',
        'XÁC THỰC VĂN BẢN HỢP NHẤT ',
        'Hà Nội, ngày 20 tháng 5 năm 2026 ',
        'CHỦ NHIỆM ',
        'Lê Quang Mạnh ',
      ]),
    ).toEqual({ name: 'Lê Quang Mạnh', capacity: 'CHỦ NHIỆM' });
  });

  it('reads a signature printed in the same table row as the recipients (125/VBHN-VPQH)', () => {
    expect(
      signer([
        'Điều 220. Hiệu lực thi hành',
        'Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.',
        'Nơi nhận: - Văn phòng Chính phủ (để đăng Công báo); - Lưu: HC, TH. | XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Lê Quang Tùng',
      ]),
    ).toEqual({ name: 'Lê Quang Tùng', capacity: 'CHỦ NHIỆM' });
  });

  it('reads the name alone with "(Đã ký)" under it, as older laws print it (06/2003/QH11)', () => {
    expect(
      signer([
        'Điều 41 ',
        'Chính phủ quy định chi tiết và hướng dẫn thi hành Luật này.',
        'Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XI, kỳ họp thứ 3 thông qua ngày 17 tháng 6 năm 2003.',
        ' ',
        'Nguyễn   Văn An',
        '(Đã   ký)',
      ]),
    ).toEqual({ name: 'Nguyễn Văn An', capacity: '' });
  });

  it('finds the signature of a resolution in numbered sections, without articles (116/NQ-CP)', () => {
    expect(
      signer([
        'NGHỊ QUYẾT ',
        'Về Kế hoạch thực hiện Kết luận số 213-KL/TW',
        'CHÍNH PHỦ ',
        'Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; ',
        'QUYẾT NGHỊ: ',
        'I. MỤC ĐÍCH, YÊU CẦU ',
        '5. Ủy ban nhân dân các tỉnh, thành phố chủ động bố trí ngân sách địa phương. ',
        'TM. CHÍNH PHỦ ',
        'KT. THỦ TƯỚNG ',
        'PHÓ THỦ TƯỚNG ',
        'y]Hồ Quốc Dũng ',
      ]),
    ).toEqual({ name: 'Hồ Quốc Dũng', capacity: 'TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG' });
  });

  it('joins a name a narrow table cell wrapped (451/QĐ-UBND Bắc Ninh)', () => {
    expect(
      signer([
        'Điều 3. Hiệu lực',
        'Quyết định này có hiệu lực kể từ ngày ký.',
        '*Nơi',
        'nhận:*',
        '- Như Điều 3;',
        '|',
        '**KT. CHỦ TỊCH**',
        'PHÓ CHỦ TỊCH',
        '**Mai',
        'Sơn**',
        '|',
      ]),
    ).toEqual({ name: 'Mai Sơn', capacity: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' });
  });
});
