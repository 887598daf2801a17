/** Drafts, versions, comments (góp ý), appraisals and checking findings (domain/drafting, docs/adr/0014). */
import * as z from 'zod/mini';
import { Appraisal, Diagnostic, Document, isoDate, Unit } from './common';

const draftId = z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[a-z0-9-]+$/));
const docRef = z.string().check(z.minLength(1), z.maxLength(200));
const eId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_]+$/));
const versionNo = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100_000));
const line = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const DraftParams = z.object({ id: draftId });
export const CommentParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(80), z.regex(/^[a-z0-9.-]+$/)) });
export const FindingsParams = z.object({ id: docRef });

export const ConsultationWindow = z.object({ opens: isoDate, closes: isoDate });

export const CreateDraftRequest = z.object({
  title: line(500),
  /** Cơ quan chủ trì soạn thảo. */
  agency: line(300),
  /** Other members of the drafting team (identity subjects); the creator is always one. */
  drafters: z.optional(z.array(line(200)).check(z.maxLength(50))),
  window: z.optional(ConsultationWindow),
});

export const SetWindowRequest = z.object({ window: z.nullable(ConsultationWindow) });

export const AddVersionRequest = z.object({
  fileName: line(255),
  /** UTF-8 text, or base64 of the bytes (DOCX) when `encoding` is `base64`. */
  content: z.string().check(z.minLength(1)),
  encoding: z._default(z.enum(['utf8', 'base64']), 'utf8'),
  /** What changed in this version. */
  note: z.optional(z.string().check(z.maxLength(2000))),
  /** Default true: format-lint errors store the version as `rejected` with its findings. */
  strict: z.optional(z.boolean()),
});

export const DraftVersionQuery = z.object({ version: z.optional(versionNo) });
export const DraftDiffQuery = z.object({ from: z.optional(versionNo), to: z.optional(versionNo) });

export const AddCommentRequest = z.object({
  /** Default: the newest accepted version (a reply: its parent's). */
  version: z.optional(z.int().check(z.minimum(1))),
  /** The unit commented on; not needed for a reply. */
  eId: z.optional(eId),
  text: line(10_000),
  /** Answer to this comment (a thread). */
  parentId: z.optional(z.string().check(z.maxLength(80))),
});

export const ResolveCommentRequest = z.object({
  status: z.enum(['accepted', 'rejected']),
  /** Giải trình: why the drafting team accepts or rejects. */
  explanation: line(10_000),
});

export const CommentsQuery = z.object({ format: z._default(z.enum(['json', 'csv']), 'json') });

export const AddAppraisalRequest = z.object({
  version: z.optional(z.int().check(z.minimum(1))),
  /** Units the opinion is about; empty for the draft as a whole. */
  eIds: z._default(z.array(eId).check(z.maxLength(500)), []),
  /** The appraising body (cơ quan thẩm định). */
  body: line(300),
  opinion: line(50_000),
  outcome: z.enum(['approved', 'approved_with_changes', 'not_approved']),
});

export const PromoteRequest = z.object({
  number: line(100),
  issued: isoDate,
  effective: isoDate,
  signer: z.object({ name: line(200), capacity: line(200) }),
  version: z.optional(z.int().check(z.minimum(1))),
});

export const AddFindingRequest = z.object({
  eId,
  /** The checking body (cơ quan kiểm tra văn bản). */
  body: line(300),
  finding: line(50_000),
  /** The provision was found unlawful (trái pháp luật). */
  unlawful: z.boolean(),
  handling: z.enum(['amend', 'annul', 'suspend', 'repeal', 'no_action']),
});

const Promotion = z.object({
  workId: z.string(),
  number: z.string(),
  issued: z.string(),
  effective: z.string(),
  signer: z.object({ name: z.string(), capacity: z.string() }),
  version: z.int(),
  by: z.string(),
  at: z.string(),
});

export const Draft = z.object({
  id: z.string(),
  title: z.string(),
  agency: z.string(),
  drafters: z.array(z.string()),
  stage: z.enum(['draft', 'promulgated']),
  window: z.nullable(ConsultationWindow),
  versions: z.int(),
  promotedTo: z.nullable(Promotion),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.int(),
});

export const DraftVersion = z.object({
  n: z.int(),
  status: z.enum(['accepted', 'rejected']),
  fileName: z.string(),
  format: z.string(),
  sha256: z.string(),
  blobKey: z.string(),
  bytes: z.int(),
  unitSet: z.string(),
  unitCount: z.int(),
  title: z.nullable(z.string()),
  note: z.nullable(z.string()),
  strict: z.boolean(),
  findings: z.array(Diagnostic),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const Comment = z.object({
  id: z.string(),
  draftId: z.string(),
  version: z.int(),
  eId: z.string(),
  parentId: z.nullable(z.string()),
  author: z.string(),
  publicConsultation: z.boolean(),
  text: z.string(),
  status: z.nullable(z.enum(['open', 'accepted', 'rejected'])),
  explanation: z.nullable(z.string()),
  resolvedBy: z.nullable(z.string()),
  resolvedAt: z.nullable(z.string()),
  createdAt: z.string(),
  revision: z.int(),
});

export const CheckingFinding = z.object({
  id: z.string(),
  workId: z.string(),
  eId: z.string(),
  body: z.string(),
  finding: z.string(),
  unlawful: z.boolean(),
  handling: z.enum(['amend', 'annul', 'suspend', 'repeal', 'no_action']),
  by: z.string(),
  at: z.string(),
});

export const DraftResponse = z.object({
  draft: Draft,
  versions: z.array(DraftVersion),
  /** The version shown (default: the newest accepted one) with its units. */
  current: z.nullable(z.object({ n: z.int(), status: z.enum(['accepted', 'rejected']), units: z.array(Unit) })),
  appraisals: z.array(Appraisal),
  checkingFindings: z.array(CheckingFinding),
});

export const VersionResponse = z.object({ draftId: z.string(), version: DraftVersion });

const DiffOp = z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() });
const Side = z.object({ eId: z.string(), kind: z.string(), num: z.string(), citation: z.string() });
const Counts = { matched: z.int(), changed: z.int(), renumbered: z.int(), added: z.int(), removed: z.int() };

export const DraftDiffResponse = z.object({
  draftId: z.string(),
  from: z.int(),
  to: z.int(),
  summary: z.object({ ...Counts, unchanged: z.int(), articles: z.object(Counts) }),
  changes: z.array(
    z.object({
      status: z.enum(['unchanged', 'changed', 'added', 'removed']),
      renumbered: z.boolean(),
      from: z.nullable(Side),
      to: z.nullable(Side),
      similarity: z.nullable(z.number()),
      heading: z.nullable(z.array(DiffOp)),
      text: z.nullable(z.array(DiffOp)),
    }),
  ),
});

const SynthesisComment = z.object({
  id: z.string(),
  author: z.string(),
  publicConsultation: z.boolean(),
  text: z.string(),
  status: z.nullable(z.enum(['open', 'accepted', 'rejected'])),
  explanation: z.nullable(z.string()),
  resolvedBy: z.nullable(z.string()),
  resolvedAt: z.nullable(z.string()),
  createdAt: z.string(),
  madeOn: z.object({ version: z.int(), eId: z.string() }),
  get replies() {
    return z.array(SynthesisComment);
  },
});
z.globalRegistry.add(SynthesisComment, { id: 'SynthesisComment' });

/** Bảng tổng hợp ý kiến. */
export const SynthesisResponse = z.object({
  draftId: z.string(),
  title: z.string(),
  version: z.int(),
  units: z.array(z.object({ eId: z.string(), citation: z.string(), comments: z.array(SynthesisComment) })),
  orphaned: z.array(z.extend(SynthesisComment, { orphanedIn: z.nullable(z.int()), citation: z.string() })),
  totals: z.object({
    comments: z.int(),
    replies: z.int(),
    open: z.int(),
    accepted: z.int(),
    rejected: z.int(),
    orphaned: z.int(),
    carried: z.int(),
  }),
});

export const PromoteResponse = z.object({ draft: Draft, document: Document, diagnostics: z.array(Diagnostic) });

export const FindingsResponse = z.object({ documentId: z.string(), documentNumber: z.nullable(z.string()), findings: z.array(CheckingFinding) });
