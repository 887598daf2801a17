// Shared helpers of every page: DOM building (text only, never HTML from the API), API calls, labels, dates.

/** Builds an element; children are nodes or strings (set as text, so API text is never parsed as HTML). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (sel) => document.querySelector(sel);

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Calls the API on the same origin; a problem+json answer becomes an ApiError with its detail. */
export async function api(path, init) {
  const res = await fetch(path, init && { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { detail: text.slice(0, 200) };
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

/**
 * A bearer token typed in a page, kept in this tab only (sessionStorage under `key`: never localStorage, never the
 * URL). Where storage is refused (private mode) it stays in the form only.
 */
export function readToken(key) {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function keepToken(key, token) {
  try {
    if (token) sessionStorage.setItem(key, token);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage refused (private mode): the token stays in the form only.
  }
}

/** A token as typed: trimmed, without a pasted `Bearer ` prefix. */
export const cleanToken = (value) => (value ?? '').trim().replace(/^Bearer\s+/i, '');

/** The headers that send a bearer token. */
export const bearer = (token) => ({ authorization: `Bearer ${token}` });

/** `/v1/search` query string from an object, dropping empty values. */
export function qs(params) {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out.set(k, String(v));
  return out.toString();
}

export const STATUS_LABELS = {
  not_yet_in_force: 'Chưa có hiệu lực',
  in_force: 'Còn hiệu lực',
  partially_expired: 'Hết hiệu lực một phần',
  expired: 'Hết hiệu lực toàn bộ',
  suspended: 'Ngưng hiệu lực',
  unknown: 'Chưa xác định',
};

export const TYPE_LABELS = {
  hien_phap: 'Hiến pháp',
  bo_luat: 'Bộ luật',
  luat: 'Luật',
  phap_lenh: 'Pháp lệnh',
  lenh: 'Lệnh',
  nghi_quyet: 'Nghị quyết',
  nghi_quyet_lien_tich: 'Nghị quyết liên tịch',
  nghi_dinh: 'Nghị định',
  quyet_dinh: 'Quyết định',
  chi_thi: 'Chỉ thị',
  thong_tu: 'Thông tư',
  thong_tu_lien_tich: 'Thông tư liên tịch',
  thong_tu_lien_bo: 'Thông tư liên bộ',
  van_ban_hop_nhat: 'Văn bản hợp nhất',
  sac_lenh: 'Sắc lệnh',
  unknown: 'Loại khác',
};

/** The metadata every document should have (the quality report's `missing`, domain/services/quality.ts). */
export const METADATA_LABELS = {
  number: 'Số, ký hiệu',
  type: 'Loại văn bản',
  issuers: 'Cơ quan ban hành',
  issued: 'Ngày ban hành',
  signer: 'Người ký',
  title: 'Trích yếu',
};

export function badge(status, label) {
  const code = STATUS_LABELS[status] ? status : 'unknown';
  return h('span', { class: `badge s-${code}` }, label || STATUS_LABELS[code]);
}

/** `2023-06-01` → `01/06/2023`. */
export function vnDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

export const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
export const isIsoDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);

export const docUrl = (id, eId) => `/document.html?id=${encodeURIComponent(id)}${eId ? `#${eId}` : ''}`;
export const articleUrl = (code) => `/phapdien.html?code=${encodeURIComponent(code)}`;

/** Text with `[start, end)` ranges wrapped in <mark>. */
export function highlighted(text, ranges) {
  const out = [];
  let at = 0;
  for (const [a, b] of [...(ranges ?? [])].sort((x, y) => x[0] - y[0])) {
    if (a < at || b <= a) continue;
    out.push(text.slice(at, a), h('mark', null, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at));
  return out;
}

/** Says something to screen readers (and shows it) in the page's live region. */
export function say(msg, isError = false) {
  const el = $('#live');
  if (!el) return;
  el.className = isError ? 'error' : 'muted';
  el.textContent = msg;
}

/** Copies a permalink; where the clipboard is not allowed, puts it in the address bar instead. */
export async function copyLink(url, what) {
  try {
    await navigator.clipboard.writeText(url);
    say(`Đã sao chép liên kết ${what}.`);
  } catch {
    history.replaceState(null, '', url);
    say(`Liên kết ${what} ở thanh địa chỉ.`);
  }
}

/** Shows an error from the API in an element, or a note that the service is not there yet. */
export function showError(el, e, what) {
  const missing = e instanceof ApiError && e.status === 404 && e.body?.type === '/problems/route-not-found';
  fill(el, h('p', { class: missing ? 'flag' : 'error', role: 'status' }, missing ? `${what}: chức năng chưa có trên máy chủ này.` : `${what}: ${e.message}`));
}

const EID_WORDS = {
  part: 'Phần',
  chp: 'Chương',
  sec: 'Mục',
  subsec: 'Tiểu mục',
  art: 'Điều',
  para: 'khoản',
  point: 'điểm',
  app: 'Phụ lục',
  att: 'Văn bản kèm theo',
};

/** `art_1__para_2__point_a` → `Điều 1, khoản 2, điểm a`. */
export function eIdLabel(eId) {
  if (!eId) return '';
  return eId
    .split('__')
    .map((seg) => {
      const m = /^([a-z]+)_(.+)$/.exec(seg);
      return m && EID_WORDS[m[1]] ? `${EID_WORDS[m[1]]} ${m[2].replace(/^dd/, 'đ')}` : seg;
    })
    .join(', ');
}

/** Names each cell after its column, so that a phone can show the rows as cards (table.stack in style.css). */
export function stack(table) {
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  for (const tr of table.querySelectorAll('tbody tr'))
    [...tr.children].forEach((td, i) => {
      td.setAttribute('data-label', heads[i] ?? '');
    });
  table.classList.add('stack');
  return table;
}

/** The outcomes of an appraisal (thẩm định), as the draft and document pages name them. */
export const APPRAISAL_OUTCOME = { approved: 'Đủ điều kiện', approved_with_changes: 'Đủ điều kiện sau khi chỉnh lý', not_approved: 'Chưa đủ điều kiện' };
