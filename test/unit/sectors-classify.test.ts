/**
 * Sector suggestions on real documents of the development corpus (titles and opening articles copied from it,
 * issue #19): the title and the opening provisions weigh above the body, legal bases (căn cứ) do not
 * vote, a phrase inside a longer one (an agency's name, a tax's name) does not count on its own, and the confidence
 * says which filings want a reviewer.
 */
import { assessSectors, SECTOR_REVIEW_BELOW, type SectorUnit, sectorConfidence, sectorInput, suggestSectors, topSuggestions } from '../../domain/sectors';

const article = (heading: string | null, text: string, ...clauses: string[]): SectorUnit[] => [
  { kind: 'article', heading, text },
  ...clauses.map((c): SectorUnit => ({ kind: 'clause', heading: null, text: c })),
];
const file = (title: string, units: SectorUnit[]) => assessSectors(sectorInput({ title, units }));
const where = (a: ReturnType<typeof file>, code: string) =>
  (a.suggestions.find((s) => s.code === code)?.evidence ?? []).flatMap((e) => (e.kind === 'keyword' ? [`${e.where}:${e.term}`] : []));

describe('304/2025/NĐ-CP (bad debts): Ngân hàng, not Lao động', () => {
  // docs/304-2025-ND-CP.txt: Điều 1–4, abridged. Điều 3–4 speak of "công cụ lao động", "mức lương tối thiểu" and
  // "hợp đồng lao động" — the words that filed it under Lao động before.
  const units = [
    ...article(
      'Phạm vi điều chỉnh',
      'Nghị định này quy định điều kiện tài sản bảo đảm của khoản nợ xấu được thu giữ theo điểm đ khoản 2 Điều 198a Luật Các tổ chức tín dụng số 32/2024/QH15 được sửa đổi, bổ sung bởi Luật số 96/2025/QH15.',
    ),
    ...article(
      'Đối tượng áp dụng',
      '',
      'Tổ chức tín dụng.',
      'Chi nhánh ngân hàng nước ngoài.',
      'Tổ chức mà Nhà nước sở hữu 100% vốn điều lệ có chức năng mua, bán, xử lý nợ (sau đây gọi là tổ chức mua bán, xử lý nợ).',
      'Cơ quan, tổ chức, cá nhân có liên quan.',
    ),
    ...article(
      'Giải thích từ ngữ',
      'Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:',
      'Công cụ lao động chủ yếu hoặc duy nhất là động sản được dùng làm phương tiện sinh sống chủ yếu hoặc duy nhất của bên bảo đảm là cá nhân và đáp ứng các điều kiện sau:',
      'Nếu bị thu giữ tài sản bảo đảm là công cụ lao động chủ yếu hoặc duy nhất, bên bảo đảm không có đủ thu nhập tối thiểu bằng mức lương tối thiểu theo vùng nơi bên bảo đảm đang thực tế sinh sống theo quy định của Chính phủ về mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động.',
    ),
    ...article(
      'Điều kiện tài sản bảo đảm của khoản nợ xấu được thu giữ',
      '',
      'Tài sản bảo đảm của khoản nợ xấu là chỗ ở duy nhất hoặc công cụ lao động chủ yếu hoặc duy nhất chỉ được thu giữ khi đáp ứng các điều kiện quy định tại điểm a, b, c, d, e khoản 2 Điều 198a Luật số 32/2024/QH15.',
    ),
  ];
  const a = file('Nghị định quy định điều kiện tài sản bảo đảm của khoản nợ xấu được thu giữ', units);

  it('files it under Ngân hàng, tiền tệ on its title and its scope, Lao động far behind', () => {
    expect(a.codes[0]).toBe('22');
    expect(a.codes).not.toContain('20');
    expect(where(a, '22')).toEqual(expect.arrayContaining(['title:nợ xấu', 'lead:Các tổ chức tín dụng', 'lead:tổ chức tín dụng']));
    // The body's labour words still count, as body evidence only.
    expect(where(a, '20').every((w) => w.startsWith('text:'))).toBe(true);
    expect(a.suggestions.find((s) => s.code === '20')?.score ?? 0).toBeLessThan((a.suggestions[0]?.score ?? 0) / 3);
  });

  it('reads Điều 1 and Điều 2 (phạm vi điều chỉnh, đối tượng áp dụng) as the opening, the rest as the text', () => {
    const input = sectorInput({ title: 'x', units });
    expect(input.lead).toContain('Luật Các tổ chức tín dụng');
    expect(input.lead).toContain('Chi nhánh ngân hàng nước ngoài.');
    expect(input.lead).not.toContain('Công cụ lao động');
    expect(input.text).toContain('Công cụ lao động');
  });

  it('is confident enough not to need a reviewer', () => {
    expect(a.confidence).toBeGreaterThanOrEqual(SECTOR_REVIEW_BELOW);
    expect(a.needsReview).toBe(false);
    expect(a.basis).toBe('clear');
  });
});

describe('the documents of docs/ that were filed wrongly or not at all', () => {
  it.each([
    // [title, opening article, expected first sector]
    [
      'Nghị quyết về việc cho phép người Việt Nam đủ điều kiện vào chơi casino tại một số dự án kinh doanh casino',
      'Nghị quyết này quy định địa điểm cho phép người Việt Nam đủ điều kiện vào chơi casino; địa điểm, thời gian thực hiện thí điểm cho phép người Việt Nam đủ điều kiện vào chơi casino và chính sách quản lý người Việt Nam đủ điều kiện vào chơi casino.',
      '34',
    ],
    [
      'Quyết định về việc công nhận xã, phường miền núi trên địa bàn tỉnh Lâm Đồng',
      'Công nhận các xã, phường miền núi trên địa bàn tỉnh Lâm Đồng, chi tiết theo Danh sách kèm theo.',
      '10',
    ],
    [
      'Nghị quyết bãi bỏ nghị quyết số 30/2013/NQ-HĐND ngày 06 tháng 12 năm 2013 của Hội đồng nhân dân thành phố Hà Nội về xây dựng khu vực phòng thủ thành phố Hà Nội đến năm 2020 và những năm tiếp theo',
      '30/2013/NQ-HĐND ngày 06 tháng 12 năm 2013 của Hội đồng nhân dân thành phố Hà Nội về xây dựng khu vực phòng thủ thành phố Hà Nội đến năm 2020 và những năm tiếp theo.',
      '25',
    ],
    [
      'Quyết định sửa đổi, bổ sung một số điều của quy định về bồi thường, hỗ trợ và tái định cư khi nhà nước thu hồi đất trên địa bàn tỉnh Quảng Ninh ban hành kèm theo quyết định số 40/2024/QĐ-UBND ngày 04/10/2024 của Ủy ban nhân dân tỉnh',
      'Nhà nước thu hồi đất trên địa bàn tỉnh Quảng Ninh ban hành kèm theo Quyết định số 40/2024/QĐ-UBND ngày 04/10/2024 của UBND tỉnh',
      '11',
    ],
    [
      'Nghị quyết quy định một số nội dung chi và mức chi đặc thù thuộc thẩm quyền của Hội đồng nhân dân thành phố Hà Nội',
      'Nghị quyết này quy định một số nội dung chi và mức chi đặc thù thuộc thẩm quyền của Hội đồng nhân dân Thành phố, cụ thể:',
      '26',
    ],
    [
      'Quyết định bãi bỏ toàn bộ quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của Ủy ban nhân dân tỉnh ban hành quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của sở ngoại vụ',
      'Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của Ủy ban nhân dân tỉnh ban hành Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Ngoại vụ.',
      '35',
    ],
    ['Luật Quy định quyền tự do hội họp', 'Quyền tự do hội họp của nhân dân được tôn trọng và bảo đảm. Không ai được xâm phạm đến quyền tự do hội họp.', '39'],
  ])('%s → %s', (title, opening, expected) => {
    const a = file(title, article(null, opening));
    expect(a.codes[0]).toBe(expected);
  });
});

describe('reading a text', () => {
  it('takes the longest phrase at each place: a tax named after the environment is a tax', () => {
    // more/57-2010-QH12.txt (Luật Thuế bảo vệ môi trường), Điều 1.
    const a = file(
      'Luật Thuế bảo vệ môi trường',
      article(
        'Phạm vi điều chỉnh',
        'Luật này quy định về đối tượng chịu thuế, đối tượng không chịu thuế, người nộp thuế, căn cứ tính thuế, khai thuế, tính thuế, nộp thuế và hoàn thuế bảo vệ môi trường.',
      ),
    );
    expect(a.codes).toEqual(['33']);
    expect(where(a, '33')).toContain('title:Thuế bảo vệ môi trường');
    expect(where(a, '21').filter((w) => w.startsWith('title:'))).toEqual([]);
  });

  it('reads an agency’s name whole: a Bộ Lao động - Thương binh và Xã hội circular on revolutionaries’ prisons is Chính sách xã hội', () => {
    // more/03-2022-TT-BLDTBXH.txt, title and Điều 1–2 abridged.
    const a = file(
      'Thông tư quy định Danh mục nhà tù và những nơi được coi là nhà tù để xem xét công nhận người hoạt động cách mạng, kháng chiến, bảo vệ Tổ quốc, làm nghĩa vụ quốc tế bị địch bắt tù, đày',
      [
        ...article(
          'Danh mục nhà tù và những nơi được coi là nhà tù',
          '',
          'Địa điểm bị tù, đày để xem xét công nhận người hoạt động cách mạng, kháng chiến, bảo vệ Tổ quốc, làm nghĩa vụ quốc tế bị địch bắt tù, đày được quy định tại Phụ lục Danh mục nhà tù và những nơi được coi là nhà tù ban hành kèm theo Thông tư này.',
        ),
        ...article(
          'Điều khoản thi hành',
          '',
          'Kể từ ngày Thông tư này có hiệu lực, bãi bỏ Thông tư số 02/2019/TT- BLĐTBXH ngày 08 tháng 01 năm 2019 của Bộ Lao động - Thương binh và Xã hội sửa đổi, bổ sung khoản 2 Điều 9 Thông tư số 16/2014/TT-BLĐTBXH ngày 30 tháng 7 năm 2014 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn một số nội dung xác nhận và thực hiện chế độ ưu đãi người có công với cách mạng.',
        ),
      ],
    );
    expect(a.codes[0]).toBe('6');
    expect(where(a, '20')).toEqual(['text:Bộ lao động - thương binh và xã hội']);
  });

  it('compares words with their diacritics, whichever tone placement: `mục thủ` is not `mức thu`, `tuý` is `túy`', () => {
    // more/2666-QD-UBND-CanTho.txt: a decision of no field but its department's.
    const s = suggestSectors(
      sectorInput({
        title: 'Quyết định về việc công bố danh mục thủ tục hành chính được sửa đổi, bổ sung, bãi bỏ thuộc thẩm quyền giải quyết của sở tài chính',
        units: [],
      }),
    );
    expect(s.find((x) => x.code === '33')).toBeUndefined();
    expect(s.find((x) => x.code === '26')?.evidence).toEqual([{ kind: 'keyword', term: 'Sở tài chính', where: 'title', count: 1 }]);
    // more/23-2000-QH10.txt and more/28-2001-QH10.txt print the older tone placement.
    expect(topSuggestions(suggestSectors({ title: 'Luật Phòng, chống ma tuý', text: '', codified: [] }))).toEqual(['39']);
    expect(topSuggestions(suggestSectors({ title: 'Luật Di sản văn hoá', text: '', codified: [] }))).toEqual(['41']);
    // A text typed without any diacritics is still read (folded).
    expect(topSuggestions(suggestSectors({ title: 'LUAT THUE THU NHAP CA NHAN', text: '', codified: [] }))).toEqual(['33']);
  });

  it('weighs a law the title names, and not whom a rule is for (`đối với ...`)', () => {
    // more/16-2023-TT-BLDTBXH.txt: detailing the Luật Thi đua, khen thưởng within the ministry's field.
    expect(
      file('Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng trong lĩnh vực lao động, người có công và xã hội', [])
        .codes[0],
    ).toBe('29');
    // more/81-2025-TT-BCA.txt: health insurance of the police.
    const a = file(
      'Thông tư quy định biện pháp thực hiện bảo hiểm y tế đối với sĩ quan, hạ sĩ quan, chiến sĩ và học viên Công an nhân dân',
      article(
        'Phạm vi điều chỉnh',
        'Thông tư này quy định biện pháp thực hiện bảo hiểm y tế đối với sĩ quan, hạ sĩ quan, chiến sĩ và học viên Công an nhân dân, gồm: Mức đóng, trách nhiệm đóng, phương thức đóng bảo hiểm y tế; thẻ bảo hiểm y tế, cấp, quản lý thẻ bảo hiểm y tế; thanh toán chi phí khám bệnh, chữa bệnh.',
      ),
    );
    expect(a.codes[0]).toBe('2');
  });

  it('counts everyday words of any field little: an accounting regime for small enterprises is Kế toán', () => {
    // more/58-2026-TT-BTC.txt, title and Điều 1.
    const a = file(
      'Thông tư hướng dẫn Chế độ kế toán cho doanh nghiệp siêu nhỏ',
      article(
        'Phạm vi điều chỉnh',
        'Thông tư này hướng dẫn về chứng từ kế toán, ghi sổ kế toán, lập và trình bày Báo cáo tài chính của doanh nghiệp siêu nhỏ. Việc xác định nghĩa vụ thuế của doanh nghiệp siêu nhỏ được thực hiện theo quy định của pháp luật về thuế.',
      ),
    );
    expect(a.codes[0]).toBe('17');
  });

  it('leaves the legal bases (căn cứ) of a document stored without units out: they cite other fields’ laws', () => {
    // docs/84-2025-QD-UBND-HaTinh.txt as printed (abridged), read as the original text of a work with no units.
    const text = [
      'QUYẾT ĐỊNH',
      'BÃI BỎ TOÀN BỘ',
      'QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND NGÀY 21/3/2016 CỦA ỦY BAN NHÂN DÂN TỈNH BAN HÀNH',
      'QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ NGOẠI VỤ',
      '*Căn cứ Luật Tổ chức chính quyền địa phương',
      'ngày 16/6/2025;*',
      '*Căn cứ Luật Ban hành văn bản quy phạm pháp',
      'luật ngày 19/02/2025; Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn',
      'bản quy phạm pháp luật ngày 25/6/2025;*',
      '*Căn cứ Nghị định số 78/2025/NĐ-CP ngày',
      '01/4/2025 của Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức,',
      'hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật;*',
      '**Điều 1. Bãi bỏ toàn bộ các quyết định**',
      'Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của Ủy ban nhân dân tỉnh ban hành Quy định chức năng, nhiệm vụ,',
      'quyền hạn và cơ cấu tổ chức của Sở Ngoại vụ.',
    ].join('\n');
    const input = sectorInput({ title: null, units: [], text });
    expect(`${input.lead}\n${input.text}`).not.toMatch(/căn cứ/iu);
    const a = assessSectors(input);
    expect(a.codes[0]).toBe('35');
    expect(a.suggestions.find((s) => s.code === '44')).toBeUndefined();
  });

  it('cuts a title that ran into the preamble', () => {
    expect(
      sectorInput({ title: 'Luật Tiêu chuẩn và quy chuẩn kỹ thuật Căn Cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992', units: [] }).title,
    ).toBe('Luật Tiêu chuẩn và quy chuẩn kỹ thuật');
  });
});

describe('filing and confidence', () => {
  it('files a second sector only within 70 % of the best (more/01-2023-TT-BLDTBXH: Bảo hiểm, not Lao động)', () => {
    const s = [
      { code: '2', name: 'Bảo hiểm', score: 30, evidence: [] },
      { code: '20', name: 'Lao động', score: 20, evidence: [] },
    ];
    expect(topSuggestions(s)).toEqual(['2']);
    expect(topSuggestions([s[0] as (typeof s)[0], { ...(s[1] as (typeof s)[0]), score: 21 }])).toEqual(['2', '20']);
  });

  it('is low when the evidence is thin, and says so (more/605-VBHN-BLDTBXH: a one-off allowance for experts sent to Laos)', () => {
    const a = file(
      'Thông tư liên tịch hướng dẫn thực hiện trợ cấp một lần đối với người được cử làm chuyên gia sang giúp Lào và Căm-pu-chi-a theo Quyết định số 57/2013/QĐ-TTg ngày 14 tháng 10 năm 2013 của Thủ tướng Chính phủ',
      article(
        'Phạm vi điều chỉnh',
        'Thông tư liên tịch này quy định về hồ sơ, trình tự và kinh phí thực hiện trợ cấp một lần đối với người được cử làm chuyên gia sang giúp Lào và Căm-pu-chi-a theo Quyết định số 57/2013/QĐ-TTg ngày 14 tháng 10 năm 2013 của Thủ tướng Chính phủ.',
      ),
    );
    expect(a.confidence).toBeLessThan(SECTOR_REVIEW_BELOW);
    expect(a.needsReview).toBe(true);
  });

  it('is 0 with nothing filed, 1 when a reviewer confirmed, at least 0.75 with codified articles, about one half on a tie', () => {
    const none = assessSectors({ title: 'Về việc', text: 'Điều 1. Quyết định này có hiệu lực.', codified: [] });
    expect([none.codes, none.confidence, none.basis, none.needsReview]).toEqual([[], 0, 'none', true]);

    const confirmed = assessSectors(
      { title: 'Về việc', text: '', codified: [] },
      { sectors: { codes: ['6'], confirmedBy: 'r', confirmedAt: '2026-01-01T00:00:00Z', reason: 'xác nhận' } },
    );
    expect([confirmed.codes, confirmed.confirmed, confirmed.confidence, confirmed.basis]).toEqual([['6'], true, 1, 'confirmed']);

    const codified = assessSectors({ title: 'Thông tư hướng dẫn', text: '', codified: [{ topic: 20, code: '20.5.LQ.42' }] });
    expect(codified.codes).toEqual(['20']);
    expect(codified.basis).toBe('codified');
    expect(codified.confidence).toBeGreaterThanOrEqual(0.75);

    const tie = sectorConfidence([
      { code: '35', name: 'Tổ chức bộ máy nhà nước', score: 30, evidence: [] },
      { code: '26', name: 'Tài chính', score: 30, evidence: [] },
    ]);
    expect(tie).toEqual({ confidence: 0.5, basis: 'close' });
    for (const c of [none, confirmed, codified]) expect(c.confidence >= 0 && c.confidence <= 1).toBe(true);
  });
});
