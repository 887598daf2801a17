/**
 * Following the law from the document page (issue 21 part 4, docs/adr/0022) in headless Chromium against the local
 * runtime as `npm start` runs it (sample corpus): a signed-in person without any role types a token, follows
 * 09/2022/TT-BLĐTBXH with a webhook to a receiver on loopback, sees the Atom feed link and the signing secret once,
 * and that secret signs what the receiver gets; follows khoản 1 Điều 1 from the unit's own tools and sees it marked;
 * a reload reads the state back from the API (without the secret); "Bỏ theo dõi" cancels. The API is asked each time
 * whether the page told the truth. Refusals (no token, 401, a webhook the API refuses) are shown with the problem's
 * detail; no CSP violation anywhere; a phone screen.
 */
import type { Page } from 'playwright-core';
import { SIGNATURE_HEADER, verifySignature } from '../../domain/subscriptions/signature';
import { devSecret, signDevToken } from '../../local/devtoken';
import { Problem } from '../../schemas/common';
import { SubscriptionListResponse } from '../../schemas/subscriptions';
import { corpusFile } from '../support/fixtures';
import { webPages } from '../support/web-pages';
import { until, WebhookReceiver } from '../support/webhook-receiver';

const DOC = '09-2022-TT-BLDTBXH';
const UNIT = 'art_1__para_1';

let follower: string;
let other: string;
let editor: string;

/** A webhook receiver on loopback: records each POST with its headers and raw body. */
const receiver = new WebhookReceiver();
const got = receiver.got;
let hookUrl = '';

const web = webPages({}, async (runtime) => {
  const secret = devSecret(runtime.dataDir);
  // What `identified` asks: a signed-in person, no role.
  follower = await signDevToken(secret, 'follower-web', []);
  other = await signDevToken(secret, 'follower-web-2', []);
  editor = await signDevToken(secret, 'editor-web', ['editor']);
  receiver.status = 204;
  await receiver.up();
  hookUrl = receiver.url;
});
afterAll(() => receiver.down());
const { open, expectBasics } = web;

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';
const listed = async (token: string) => {
  const res = await fetch(`${web.runtime.base}/v1/subscriptions`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return SubscriptionListResponse.parse(await res.json()).items;
};

/** Records CSP violations from the start of the page (the page is loaded again with the listener in place). */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(`
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
  `);
  await page.reload();
  await page.waitForLoadState('networkidle');
}
const cspViolations = (page: Page) => page.evaluate<string[]>('window.__csp');

/** The requests a page makes to /v1/subscriptions (method and path). */
function subscriptionCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/v1/subscriptions')) calls.push(`${r.method()} ${u.pathname}`);
  });
  return calls;
}

async function giveToken(page: Page, token: string) {
  await page.fill('#follow-token', token);
  await page.click('#follow-token-form button[type=submit]');
}

const unitButton = (page: Page, eId: string) => page.locator(`button.follow-u[data-eid="${eId}"]`);

it('follows the document with a webhook (feed link, secret shown once and signing the deliveries), follows a unit, cancels', async () => {
  const page = await open(`/document.html?id=${DOC}`);
  await watchCsp(page);
  const calls = subscriptionCalls(page);
  await page.waitForSelector(`#${UNIT}`);

  // Without a token: a note, the control's form hidden, nothing asked of the API; each article and clause has the action.
  expect(await text(page, '#follow')).toContain('Nhập mã truy cập để theo dõi');
  expect(await page.locator('#follow-form').isHidden()).toBe(true);
  expect(await unitButton(page, UNIT).textContent()).toBe('theo dõi');
  expect(await unitButton(page, UNIT).getAttribute('aria-pressed')).toBe('false');
  expect(await page.locator('#art_1 > .u-body button.follow-u').count()).toBe(1);

  // The token (pasted with its "Bearer " prefix) is kept in this tab only; the page reads what is followed.
  await giveToken(page, `Bearer ${follower}`);
  await page.waitForSelector('#follow-state[data-followed="false"]');
  expect(await text(page, '#follow-state')).toBe('Chưa theo dõi văn bản này.');
  expect(await page.evaluate("sessionStorage.getItem('csdl.userToken')")).toBe(follower);
  expect(await page.evaluate('localStorage.length')).toBe(0);
  expect(calls).toEqual(['GET /v1/subscriptions']);

  // Follow the document with a webhook.
  await page.fill('#follow-webhook', hookUrl);
  await page.click('#follow-doc');
  await page.waitForSelector('#follow-state[data-followed="true"]');
  expect(await text(page, '#follow-state strong')).toBe('✓ Đang theo dõi văn bản này');
  expect(await page.locator('#follow-doc').isHidden()).toBe(true);
  expect(await page.locator('.follow-secret').count()).toBe(1);
  const secret = await text(page, '.follow-secret .secret-value');
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
  expect(await text(page, '.follow-secret')).toContain('chỉ hiển thị một lần');
  expect(await text(page, '.follow-secret')).toContain(hookUrl);

  // The API says the same: one subscription, to the document, with the webhook, live.
  const items = await listed(follower);
  expect(items).toHaveLength(1);
  const docSub = items[0];
  expect(docSub?.target).toEqual({ kind: 'document', workId: DOC });
  expect(docSub?.webhookUrl).toBe(hookUrl);
  expect(docSub?.cancelledAt).toBeNull();
  expect(await page.locator('.follow-secret').getAttribute('data-id')).toBe(docSub?.id);
  expect(await text(page, '#follow-state .follow-sub')).toContain(hookUrl);

  // The feed link is the subscription's Atom feed, readable without a token.
  const href = (await page.locator('#follow-state a.feed').getAttribute('href')) ?? '';
  expect(href.endsWith(`/v1/subscriptions/${docSub?.id}/feed`)).toBe(true);
  const feed = await fetch(new URL(href, web.runtime.base));
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/application\/atom\+xml/);
  expect(await feed.text()).toContain(`/v1/subscriptions/${docSub?.id}/feed`);

  // The secret shown is the one that signs: an editor adds another rendition of the document, the receiver is told.
  const upload = await fetch(`${web.runtime.base}/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
    body: JSON.stringify({ fileName: `${DOC}-ban-2.txt`, content: `${corpusFile(`${DOC}.txt`).toString('utf8')}\n` }),
  });
  expect(upload.status).toBe(200);
  expect(((await upload.json()) as { outcome: string }).outcome).toBe('source_added');
  const ours = () => got.filter((g) => (JSON.parse(g.body) as { subscription: { id: string } }).subscription.id === docSub?.id);
  await until('a delivery to the document subscriber', () => ours().length > 0, 15_000, 100);
  const delivery = ours()[0];
  expect(verifySignature(secret, delivery?.body ?? '', String(delivery?.headers[SIGNATURE_HEADER]), new Date())).toBe(true);

  // Follow khoản 1 Điều 1 from its own tools: marked in the text and listed in the control; nothing else is marked.
  await unitButton(page, UNIT).click();
  await page.waitForSelector(`button.follow-u[data-eid="${UNIT}"][aria-pressed="true"]`);
  expect(await unitButton(page, UNIT).textContent()).toBe('✓ đang theo dõi');
  expect(await page.locator(`#${UNIT}`).getAttribute('class')).toContain('followed');
  expect(await page.locator('button.follow-u[aria-pressed="true"]').count()).toBe(1);
  expect(await page.locator('#follow-units li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-eid')))).toEqual([UNIT]);
  expect(await text(page, '#follow-units li a')).toBe('Điều 1, khoản 1');
  const withUnit = await listed(follower);
  const unitSub = withUnit.find((s) => s.target.kind === 'unit');
  expect(unitSub?.target).toEqual({ kind: 'unit', workId: DOC, eId: UNIT });
  expect(unitSub?.cancelledAt).toBeNull();
  // The unit was followed with the same webhook: its own secret, shown once above the document's (still there).
  expect(await page.locator('.follow-secret').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')))).toEqual([unitSub?.id, docSub?.id]);
  expect(await text(page, `.follow-secret[data-id="${unitSub?.id}"]`)).toContain('“khoản 1 Điều 1 của 09/2022/TT-BLĐTBXH”');
  expect(await text(page, `.follow-secret[data-id="${unitSub?.id}"] .secret-value`)).toMatch(/^whsec_/);
  expect(await text(page, `.follow-secret[data-id="${unitSub?.id}"] .secret-value`)).not.toBe(secret);
  expect(await text(page, `.follow-secret[data-id="${docSub?.id}"] .secret-value`)).toBe(secret);
  expect(await cspViolations(page)).toEqual([]);

  // A reload reads the state back from the API; the secret is not shown again.
  await page.reload();
  await page.waitForSelector(`button.follow-u[data-eid="${UNIT}"][aria-pressed="true"]`);
  await page.waitForSelector('#follow-state[data-followed="true"]');
  expect(await page.locator('.follow-secret').count()).toBe(0);
  expect(await page.inputValue('#follow-token')).toBe(follower);
  expect(await text(page, '#follow-msg')).toBe('Đang theo dõi văn bản này và 1 điều, khoản.');

  // "Bỏ theo dõi" cancels the document's subscription (kept, with cancelledAt); the unit stays followed.
  await page.click('#follow-cancel');
  await page.waitForSelector('#follow-state[data-followed="false"]');
  expect(await text(page, '#follow-msg')).toBe('Đã bỏ theo dõi văn bản này.');
  const after = await listed(follower);
  expect(after.find((s) => s.id === docSub?.id)?.cancelledAt).toEqual(expect.any(String));
  expect(after.find((s) => s.id === unitSub?.id)?.cancelledAt).toBeNull();
  expect(await unitButton(page, UNIT).getAttribute('aria-pressed')).toBe('true');
  expect(await page.isVisible('#follow-doc')).toBe(true);

  // The token never in the URL; no CSP violation, console error or failed request in all of it.
  expect(page.url()).not.toContain(follower.slice(0, 20));
  expect(await cspViolations(page)).toEqual([]);
  await expectBasics(page);
  await page.close();
});

it('shows what went wrong: no token, a token that is not valid (401), a webhook the API refuses (its detail)', async () => {
  const page = await open(`/document.html?id=${DOC}#${UNIT}`);
  await watchCsp(page);
  const calls = subscriptionCalls(page);
  await page.waitForSelector(`#${UNIT}`);

  // A unit's "theo dõi" without a token asks for one and calls nothing.
  await unitButton(page, UNIT).click();
  expect(await page.getAttribute('#follow-msg', 'class')).toBe('error');
  expect(await text(page, '#follow-msg')).toBe('Nhập mã truy cập để theo dõi Điều 1, khoản 1.');
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('follow-token');
  expect(calls).toEqual([]);

  // A token the API does not accept: 401, said in words with the problem's detail.
  const refused = await fetch(`${web.runtime.base}/v1/subscriptions`, { headers: { authorization: 'Bearer not-a-token' } });
  expect(refused.status).toBe(401);
  const detail401 = Problem.parse(await refused.json()).detail ?? '';
  await giveToken(page, 'not-a-token');
  await page.waitForSelector('#follow-msg.error:has-text("không hợp lệ")');
  expect(await text(page, '#follow-msg')).toBe(`Mã truy cập không hợp lệ hoặc đã hết hạn: hãy nhập lại mã truy cập. (${detail401})`);
  expect(await page.locator('#follow-form').isHidden()).toBe(true);
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('follow-token');

  // A webhook the API refuses: its detail shown, nothing followed.
  await giveToken(page, other);
  await page.waitForSelector('#follow-state[data-followed="false"]');
  await page.fill('#follow-webhook', 'ftp://127.0.0.1/hook');
  await page.click('#follow-doc');
  await page.waitForSelector('#follow-msg.error:has-text("webhookUrl")');
  expect(await text(page, '#follow-msg')).toMatch(/^Theo dõi văn bản này: .*webhookUrl: use https/);
  expect(await page.locator('#follow-state').getAttribute('data-followed')).toBe('false');
  expect(await listed(other)).toEqual([]);

  // The two refusals are the only failed requests (Chromium also logs each to the console), and no CSP violation.
  expect(web.problems.filter((p) => !p.startsWith('console: Failed to load resource')).map((p) => p.replace(/http:\/\/[^/]+/, ''))).toEqual([
    'HTTP 401: GET /v1/subscriptions',
    'HTTP 400: POST /v1/subscriptions',
  ]);
  expect(await cspViolations(page)).toEqual([]);
  await page.close();
});

it('fits a phone screen with a followed unit and a secret shown', async () => {
  const page = await open(`/document.html?id=${DOC}`, { width: 390, height: 844 });
  await page.waitForSelector(`#${UNIT}`);
  await giveToken(page, other);
  await page.waitForSelector('#follow-state[data-followed="false"]');
  await page.fill('#follow-webhook', hookUrl);
  await unitButton(page, 'art_2').click();
  await page.waitForSelector('button.follow-u[data-eid="art_2"][aria-pressed="true"]');
  await page.waitForSelector('.follow-secret .secret-value');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBe(0);
  await expectBasics(page);
  await page.close();
});
