/**
 * Drafting (soạn thảo): a draft is a work in the `draft` stage with numbered versions, comments (góp ý) per unit,
 * public consultation windows, appraisal (thẩm định) records, and after promulgation the checking (kiểm tra văn
 * bản) findings against the official work. Plain data; the rules live beside it in this folder.
 */
import type { Diagnostic } from '../model';

/** Who acts: an identity's subject and roles (drafter, commenter, appraiser, reviewer, editor). */
export interface Actor {
  subject: string;
  roles: string[];
}

/** Inclusive calendar dates in Vietnam (UTC+7): the public may comment from `opens` to `closes`. */
export interface ConsultationWindow {
  opens: string;
  closes: string;
}

export interface Promotion {
  workId: string;
  number: string;
  issued: string;
  effective: string;
  signer: { name: string; capacity: string };
  /** The version whose text became the official work. */
  version: number;
  by: string;
  at: string;
}

export interface Draft {
  id: string;
  title: string;
  /** Cơ quan chủ trì soạn thảo. */
  agency: string;
  /** The drafting team (ban soạn thảo): subjects allowed to upload versions, resolve comments, promote. */
  drafters: string[];
  stage: 'draft' | 'promulgated';
  window: ConsultationWindow | null;
  /** Versions recorded so far (the next one is versions + 1). */
  versions: number;
  promotedTo: Promotion | null;
  /**
   * A promotion under way (issue 22): recorded before the first write of the official work, cleared when the draft
   * is marked promulgated. A retry of the same request completes the remaining steps; any other promotion is a 409.
   * Absent on drafts stored before it existed.
   */
  promoting?: Promotion | null;
  /**
   * Idempotent version uploads (issue 22): request key → the version number it claimed, written under the same
   * optimistic lock as the claim, so a retry finds its number (and writes the version if the first attempt did not).
   */
  versionRequests?: Record<string, { n: number; fingerprint: string }>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-lock counter: every successful write of the draft record increments it. */
  revision: number;
}

/** An uploaded version: parsed by the document parser, linted; strict lint errors make it `rejected`. */
export interface DraftVersion {
  draftId: string;
  n: number;
  status: 'accepted' | 'rejected';
  fileName: string;
  format: string;
  sha256: string;
  blobKey: string;
  bytes: number;
  /** The unit set (UnitRepository) holding its parsed units: the sha256 of the file. */
  unitSet: string;
  unitCount: number;
  /** The title the parser read, if any. */
  title: string | null;
  note: string | null;
  strict: boolean;
  /** Every lint finding (strict mode), and the parser's diagnostics: shown, never hidden. */
  findings: Diagnostic[];
  uploadedBy: string;
  uploadedAt: string;
}

export type CommentStatus = 'open' | 'accepted' | 'rejected';

export interface DraftComment {
  /** `<draftId>.c<hex>`: the draft is read from the id. */
  id: string;
  draftId: string;
  /** The version and unit the comment was made on; it stays attached to them whatever later versions do. */
  version: number;
  eId: string;
  /** A reply names the comment it answers (threads); replies follow their root's unit and carry no status. */
  parentId: string | null;
  author: string;
  /** Made by the public during a consultation window (not by the drafting, appraisal or review teams). */
  publicConsultation: boolean;
  text: string;
  status: CommentStatus | null;
  /** The drafting team's explanation (giải trình) of accepting or rejecting. */
  explanation: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
  /** Optimistic-lock counter of the comment item. */
  revision: number;
}

export type AppraisalOutcome = 'approved' | 'approved_with_changes' | 'not_approved';

/** The appraisal body's opinion (thẩm định) on a version, against units. */
export interface Appraisal {
  id: string;
  draftId: string;
  version: number;
  /** Units the opinion is about; empty: the draft as a whole. */
  eIds: string[];
  body: string;
  opinion: string;
  outcome: AppraisalOutcome;
  by: string;
  at: string;
}

export type CheckingHandling = 'amend' | 'annul' | 'suspend' | 'repeal' | 'no_action';

/** A checking body's finding (kiểm tra văn bản) on a promulgated work's unit, and the handling decided. */
export interface CheckingFinding {
  id: string;
  workId: string;
  eId: string;
  body: string;
  finding: string;
  unlawful: boolean;
  handling: CheckingHandling;
  by: string;
  at: string;
}

/**
 * The first answer to an idempotent request (issue 22: `Idempotency-Key`, or a hash of the actor and the content):
 * put once per (draft, key); every later request with the key is answered from `ref`. `fingerprint` is the hash of
 * the request's content, so a key reused for another request is told apart (409).
 */
export interface DraftRequest {
  draftId: string;
  key: string;
  fingerprint: string;
  /** What the first request created (a comment id). */
  ref: string;
  at: string;
}
