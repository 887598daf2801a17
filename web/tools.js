// Reviewer tools: status of cited documents (POST /v1/status/check) and the format linter (POST /v1/lint).
// Short inputs are kept in the URL hash (#check=…&at=… or #lint=…) so a result can be shared as a link.
import { $, api, badge, docUrl, eIdLabel, fill, h, isIsoDate, say, showError, stack, vnDate } from './common.js';

const MAX_HASH = 4000;

function setHash(entries) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v) p.set(k, v);
  const s = p.toString();
  history.replaceState(null, '', s.length <= MAX_HASH ? `#${s}` : location.pathname);
}

// ---- status check ----
async function check() {
  const text = $('#citations').value.trim();
  const at = $('#check-at').value;
  const el = $('#check-result');
  if (!text) return;
  setHash({ check: text, at });
  fill(el, h('p', { class: 'muted' }, 'Đang kiểm tra…'));
  try {
    const body = await api('/v1/status/check', { method: 'POST', body: JSON.stringify(isIsoDate(at) ? { text, at } : { text }) });
    const items = body.items ?? [];
    say(`${items.length} văn bản được viện dẫn, tình trạng tại ngày ${vnDate(body.at)}.`);
    fill(
      el,
      items.length
        ? stack(
            h(
              'table',
              null,
              h('caption', { class: 'muted' }, `Tình trạng tại ngày ${vnDate(body.at)}`),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Trích dẫn', 'Văn bản', 'Tình trạng', 'Lý do'].map((t) => h('th', { scope: 'col' }, t)),
                ),
              ),
              h(
                'tbody',
                null,
                items.map((it) =>
                  h(
                    'tr',
                    { class: 'check-row' },
                    h('td', null, it.citation ?? ''),
                    h(
                      'td',
                      null,
                      it.inDatabase && it.documentId ? h('a', { href: docUrl(it.documentId) }, it.documentNumber ?? it.documentId) : (it.documentNumber ?? '—'),
                      it.inDatabase ? '' : h('div', { class: 'muted' }, 'Chưa có trong cơ sở dữ liệu'),
                    ),
                    h('td', null, badge(it.status, it.label)),
                    h(
                      'td',
                      null,
                      (it.reasons ?? []).map((r) =>
                        h(
                          'div',
                          null,
                          r.message ?? '',
                          r.workId || r.number ? [' — ', r.workId ? h('a', { href: docUrl(r.workId, r.sourceEId) }, r.number ?? r.workId) : r.number] : '',
                          r.eId ? ` (${r.citation ?? eIdLabel(r.eId)})` : '',
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', null, 'Không nhận ra văn bản nào được viện dẫn. Hãy ghi số, ký hiệu (ví dụ 58/2014/QH13).'),
    );
  } catch (e) {
    showError(el, e, 'Kiểm tra tình trạng');
  }
}

// ---- linter ----
const SEVERITY = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };

function fileAsBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

function selectLine(n) {
  const ta = $('#draft');
  const lines = ta.value.split('\n');
  const start = lines.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
  ta.focus();
  ta.setSelectionRange(start, start + (lines[n - 1]?.length ?? 0));
}

async function lint() {
  const el = $('#lint-result');
  const file = $('#draft-file').files?.[0];
  const text = $('#draft').value;
  if (!file && !text.trim()) {
    say('Hãy dán nội dung dự thảo hoặc chọn tệp.', true);
    return;
  }
  fill(el, h('p', { class: 'muted' }, 'Đang kiểm tra…'));
  try {
    const req = file
      ? { fileName: file.name, content: await fileAsBase64(file), encoding: 'base64' }
      : { fileName: 'du-thao.txt', content: text, encoding: 'utf8' };
    if (!file) setHash({ lint: text });
    const body = await api('/v1/lint', { method: 'POST', body: JSON.stringify(req) });
    const lines = file ? [] : text.split('\n');
    const diags = [...(body.diagnostics ?? [])].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const m = body.metadata ?? {};
    say(`${body.errors ?? 0} lỗi, ${body.warnings ?? 0} cảnh báo.`);
    fill(
      el,
      h(
        'p',
        null,
        h('strong', null, `${body.errors ?? 0} lỗi, ${body.warnings ?? 0} cảnh báo`),
        m.number || m.title ? ` — ${[m.number, m.title].filter(Boolean).join(' ')}` : '',
      ),
      diags.length
        ? stack(
            h(
              'table',
              null,
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Dòng', 'Mức', 'Mã', 'Nội dung', 'Văn bản tại dòng'].map((t) => h('th', { scope: 'col' }, t)),
                ),
              ),
              h(
                'tbody',
                null,
                diags.map((d) =>
                  h(
                    'tr',
                    { class: 'lint-row' },
                    h(
                      'td',
                      null,
                      d.line && lines.length
                        ? h(
                            'button',
                            { type: 'button', class: 'link', 'aria-label': `Chọn dòng ${d.line} trong dự thảo`, onclick: () => selectLine(d.line) },
                            String(d.line),
                          )
                        : (d.line ?? '—'),
                    ),
                    h('td', { class: `sev-${d.severity}` }, SEVERITY[d.severity] ?? d.severity),
                    h('td', null, h('code', null, d.code)),
                    h('td', null, d.message),
                    h('td', { class: 'code-line' }, d.line ? (lines[d.line - 1] ?? '').slice(0, 200) : ''),
                  ),
                ),
              ),
            ),
          )
        : h('p', null, 'Không phát hiện lỗi thể thức.'),
    );
  } catch (e) {
    showError(el, e, 'Kiểm tra thể thức');
  }
}

$('#check-form').addEventListener('submit', (e) => {
  e.preventDefault();
  check();
});
$('#lint-form').addEventListener('submit', (e) => {
  e.preventDefault();
  lint();
});

const fromHash = new URLSearchParams(location.hash.slice(1));
if (fromHash.get('check')) {
  $('#citations').value = fromHash.get('check');
  $('#check-at').value = fromHash.get('at') ?? '';
  check();
} else if (fromHash.get('lint')) {
  $('#draft').value = fromHash.get('lint');
  lint();
}
