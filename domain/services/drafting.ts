/**
 * The drafting lifecycle (docs/adr/0014): create a draft, upload versions (parsed and linted; strict lint errors
 * store the version as `rejected` with its findings), diff versions unit by unit, comment per unit (threads,
 * carry-over, consultation windows), resolve comments, record appraisals, promote the final version to the official
 * work, and record checking findings against promulgated works.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isCalendarDate } from '../dates';
import { matchUnits, type MatchResult } from '../drafting/match';
import {
  assertDrafterOf,
  assertMayComment,
  assertNotPromoting,
  assertStillDraft,
  type CarriedComment,
  carryComments,
  resolveTransition,
  validateWindow,
} from '../drafting/rules';
import { synthesis, type Synthesis } from '../drafting/synthesis';
import type {
  Actor,
  Appraisal,
  AppraisalOutcome,
  CheckingFinding,
  CheckingHandling,
  CommentStatus,
  ConsultationWindow,
  Draft,
  DraftComment,
  DraftVersion,
  Promotion,
} from '../drafting/types';
import { ConflictError, DomainError, notFound } from '../errors';
import { lint } from '../lint';
import type { Diagnostic, Work } from '../model';
import { readDocument } from '../parse/formats';
import { parseDocument } from '../parse/parse';
import type { DraftRepository, Ports } from '../ports';
import { workIdFor } from '../refs';
import { buildTree, flattenUnits, type StoredUnit, type UnitWithChildren } from '../units';
import { resolveWork } from './documents';
import { baseName, ingestDocument, originalBlobKey, sha256Hex } from './ingest';

const MAX_ATTEMPTS = 8;
const DRAFT_ID_RE = /^dt-[0-9a-f]{12}$/;
const COMMENT_ID_RE = /^(dt-[0-9a-f]{12})\.c[0-9a-f]{16}$/;

export function draftsOf(ports: Pick<Ports, 'drafts'>): DraftRepository {
  if (!ports.drafts) throw new DomainError('dependency_unavailable', 'This runtime has no draft store');
  return ports.drafts;
}

const newDraftId = () => `dt-${randomBytes(6).toString('hex')}`;
const newCommentId = (draftId: string) => `${draftId}.c${randomBytes(8).toString('hex')}`;
const newRecordId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;

/** sha256 of the parts, each length-prefixed so that no two lists of parts hash alike. */
const hashOf = (...parts: unknown[]) => {
  const h = createHash('sha256');
  for (const p of parts) {
    const s = JSON.stringify(p ?? null);
    h.update(`${s.length}:${s}`);
  }
  return h.digest('hex');
};

/**
 * The key of an idempotent request (issue 22): the client's `Idempotency-Key` when it sent one, else the request's
 * content; both scoped to the actor (two people never share a key) and hashed to a fixed length.
 */
const requestKey = (kind: 'cmt' | 'ver', actor: Actor, fingerprint: string, idempotencyKey: string | undefined) =>
  `${kind}:${idempotencyKey !== undefined ? hashOf(actor.subject, 'key', idempotencyKey) : hashOf(actor.subject, 'content', fingerprint)}`;

const keyReused = (what: string) => new ConflictError(`This Idempotency-Key was used for another ${what} request; send a new key for a new request`);

/** The answer to a write that may repeat an earlier request: what it stored, and whether that was stored before. */
export interface Idempotent<T> {
  value: T;
  /** True when this request repeated an earlier one and nothing new was stored. */
  replayed: boolean;
}

export async function loadDraft(ports: Pick<Ports, 'drafts'>, id: string): Promise<Draft> {
  if (!DRAFT_ID_RE.test(id)) throw notFound(`Draft ${id}`, { id });
  const draft = await draftsOf(ports).getDraft(id);
  if (!draft) throw notFound(`Draft ${id}`, { id });
  return draft;
}

/** Re-reads and retries a write of the draft record that lost an optimistic-lock race. */
async function updateDraft(ports: Pick<Ports, 'drafts'>, id: string, change: (d: Draft) => Draft | Promise<Draft>): Promise<Draft> {
  for (let attempt = 1; ; attempt++) {
    const current = await loadDraft(ports, id);
    try {
      return await draftsOf(ports).saveDraft(await change(current), current.revision);
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

export interface CreateDraftInput {
  title: string;
  agency: string;
  drafters?: string[];
  window?: ConsultationWindow;
}

export async function createDraft(ports: Pick<Ports, 'drafts' | 'clock'>, actor: Actor, input: CreateDraftInput): Promise<Draft> {
  const now = ports.clock.now().toISOString();
  const draft: Draft = {
    id: newDraftId(),
    title: input.title.trim(),
    agency: input.agency.trim(),
    drafters: [...new Set([actor.subject, ...(input.drafters ?? []).map((d) => d.trim()).filter(Boolean)])],
    stage: 'draft',
    window: input.window ? validateWindow(input.window) : null,
    versions: 0,
    promotedTo: null,
    createdBy: actor.subject,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
  if (!draft.title) throw new DomainError('validation', 'title: a draft needs a title');
  return draftsOf(ports).createDraft(draft);
}

export async function setConsultationWindow(
  ports: Pick<Ports, 'drafts' | 'clock'>,
  actor: Actor,
  id: string,
  window: ConsultationWindow | null,
): Promise<Draft> {
  const w = window ? validateWindow(window) : null;
  return updateDraft(ports, id, (d) => {
    assertDrafterOf(d, actor, 'set the consultation window');
    assertStillDraft(d, 'consultation');
    return { ...d, window: w, updatedAt: ports.clock.now().toISOString() };
  });
}

export interface AddVersionInput {
  fileName: string;
  bytes: Uint8Array;
  note?: string;
  /** Default true: format-lint errors make the version `rejected` (stored with its findings). */
  strict?: boolean;
  /** The client's `Idempotency-Key`; without one, the same bytes, note and mode from the same drafter are the same request. */
  idempotencyKey?: string;
}

export async function addVersion(
  ports: Pick<Ports, 'drafts' | 'clock' | 'units' | 'blobs'>,
  actor: Actor,
  id: string,
  input: AddVersionInput,
): Promise<Idempotent<DraftVersion>> {
  const draft = await loadDraft(ports, id);
  assertDrafterOf(draft, actor, 'upload a version');
  assertStillDraft(draft, 'uploading versions');
  const read = await readDocument(input.fileName, input.bytes);
  const parsed = parseDocument(read.text, read.format);
  if (parsed.units.length === 0)
    throw new DomainError('unreadable_document', `${input.fileName}: no article or other unit was found; a draft version is a legal text`, {
      fileName: input.fileName,
    });
  const strict = input.strict ?? true;
  const lintFindings = lint(parsed, { strict });
  const findings: Diagnostic[] = [...read.diagnostics, ...parsed.diagnostics.filter((d) => d.severity !== 'info'), ...lintFindings];
  const rejected = strict && lintFindings.some((d) => d.severity === 'error');
  const sha256 = sha256Hex(input.bytes);
  const units = flattenUnits(parsed.units);
  const blobKey = originalBlobKey(sha256);
  const note = input.note?.trim() || null;
  const fingerprint = hashOf(sha256, baseName(input.fileName), note, strict);
  const key = requestKey('ver', actor, fingerprint, input.idempotencyKey);
  const earlier = draft.versionRequests?.[key];
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) throw keyReused('version');
    const stored = await draftsOf(ports).getVersion(id, earlier.n);
    if (stored) return { value: stored, replayed: true };
  }
  await ports.blobs.put(blobKey, input.bytes, 'application/octet-stream');
  await ports.units.replaceUnits(sha256, units);
  // Claim the number on the draft record (optimistic lock) with the request's key, then write the version under it.
  // A retry finds its key there: the same number, and the version written now if the first attempt stopped short.
  let n = 0;
  await updateDraft(ports, id, (d) => {
    const claim = d.versionRequests?.[key];
    if (claim) {
      if (claim.fingerprint !== fingerprint) throw keyReused('version');
      n = claim.n;
      return d;
    }
    assertStillDraft(d, 'uploading versions');
    assertNotPromoting(d, 'uploading versions');
    n = d.versions + 1;
    return { ...d, versions: n, versionRequests: { ...d.versionRequests, [key]: { n, fingerprint } }, updatedAt: ports.clock.now().toISOString() };
  });
  const version: DraftVersion = {
    draftId: id,
    n,
    status: rejected ? 'rejected' : 'accepted',
    fileName: baseName(input.fileName),
    format: read.format,
    sha256,
    blobKey,
    bytes: input.bytes.byteLength,
    unitSet: sha256,
    unitCount: units.length,
    title: parsed.metadata.title,
    note,
    strict,
    findings,
    uploadedBy: actor.subject,
    uploadedAt: ports.clock.now().toISOString(),
  };
  try {
    await draftsOf(ports).putVersion(version);
  } catch (e) {
    // A concurrent copy of this request wrote it first.
    const stored = e instanceof ConflictError ? await draftsOf(ports).getVersion(id, n) : null;
    if (!stored) throw e;
    return { value: stored, replayed: true };
  }
  return { value: version, replayed: false };
}

const acceptedOf = (versions: DraftVersion[]) => versions.filter((v) => v.status === 'accepted').sort((a, b) => a.n - b.n);

async function versionOf(ports: Pick<Ports, 'drafts'>, draft: Draft, n: number | undefined, accepted = true): Promise<DraftVersion> {
  const versions = await draftsOf(ports).listVersions(draft.id);
  const pool = accepted ? acceptedOf(versions) : versions;
  const v = n === undefined ? pool[pool.length - 1] : versions.find((x) => x.n === n);
  if (!v)
    throw n === undefined
      ? new DomainError('conflict', `Draft ${draft.id} has no accepted version yet`, { id: draft.id })
      : notFound(`Version ${n} of draft ${draft.id}`);
  if (accepted && v.status !== 'accepted')
    throw new DomainError('conflict', `Version ${v.n} of draft ${draft.id} was rejected by the format rules; comment on an accepted version`);
  return v;
}

/** Units of accepted versions, and the unit match between each consecutive pair (a cache for one request). */
async function lineage(ports: Pick<Ports, 'drafts' | 'units'>, draftId: string) {
  const versions = await draftsOf(ports).listVersions(draftId);
  const accepted = acceptedOf(versions);
  const units = new Map<number, StoredUnit[]>();
  for (const v of accepted) units.set(v.n, await ports.units.listUnits(v.unitSet));
  const maps = new Map<number, Map<string, string>>();
  for (let i = 0; i + 1 < accepted.length; i++) {
    const a = accepted[i] as DraftVersion;
    const b = accepted[i + 1] as DraftVersion;
    maps.set(a.n, matchUnits(units.get(a.n) ?? [], units.get(b.n) ?? []).map);
  }
  return { versions, accepted, units, maps };
}

const versionView = ({ draftId: _d, ...v }: DraftVersion) => v;

/** The draft with its versions, window, appraisals and (after promulgation) the official work's checking findings. */
export async function draftView(ports: Pick<Ports, 'drafts' | 'units'>, id: string, n?: number) {
  const draft = await loadDraft(ports, id);
  const repo = draftsOf(ports);
  const versions = await repo.listVersions(id);
  const accepted = acceptedOf(versions);
  const shown = n === undefined ? accepted[accepted.length - 1] : versions.find((v) => v.n === n);
  if (n !== undefined && !shown) throw notFound(`Version ${n} of draft ${id}`);
  const units: UnitWithChildren[] = shown ? buildTree(await ports.units.listUnits(shown.unitSet)) : [];
  return {
    draft,
    versions: versions.map(versionView),
    current: shown ? { n: shown.n, status: shown.status, units } : null,
    appraisals: await repo.listAppraisals(id),
    checkingFindings: draft.promotedTo ? await repo.listFindings(draft.promotedTo.workId) : [],
  };
}

export async function diffVersions(ports: Pick<Ports, 'drafts' | 'units'>, id: string, from?: number, to?: number) {
  const draft = await loadDraft(ports, id);
  const versions = await draftsOf(ports).listVersions(id);
  const accepted = acceptedOf(versions);
  const toV = to === undefined ? accepted[accepted.length - 1] : versions.find((v) => v.n === to);
  const fromN = from ?? accepted.filter((v) => toV && v.n < toV.n).pop()?.n;
  const fromV = versions.find((v) => v.n === fromN);
  if (!toV || !fromV)
    throw new DomainError(
      'validation',
      `Draft ${draft.id}: name two versions to compare (from=, to=); it has ${versions.map((v) => v.n).join(', ') || 'none'}`,
    );
  const r: MatchResult = matchUnits(await ports.units.listUnits(fromV.unitSet), await ports.units.listUnits(toV.unitSet));
  return { draftId: id, from: fromV.n, to: toV.n, summary: r.summary, changes: r.changes };
}

export interface CommentInput {
  /** Default: the newest accepted version (a reply: its parent's). */
  version?: number;
  eId?: string;
  text: string;
  parentId?: string;
  /** The client's `Idempotency-Key`; without one, the same text on the same unit (or parent) by the same person is the same request. */
  idempotencyKey?: string;
}

export async function addComment(
  ports: Pick<Ports, 'drafts' | 'units' | 'clock'>,
  actor: Actor,
  id: string,
  input: CommentInput,
): Promise<Idempotent<DraftComment>> {
  const draft = await loadDraft(ports, id);
  const now = ports.clock.now();
  const { publicConsultation } = assertMayComment(draft, actor, now);
  const repo = draftsOf(ports);
  let version: number;
  let eId: string;
  if (input.parentId) {
    const parent = await repo.getComment(id, input.parentId);
    if (!parent) throw notFound(`Comment ${input.parentId} of draft ${id}`);
    version = parent.version;
    eId = parent.eId;
  } else {
    if (!input.eId) throw new DomainError('validation', 'eId: name the unit the comment is about');
    const v = await versionOf(ports, draft, input.version);
    if (!(await ports.units.getUnit(v.unitSet, input.eId))) throw notFound(`Unit ${input.eId} in version ${v.n} of draft ${id}`);
    version = v.n;
    eId = input.eId;
  }
  const text = input.text.trim();
  if (!text) throw new DomainError('validation', 'text: a comment needs a text');
  // Recorded once per key (a conditional put in the store): the first request's comment id answers every repeat.
  const fingerprint = hashOf(input.version ?? null, input.eId ?? null, input.parentId ?? null, text);
  const first = await repo.recordRequest({
    draftId: id,
    key: requestKey('cmt', actor, fingerprint, input.idempotencyKey),
    fingerprint,
    ref: newCommentId(id),
    at: now.toISOString(),
  });
  if (first.fingerprint !== fingerprint) throw keyReused('comment');
  const earlier = await repo.getComment(id, first.ref);
  if (earlier) return { value: earlier, replayed: true };
  const comment: DraftComment = {
    id: first.ref,
    draftId: id,
    version,
    eId,
    parentId: input.parentId ?? null,
    author: actor.subject,
    publicConsultation,
    text,
    status: input.parentId ? null : 'open',
    explanation: null,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: now.toISOString(),
    revision: 1,
  };
  try {
    await repo.addComment(comment);
  } catch (e) {
    // A concurrent copy of this request wrote it first.
    const stored = e instanceof ConflictError ? await repo.getComment(id, comment.id) : null;
    if (!stored) throw e;
    return { value: stored, replayed: true };
  }
  return { value: comment, replayed: false };
}

export async function resolveComment(
  ports: Pick<Ports, 'drafts' | 'clock'>,
  actor: Actor,
  commentId: string,
  input: { status: CommentStatus; explanation: string },
): Promise<DraftComment> {
  const m = COMMENT_ID_RE.exec(commentId);
  if (!m) throw notFound(`Comment ${commentId}`);
  const draft = await loadDraft(ports, m[1] as string);
  assertDrafterOf(draft, actor, 'accept or reject comments');
  const repo = draftsOf(ports);
  const comment = await repo.getComment(draft.id, commentId);
  if (!comment) throw notFound(`Comment ${commentId}`);
  const next = resolveTransition(comment, input.status, input.explanation, actor, ports.clock.now().toISOString());
  return repo.saveComment({ ...next, revision: comment.revision }, comment.revision);
}

/** Every comment with where it stands in the newest accepted version (carried, or orphaned on its own version). */
export async function carriedComments(
  ports: Pick<Ports, 'drafts' | 'units'>,
  id: string,
): Promise<{ draft: Draft; comments: CarriedComment[]; latest: number; units: Map<number, StoredUnit[]> }> {
  const draft = await loadDraft(ports, id);
  const { versions, accepted, units, maps } = await lineage(ports, id);
  const comments = carryComments(await draftsOf(ports).listComments(id), versions, maps);
  return { draft, comments, latest: accepted[accepted.length - 1]?.n ?? 0, units };
}

/** The bảng tổng hợp ý kiến of the newest accepted version. */
export async function commentSynthesis(ports: Pick<Ports, 'drafts' | 'units'>, id: string): Promise<Synthesis> {
  const { draft, comments, latest, units } = await carriedComments(ports, id);
  const citation = (n: number, eId: string) => units.get(n)?.find((u) => u.eId === eId)?.citation ?? eId;
  return synthesis(draft, latest, units.get(latest) ?? [], comments, citation);
}

export interface AppraisalInput {
  version?: number;
  eIds: string[];
  body: string;
  opinion: string;
  outcome: AppraisalOutcome;
}

export async function addAppraisal(ports: Pick<Ports, 'drafts' | 'units' | 'clock'>, actor: Actor, id: string, input: AppraisalInput): Promise<Appraisal> {
  const draft = await loadDraft(ports, id);
  assertStillDraft(draft, 'appraisal');
  const v = await versionOf(ports, draft, input.version);
  for (const eId of input.eIds) if (!(await ports.units.getUnit(v.unitSet, eId))) throw notFound(`Unit ${eId} in version ${v.n} of draft ${id}`);
  if (!input.opinion.trim()) throw new DomainError('validation', 'opinion: the appraisal body states its opinion');
  const appraisal: Appraisal = {
    id: newRecordId('tdinh'),
    draftId: id,
    version: v.n,
    eIds: [...new Set(input.eIds)],
    body: input.body.trim(),
    opinion: input.opinion.trim(),
    outcome: input.outcome,
    by: actor.subject,
    at: ports.clock.now().toISOString(),
  };
  await draftsOf(ports).addAppraisal(appraisal);
  return appraisal;
}

export interface FindingInput {
  eId: string;
  body: string;
  finding: string;
  unlawful: boolean;
  handling: CheckingHandling;
}

/** A checking body's finding against a unit of a promulgated work (any work in the database, drafted here or not). */
export async function addCheckingFinding(
  ports: Pick<Ports, 'drafts' | 'units' | 'works' | 'clock'>,
  actor: Actor,
  workRef: string,
  input: FindingInput,
): Promise<CheckingFinding> {
  const work = await resolveWork(ports.works, workRef);
  if (!work.unitSet || !(await ports.units.getUnit(work.unitSet, input.eId))) throw notFound(`Unit ${input.eId} of ${work.id}`);
  if (!input.finding.trim()) throw new DomainError('validation', 'finding: say what was found');
  const finding: CheckingFinding = {
    id: newRecordId('kt'),
    workId: work.id,
    eId: input.eId,
    body: input.body.trim(),
    finding: input.finding.trim(),
    unlawful: input.unlawful,
    handling: input.handling,
    by: actor.subject,
    at: ports.clock.now().toISOString(),
  };
  await draftsOf(ports).addFinding(finding);
  return finding;
}

export async function checkingFindings(ports: Pick<Ports, 'drafts' | 'works'>, workRef: string) {
  const work = await resolveWork(ports.works, workRef);
  return { documentId: work.id, documentNumber: work.number, findings: await draftsOf(ports).listFindings(work.id) };
}

export interface PromoteInput {
  number: string;
  issued: string;
  effective: string;
  signer: { name: string; capacity: string };
  /** Default: the newest accepted version. */
  version?: number;
}

const pad = (n: number, always: boolean) => (always && n < 10 ? `0${n}` : String(n));

/** `2026-02-05` → `ngày 05 tháng 02 năm 2026` (days under 10 and months 1–2 take a leading zero, as Nghị định 30/2020 asks). */
export function vietnameseIssueDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `ngày ${pad(d, true)} tháng ${pad(m, m <= 2)} năm ${y}`;
}

/** The promulgated text: the draft's with its number and date of issue filled in the header (`Số:`, `<place>, ngày …`). */
export function promulgatedText(text: string, number: string, issued: string): string {
  const lines = text.split('\n');
  const head = Math.min(lines.length, 60);
  let sawNumber = false;
  let sawDate = false;
  for (let i = 0; i < head; i++) {
    const line = lines[i] as string;
    if (!sawNumber && /^\s*Số\s*:/.test(line)) {
      lines[i] = `Số: ${number}`;
      sawNumber = true;
    } else if (!sawDate && /^\s*[^,\d]{2,60},\s*ngày\b.*\bnăm\b/.test(line)) {
      lines[i] = `${line.slice(0, line.indexOf(',')).trim()}, ${vietnameseIssueDate(issued)}`;
      sawDate = true;
    }
  }
  if (!sawNumber) lines.unshift(`Số: ${number}`);
  return lines.join('\n');
}

/** The appraisal on record (issue 22): the newest appraisal of the promoted version or an earlier one, not `not_approved`. */
async function assertAppraised(ports: Pick<Ports, 'drafts'>, draft: Draft, n: number): Promise<void> {
  const appraisals = (await draftsOf(ports).listAppraisals(draft.id)).filter((a) => a.version <= n);
  const last = appraisals[appraisals.length - 1];
  if (!last)
    throw new DomainError(
      'appraisal_required',
      `Draft ${draft.id} has no appraisal (thẩm định) on record for version ${n} or an earlier one: the appraisal body records its opinion first`,
      { id: draft.id },
    );
  if (last.outcome === 'not_approved')
    throw new DomainError(
      'appraisal_required',
      `The latest appraisal of draft ${draft.id} (${last.id}, version ${last.version}, ${last.at}) is not_approved: a new appraisal must approve it first`,
      { id: draft.id },
    );
}

/** The promulgated text of a version (number and date of issue written in) and the id the work will have. */
async function promulgatedVersion(ports: Pick<Ports, 'blobs'>, draftId: string, v: DraftVersion, number: string, issued: string) {
  const original = await ports.blobs.get(v.blobKey);
  if (!original) throw new DomainError('dependency_unavailable', `The file of version ${v.n} of ${draftId} is missing from the blob store`);
  const read = await readDocument(v.fileName, original);
  const text = promulgatedText(read.text, number, issued);
  const meta = parseDocument(text, 'text').metadata;
  if (meta.number !== number) throw new DomainError('validation', `number: ${number} is not read back as a document number (read: ${meta.number ?? 'none'})`);
  return { bytes: new TextEncoder().encode(text), workId: workIdFor({ number: meta.number, issued: meta.issued ?? issued, place: meta.place }) };
}

const samePromotion = (p: Promotion, number: string, input: PromoteInput) =>
  p.number === number &&
  p.issued === input.issued &&
  p.effective === input.effective &&
  p.signer.name === input.signer.name &&
  p.signer.capacity === input.signer.capacity &&
  (input.version === undefined || input.version === p.version);

export interface PromoteResult {
  draft: Draft;
  work: Work;
  diagnostics: Diagnostic[];
  /** The draft was promulgated by this same request before: nothing was written. */
  replayed: boolean;
}

/**
 * Promulgation, by a reviewer, of a draft with an appraisal on record (issue 22): the final version's text becomes
 * the official work (its number and date of issue written in, ingested as the reviewer), the signer and effective
 * date recorded on it, and the draft marked promulgated with a link to the work. Relations to what it amends follow
 * from the usual reading of the stored document.
 *
 * Resumable and idempotent: the promotion is first recorded on the draft (`promoting`), then each step is done only
 * if it is not done yet (the work ingested, its signer and dates, the draft closed). A retry of the same request
 * after a failure completes what is left; after success it answers the same without writing (`replayed`).
 */
export async function promoteDraft(ports: Ports, actor: Actor, id: string, input: PromoteInput): Promise<PromoteResult> {
  for (const [k, v] of [
    ['issued', input.issued],
    ['effective', input.effective],
  ] as const)
    if (!isCalendarDate(v)) throw new DomainError('validation', `${k}: ${v} is not a calendar date`);
  if (input.effective < input.issued) throw new DomainError('validation', `effective (${input.effective}) is before issued (${input.issued})`);
  if (!actor.roles.includes('reviewer'))
    throw new DomainError('forbidden', `Only a reviewer promulgates a draft (the drafting team does not promote its own text); you are ${actor.subject}`);
  const number = input.number.trim();
  let draft = await loadDraft(ports, id);
  if (draft.stage === 'promulgated' && draft.promotedTo && samePromotion(draft.promotedTo, number, input)) {
    const work = await ports.works.get(draft.promotedTo.workId);
    if (work) return { draft, work, diagnostics: [], replayed: true };
  }
  assertStillDraft(draft, 'promotion');
  const underWay = (p: Promotion) =>
    new DomainError('conflict', `Draft ${id} is being promulgated as ${p.number} (by ${p.by} at ${p.at}); repeat that request to complete it`, { id });
  if (draft.promoting && !samePromotion(draft.promoting, number, input)) throw underWay(draft.promoting);
  if (!draft.promoting) {
    const v = await versionOf(ports, draft, input.version);
    await assertAppraised(ports, draft, v.n);
    const { workId } = await promulgatedVersion(ports, id, v, number, input.issued);
    const existing = await ports.works.get(workId);
    if (existing) throw new DomainError('conflict', `${number} is already the number of ${existing.id} in the database`, { id: existing.id });
    const at = ports.clock.now().toISOString();
    const intent: Promotion = { workId, number, issued: input.issued, effective: input.effective, signer: input.signer, version: v.n, by: actor.subject, at };
    // The first write: the intent, under the draft's lock. From here on a retry resumes instead of starting over.
    draft = await updateDraft(ports, id, (d) => {
      assertStillDraft(d, 'promotion');
      if (d.promoting && !samePromotion(d.promoting, number, input)) throw underWay(d.promoting);
      return d.promoting ? d : { ...d, promoting: intent, updatedAt: at };
    });
  }
  const p = draft.promoting as Promotion;
  const v = await draftsOf(ports).getVersion(id, p.version);
  if (!v) throw notFound(`Version ${p.version} of draft ${id}`);
  const { bytes, workId } = await promulgatedVersion(ports, id, v, p.number, p.issued);
  // The work under that id must be this text's (a document ingested meanwhile under the same number is not ours).
  const existing = await ports.works.get(workId);
  if (existing && (await ports.works.findIdBySourceHash(sha256Hex(bytes))) !== existing.id)
    throw new DomainError('conflict', `${p.number} is already the number of ${existing.id} in the database`, { id: existing.id });
  const ingested = await ingestDocument(ports, { fileName: `${workId}.txt`, bytes, actor: actor.subject });
  let work = ingested.work;
  for (let attempt = 1; ; attempt++) {
    if (
      work.issued === p.issued &&
      work.effective === p.effective &&
      work.signer?.name === p.signer.name &&
      work.signer?.capacity === p.signer.capacity &&
      work.promotedFrom?.draftId === id &&
      work.promotedFrom.version === p.version
    )
      break;
    try {
      work = await ports.works.save(
        {
          ...work,
          issued: p.issued,
          effective: p.effective,
          signer: p.signer,
          promotedFrom: { draftId: id, version: p.version },
          title: work.title ?? draft.title,
          updatedAt: ports.clock.now().toISOString(),
          lastChange: { actor: actor.subject, action: 'review', reason: `Ban hành từ dự thảo ${draft.id} (phiên bản ${p.version}); người ký ${p.signer.name}` },
        },
        work.version,
      );
      break;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
      work = (await ports.works.get(work.id)) ?? work;
    }
  }
  const promoted = await updateDraft(ports, id, (d) => {
    if (d.stage === 'promulgated' && d.promotedTo && samePromotion(d.promotedTo, p.number, input)) return d;
    assertStillDraft(d, 'promotion');
    return { ...d, stage: 'promulgated', promotedTo: p, promoting: null, updatedAt: ports.clock.now().toISOString() };
  });
  return { draft: promoted, work, diagnostics: ingested.diagnostics, replayed: false };
}
