// Document page: thuộc tính, status with reasons, lược đồ, timeline, text at a date (VBHN notes, unapplied effects),
// diff between two dates, and following the document or one of its units (subscriptions, docs/adr/0022). State lives
// in the URL: ?id=&at=&view=original&from=&to=#eId; the bearer token for following is kept in this tab only.
import {
  $,
  APPRAISAL_OUTCOME,
  ApiError,
  api,
  badge,
  bearer,
  cleanToken,
  copyLink,
  docUrl,
  eIdLabel,
  fill,
  h,
  isIsoDate,
  keepToken,
  qs,
  readToken,
  say,
  showError,
  TYPE_LABELS,
  today,
  vnDate,
} from './common.js';

const params = new URLSearchParams(location.search);
const idParam = params.get('id');
const state = {
  at: isIsoDate(params.get('at')) ? params.get('at') : today(),
  original: params.get('view') === 'original',
  from: params.get('from'),
  to: params.get('to'),
};
let doc = null;
/** The document's sectors and the checking findings on it (loaded beside it; null until then or when unavailable). */
let sectors = null;
let findings = null;
let unitsById = new Map();

const enc = (s) => encodeURIComponent(s);
const path = (sub) => `/v1/documents/${enc(doc?.id ?? idParam)}${sub}`;

function pageUrl(hash = location.hash) {
  return `/document.html?${qs({ id: doc?.id ?? idParam, at: state.at === today() ? '' : state.at, view: state.original ? 'original' : '', from: state.from, to: state.to })}${hash}`;
}

/** A permalink to the text at a date; a plain click moves the page there without reloading. */
function dateLink(date) {
  const href = `/document.html?${qs({ id: doc?.id ?? idParam, at: date, from: state.from, to: state.to })}`;
  const onclick = (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setAt(date);
  };
  return h('a', { href, onclick }, vnDate(date));
}

const OPS = {
  replace_unit: 'Sửa đổi',
  rename_heading: 'Sửa tên',
  insert_after: 'Bổ sung',
  insert_into: 'Bổ sung',
  repeal_unit: 'Bãi bỏ',
  replace_phrase: 'Thay cụm từ',
  insert_phrase: 'Bổ sung cụm từ',
  delete_phrase: 'Bỏ cụm từ',
  replace_appendix: 'Thay thế phụ lục',
  replace_work: 'Thay thế văn bản',
  repeal_work: 'Bãi bỏ văn bản',
  suspend: 'Ngưng hiệu lực',
};
const LABEL = { part: 'Phần', chapter: 'Chương', section: 'Mục', subsection: 'Tiểu mục', appendix: 'Phụ lục' };

/** A link to another document when it is in the database, its number otherwise. */
function otherDoc(workId, number, eId) {
  const text = number ?? workId ?? '';
  return workId ? h('a', { href: docUrl(workId, eId) }, text) : text;
}

// ---- header, status ----
async function loadStatus() {
  const el = $('#status');
  try {
    const s = await api(`${path('/status')}?${qs({ at: state.at })}`);
    fill(
      el,
      h('p', null, 'Tình trạng tại ngày ', vnDate(s.at ?? state.at), ': ', badge(s.status, s.label)),
      s.reasons?.length
        ? h(
            'ul',
            { class: 'reasons' },
            s.reasons.map((r) =>
              h(
                'li',
                null,
                r.message,
                r.number || r.workId ? [' — ', otherDoc(r.workId, r.number, r.sourceEId)] : '',
                r.eId ? [' (', h('a', { href: `#${r.eId}` }, r.citation ?? eIdLabel(r.eId)), ')'] : '',
                r.date ? h('span', { class: 'muted' }, ` · ${vnDate(r.date)}`) : '',
              ),
            ),
          )
        : '',
      (s.flags ?? []).map((f) => h('p', { class: 'flag' }, '⚠ ', f.message)),
      s.changes?.length
        ? h(
            'p',
            { class: 'muted' },
            'Các mốc thay đổi: ',
            s.changes.map((d, i) => [i ? ', ' : '', dateLink(d)]),
          )
        : '',
    );
  } catch (e) {
    showError(el, e, 'Tình trạng hiệu lực');
  }
}

function renderHead() {
  document.title = `${doc.number ?? doc.id} — ${TYPE_LABELS[doc.type] ?? doc.typeLabel ?? ''} — CSDLQG pháp luật`;
  fill(
    $('#head'),
    h('h1', null, `${doc.typeLabel ?? TYPE_LABELS[doc.type] ?? ''} ${doc.number ?? doc.id}`),
    doc.title ? h('p', null, doc.title) : '',
    h('div', { id: 'status', class: 'card' }, 'Đang tải tình trạng…'),
  );
}

function renderProps() {
  const rows = [
    ['Số, ký hiệu', doc.number],
    ['Loại văn bản', doc.typeLabel ?? TYPE_LABELS[doc.type]],
    ['Cơ quan ban hành', doc.issuers?.join('; ')],
    ['Nơi ban hành', doc.place],
    ['Ngày ban hành', vnDate(doc.issued)],
    ['Ngày có hiệu lực', vnDate(doc.effective)],
    ['Người ký', doc.signer ? `${doc.signer.name} (${doc.signer.capacity})` : null],
    ['Phạm vi', doc.scope === 'province' ? 'Địa phương' : 'Trung ương'],
    [
      'Căn cứ',
      doc.legalBases?.length
        ? h(
            'ul',
            null,
            doc.legalBases.map((b) => h('li', null, b.number ? h('a', { href: `/?${qs({ q: b.number })}` }, b.text) : b.text)),
          )
        : null,
    ],
    [
      'Hợp nhất',
      doc.consolidates?.length
        ? h(
            'ul',
            null,
            doc.consolidates.map((b) => h('li', null, otherDoc(b.number, b.number), ' ', b.text)),
          )
        : null,
    ],
    [
      'Tệp gốc',
      doc.sources?.length
        ? h(
            'ul',
            null,
            doc.sources.map((s) =>
              h(
                'li',
                null,
                h('a', { href: s.url, download: s.fileName, title: `SHA-256 ${s.sha256}` }, s.fileName),
                ` (${s.format}, ${Math.ceil(s.bytes / 1024)} KB)`,
              ),
            ),
          )
        : null,
    ],
    [
      'Lĩnh vực',
      sectors?.sectors?.length
        ? [
            sectors.sectors.map((x, i) => [i ? '; ' : '', h('a', { href: `/?${qs({ sector: x.code })}` }, x.name)]),
            h('span', { class: 'muted' }, sectors.confirmed ? ` (xác nhận bởi ${sectors.confirmed.confirmedBy})` : ' (gợi ý, chưa xác nhận)'),
          ]
        : null,
    ],
    [
      'Kết quả kiểm tra',
      findings?.findings?.length
        ? h(
            'ul',
            null,
            findings.findings.map((f) =>
              h(
                'li',
                null,
                h('a', { href: `#${f.eId}` }, eIdLabel(f.eId)),
                `: ${f.finding} — ${f.body}${f.unlawful ? ' (trái pháp luật)' : ''}, ${vnDate(f.at.slice(0, 10))}`,
              ),
            ),
          )
        : null,
    ],
    [
      'Thẩm định',
      doc.drafting
        ? [
            h(
              'a',
              { href: `/draft.html?${qs({ id: doc.drafting.draftId })}` },
              `Ban hành từ dự thảo ${doc.drafting.draftId}, phiên bản ${doc.drafting.version}`,
            ),
            doc.drafting.appraisals.length
              ? h(
                  'ul',
                  null,
                  doc.drafting.appraisals.map((a) =>
                    h(
                      'li',
                      null,
                      h('b', null, APPRAISAL_OUTCOME[a.outcome] ?? a.outcome),
                      ` — ${a.body}, phiên bản ${a.version}, ${vnDate(a.at.slice(0, 10))}: ${a.opinion}`,
                    ),
                  ),
                )
              : h('span', { class: 'muted' }, ' (chưa có ý kiến thẩm định)'),
          ]
        : null,
    ],
    ['Định danh (ELI)', doc.eli ? h('a', { href: doc.eli }, new URL(doc.eli, location.origin).href) : null],
    [
      'Cảnh báo khi nhập',
      doc.warnings?.length
        ? h(
            'ul',
            null,
            doc.warnings.map((w) => h('li', null, w.message)),
          )
        : null,
    ],
  ];
  fill(
    $('#props'),
    h(
      'dl',
      { class: 'props' },
      rows.filter(([, v]) => v).map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    ),
  );
}

// ---- relations ----
function diagram(data) {
  const NS = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, text) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text) el.textContent = text;
    return el;
  };
  const side = (dir) =>
    data.groups
      .filter((g) => g.direction === dir)
      .flatMap((g) => (g.relations ?? []).map((r) => ({ label: g.label, number: r.other?.number ?? r.other?.workId ?? '?' })))
      .filter((n, i, all) => all.findIndex((m) => m.label === n.label && m.number === n.number) === i);
  const cut = (list) => (list.length > 10 ? [...list.slice(0, 9), { label: '…', number: `+${list.length - 9}` }] : list);
  const left = cut(side('incoming'));
  const right = cut(side('outgoing'));
  const rowH = 34;
  const height = Math.max(left.length, right.length, 2) * rowH + 20;
  const W = 800;
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'diagram', role: 'img' });
  svg.setAttribute('aria-label', `Lược đồ: ${left.length} văn bản tác động đến văn bản này, ${right.length} văn bản được văn bản này tác động`);
  const cy = height / 2;
  const nodes = (list, x, anchor) =>
    list.forEach((n, i) => {
      const y = 10 + rowH * i + rowH / 2;
      svg.append(s('line', { x1: 400, y1: cy, x2: anchor === 'end' ? x + 4 : x - 4, y2: y, stroke: '#999' }));
      svg.append(s('text', { x, y: y - 3, 'text-anchor': anchor, 'font-size': 12, fill: '#4d4d4d' }, n.label));
      svg.append(s('text', { x, y: y + 11, 'text-anchor': anchor, 'font-size': 13, 'font-weight': 700, fill: '#1a1a1a' }, n.number));
    });
  nodes(left, 230, 'end');
  nodes(right, 570, 'start');
  svg.append(s('rect', { x: 300, y: cy - 20, width: 200, height: 40, rx: 6, fill: '#8b1a1a' }));
  svg.append(s('text', { x: 400, y: cy + 5, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 700, fill: '#fff' }, (doc.number ?? doc.id).slice(0, 28)));
  return svg;
}

const evidence = (r) => {
  const t = typeof r.evidence === 'string' ? r.evidence : (r.evidence?.text ?? '');
  return t && t !== r.other?.text ? t.slice(0, 300) : '';
};

async function loadRelations() {
  const el = $('#relations');
  try {
    const data = await api(path('/relations'));
    const groups = (data.groups ?? []).filter((g) => g.relations?.length);
    if (!groups.length) return fill(el, h('p', { class: 'muted' }, 'Chưa ghi nhận văn bản liên quan.'));
    fill(
      el,
      diagram({ groups }),
      groups.map((g) =>
        h(
          'div',
          null,
          h('h3', null, `${g.label} (${g.count ?? g.relations.length})`),
          h(
            'ul',
            null,
            g.relations.map((r) =>
              h(
                'li',
                null,
                r.other?.inDatabase && r.other.workId
                  ? h('a', { href: docUrl(r.other.workId, r.otherEId) }, r.other.number ?? r.other.workId)
                  : (r.other?.number ?? '—'),
                r.other?.inDatabase ? '' : h('span', { class: 'muted' }, ' (chưa có trong CSDL)'),
                r.other?.title || r.other?.text ? h('span', { class: 'muted' }, ` ${(r.other.title ?? r.other.text).slice(0, 160)}`) : '',
                r.eId ? [' — tại ', h('a', { href: `#${r.eId}` }, eIdLabel(r.eId))] : '',
                r.otherEId && !r.eId ? ` — ${eIdLabel(r.otherEId)}` : '',
                r.effectiveFrom ? h('span', { class: 'muted' }, ` · từ ${vnDate(r.effectiveFrom)}`) : '',
                evidence(r) ? h('div', { class: 'note' }, evidence(r)) : '',
              ),
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    showError(el, e, 'Lược đồ');
  }
}

// ---- history (append-only events: who, what, when, why) ----
const ACTORS = { system: 'hệ thống', cli: 'dòng lệnh', 'sample-corpus': 'dữ liệu mẫu' };
async function loadHistory() {
  const el = $('#history');
  try {
    const data = await api(path('/history'));
    const events = (data.events ?? []).slice().reverse();
    if (!events.length) return fill(el, h('p', { class: 'muted' }, 'Chưa có sự kiện nào.'));
    fill(
      el,
      h(
        'ol',
        { class: 'history', reversed: '' },
        events.map((e) =>
          h(
            'li',
            null,
            h('time', { datetime: e.recordedAt }, new Date(e.recordedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })),
            ' — ',
            e.summary,
            h('span', { class: 'muted' }, ` · ${ACTORS[e.actor] ?? e.actor}`),
            e.reason ? h('div', { class: 'note' }, e.reason) : '',
          ),
        ),
      ),
    );
  } catch (e) {
    showError(el, e, 'Lịch sử');
  }
}

// ---- timeline ----
let timelineData = null;
function renderTimeline() {
  const el = $('#timeline');
  if (!timelineData) return;
  const effective = timelineData.effective ?? doc.effective;
  const dates = timelineData.dates ?? [];
  // The timeline gives the commencement as a date of its own (a status change): marked as the start, once.
  const points = [
    ...(effective && !dates.some((d) => d.date === effective) ? [{ date: effective, start: true }] : []),
    ...dates.map((d) => (d.date === effective ? { ...d, start: true } : d)),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const currentIdx = points.reduce((acc, p, i) => (p.date <= state.at ? i : acc), -1);
  fill(
    el,
    h('h3', null, 'Dòng thời gian'),
    h(
      'ol',
      { class: 'timeline' },
      points.map((p, i) =>
        h(
          'li',
          { 'aria-current': String(i === currentIdx) },
          dateLink(p.date),
          p.start ? ' — có hiệu lực' : '',
          p.status && !p.start ? h('strong', { class: `status-${p.status.status}` }, ` — ${p.status.label}`) : '',
          p.status?.reasons?.length && !p.start && ['expired', 'suspended', 'not_yet_in_force'].includes(p.status.status)
            ? h('span', { class: 'muted' }, `: ${p.status.reasons[0].message}`)
            : '',
          p.units?.length
            ? h(
                'ul',
                null,
                p.units.map((x) => h('li', null, h('a', { href: `#${x.eId}` }, eIdLabel(x.eId)), ': ', x.reason.message.replace(/^[^:]*:\s*/, ''))),
              )
            : '',
          p.pending?.length
            ? h(
                'ul',
                null,
                p.pending.map((x) => h('li', null, `Sửa đổi, bổ sung bởi ${x.number} — chưa có trong Cơ sở dữ liệu (theo ${x.via.number ?? x.via.workId})`)),
              )
            : '',
          p.effects?.length
            ? h(
                'ul',
                null,
                p.effects.map((e) => {
                  const target = typeof e.target === 'string' ? e.target : e.target?.eId;
                  return h(
                    'li',
                    null,
                    OPS[e.operation] ?? e.operation,
                    target ? [' ', h('a', { href: `#${target}` }, eIdLabel(target))] : '',
                    e.sourceWorkId || e.sourceNumber ? [' — theo ', otherDoc(e.sourceWorkId, e.sourceNumber)] : '',
                  );
                }),
              )
            : '',
        ),
      ),
    ),
    dates.length ? '' : h('p', { class: 'muted' }, 'Chưa ghi nhận sửa đổi, bổ sung nào.'),
  );
}

async function loadTimeline() {
  try {
    timelineData = await api(path('/timeline'));
    renderTimeline();
  } catch (e) {
    showError($('#timeline'), e, 'Dòng thời gian');
  }
}

// ---- text ----
function headLine(u, marks) {
  const label =
    u.kind === 'article'
      ? `Điều ${u.num}. `
      : u.kind === 'clause'
        ? `${u.num}. `
        : u.kind === 'point'
          ? `${u.num}) `
          : LABEL[u.kind]
            ? `${LABEL[u.kind]} ${u.num}`
            : '';
  const container = LABEL[u.kind];
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'link copy no-print',
      'aria-label': `Sao chép liên kết đến ${u.citation ?? eIdLabel(u.eId)}`,
      onclick: () => copyLink(location.origin + pageUrl(`#${u.eId}`), u.citation ?? eIdLabel(u.eId)),
    },
    'liên kết',
  );
  const follow = FOLLOWABLE.has(u.kind) ? unitFollowButton(u) : '';
  if (container)
    return h(
      'div',
      { class: 'u-head' },
      h('a', { href: `#${u.eId}` }, label),
      marks,
      copy,
      follow,
      u.heading ? h('div', null, u.heading) : '',
      u.text ? h('div', { class: 'u-text' }, u.text) : '',
    );
  const head =
    u.kind === 'article' ? h('span', { class: 'u-head' }, h('a', { href: `#${u.eId}` }, label), u.heading ?? '') : h('a', { href: `#${u.eId}` }, label);
  return h(
    'div',
    { class: 'u-body' },
    head,
    marks,
    copy,
    follow,
    u.kind === 'article' ? (u.text ? h('div', { class: 'u-text' }, u.text) : '') : h('span', { class: 'u-text' }, u.text),
  );
}

function unitEl(u, notes, flagged) {
  const marks = (u.sources ?? []).map((src) => {
    notes.push(src);
    const n = notes.length;
    return h('sup', { class: 'fn' }, h('a', { href: `#fn-${n}`, id: `fnref-${n}`, 'aria-label': `Ghi chú ${n}` }, `[${n}]`));
  });
  // The Bộ pháp điển articles that carry this article (top-level articles only: an appendix's have other numbers).
  const codified = u.kind === 'article' && /^art_[^_]+$/.test(u.eId) ? (doc.codified ?? []).filter((c) => c.article === u.num) : [];
  return h(
    'div',
    { class: `unit k-${u.kind}${u.repealed ? ' repealed' : ''}${u.validity ? ` ended ${u.validity.status}` : ''}`, id: u.eId },
    headLine(u, marks),
    codified.length
      ? h(
          'p',
          { class: 'codified muted' },
          'Pháp điển: ',
          codified.map((c, i) => [i ? '; ' : '', h('a', { href: `/phapdien.html?${qs({ code: c.code })}`, title: c.title }, `Điều ${c.code}`)]),
        )
      : '',
    u.validity ? h('p', { class: 'note validity', 'data-status': u.validity.status }, `(${u.validity.note})`) : '',
    flagged.has(u.eId) ? h('p', { class: 'flag' }, '⚠ Có sửa đổi chưa áp dụng được vào đơn vị này (xem danh sách ở đầu nội dung).') : '',
    (u.notes ?? []).map((n) => h('p', { class: 'note' }, n.marker ? `${n.marker} ` : '', n.text)),
    (u.children ?? []).map((c) => unitEl(c, notes, flagged)),
  );
}

function renderToc(units) {
  const items = (list) =>
    list
      .filter((u) => u.kind !== 'clause' && u.kind !== 'point')
      .map((u) => {
        const kids = items(u.children ?? []);
        const label = u.kind === 'article' ? `Điều ${u.num}. ${u.heading ?? ''}` : `${LABEL[u.kind] ?? ''} ${u.num}${u.heading ? `. ${u.heading}` : ''}`;
        return h('li', null, h('a', { href: `#${u.eId}` }, label), kids.length ? h('ul', null, kids) : '');
      });
  fill($('#toc'), h('ul', null, items(units)));
  $('#toc-d').open = window.innerWidth > 760;
}

function renderText(units, consolidated) {
  const notes = [];
  const unapplied = consolidated?.unapplied ?? [];
  const flagged = new Set(unapplied.map((u) => u.targetEId).filter(Boolean));
  unitsById = new Map();
  const walk = (list) => {
    for (const u of list) {
      unitsById.set(u.eId, u);
      walk(u.children ?? []);
    }
  };
  walk(units);
  fill(
    $('#text'),
    units.map((u) => unitEl(u, notes, flagged)),
  );
  const validity = consolidated?.validity;
  const pending = (consolidated?.pending ?? []).filter((p) => p.inEffect);
  fill(
    $('#unapplied'),
    validity && !validity.inForce
      ? h(
          'div',
          { class: 'flag validity-banner', role: 'status' },
          h('strong', null, `${validity.label}${validity.since ? ` từ ngày ${vnDate(validity.since)}` : ''}`),
          h(
            'ul',
            null,
            (validity.reasons ?? []).map((r) => h('li', null, r.message)),
          ),
          validity.status === 'expired' ? h('p', { class: 'muted' }, 'Nội dung dưới đây là văn bản như trước khi hết hiệu lực.') : '',
        )
      : '',
    pending.length
      ? h(
          'div',
          { class: 'flag pending-banner', role: 'note' },
          h('strong', null, 'Sửa đổi, bổ sung đã có hiệu lực nhưng chưa được hợp nhất (văn bản chưa có trong Cơ sở dữ liệu):'),
          h(
            'ul',
            null,
            pending.map((p) => h('li', null, p.message)),
          ),
        )
      : '',
    unapplied.length
      ? h(
          'div',
          { class: 'flag', role: 'note' },
          h('strong', null, `${unapplied.length} sửa đổi chưa áp dụng được vào văn bản hợp nhất:`),
          h(
            'ul',
            null,
            unapplied.map((x) =>
              h(
                'li',
                null,
                x.targetEId ? [h('a', { href: `#${x.targetEId}` }, eIdLabel(x.targetEId)), ': '] : '',
                x.instruction ?? '',
                x.sourceWorkId || x.sourceNumber
                  ? [' (', otherDoc(x.sourceWorkId, x.sourceNumber), x.effectiveFrom ? `, từ ${vnDate(x.effectiveFrom)}` : '', ')']
                  : '',
                h('span', { class: 'muted' }, ` — lý do: ${x.reason}`),
              ),
            ),
          ),
        )
      : '',
  );
  fill(
    $('#footnotes'),
    notes.length
      ? [
          h('h3', null, 'Ghi chú'),
          h(
            'ol',
            { class: 'note' },
            notes.map((n, i) =>
              h(
                'li',
                { id: `fn-${i + 1}` },
                n.note ?? OPS[n.operation] ?? '',
                n.sourceWorkId ? [' ', h('a', { href: docUrl(n.sourceWorkId, n.sourceEId) }, 'Xem văn bản sửa đổi')] : '',
                ' ',
                h('a', { href: `#fnref-${i + 1}`, 'aria-label': 'Quay lại nội dung' }, '↩'),
              ),
            ),
          ),
        ]
      : '',
  );
  renderToc(units);
  markUnits();
}

/** Download links: the text in force on the date as Word and PDF (VBHN layout), Akoma Ntoso, and the originals. */
function renderDownloads() {
  const base = `/v1/documents/${enc(doc.id)}`;
  const at = state.original ? null : state.at;
  const links = [
    ...(at
      ? [
          ['Word (.docx)', `${base}/consolidated?${qs({ at, format: 'docx' })}`],
          ['PDF', `${base}/consolidated?${qs({ at, format: 'pdf' })}`],
        ]
      : []),
    ['Akoma Ntoso (XML)', `${base}?${qs(at ? { format: 'akn', at } : { format: 'akn' })}`],
    ...(doc.sources ?? []).map((s, i) => [`Tệp gốc${doc.sources.length > 1 ? ` ${i + 1}` : ''} (${s.format})`, s.url]),
  ];
  fill(
    $('#downloads'),
    h('span', { class: 'muted' }, at ? `Tải về (văn bản tại ngày ${vnDate(at)}):` : 'Tải về (văn bản gốc):'),
    links.map(([label, href]) => h('a', { href, download: '' }, label)),
  );
}

async function loadText() {
  const note = $('#text-note');
  $('#at').value = state.at;
  $('#orig-link').href = `/document.html?${qs({ id: doc.id, view: 'original' })}`;
  renderDownloads();
  if (state.original) {
    note.textContent = 'Văn bản gốc như khi ban hành (chưa cập nhật sửa đổi, bổ sung).';
    renderText(doc.units ?? []);
    return;
  }
  try {
    const c = await api(`${path('/consolidated')}?${qs({ at: state.at })}`);
    note.textContent = `Văn bản hợp nhất tại ngày ${vnDate(c.at ?? state.at)}${c.applied?.length ? ` (đã cập nhật ${c.applied.length} sửa đổi)` : ''}.`;
    renderText(c.units ?? [], c);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.body?.type === '/problems/route-not-found') {
      note.textContent = 'Máy chủ chưa hỗ trợ văn bản hợp nhất: đang hiển thị văn bản gốc.';
      renderText(doc.units ?? []);
    } else showError($('#text'), e, 'Văn bản tại ngày');
  }
}

// ---- following (POST/GET/PATCH /v1/subscriptions, docs/adr/0022) ----
// Any signed-in identity may follow the document or one of its units; the token is typed in the form and kept in this
// tab only. The webhook's signing secret comes once, in the answer that creates the subscription, and is shown once.
const TOKEN_KEY = 'csdl.userToken';
/** The units one can follow from the text (each with a "theo dõi" button beside its copy-link button). */
const FOLLOWABLE = new Set(['article', 'clause', 'point']);
/** The caller's live subscriptions to this document and its units; null until read (no token, or refused). */
let follows = null;
/**
 * The signing secrets of the subscriptions created with a webhook on this visit, newest first ({ id, label,
 * webhookUrl, secret }): shown until the page is left or the token forgotten, never again (the API keeps no way back).
 */
let secrets = [];
let followBusy = false;

const followToken = () => readToken(TOKEN_KEY);
/** The subscription's Atom feed, on this origin (the API's own origin: the creation answer's `feed` names the same). */
const feedOf = (s) => `/v1/subscriptions/${enc(s.id)}/feed`;
const unitName = (eId) => unitsById.get(eId)?.citation ?? eIdLabel(eId);
const followsOf = (pred) => (follows ?? []).filter(pred);
const docFollows = () => followsOf((s) => s.target.kind === 'document');
const unitFollows = (eId) => followsOf((s) => s.target.kind === 'unit' && (eId === undefined || s.target.eId === eId));
/** This document's and its units' subscriptions, not cancelled. */
const mine = (items) => items.filter((s) => !s.cancelledAt && (s.target.kind === 'document' || s.target.kind === 'unit') && s.target.workId === doc.id);

function followMessage(text, isError = false) {
  const el = $('#follow-msg');
  el.className = isError ? 'error' : 'muted';
  el.textContent = text;
}

/**
 * An API refusal in words: a token to give again (401; the token field focused, unless the page is still loading),
 * a missing route, or the problem's own detail.
 */
function followError(e, what, focus = true) {
  if (e instanceof ApiError && e.status === 401) {
    followMessage(`Mã truy cập không hợp lệ hoặc đã hết hạn: hãy nhập lại mã truy cập. (${e.message})`, true);
    if (focus) $('#follow-token').focus();
  } else if (e instanceof ApiError && e.status === 404 && e.body?.type === '/problems/route-not-found')
    followMessage(`${what}: chức năng chưa có trên máy chủ này.`, true);
  else followMessage(`${what}: ${e.message}`, true);
}

function unitFollowButton(u) {
  return h(
    'button',
    {
      type: 'button',
      class: 'link follow-u no-print',
      'data-eid': u.eId,
      'aria-pressed': 'false',
      'aria-label': `Theo dõi ${u.citation ?? eIdLabel(u.eId)}`,
      onclick: () => toggleUnit(u.eId),
    },
    'theo dõi',
  );
}

/** Marks the followed units in the text: their button pressed, the unit outlined. */
function markUnits() {
  for (const b of document.querySelectorAll('button.follow-u')) {
    const eId = b.getAttribute('data-eid');
    const on = unitFollows(eId).length > 0;
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? '✓ đang theo dõi' : 'theo dõi';
    b.title = on ? 'Bấm để bỏ theo dõi' : 'Theo dõi đơn vị này';
    document.getElementById(eId)?.classList.toggle('followed', on);
  }
}

const subLinks = (s) => [
  ' · ',
  h('a', { href: feedOf(s), class: 'feed', type: 'application/atom+xml' }, 'Nguồn tin Atom'),
  s.webhookUrl ? [' · webhook ', h('code', null, s.webhookUrl)] : '',
  s.pausedAt
    ? h(
        'span',
        { class: 'paused' },
        ` · tạm dừng gửi từ ${vnDate(s.pausedAt.slice(0, 10))}${s.pauseReason ? `: ${s.pauseReason}` : ''} `,
        h('button', { type: 'button', class: 'link', onclick: () => resume(s) }, 'Gửi tiếp'),
      )
    : '',
];

function renderFollow() {
  const el = $('#follow');
  const form = $('#follow-form');
  if (!followToken() || follows === null) {
    form.hidden = true;
    fill(el, followToken() ? '' : h('p', { class: 'muted' }, 'Nhập mã truy cập để theo dõi văn bản này hoặc từng điều, khoản.'));
    return;
  }
  const docs = docFollows();
  const units = unitFollows();
  form.hidden = false;
  $('#follow-doc').hidden = docs.length > 0;
  fill(
    el,
    docs.length
      ? h(
          'div',
          { id: 'follow-state', class: 'followed-doc', 'data-followed': 'true' },
          h('strong', null, '✓ Đang theo dõi văn bản này'),
          docs.map((s) => h('div', { class: 'follow-sub', 'data-id': s.id }, `từ ngày ${vnDate(s.createdAt.slice(0, 10))}`, subLinks(s))),
          h('button', { type: 'button', id: 'follow-cancel', onclick: () => cancel(docs, 'văn bản này') }, 'Bỏ theo dõi'),
        )
      : h('p', { id: 'follow-state', class: 'muted', 'data-followed': 'false' }, 'Chưa theo dõi văn bản này.'),
    secrets.map(secretCard),
    units.length
      ? h(
          'div',
          { id: 'follow-units' },
          h('h3', null, 'Điều, khoản đang theo dõi'),
          h(
            'ul',
            null,
            units.map((s) =>
              h(
                'li',
                { 'data-id': s.id, 'data-eid': s.target.eId },
                h('a', { href: `#${s.target.eId}` }, unitName(s.target.eId)),
                subLinks(s),
                ' ',
                h('button', { type: 'button', class: 'link', onclick: () => cancel([s], unitName(s.target.eId)) }, 'Bỏ theo dõi'),
              ),
            ),
          ),
        )
      : '',
  );
}

function renderFollowAll() {
  renderFollow();
  markUnits();
}

function secretCard(x) {
  return h(
    'div',
    { class: 'card secret follow-secret', role: 'note', 'data-id': x.id },
    h('strong', null, 'Khóa ký webhook — chỉ hiển thị một lần'),
    h(
      'p',
      null,
      `Của “${x.label}”, gửi đến `,
      h('code', null, x.webhookUrl),
      '. Dùng khóa này để kiểm tra tiêu đề X-Csdl-Signature của mỗi lần gửi. Hãy lưu lại ngay: khóa sẽ không hiển thị lại.',
    ),
    h(
      'p',
      null,
      h('code', { class: 'secret-value' }, x.secret),
      ' ',
      h('button', { type: 'button', class: 'link', onclick: () => copySecret(x.secret) }, 'Sao chép khóa'),
    ),
  );
}

async function copySecret(secret) {
  try {
    await navigator.clipboard.writeText(secret);
    followMessage('Đã sao chép khóa ký webhook.');
  } catch {
    followMessage('Không sao chép được: hãy chọn khóa và sao chép.', true);
  }
}

/** Reads the caller's subscriptions (with a token only: nothing is requested without one). */
async function loadFollows(asked = false) {
  const token = followToken();
  if (!token) {
    follows = null;
    renderFollowAll();
    return;
  }
  followMessage('Đang đọc các mục đang theo dõi…');
  try {
    const body = await api('/v1/subscriptions', { headers: bearer(token) });
    follows = mine(body.items ?? []);
    const n = unitFollows().length;
    followMessage(
      docFollows().length ? `Đang theo dõi văn bản này${n ? ` và ${n} điều, khoản` : ''}.` : n ? `Đang theo dõi ${n} điều, khoản của văn bản này.` : '',
    );
  } catch (e) {
    follows = null;
    followError(e, 'Theo dõi', asked);
  }
  renderFollowAll();
}

/** Runs one change at a time (a second click while one is on its way does nothing). */
async function busy(work) {
  if (followBusy) return;
  followBusy = true;
  try {
    await work();
  } finally {
    followBusy = false;
  }
}

async function subscribe(target, what) {
  const token = followToken();
  if (!token) {
    followMessage(`Nhập mã truy cập để theo dõi ${what}.`, true);
    $('#follow-token').focus();
    return;
  }
  const webhookUrl = $('#follow-webhook').value.trim() || null;
  await busy(async () => {
    followMessage(`Đang đăng ký theo dõi ${what}…`);
    try {
      const r = await api('/v1/subscriptions', { method: 'POST', headers: bearer(token), body: JSON.stringify({ target, webhookUrl }) });
      follows = [...(follows ?? []), r.subscription];
      if (webhookUrl) secrets = [{ id: r.subscription.id, label: r.subscription.label ?? what, webhookUrl, secret: r.secret }, ...secrets];
      followMessage(`Đang theo dõi ${what}.${webhookUrl ? ' Khóa ký webhook chỉ hiển thị một lần: hãy lưu lại.' : ''}`);
    } catch (e) {
      followError(e, `Theo dõi ${what}`);
    }
    renderFollowAll();
  });
}

async function cancel(subs, what) {
  const token = followToken();
  if (!token) return followMessage('Nhập mã truy cập để bỏ theo dõi.', true);
  await busy(async () => {
    try {
      for (const s of subs) {
        await api(`/v1/subscriptions/${enc(s.id)}`, { method: 'PATCH', headers: bearer(token), body: JSON.stringify({ action: 'cancel' }) });
        follows = followsOf((x) => x.id !== s.id);
        secrets = secrets.filter((x) => x.id !== s.id);
      }
      followMessage(`Đã bỏ theo dõi ${what}.`);
    } catch (e) {
      followError(e, `Bỏ theo dõi ${what}`);
    }
    renderFollowAll();
  });
}

async function resume(s) {
  const token = followToken();
  if (!token) return followMessage('Nhập mã truy cập để gửi tiếp.', true);
  await busy(async () => {
    try {
      const r = await api(`/v1/subscriptions/${enc(s.id)}`, { method: 'PATCH', headers: bearer(token), body: JSON.stringify({ action: 'resume' }) });
      follows = followsOf((x) => x.id !== s.id).concat(r.subscription);
      followMessage('Đã gửi tiếp các thay đổi đang chờ.');
    } catch (e) {
      followError(e, 'Gửi tiếp');
    }
    renderFollowAll();
  });
}

function toggleUnit(eId) {
  if (!doc) return;
  const followed = unitFollows(eId);
  if (followed.length) return cancel(followed, unitName(eId));
  return subscribe({ kind: 'unit', workId: doc.id, eId }, unitName(eId));
}

$('#follow-token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  keepToken(TOKEN_KEY, cleanToken($('#follow-token').value));
  secrets = [];
  if (doc) loadFollows(true);
});
$('#follow-forget').addEventListener('click', () => {
  keepToken(TOKEN_KEY, '');
  $('#follow-token').value = '';
  follows = null;
  secrets = [];
  renderFollowAll();
  followMessage('Đã xóa mã truy cập khỏi thẻ trình duyệt này.');
});
$('#follow-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (doc) subscribe({ kind: 'document', workId: doc.id }, 'văn bản này');
});

// ---- diff ----
function ops(list) {
  return (list ?? []).map((o, i) => [
    i ? ' ' : '',
    o.op === 'insert' ? h('ins', { class: 'd' }, o.text) : o.op === 'delete' ? h('del', { class: 'd' }, o.text) : o.text,
  ]);
}

async function loadDiff() {
  const el = $('#diff');
  if (!isIsoDate(state.from) || !isIsoDate(state.to)) return fill(el);
  $('#from').value = state.from;
  $('#to').value = state.to;
  fill(el, h('p', { class: 'muted' }, 'Đang so sánh…'));
  try {
    const body = await api(`${path('/diff')}?${qs({ from: state.from, to: state.to })}`);
    const changes = body.changes ?? [];
    const WORD = { added: 'Bổ sung', removed: 'Bãi bỏ', changed: 'Sửa đổi' };
    fill(
      el,
      h(
        'p',
        null,
        `${changes.length} đơn vị thay đổi từ ${vnDate(state.from)} đến ${vnDate(state.to)}. `,
        h('span', { class: 'muted' }, 'Chữ bị bỏ: '),
        h('del', { class: 'd' }, 'gạch ngang'),
        h('span', { class: 'muted' }, '; chữ thêm: '),
        h('ins', { class: 'd' }, 'gạch dưới'),
      ),
      changes.map((c) =>
        h(
          'div',
          { class: 'card diff-unit' },
          h('h4', null, h('a', { href: `#${c.eId}` }, unitsById.get(c.eId)?.citation ?? eIdLabel(c.eId)), ` — ${WORD[c.change] ?? c.change}`),
          c.heading?.length ? h('p', null, h('strong', null, 'Tên: '), ops(c.heading)) : '',
          c.text?.length ? h('p', null, ops(c.text)) : '',
        ),
      ),
    );
  } catch (e) {
    showError(el, e, 'So sánh');
  }
}

// ---- navigation ----
function setAt(date) {
  if (!isIsoDate(date)) return;
  state.at = date;
  state.original = false;
  history.pushState(null, '', pageUrl(''));
  refreshDated();
}

async function refreshDated() {
  say(`Đang tải văn bản tại ngày ${vnDate(state.at)}…`);
  renderTimeline();
  await Promise.all([loadStatus(), loadText()]);
  say(state.original ? 'Văn bản gốc.' : `Đang xem văn bản tại ngày ${vnDate(state.at)}.`);
}

function scrollToHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id && document.getElementById(id);
  if (!el) return;
  for (const old of document.querySelectorAll('.unit.hl')) old.classList.remove('hl');
  el.classList.add('hl');
  el.scrollIntoView();
}

$('#at-form').addEventListener('submit', (e) => {
  e.preventDefault();
  setAt($('#at').value);
});
$('#diff-form').addEventListener('submit', (e) => {
  e.preventDefault();
  state.from = $('#from').value;
  state.to = $('#to').value;
  history.pushState(null, '', pageUrl(''));
  loadDiff();
});
window.addEventListener('popstate', () => {
  const p = new URLSearchParams(location.search);
  state.at = isIsoDate(p.get('at')) ? p.get('at') : today();
  state.original = p.get('view') === 'original';
  state.from = p.get('from');
  state.to = p.get('to');
  refreshDated().then(loadDiff);
});
window.addEventListener('hashchange', scrollToHash);

async function main() {
  if (!idParam) {
    say('Thiếu mã văn bản (?id=…). Hãy tìm văn bản ở trang Tìm kiếm.', true);
    return;
  }
  try {
    doc = await api(`/v1/documents/${enc(idParam)}`);
  } catch (e) {
    say(e instanceof ApiError && e.status === 404 ? `Không có văn bản “${idParam}” trong cơ sở dữ liệu.` : `Không tải được văn bản: ${e.message}`, true);
    return;
  }
  renderHead();
  // Sectors and checking findings are extras: a page without them still shows the document.
  [sectors, findings] = await Promise.all(['/sectors', '/checking-findings'].map((p) => api(`/v1/documents/${enc(doc.id)}${p}`).catch(() => null)));
  renderProps();
  // The document's canonical name (its ELI), for search engines and for anyone who bookmarks or cites the page.
  if (doc.eli) {
    const link = document.querySelector('link[rel="canonical"]') ?? document.head.appendChild(document.createElement('link'));
    link.rel = 'canonical';
    link.href = new URL(doc.eli, location.origin).href;
  }
  $('#from').value = state.from ?? doc.effective ?? '';
  $('#to').value = state.to ?? state.at;
  $('#follow-token').value = followToken();
  await Promise.all([refreshDated(), loadRelations(), loadTimeline(), loadHistory(), loadFollows()]);
  await loadDiff();
  scrollToHash();
}

main();
