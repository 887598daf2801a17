/** The systematization lists as a CSV file (one row per listed document) and as a standalone printable HTML page. */
import { toCsv } from '../text/csv';
import type { Ground, Systematization } from './index';

/** `2024-12-31` → `31/12/2024`; anything else as it is. */
export const vnDate = (iso: string | null) => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
};

/** One line for a ground: its message, and the causing document when the message does not name it. */
export function groundText(g: Ground): string {
  const by = g.number && !g.message.includes(g.number) ? ` (${g.number})` : '';
  return `${g.message}${by}`;
}

export const CSV_HEADER = [
  'Danh mục',
  'STT',
  'Số, ký hiệu',
  'Loại văn bản',
  'Tên gọi, trích yếu',
  'Ngày ban hành',
  'Ngày có hiệu lực',
  'Tình trạng hiệu lực',
  'Căn cứ, lý do',
  'Văn bản làm thay đổi hiệu lực',
  'Lĩnh vực',
  'Mã văn bản',
];

/** Every row of every list, as CSV (RFC 4180, UTF-8 with a BOM for Excel); grounds joined by a line break. */
export function systematizationCsv(s: Systematization): string {
  const records = s.lists.flatMap((l) =>
    l.rows.map((r) => [
      l.title,
      r.stt,
      r.number ?? '',
      r.typeLabel,
      r.title ?? '',
      r.issued ?? '',
      r.effective ?? '',
      r.statusLabel,
      r.grounds.map(groundText).join('\n'),
      [...new Set(r.grounds.map((g) => g.number).filter((n): n is string => !!n))].join('; '),
      r.sectors.map((x) => `${x.code}. ${x.name}`).join('; '),
      r.documentId,
    ]),
  );
  return toCsv(CSV_HEADER, records);
}

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
body{font-family:"Times New Roman",Times,serif;font-size:13pt;margin:2em;color:#000}
h1{font-size:15pt;text-align:center;text-transform:uppercase;margin:0 0 .3em}
.sub{text-align:center;margin:0 0 1.5em}
h2{font-size:13pt;margin:1.5em 0 .5em}
table{border-collapse:collapse;width:100%;margin-bottom:1em}
th,td{border:1px solid #000;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eee}
td.n{text-align:center;white-space:nowrap}
ul{margin:0;padding-left:1.1em}
.muted{color:#555}
.empty{font-style:italic}
@page{size:A4 landscape;margin:15mm}
@media print{body{margin:0;font-size:11pt}thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}a{color:#000;text-decoration:none}}
`;

/** A complete HTML page: title, the cut-off date, each list as a table; every text escaped. */
export function systematizationHtml(s: Systematization): string {
  const who = s.subject.kind === 'province' ? `tỉnh, thành phố ${s.subject.name}` : s.subject.name;
  const title = `Kết quả hệ thống hóa văn bản quy phạm pháp luật của ${who}`;
  const lists = s.lists
    .map((l, i) => {
      const body = l.rows.length
        ? `<table><thead><tr><th>STT</th><th>Số, ký hiệu</th><th>Loại văn bản</th><th>Tên gọi, trích yếu</th><th>Ngày ban hành</th><th>Ngày có hiệu lực</th><th>Tình trạng</th><th>Căn cứ, lý do</th><th>Lĩnh vực</th></tr></thead><tbody>${l.rows
            .map(
              (r) =>
                `<tr><td class="n">${esc(r.stt)}</td><td class="n">${esc(r.number ?? r.documentId)}</td><td>${esc(r.typeLabel)}</td><td>${esc(r.title)}</td><td class="n">${esc(vnDate(r.issued))}</td><td class="n">${esc(vnDate(r.effective))}</td><td>${esc(r.statusLabel)}</td><td><ul>${r.grounds.map((g) => `<li>${esc(groundText(g))}</li>`).join('')}</ul></td><td>${esc(r.sectors.map((x) => x.name).join('; '))}${r.sectors.length && !r.sectorsConfirmed ? ' <span class="muted">(gợi ý)</span>' : ''}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '<p class="empty">Không có văn bản.</p>';
      return `<section><h2>${i + 1}. ${esc(l.title)} (${l.rows.length})</h2>${body}</section>`;
    })
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><h1>${esc(title)}</h1><p class="sub">Tính đến ngày ${esc(vnDate(s.at))} — ${esc(s.total)} văn bản</p>${lists}</body></html>`;
}
