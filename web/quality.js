// The corpus quality report for reviewers (GET /v1/quality, reviewer role): the totals, then the documents that need a
// human most, worst first, each with what was found and a link to its page. The reviewer's bearer token is typed in
// the form and kept in this tab only (sessionStorage), never in the URL; the number of documents is (?limit=…).
import {
  $,
  api,
  ApiError,
  bearer,
  cleanToken,
  docUrl,
  eIdLabel,
  fill,
  h,
  keepToken as keep,
  METADATA_LABELS,
  qs,
  readToken as read,
  say,
  showError,
  stack,
} from './common.js';

const TOKEN_KEY = 'csdl.reviewerToken';
const readToken = () => read(TOKEN_KEY);
const keepToken = (token) => keep(TOKEN_KEY, token);

const STRUCTURE_LABELS = { numbering_gap: 'Số thứ tự bị nhảy', long_unit: 'Đơn vị quá dài' };

const pct = (x) => `${(x * 100).toFixed(1).replace('.', ',')}%`;
const score = (x) => x.toFixed(2).replace('.', ',');
const dash = (items) => (items.length ? items : '—');

function totalsTable(r, t) {
  const rows = [
    ...Object.entries(t.metadata).map(([field, share]) => [`Văn bản có ${(METADATA_LABELS[field] ?? field).toLowerCase()}`, pct(share)]),
    ['Trích dẫn xác định được văn bản', `${pct(t.citationsResolved)} (${t.unresolved} trong ${t.citations} trích dẫn không xác định)`],
    ['Văn bản được viện dẫn chưa có trong Cơ sở dữ liệu', String(t.placeholders)],
    ['Quy định sửa đổi, bổ sung đã áp dụng được', `${pct(t.effectsApplied)} (${t.unapplied} trong ${t.effects} chưa áp dụng)`],
    t.instructions ? ['Câu sửa đổi, bổ sung đọc được', `${pct(t.instructions.share)} (${t.instructions.parsed} trong ${t.instructions.sentences} câu)`] : null,
    t.sectorsToReview === undefined ? null : ['Văn bản cần xem lại lĩnh vực (độ tin cậy thấp)', String(t.sectorsToReview)],
    ['Cảnh báo khi đọc văn bản', String(t.diagnostics)],
    ['Phát hiện về cấu trúc', String(t.structure)],
  ].filter(Boolean);
  return h(
    'table',
    { id: 'q-totals' },
    h('caption', { class: 'muted' }, `Trên toàn bộ ${r.documents} văn bản`),
    h(
      'tbody',
      null,
      rows.map(([label, value]) => h('tr', null, h('th', { scope: 'row' }, label), h('td', null, value))),
    ),
  );
}

function sectorLine(sector, names) {
  if (sector === undefined) return '';
  if (sector === null || !sector.code) return h('div', { class: 'muted q-sector' }, 'Lĩnh vực: chưa xác định');
  const name = names.get(sector.code);
  const review = sector.needsReview ? ' — cần xem lại' : '';
  return h('div', { class: 'muted q-sector' }, `Lĩnh vực: ${name ? `${name} (${sector.code})` : sector.code}, độ tin cậy ${pct(sector.confidence)}${review}`);
}

function documentCell(d, names) {
  return h(
    'td',
    { class: 'q-doc' },
    h('a', { href: docUrl(d.documentId) }, d.documentNumber ?? d.documentId),
    d.title ? h('div', { class: 'q-title', title: d.title }, d.title) : '',
    sectorLine(d.sector, names),
  );
}

function list(cls, items) {
  return items.length ? h('ul', { class: cls }, items) : '—';
}

function row(d, i, names, withInstructions) {
  return h(
    'tr',
    { class: 'q-row', 'data-id': d.documentId },
    h('td', null, String(i + 1)),
    documentCell(d, names),
    h('td', { class: 'q-score' }, h('span', { class: d.score < 0.7 ? 'sev-error' : d.score < 0.95 ? 'sev-warning' : null }, score(d.score))),
    h('td', { class: 'q-missing' }, dash(d.missing.map((f) => METADATA_LABELS[f] ?? f).join(', '))),
    h(
      'td',
      { class: 'q-diagnostics' },
      list(
        'q-diag',
        d.diagnostics.map((x) =>
          h('li', null, h('span', { class: x.severity === 'error' ? 'sev-error' : x.severity === 'warning' ? 'sev-warning' : null }, x.code), ': ', x.message),
        ),
      ),
    ),
    h(
      'td',
      { class: 'q-unresolved' },
      list(
        'q-cit',
        d.unresolved.map((c) => h('li', null, `“${c.text}”`)),
      ),
    ),
    h(
      'td',
      { class: 'q-unapplied' },
      list(
        'q-eff',
        d.unapplied.map((u) =>
          h('li', null, `${eIdLabel(u.targetEId)}: ${u.reason}`, u.sourceNumber ? [' — theo ', h('a', { href: docUrl(u.sourceNumber) }, u.sourceNumber)] : ''),
        ),
      ),
    ),
    h(
      'td',
      { class: 'q-structure' },
      list(
        'q-str',
        d.structure.map((s) => h('li', null, `${STRUCTURE_LABELS[s.code] ?? s.code}: `, h('a', { href: docUrl(d.documentId, s.eId) }, s.message))),
      ),
    ),
    withInstructions ? h('td', { class: 'q-instructions' }, d.instructions?.sentences ? `${d.instructions.parsed}/${d.instructions.sentences}` : '—') : null,
  );
}

function worstTable(r, names) {
  const withInstructions = r.worst.some((d) => d.instructions);
  const heads = [
    'STT',
    'Văn bản',
    'Điểm',
    'Thuộc tính thiếu',
    'Cảnh báo khi đọc',
    'Trích dẫn không xác định',
    'Sửa đổi chưa áp dụng',
    'Cấu trúc',
    ...(withInstructions ? ['Câu sửa đổi đọc được'] : []),
  ];
  return stack(
    h(
      'table',
      { id: 'q-worst' },
      h('caption', { class: 'muted' }, `${r.worst.length} văn bản điểm thấp nhất, kém nhất trước (điểm từ 0: cần xem lại mọi mặt, đến 1: không phát hiện gì)`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          heads.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        null,
        r.worst.map((d, i) => row(d, i, names, withInstructions)),
      ),
    ),
  );
}

/** Sector names from the catalogue (public), only when the report gives sectors; codes alone otherwise. */
async function sectorNames(r) {
  if (!r.worst.some((d) => d.sector?.code)) return new Map();
  try {
    const body = await api('/v1/sectors');
    return new Map(body.sectors.map((s) => [s.code, s.name]));
  } catch {
    return new Map();
  }
}

async function run(limit) {
  const el = $('#q-result');
  const token = readToken();
  if (!token) {
    fill(el);
    say('Nhập mã truy cập của người rà soát để lập báo cáo.');
    return;
  }
  fill(el, h('p', { class: 'muted' }, 'Đang lập báo cáo (đọc toàn bộ văn bản)…'));
  try {
    const r = await api(`/v1/quality?${qs({ limit })}`, { headers: bearer(token) });
    const names = await sectorNames(r);
    say(`Báo cáo trên ${r.documents} văn bản; ${r.worst.length} văn bản kém nhất được liệt kê.`);
    fill(
      el,
      h('section', { 'aria-labelledby': 'h-totals' }, h('h2', { id: 'h-totals' }, 'Tổng quan'), h('div', { class: 'table-wrap' }, totalsTable(r, r.totals))),
      h(
        'section',
        { 'aria-labelledby': 'h-worst' },
        h('h2', { id: 'h-worst' }, 'Văn bản cần xem lại'),
        r.worst.length ? h('div', { class: 'table-wrap' }, worstTable(r, names)) : h('p', { class: 'muted' }, 'Chưa có văn bản nào.'),
      ),
    );
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      const msg =
        e.status === 401
          ? 'Mã truy cập không hợp lệ hoặc đã hết hạn: hãy nhập lại mã của người rà soát.'
          : 'Mã truy cập này không có vai trò người rà soát (reviewer).';
      say(msg, true);
      fill(el, h('p', { class: 'error', role: 'status' }, `${msg} (${e.message})`));
    } else showError(el, e, 'Báo cáo chất lượng');
  }
}

function limitFrom(value) {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 20;
}

$('#q-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  keepToken(cleanToken($('#q-token').value));
  const limit = limitFrom($('#q-limit').value);
  $('#q-limit').value = String(limit);
  history.replaceState(null, '', `?${qs({ limit })}`);
  run(limit);
});

$('#q-forget').addEventListener('click', () => {
  keepToken('');
  $('#q-token').value = '';
  fill($('#q-result'));
  say('Đã xóa mã truy cập khỏi thẻ trình duyệt này.');
});

// A permalink (?limit=…) sets the size; a token kept in this tab runs the report at once.
const limit = limitFrom(new URLSearchParams(location.search).get('limit') ?? 20);
$('#q-limit').value = String(limit);
if (readToken()) {
  $('#q-token').value = readToken();
  run(limit);
} else say('Nhập mã truy cập của người rà soát để lập báo cáo.');
