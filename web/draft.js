// A draft (dự thảo): its versions with lint findings, the unit diff between versions (renumbered units followed),
// the appraisal and checking records, and the text of a version with each unit's comments (góp ý) beside it.
import { $, APPRAISAL_OUTCOME as OUTCOME, api, eIdLabel, fill, h, say, showError, vnDate } from './common.js';

const params = new URLSearchParams(location.search);
const id = params.get('id');
const STATUS = { open: 'Chưa xử lý', accepted: 'Tiếp thu', rejected: 'Không tiếp thu' };
const HANDLING = { amend: 'Sửa đổi, bổ sung', annul: 'Hủy bỏ', suspend: 'Đình chỉ thi hành', repeal: 'Bãi bỏ', no_action: 'Không phải xử lý' };
const unitLabel = (u) =>
  u.kind === 'article'
    ? `Điều ${u.num}.`
    : u.kind === 'clause'
      ? `${u.num}.`
      : u.kind === 'point'
        ? `${u.num})`
        : u.kind === 'chapter'
          ? `Chương ${u.num}`
          : u.num;
const when = (iso) => (iso ? `${vnDate(iso.slice(0, 10))} ${iso.slice(11, 16)}` : '');

function commentNode(c) {
  return h(
    'div',
    { class: `comment st-${c.status ?? 'reply'}`, id: `c-${c.id}` },
    h(
      'p',
      null,
      h('b', null, c.author),
      ' · ',
      when(c.createdAt),
      c.publicConsultation ? ' · lấy ý kiến công khai' : '',
      c.status ? ` · ${STATUS[c.status]}` : '',
    ),
    h('p', { class: 'u-text' }, c.text),
    c.madeOn?.eId ? h('p', { class: 'muted' }, `Góp ý trên phiên bản ${c.madeOn.version}, ${eIdLabel(c.madeOn.eId)}`) : null,
    c.explanation ? h('p', { class: 'note' }, `Giải trình (${c.resolvedBy}, ${when(c.resolvedAt)}): ${c.explanation}`) : null,
    c.replies?.length ? h('div', { class: 'replies' }, c.replies.map(commentNode)) : null,
  );
}

function renderUnits(units, commentsByEId) {
  const out = [];
  const walk = (list) => {
    for (const u of list) {
      const cs = commentsByEId.get(u.eId) ?? [];
      out.push(
        h(
          'div',
          { class: `draft-unit k-${u.kind}`, id: u.eId },
          h(
            'div',
            { class: 'u-body' },
            h('span', { class: 'u-head' }, h('a', { href: `#${u.eId}` }, unitLabel(u)), ' ', u.heading ?? ''),
            u.text ? h('div', { class: 'u-text' }, u.text) : null,
          ),
          h('div', { class: 'comments', 'aria-label': `Góp ý về ${u.citation}` }, cs.length ? cs.map(commentNode) : null),
        ),
      );
      walk(u.children);
    }
  };
  walk(units);
  return out;
}

function diffText(ops) {
  return (ops ?? []).map((o) => (o.op === 'equal' ? `${o.text} ` : h(o.op === 'insert' ? 'ins' : 'del', { class: 'd' }, o.text, ' ')));
}

async function showDiff(from, to) {
  const el = $('#diff');
  try {
    const d = await api(`/v1/drafts/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`);
    const s = d.summary;
    const shown = d.changes.filter((c) => c.status !== 'unchanged' || (c.renumbered && c.to.kind === 'article'));
    fill(
      el,
      h(
        'p',
        null,
        `Phiên bản ${d.from} → ${d.to}: ${s.matched} đơn vị khớp (${s.renumbered} đánh số lại, ${s.changed} sửa), ${s.added} thêm, ${s.removed} bỏ. `,
        `Điều: ${s.articles.matched} khớp, ${s.articles.renumbered} đánh số lại, ${s.articles.added} thêm, ${s.articles.removed} bỏ.`,
      ),
      shown.map((c) =>
        h(
          'div',
          { class: 'card diff-unit' },
          h(
            'p',
            null,
            c.status === 'added'
              ? h('b', null, `Thêm ${c.to.citation}`)
              : c.status === 'removed'
                ? h('b', null, `Bỏ ${c.from.citation}`)
                : c.renumbered
                  ? h('span', { class: 'renum' }, `${c.from.citation} → ${c.to.citation}`, c.status === 'changed' ? ' (đánh số lại và sửa)' : ' (đánh số lại)')
                  : h('b', null, `Sửa ${c.to.citation}`),
          ),
          c.heading ? h('p', null, diffText(c.heading)) : null,
          c.text ? h('p', { class: 'u-text' }, diffText(c.text)) : null,
        ),
      ),
    );
  } catch (e) {
    showError(el, e, 'So sánh');
  }
}

async function main() {
  if (!id) {
    say('Nhập mã dự thảo để xem.');
    return;
  }
  $('#draft-id').value = id;
  const version = params.get('version');
  try {
    const [view, synth] = await Promise.all([
      api(`/v1/drafts/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`),
      api(`/v1/drafts/${encodeURIComponent(id)}/comments`),
    ]);
    const d = view.draft;
    document.title = `${d.title} — Dự thảo — CSDLQG pháp luật`;
    fill($('#head'), h('h1', null, d.title));
    fill(
      $('#props'),
      h(
        'dl',
        { class: 'props' },
        h('dt', null, 'Cơ quan chủ trì soạn thảo'),
        h('dd', null, d.agency),
        h('dt', null, 'Ban soạn thảo'),
        h('dd', null, d.drafters.join(', ')),
        h('dt', null, 'Giai đoạn'),
        h('dd', null, d.stage === 'draft' ? 'Dự thảo' : 'Đã ban hành'),
        h('dt', null, 'Lấy ý kiến công khai'),
        h('dd', null, d.window ? `từ ${vnDate(d.window.opens)} đến ${vnDate(d.window.closes)} (giờ Việt Nam)` : 'không'),
        d.promotedTo
          ? [
              h('dt', null, 'Văn bản ban hành'),
              h(
                'dd',
                null,
                h('a', { href: `/document.html?id=${encodeURIComponent(d.promotedTo.workId)}` }, d.promotedTo.number),
                ` ngày ${vnDate(d.promotedTo.issued)}, hiệu lực ${vnDate(d.promotedTo.effective)}; ${d.promotedTo.signer.capacity} ${d.promotedTo.signer.name} (từ phiên bản ${d.promotedTo.version})`,
              ),
            ]
          : null,
        h('dt', null, 'Tổng hợp ý kiến'),
        h(
          'dd',
          null,
          `${synth.totals.comments} ý kiến (${synth.totals.accepted} tiếp thu, ${synth.totals.rejected} không tiếp thu, ${synth.totals.open} chưa xử lý; ${synth.totals.orphaned} không còn đơn vị tương ứng) · `,
          h('a', { href: `/v1/drafts/${encodeURIComponent(id)}/comments?format=csv` }, 'Tải bảng tổng hợp (CSV)'),
        ),
      ),
    );
    fill(
      $('#versions'),
      h(
        'ol',
        null,
        view.versions.map((v) =>
          h(
            'li',
            null,
            h('a', { href: `?id=${encodeURIComponent(id)}&version=${v.n}` }, `Phiên bản ${v.n}`),
            ` · ${v.fileName} · ${when(v.uploadedAt)} · ${v.uploadedBy} · `,
            v.status === 'accepted' ? 'đạt thể thức' : h('span', { class: 'error' }, 'bị từ chối (lỗi thể thức, chế độ nghiêm ngặt)'),
            v.note ? ` · ${v.note}` : '',
            v.findings.length
              ? h(
                  'details',
                  null,
                  h('summary', null, `${v.findings.length} phát hiện`),
                  h(
                    'ul',
                    null,
                    v.findings.map((f) => h('li', { class: `sev-${f.severity}` }, f.line ? `Dòng ${f.line}: ` : '', f.message, ` (${f.code})`)),
                  ),
                )
              : null,
          ),
        ),
      ),
    );
    const accepted = view.versions.filter((v) => v.status === 'accepted').map((v) => v.n);
    for (const [sel, pick] of [
      ['#from', accepted[accepted.length - 2] ?? accepted[0]],
      ['#to', accepted[accepted.length - 1]],
    ])
      fill(
        $(sel),
        accepted.map((n) => h('option', { value: n, selected: n === pick }, `Phiên bản ${n}`)),
      );
    $('#diff-form').addEventListener('submit', (e) => {
      e.preventDefault();
      showDiff($('#from').value, $('#to').value);
    });
    if (accepted.length > 1) showDiff(accepted[accepted.length - 2], accepted[accepted.length - 1]);

    fill(
      $('#records'),
      view.appraisals.length || view.checkingFindings.length
        ? [
            view.appraisals.map((a) =>
              h(
                'div',
                { class: 'card' },
                h('p', null, h('b', null, `Thẩm định: ${OUTCOME[a.outcome]}`), ` · ${a.body} · ${a.by} · ${when(a.at)} · phiên bản ${a.version}`),
                a.eIds.length ? h('p', { class: 'muted' }, a.eIds.map(eIdLabel).join('; ')) : null,
                h('p', { class: 'u-text' }, a.opinion),
              ),
            ),
            view.checkingFindings.map((f) =>
              h(
                'div',
                { class: 'card' },
                h('p', null, h('b', null, `Kiểm tra văn bản: ${eIdLabel(f.eId)}`), ` · ${f.body} · ${f.by} · ${when(f.at)}`),
                h('p', { class: 'u-text' }, f.finding),
                h('p', null, f.unlawful ? 'Trái pháp luật' : 'Không trái pháp luật', ` · Xử lý: ${HANDLING[f.handling]}`),
              ),
            ),
          ]
        : h('p', { class: 'muted' }, 'Chưa có ý kiến thẩm định hay kết quả kiểm tra.'),
    );

    const current = view.current;
    if (!current) {
      fill($('#text'), h('p', { class: 'muted' }, 'Chưa có phiên bản nào đạt thể thức.'));
      say('');
      return;
    }
    const byEId = new Map();
    if (current.n === synth.version) for (const row of synth.units) byEId.set(row.eId, row.comments);
    fill(
      $('#text-note'),
      current.n === synth.version
        ? `Phiên bản ${current.n}, mới nhất: ý kiến trên các phiên bản trước đi theo đơn vị tương ứng (kể cả khi được đánh số lại).`
        : `Phiên bản ${current.n}${current.status === 'rejected' ? ' (bị từ chối)' : ''}: ý kiến được hiển thị trên phiên bản mới nhất (${synth.version}).`,
    );
    fill(
      $('#orphaned'),
      synth.orphaned.length
        ? h(
            'details',
            { open: true },
            h('summary', null, `${synth.orphaned.length} ý kiến về đơn vị không còn trong phiên bản ${synth.version}`),
            synth.orphaned.map((c) => h('div', null, h('p', { class: 'muted' }, `${c.citation} (phiên bản ${c.madeOn.version})`), commentNode(c))),
          )
        : null,
    );
    fill($('#text'), renderUnits(current.units, byEId));
    say('');
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  } catch (e) {
    say(e.message, true);
  }
}

main();
