/**
 * Workflow integrity (issue 22). Versions and comments are idempotent: a retry after a failure between the writes
 * completes the request, and repeats store nothing. Promotion needs a reviewer and an appraisal, and is resumable: the intent is recorded on the draft first, so a failure after
 * the document was ingested (or after its signer and dates were set) is completed by the retry, which answers as the
 * first success would: one document, the draft closed and linked to it.
 */
import type { Actor } from '../../../domain/drafting/types';
import type { Ports } from '../../../domain/ports';
import { addAppraisal, addComment, addVersion, createDraft, loadDraft, promoteDraft } from '../../../domain/services/drafting';
import { draftVersion1 } from '../../support/drafting';
import { tempEmbedded } from '../../support/embedded';

const drafter: Actor = { subject: 'drafter-a', roles: ['drafter'] };
const appraiser: Actor = { subject: 'appraiser-a', roles: ['appraiser'] };
const reviewer: Actor = { subject: 'reviewer-a', roles: ['reviewer'] };
const input = { number: '31/2026/TT-BLĐTBXH', issued: '2026-06-01', effective: '2026-08-01', signer: { name: 'Nguyễn Văn B', capacity: 'BỘ TRƯỞNG' } };
const WORK_ID = '31-2026-TT-BLDTBXH';

/** The ports with one method that throws the first time `when` holds for its arguments. */
function failOnce<K extends 'works' | 'drafts'>(ports: Ports, port: K, method: string, when: (...args: unknown[]) => boolean = () => true): Ports {
  const target = ports[port] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  let armed = true;
  const wrapped = new Proxy(target, {
    get(t, prop, recv) {
      const v = Reflect.get(t, prop, recv);
      if (prop !== method || typeof v !== 'function') return typeof v === 'function' ? v.bind(t) : v;
      return async (...args: unknown[]) => {
        if (armed && when(...args)) {
          armed = false;
          throw new Error(`simulated failure in ${port}.${method}`);
        }
        return v.apply(t, args);
      };
    },
  });
  return { ...ports, [port]: wrapped };
}

async function appraisedDraft(ports: Ports) {
  const draft = await createDraft(ports, drafter, { title: 'Dự thảo Thông tư', agency: 'Bộ Lao động - Thương binh và Xã hội' });
  await addVersion(ports, drafter, draft.id, { fileName: 'v1.txt', bytes: new TextEncoder().encode(draftVersion1()) });
  await addAppraisal(ports, appraiser, draft.id, { eIds: [], body: 'Vụ Pháp chế', opinion: 'Đồng ý', outcome: 'approved' });
  return draft.id;
}

describe('promotion after a partial failure (issue 22)', () => {
  it('fails between the ingest and the signer: the retry completes with one document and a closed draft', async () => {
    const { ports } = tempEmbedded();
    const id = await appraisedDraft(ports);
    const flaky = failOnce(ports, 'works', 'save');
    await expect(promoteDraft(flaky, reviewer, id, input)).rejects.toThrow('simulated failure');
    // The first write happened (the document exists), the draft is still open but holds the promotion under way.
    expect((await ports.works.get(WORK_ID))?.signer ?? null).toBeNull();
    expect(await loadDraft(ports, id)).toMatchObject({ stage: 'draft', promoting: { workId: WORK_ID, number: input.number } });
    // Meanwhile, another promotion of the same draft is refused; so are new versions.
    await expect(promoteDraft(ports, reviewer, id, { ...input, number: '32/2026/TT-BLĐTBXH' })).rejects.toMatchObject({ code: 'conflict' });
    const retry = await promoteDraft(flaky, reviewer, id, input);
    expect(retry.replayed).toBe(false);
    expect(retry.work).toMatchObject({ id: WORK_ID, signer: input.signer, issued: input.issued, effective: input.effective });
    expect(retry.draft).toMatchObject({ stage: 'promulgated', promoting: null, promotedTo: { workId: WORK_ID, number: input.number, by: 'reviewer-a' } });
    const all = await ports.works.list({ limit: 100 });
    expect(all.items.filter((w) => w.number === input.number).map((w) => w.id)).toEqual([WORK_ID]);
    // And once more: the same answer, nothing written.
    const again = await promoteDraft(ports, reviewer, id, input);
    expect(again.replayed).toBe(true);
    expect(again.draft).toEqual(retry.draft);
    expect(again.work.id).toBe(WORK_ID);
  });

  it('fails on closing the draft: the retry closes it without a second document or a second change on it', async () => {
    const { ports } = tempEmbedded();
    const id = await appraisedDraft(ports);
    const flaky = failOnce(ports, 'drafts', 'saveDraft', (d) => (d as { stage: string }).stage === 'promulgated');
    await expect(promoteDraft(flaky, reviewer, id, input)).rejects.toThrow('simulated failure');
    const half = await ports.works.get(WORK_ID);
    expect(half?.signer).toEqual(input.signer);
    const retry = await promoteDraft(flaky, reviewer, id, input);
    expect(retry.draft.stage).toBe('promulgated');
    expect((await ports.works.get(WORK_ID))?.version).toBe(half?.version);
  });

  it('a drafter may not promote (403) and an unappraised draft may not be promoted (409 appraisal_required)', async () => {
    const { ports } = tempEmbedded();
    const draft = await createDraft(ports, drafter, { title: 'Dự thảo', agency: 'Bộ Tư pháp' });
    await addVersion(ports, drafter, draft.id, { fileName: 'v1.txt', bytes: new TextEncoder().encode(draftVersion1()) });
    await expect(promoteDraft(ports, drafter, draft.id, input)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(promoteDraft(ports, reviewer, draft.id, input)).rejects.toMatchObject({ code: 'appraisal_required' });
    expect((await loadDraft(ports, draft.id)).promoting ?? null).toBeNull();
    expect(await ports.works.get(WORK_ID)).toBeNull();
  });
});

describe('idempotent uploads and comments after a partial failure (issue 22)', () => {
  it('a version whose item was not written after the number was claimed: the retry writes it under that number', async () => {
    const { ports } = tempEmbedded();
    const draft = await createDraft(ports, drafter, { title: 'Dự thảo', agency: 'Bộ Tư pháp' });
    const upload = { fileName: 'v1.txt', bytes: new TextEncoder().encode(draftVersion1()), idempotencyKey: 'k-1' };
    await expect(addVersion(failOnce(ports, 'drafts', 'putVersion'), drafter, draft.id, upload)).rejects.toThrow('simulated failure');
    expect((await loadDraft(ports, draft.id)).versions).toBe(1);
    const retry = await addVersion(ports, drafter, draft.id, upload);
    expect([retry.value.n, retry.replayed]).toEqual([1, false]);
    const again = await addVersion(ports, drafter, draft.id, upload);
    expect([again.value.n, again.replayed]).toEqual([1, true]);
    expect((await loadDraft(ports, draft.id)).versions).toBe(1);
    expect((await ports.drafts?.listVersions(draft.id))?.map((v) => v.n)).toEqual([1]);
  });

  it('a comment whose item was not written after its key was recorded: the retry writes it under the recorded id; 5 concurrent repeats store one', async () => {
    const { ports } = tempEmbedded();
    const draft = await createDraft(ports, drafter, { title: 'Dự thảo', agency: 'Bộ Tư pháp' });
    await addVersion(ports, drafter, draft.id, { fileName: 'v1.txt', bytes: new TextEncoder().encode(draftVersion1()) });
    const body = { eId: 'art_2', text: 'Đề nghị làm rõ' };
    await expect(addComment(failOnce(ports, 'drafts', 'addComment'), appraiser, draft.id, body)).rejects.toThrow('simulated failure');
    const retry = await addComment(ports, appraiser, draft.id, body);
    expect(retry.replayed).toBe(false);
    const many = await Promise.all(Array.from({ length: 5 }, () => addComment(ports, appraiser, draft.id, body)));
    expect(new Set(many.map((m) => m.value.id))).toEqual(new Set([retry.value.id]));
    expect(many.every((m) => m.replayed)).toBe(true);
    expect(await ports.drafts?.listComments(draft.id)).toHaveLength(1);
  });
});
