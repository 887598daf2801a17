// Codification page: chủ đề → đề mục → điều, each with its source and a stale marker. ?heading=7.7 or ?code=7.7.LQ.1.
import { $, api, articleUrl, copyLink, docUrl, fill, h, say, showError, vnDate } from './common.js';

const params = new URLSearchParams(location.search);
const code = params.get('code');
const headingId = params.get('heading') ?? (code ? code.split('.').slice(0, 2).join('.') : null);

async function loadTopics() {
  const el = $('#topics');
  try {
    const body = await api('/v1/codification');
    const topics = body.topics ?? [];
    if (!topics.length) return fill(el, h('p', { class: 'muted' }, 'Chưa có đề mục nào được nhập.'));
    fill(
      el,
      h('h2', null, 'Chủ đề'),
      h(
        'ul',
        null,
        topics.map((t) => {
          const here = (t.headings ?? []).some((x) => x.id === headingId);
          return h(
            'li',
            null,
            h(
              'details',
              { open: here || topics.length <= 5 },
              h('summary', null, /^Chủ đề/.test(t.title ?? '') ? t.title : `Chủ đề ${t.number}. ${t.title ?? ''}`),
              h(
                'ul',
                null,
                (t.headings ?? []).map((x) =>
                  h(
                    'li',
                    null,
                    h(
                      'a',
                      { href: `/phapdien.html?heading=${encodeURIComponent(x.id)}`, 'aria-current': x.id === headingId ? 'page' : null },
                      `${x.id}. ${x.title ?? ''}`,
                    ),
                    h('span', { class: 'muted' }, ` (${x.articleCount ?? 0} điều)`),
                  ),
                ),
              ),
            ),
          );
        }),
      ),
    );
    if (!headingId) say(`${topics.length} chủ đề. Chọn một đề mục để xem các điều.`);
  } catch (e) {
    showError(el, e, 'Danh sách chủ đề');
  }
}

function articleEl(a) {
  const src = a.source;
  const stale = a.stale;
  return h(
    'article',
    { class: 'card unit', id: a.code },
    h(
      'h3',
      null,
      h('a', { href: articleUrl(a.code) }, `Điều ${a.code}.`),
      ` ${a.heading ?? ''} `,
      stale
        ? h(
            'span',
            { class: 'badge stale', title: 'Điều luật nguồn đã có phiên bản mới hơn nội dung pháp điển' },
            typeof stale === 'object' && stale.since ? `Chưa cập nhật (từ ${vnDate(stale.since)})` : 'Chưa cập nhật',
          )
        : '',
      h(
        'button',
        {
          type: 'button',
          class: 'link copy no-print',
          'aria-label': `Sao chép liên kết đến Điều ${a.code}`,
          onclick: () => copyLink(location.origin + articleUrl(a.code), `Điều ${a.code}`),
        },
        'liên kết',
      ),
    ),
    h('div', { class: 'u-text' }, a.text ?? ''),
    src
      ? h(
          'p',
          { class: 'note' },
          'Nguồn: ',
          src.documentId
            ? h(
                'a',
                { href: docUrl(src.documentId, src.articleNum ? `art_${src.articleNum}` : '') },
                src.note || `Điều ${src.articleNum} ${src.documentNumber}`,
              )
            : src.note || src.documentNumber,
          src.effective ? ` (hiệu lực từ ${vnDate(src.effective)})` : '',
        )
      : h('p', { class: 'note' }, 'Không ghi nguồn.'),
    (a.notes ?? []).map((n) => h('p', { class: 'note' }, typeof n === 'string' ? n : (n.text ?? ''))),
    a.crossReferences?.length
      ? h(
          'p',
          { class: 'note' },
          'Liên quan: ',
          a.crossReferences.map((r, i) => [i ? '; ' : '', r.code ? h('a', { href: articleUrl(r.code) }, `Điều ${r.code}`) : (r.text ?? '')]),
        )
      : '',
  );
}

function nodeEl(n, byCode, shown) {
  const arts = (n.articles ?? []).map((c) => byCode.get(c)).filter(Boolean);
  for (const a of arts) shown.add(a.code);
  return h(
    'section',
    { class: 'unit k-chapter' },
    h('h2', null, n.label, n.title ? `. ${n.title}` : ''),
    (n.crossRefs ?? []).map((r) => h('p', { class: 'note' }, r.text ?? r.code ?? '')),
    arts.map(articleEl),
    (n.children ?? []).map((c) => nodeEl(c, byCode, shown)),
  );
}

async function loadHeading() {
  const el = $('#heading');
  if (!headingId) return fill(el, h('p', null, 'Chọn một đề mục ở danh sách chủ đề.'));
  try {
    const d = await api(`/v1/codification/headings/${encodeURIComponent(headingId)}`);
    document.title = `Đề mục ${d.id}. ${d.title} — Bộ pháp điển — CSDLQG pháp luật`;
    const byCode = new Map((d.articles ?? []).map((a) => [a.code, a]));
    const shown = new Set();
    const nodes = (d.nodes ?? []).map((n) => nodeEl(n, byCode, shown));
    const loose = (d.articles ?? []).filter((a) => !shown.has(a.code));
    const stale = (d.articles ?? []).filter((a) => a.stale).length;
    fill(
      el,
      h('h2', null, `Đề mục ${d.id}. ${d.title}`),
      h('p', { class: 'muted' }, `Chủ đề ${d.topic} · ${d.articles?.length ?? 0} điều${stale ? ` · ${stale} điều chưa cập nhật theo văn bản nguồn` : ''}`),
      loose.map(articleEl),
      nodes,
    );
    say(`Đề mục ${d.id}: ${d.articles?.length ?? 0} điều.`);
    const target = code ?? decodeURIComponent(location.hash.slice(1));
    const art = target && document.getElementById(target);
    if (art) {
      art.classList.add('hl');
      art.scrollIntoView();
    }
  } catch (e) {
    showError(el, e, `Đề mục ${headingId}`);
    say('');
  }
}

loadTopics();
loadHeading();
