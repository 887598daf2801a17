/**
 * Metadata from the end of a text (issue 19: the signer was missing on 25 of 48 documents): the signer and capacity after a
 * long list of recipients, in ** markers and table bars of web renditions, "TM." with "KT." under it, a military rank.
 */
import { parseDocument } from '../../domain/parse/parse';
import { corpusFile } from '../support/fixtures';

it.each([
  ['110-2025-TT-BTC.txt', { name: 'Cao Anh Tuấn', capacity: 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG' }],
  ['08-2025-NQ-CP.txt', { name: 'Hồ Đức Phớc', capacity: 'TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG' }],
  ['130-2025-TT-BQP.txt', { name: 'Thượng tướng Lê Huy Vịnh', capacity: 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG' }],
])('%s is signed by %j', (file, signer) => {
  expect(parseDocument(corpusFile(file).toString('utf8')).metadata.signer).toEqual(signer);
});

it.each([
  ['19-VBHN-VPQH-2026.txt', '2026-02-12'],
  ['58-VBHN-VPQH.txt', '2025-08-15'],
])('the consolidated text %s is dated where it is authenticated (%s)', (file, issued) => {
  expect(parseDocument(corpusFile(file).toString('utf8')).metadata.issued).toBe(issued);
});

it.each([
  [
    '74-2025-NQ-HDND-HaNoi.txt',
    'Nghị quyết bãi bỏ nghị quyết số 30/2013/NQ-HĐND ngày 06 tháng 12 năm 2013 của Hội đồng nhân dân thành phố Hà Nội về xây dựng khu vực phòng thủ thành phố Hà Nội đến năm 2020 và những năm tiếp theo',
  ],
  [
    '138-2025-QD-UBND-DongThap.txt',
    'Quyết định ban hành quy chế tiếp nhận, luân chuyển hồ sơ, giải quyết, trả kết quả thủ tục hành chính trong lĩnh vực đất đai trên địa bàn tỉnh Đồng Tháp',
  ],
])('an upper-case title lowered keeps its names and numbers (%s)', (file, title) => {
  expect(parseDocument(corpusFile(file).toString('utf8')).metadata.title).toBe(title);
});
