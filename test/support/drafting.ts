/**
 * The two real versions of the must-show draft (docs/adr/0014): version 1 is 09/2022/TT-BLĐTBXH as printed;
 * version 2 is the text the consolidation engine gives once 02/2023/TT-BLĐTBXH's amendments apply (2023-06-01),
 * with a new article inserted after Điều 2 so that every later article is renumbered (Điều 3 → Điều 4, …).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidate } from '../../domain/consolidate/engine';
import { renumberArticles, unitsToText } from '../../domain/drafting/render';
import { parseInstructions } from '../../domain/effects/instructions';
import type { Unit } from '../../domain/model';
import { parseDocument } from '../../domain/parse/parse';

const corpus = (f: string) => readFileSync(join(__dirname, '..', 'fixtures', 'corpus', f), 'utf8');

export const INSERTED_ARTICLE: Unit = {
  kind: 'article',
  num: '2a',
  eId: 'art_2a',
  heading: 'Giải thích từ ngữ',
  text: 'Trong Thông tư này, các từ ngữ dưới đây được hiểu như sau:',
  children: [
    {
      kind: 'clause',
      num: '1',
      eId: 'art_2a__para_1',
      heading: null,
      text: 'Mô hình giảm nghèo là mô hình hỗ trợ người dân phát triển sản xuất, kinh doanh, dịch vụ theo dự án được cấp có thẩm quyền phê duyệt.',
      children: [],
    },
    {
      kind: 'clause',
      num: '2',
      eId: 'art_2a__para_2',
      heading: null,
      text: 'Nhóm hộ, cộng đồng dân cư là nhóm hộ gia đình cùng sinh sống trên địa bàn thôn, bản tham gia thực hiện dự án.',
      children: [],
    },
  ],
};

/** Version 1: the circular as printed. */
export function draftVersion1(): string {
  return corpus('09-2022-TT-BLDTBXH.txt');
}

/** Version 2: the amended text, with the inserted article, articles renumbered, header and closing of version 1. */
export function draftVersion2(): string {
  const v1 = corpus('09-2022-TT-BLDTBXH.txt');
  const base = parseDocument(v1);
  const effects = parseInstructions(
    { id: '02-2023-TT-BLDTBXH', number: '02/2023/TT-BLĐTBXH', effective: '2023-06-01' },
    parseDocument(corpus('02-2023-TT-BLDTBXH.txt')),
    { workId: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH' },
  ).effects;
  const amended = consolidate({ workId: '09-2022-TT-BLDTBXH', units: base.units, effective: '2022-07-11' }, effects, '2023-06-01').units as Unit[];
  // Insert after Điều 2, inside Chương I, then number the articles 1, 2, 3, … again.
  const withNew = amended.map((u) => {
    const i = u.children.findIndex((c) => c.kind === 'article' && c.num === '2');
    return i < 0 ? u : { ...u, children: [...u.children.slice(0, i + 1), INSERTED_ARTICLE, ...u.children.slice(i + 1)] };
  });
  // The drafting team moves the entry into force (a renumbered unit whose text also changed).
  const edit = (u: Unit): Unit => ({
    ...u,
    text: u.text.replace('có hiệu lực thi hành từ ngày 11 tháng 7 năm 2022', 'có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026'),
    children: u.children.map(edit),
  });
  const body = unitsToText(renumberArticles(withNew.map(edit).filter((u) => u.kind !== 'appendix' && u.kind !== 'attachment')));
  const lines = v1.split('\n');
  const start = lines.findIndex((l) => /^Chương I\s*$/.test(l));
  const end = lines.findIndex((l) => /^KT\. BỘ TRƯỞNG/.test(l));
  return [...lines.slice(0, start), body, '', ...lines.slice(end, end + 5)].join('\n');
}
