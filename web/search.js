// Search page: the URL is the state (every result page is a permalink); the form and facet links navigate. Without a
// query it browses (GET /v1/documents): the newest documents, those taking effect or ending in the next 30 days and
// the facets on the home page; the documents passing the filters (a facet link, a sector) otherwise.
import { $, api, articleUrl, badge, docUrl, fill, h, highlighted, isIsoDate, qs, say, STATUS_LABELS, TYPE_LABELS, today, vnDate } from './common.js';

const FIELDS = ['q', 'type', 'status', 'sector', 'issuer', 'province', 'year', 'inForceAt', 'scope', 'sort'];
const url = new URLSearchParams(location.search);
const current = Object.fromEntries(FIELDS.map((k) => [k, url.get(k) ?? '']));
const form = $('#f');
const input = $('#q');

for (const [v, l] of Object.entries(TYPE_LABELS)) $('#type').append(h('option', { value: v }, l));
for (const [v, l] of Object.entries(STATUS_LABELS)) $('#status').append(h('option', { value: v }, l));
for (const k of FIELDS) if (form.elements[k]) form.elements[k].value = current[k];
if (FIELDS.some((k) => k !== 'q' && current[k])) $('#filters').open = true;

const pageUrl = (over) => `/?${qs({ ...current, ...over })}`;

// ---- sectors (lĩnh vực): the catalogue names the filter's options and the facet's values ----
/** Sector names by code; empty when the catalogue is not available (codes are shown then). */
let sectorNames = {};
const sectorsLoaded = api('/v1/sectors')
  .then((body) => {
    sectorNames = Object.fromEntries(body.sectors.map((x) => [x.code, x.name]));
    for (const x of body.sectors) $('#sector').append(h('option', { value: x.code }, `${x.code}. ${x.name}`));
    $('#sector').value = current.sector;
  })
  .catch(() => {
    if (current.sector) $('#sector').append(h('option', { value: current.sector }, current.sector));
    $('#sector').value = current.sector;
  });

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const next = Object.fromEntries(FIELDS.map((k) => [k, form.elements[k]?.value.trim() ?? '']));
  location.assign(`/?${qs(next)}`);
});

// ---- number autocomplete (ARIA combobox) ----
const list = $('#suggest');
let options = [];
let active = -1;
let seq = 0;
let timer;

function closeList() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  active = -1;
}

function setActive(i) {
  active = i;
  list.querySelectorAll('[role=option]').forEach((li, j) => {
    li.setAttribute('aria-selected', String(j === i));
  });
  if (i >= 0) input.setAttribute('aria-activedescendant', `sg-${i}`);
}

async function suggest() {
  const q = input.value.trim();
  const mine = ++seq;
  if (q.length < 2 || !/\d/.test(q)) return closeList();
  try {
    const body = await api(`/v1/search/suggest?${qs({ q, limit: 8 })}`);
    if (mine !== seq) return;
    options = body.suggestions ?? [];
    if (!options.length) return closeList();
    fill(
      list,
      options.map((s, i) =>
        h(
          'div',
          {
            id: `sg-${i}`,
            role: 'option',
            'aria-selected': 'false',
            onmousedown: (e) => {
              e.preventDefault();
              location.assign(docUrl(s.documentId));
            },
          },
          h('strong', null, s.documentNumber ?? s.documentId),
          ' — ',
          TYPE_LABELS[s.documentType] ?? '',
          ' ',
          h('span', { class: 'muted' }, (s.title ?? '').slice(0, 90)),
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(-1);
  } catch {
    closeList();
  }
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(suggest, 150);
});
input.addEventListener('blur', () => setTimeout(closeList, 100));
input.addEventListener('keydown', (e) => {
  if (list.hidden) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const n = options.length;
    setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
  } else if (e.key === 'Enter' && active >= 0) {
    e.preventDefault();
    location.assign(docUrl(options[active].documentId));
  } else if (e.key === 'Escape') closeList();
});

// ---- results ----
function hitItem(hit) {
  const codified = hit.kind === 'codified';
  const href = codified ? articleUrl(hit.citation ?? hit.eId ?? '') : docUrl(hit.documentId, hit.eId);
  const label = codified ? `Điều ${hit.citation ?? ''}` : hit.citation || 'Văn bản';
  return h(
    'li',
    null,
    h('a', { href }, label),
    hit.kind !== 'document' && hit.title ? ` ${hit.title}` : '',
    h('div', null, highlighted(hit.snippet ?? '', hit.highlights)),
  );
}

function groupCard(g) {
  const first = g.hits?.[0];
  return h(
    'article',
    { class: 'card group' },
    h(
      'h3',
      null,
      h('a', { href: docUrl(g.documentId) }, g.documentNumber ?? g.documentId),
      ' ',
      h('span', { class: 'muted' }, TYPE_LABELS[g.documentType] ?? ''),
      ' ',
      first ? badge(first.status) : '',
    ),
    g.documentTitle ? h('p', { class: 'muted' }, g.documentTitle, first?.issued ? ` · ban hành ${vnDate(first.issued)}` : '') : '',
    h('ol', { class: 'hits' }, (g.hits ?? []).map(hitItem)),
  );
}

function facetBlock(title, key, buckets, labels) {
  if (!buckets?.length) return '';
  return h(
    'section',
    null,
    h('h3', null, title),
    h(
      'ul',
      null,
      current[key] ? h('li', null, h('a', { href: pageUrl({ [key]: '' }) }, '× Bỏ lọc')) : '',
      buckets
        .slice(0, 12)
        .map((b) =>
          h(
            'li',
            null,
            h('a', { href: pageUrl({ [key]: b.value }), 'aria-current': String(current[key] === b.value) }, labels?.[b.value] ?? b.value),
            ` (${b.count})`,
          ),
        ),
    ),
  );
}

function pager(nextCursor) {
  const page = Number(url.get('page') ?? '1');
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Phân trang' },
    url.get('cursor') ? h('a', { href: pageUrl({}) }, '« Trang đầu') : '',
    h('span', { class: 'muted' }, `Trang ${page}`),
    nextCursor ? h('a', { href: pageUrl({ cursor: nextCursor, page: page + 1 }), rel: 'next' }, 'Trang sau »') : '',
  );
}

async function search() {
  const grouped = current.scope !== 'codification';
  say('Đang tìm…');
  try {
    const body = await api(
      `/v1/search?${qs({ ...current, facets: 'true', group: grouped ? 'document' : '', limit: grouped ? 10 : 20, cursor: url.get('cursor') ?? '' })}`,
    );
    document.title = `${current.q} — Tìm kiếm — CSDLQG pháp luật`;
    say(body.total ? `${body.total} ${grouped ? 'văn bản' : 'kết quả'} phù hợp.` : 'Không tìm thấy kết quả nào. Thử bỏ bớt bộ lọc hoặc từ khóa.');
    const f = body.facets ?? {};
    fill(
      $('#facets'),
      facetBlock('Loại văn bản', 'type', f.type, TYPE_LABELS),
      facetBlock('Tình trạng', 'status', f.status, STATUS_LABELS),
      facetBlock('Cơ quan ban hành', 'issuer', f.issuer),
      facetBlock('Tỉnh, thành phố', 'province', f.province),
      facetBlock('Năm ban hành', 'year', f.year),
    );
    fill($('#results'), grouped ? (body.groups ?? []).map(groupCard) : h('ol', { class: 'hits card' }, (body.hits ?? []).map(hitItem)), pager(body.nextCursor));
  } catch (e) {
    say(`Không tìm được: ${e.message}`, true);
  }
}

// ---- answers to a question (GET /v1/answer): the units that answer it as in force on the date, first ----
/** A question is a few words that are not a document number: "co quan nao cap giay phep karaoke". */
const isQuestion = (q) => q.split(/\s+/).filter(Boolean).length >= 3 && !/\d+\/\d{4}/.test(q) && !/^["“].*["”]$/.test(q.trim());

function answerCard(a) {
  // A codified article's citation is its code (`Điều 36.3.LQ.1`); a unit's names the document first.
  const label = a.kind === 'codified' ? (a.citation ?? `Điều ${a.eId}`) : `${a.documentNumber ?? a.documentId}${a.citation ? `, ${a.citation}` : ''}`;
  return h(
    'article',
    { class: 'card answer' },
    h('h3', null, h('a', { href: a.permalink }, label), a.heading ? ` ${a.heading} ` : ' ', badge(a.status.code, a.status.label)),
    h('p', { class: 'muted' }, `Căn cứ: ${a.status.reasons.map((r) => r.message).join('; ')}`),
    h('p', { class: 'answer-text' }, a.text.length > 700 ? `${a.text.slice(0, 700)}…` : a.text),
    a.codified.length
      ? h('p', { class: 'muted' }, 'Bộ pháp điển: ', ...a.codified.flatMap((c, i) => [i ? ', ' : '', h('a', { href: articleUrl(c.code) }, `Điều ${c.code}`)]))
      : '',
    h('p', { class: 'muted' }, `Độ khớp ${Math.round(a.confidence * 100)}%`),
  );
}

async function answers() {
  const at = current.inForceAt || today();
  try {
    const body = await api(`/v1/answer?${qs({ q: current.q, at, limit: 3 })}`);
    fill(
      $('#answers'),
      body.answers.length
        ? [h('h2', null, `Trả lời theo quy định có hiệu lực ngày ${vnDate(at)}`), ...body.answers.map(answerCard)]
        : h('p', { class: 'muted' }, body.abstained ?? ''),
    );
  } catch (e) {
    fill($('#answers'), h('p', { class: 'muted' }, `Không trả lời được: ${e.message}`));
  }
}

// ---- browsing without a query (GET /v1/documents) ----
/** The date the home page counts from: `?today=YYYY-MM-DD` (a permalink of the lists as they stood that day), else today. */
const since = isIsoDate(url.get('today')) ? url.get('today') : today();
const DAYS = 30;
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function docItem(d) {
  return h(
    'li',
    null,
    h('a', { href: docUrl(d.id) }, d.number ?? d.id),
    ` — ${d.title ?? ''} `,
    h('span', { class: 'muted' }, `(${d.typeLabel ?? TYPE_LABELS[d.type] ?? ''}${d.issued ? `, ban hành ${vnDate(d.issued)}` : ''})`),
  );
}

/** The browse facets: type, sector and issuer (the filters the home page offers), then status and year. */
function browseFacets(f) {
  fill(
    $('#facets'),
    facetBlock('Loại văn bản', 'type', f?.type, TYPE_LABELS),
    facetBlock('Lĩnh vực', 'sector', f?.sector, sectorNames),
    facetBlock('Cơ quan ban hành', 'issuer', f?.issuer),
    facetBlock('Tình trạng', 'status', f?.status, STATUS_LABELS),
    facetBlock('Năm ban hành', 'year', f?.year),
  );
}

/** A document taking effect or ending on a date: the date, the document, and the ground the status engine gives. */
function changeItem(d, c) {
  return h(
    'li',
    { class: 'coming-item', 'data-id': d.id, 'data-date': c.date },
    h('time', { datetime: c.date }, vnDate(c.date)),
    ' ',
    h('a', { href: docUrl(d.id) }, d.number ?? d.id),
    ` — ${d.title ?? ''} `,
    badge(c.status, c.label),
    h('p', { class: 'muted ground' }, `Căn cứ: ${c.reasons.map((r) => r.message).join('; ')}`),
  );
}

function changeList(id, title, body, kind) {
  const rows = (body?.items ?? []).flatMap((d) => (d.changes ?? []).filter((c) => c.kind === kind).map((c) => changeItem(d, c)));
  return h(
    'section',
    { 'aria-labelledby': id },
    h('h3', { id }, title),
    body === null
      ? h('p', { class: 'muted' }, 'Không tải được danh sách.')
      : rows.length
        ? h('ol', { class: 'coming' }, rows)
        : h('p', { class: 'muted' }, `Không có văn bản nào trong ${DAYS} ngày này.`),
    body?.nextCursor ? h('p', { class: 'muted' }, 'Còn văn bản khác; chọn bộ lọc để thu hẹp.') : '',
  );
}

/** The home page: the newest documents, those taking effect or ending in the next 30 days, and the facets. */
async function home() {
  const until = addDays(since, DAYS);
  // A list that cannot be loaded says so in its place; the rest of the page still shows.
  const changing = (field) => api(`/v1/documents?${qs({ [`${field}From`]: since, [`${field}To`]: until, sort: field, limit: 100 })}`).catch(() => null);
  say('Đang tải…');
  try {
    const [newest, starts, ends] = await Promise.all([
      api(`/v1/documents?${qs({ sort: 'date', facets: 'true', limit: 10 })}`),
      changing('effective'),
      changing('expiry'),
    ]);
    await sectorsLoaded;
    say(`${newest.total ?? newest.items.length} văn bản trong cơ sở dữ liệu.`);
    browseFacets(newest.facets);
    fill(
      $('#results'),
      h(
        'section',
        { id: 'newest', 'aria-labelledby': 'newest-h' },
        h('h2', { id: 'newest-h' }, 'Văn bản mới'),
        h('ol', { class: 'card' }, newest.items.map(docItem)),
        h('p', null, h('a', { href: pageUrl({ sort: 'date' }) }, 'Xem tất cả văn bản, mới ban hành trước »')),
      ),
      h(
        'section',
        { id: 'coming', class: 'card', 'aria-labelledby': 'coming-h' },
        h('h2', { id: 'coming-h' }, `Sắp có hiệu lực, sắp hết hiệu lực trong ${DAYS} ngày`),
        h('p', { class: 'muted' }, `Từ ngày ${vnDate(since)} đến ngày ${vnDate(until)}, theo tình trạng hiệu lực của từng văn bản.`),
        changeList('coming-starts', 'Sắp có hiệu lực', starts, 'takes_effect'),
        changeList('coming-ends', 'Sắp hết hiệu lực', ends, 'ends'),
      ),
    );
  } catch (e) {
    say(`Không tải được danh sách văn bản: ${e.message}`, true);
  }
}

/** The documents passing the filters (a facet link, a sector from a document page), newest first, with the facets. */
async function browse(filters) {
  say('Đang tải…');
  try {
    const body = await api(`/v1/documents?${qs({ ...filters, sort: 'date', facets: 'true', limit: 20, cursor: url.get('cursor') ?? '' })}`);
    await sectorsLoaded;
    say(body.total ? `${body.total} văn bản.` : 'Không có văn bản nào. Thử bỏ bớt bộ lọc.');
    browseFacets(body.facets);
    fill($('#results'), h('h2', null, 'Văn bản theo bộ lọc, mới ban hành trước'), h('ol', { class: 'card' }, body.items.map(docItem)), pager(body.nextCursor));
  } catch (e) {
    say(`Không tải được danh sách văn bản: ${e.message}`, true);
  }
}

if (current.q) {
  if (isQuestion(current.q)) answers();
  search();
} else {
  // Without a query the scope means nothing (documents are listed) and the order is by date of issue.
  const { q: _q, scope: _scope, sort: _sort, ...rest } = current;
  const filters = Object.fromEntries(Object.entries(rest).filter(([, v]) => v));
  if (Object.keys(filters).length || current.sort || url.get('cursor')) browse(filters);
  else home();
}
