// Systematization (hệ thống hóa): the lists of an issuer or a province at a cut-off date (GET /v1/systematization),
// each document with the legal ground of its status; CSV and printable-page links. The form is kept in the query
// string (?issuer=…&at=… or ?province=…), so a list is a permalink.
import { $, api, badge, docUrl, fill, h, isIsoDate, qs, say, showError, stack, vnDate } from './common.js';

function ground(g) {
  return h(
    'li',
    null,
    g.message,
    g.workId && g.number && !g.message.includes(g.number) ? [' — ', h('a', { href: docUrl(g.workId) }, g.number)] : '',
    g.workId && g.number && g.message.includes(g.number) ? [' ', h('a', { href: docUrl(g.workId), 'aria-label': `Mở văn bản ${g.number}` }, '↗')] : '',
  );
}

function listTable(list) {
  if (!list.rows.length) return h('p', { class: 'muted' }, 'Không có văn bản.');
  return stack(
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['STT', 'Văn bản', 'Ban hành', 'Hiệu lực', 'Tình trạng', 'Căn cứ, lý do', 'Lĩnh vực'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        null,
        list.rows.map((r) =>
          h(
            'tr',
            { class: 'sys-row', 'data-id': r.documentId },
            h('td', null, String(r.stt)),
            h('td', null, h('a', { href: docUrl(r.documentId) }, r.number ?? r.documentId), h('div', null, `${r.typeLabel}${r.title ? ` — ${r.title}` : ''}`)),
            h('td', null, r.issued ? vnDate(r.issued) : '—'),
            h('td', null, r.effective ? vnDate(r.effective) : '—'),
            h('td', null, badge(r.status, r.statusLabel)),
            h('td', null, h('ul', { class: 'grounds' }, r.grounds.map(ground))),
            h(
              'td',
              null,
              r.sectors.map((s) => s.name).join('; ') || '—',
              r.sectors.length && !r.sectorsConfirmed ? h('div', { class: 'muted' }, '(gợi ý, chưa xác nhận)') : '',
            ),
          ),
        ),
      ),
    ),
  );
}

async function run(params) {
  const el = $('#sys-result');
  fill(el, h('p', { class: 'muted' }, 'Đang lập danh mục…'));
  fill($('#sys-links'));
  try {
    const body = await api(`/v1/systematization?${qs(params)}`);
    say(`${body.total} văn bản của ${body.subject.name}, tính đến ngày ${vnDate(body.at)}.`);
    const base = { ...params, at: body.at };
    fill(
      $('#sys-links'),
      h('a', { href: `/v1/systematization?${qs({ ...base, format: 'csv' })}`, download: `he-thong-hoa-${body.at}.csv` }, 'Tải về CSV (Excel)'),
      ' · ',
      h('a', { href: `/v1/systematization?${qs({ ...base, format: 'html' })}`, target: '_blank', rel: 'noopener' }, 'Bản in'),
    );
    fill(
      el,
      h('h2', null, `${body.subject.name} — tính đến ngày ${vnDate(body.at)}`),
      body.lists.map((l, i) =>
        h(
          'section',
          { 'aria-labelledby': `list-${l.key}` },
          h('h3', { id: `list-${l.key}` }, `${i + 1}. ${l.title} (${l.rows.length})`),
          h('div', { class: 'table-wrap' }, listTable(l)),
        ),
      ),
    );
  } catch (e) {
    showError(el, e, 'Hệ thống hóa');
  }
}

function paramsFromForm() {
  const kind = $('#sys-kind').value === 'province' ? 'province' : 'issuer';
  const name = $('#sys-name').value.trim();
  const at = $('#sys-at').value;
  return { [kind]: name, ...(isIsoDate(at) ? { at } : {}) };
}

$('#sys-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const params = paramsFromForm();
  if (!params.issuer && !params.province) return;
  history.replaceState(null, '', `?${qs(params)}`);
  run(params);
});

// A permalink (?issuer=…&at=… or ?province=…) fills the form and shows the lists.
const p = new URLSearchParams(location.search);
const kind = p.get('province') ? 'province' : p.get('issuer') ? 'issuer' : null;
if (kind) {
  $('#sys-kind').value = kind;
  $('#sys-name').value = p.get(kind) ?? '';
  if (isIsoDate(p.get('at'))) $('#sys-at').value = p.get('at');
  run(paramsFromForm());
}
