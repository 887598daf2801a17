/**
 * The history of the database (ARCHITECTURE.md §3, issue 5): every change to a document, its text, its relations and
 * its stored status is an append-only event saying who, what, when and why. Events are derived by the stream consumer
 * (domain/services/history.ts) and by reviewer edits; they are never updated or deleted.
 */
import type { DocumentType } from '../document-types';
import type { Relation } from '../relations/types';

export type HistoryKind = 'document.created' | 'document.updated' | 'relations.changed' | 'relation.reviewed' | 'status.changed';

/** The facts of a document that its history keeps at each version. */
export interface DocumentSnapshot {
  version: number;
  number: string | null;
  type: DocumentType;
  title: string | null;
  issued: string | null;
  effective: string | null;
  /** sha256 of each source file. */
  sources: string[];
  unitSet: string | null;
  unitCount: number;
  /** Present while the document is withdrawn (who, when, why); absent otherwise. */
  withdrawn?: { actor: string; at: string; reason: string };
}

/** A reviewer's edit of the relations a document holds: add one, correct one, remove one (who, when, why). */
export interface RelationReview {
  id: string;
  action: 'add' | 'correct' | 'remove';
  /** The relation corrected or removed (relationId). */
  relationId?: string;
  /** The relation added, or the corrected relation that takes the old one's place. */
  relation?: Relation;
  actor: string;
  at: string;
  reason: string;
}

export interface HistoryEvent {
  /** Deterministic, so that a replayed change appends nothing new. */
  id: string;
  /** The document whose history holds the event. */
  workId: string;
  kind: HistoryKind;
  /** When the database recorded it (ISO timestamp). */
  recordedAt: string;
  /** Who: an identity's subject, `system` for derived changes, `cli` for the local command line. */
  actor: string;
  /** Why, when someone said. */
  reason: string | null;
  /** One line for people and feeds. */
  summary: string;
  /** document.*: the document after the change, and the fields that changed. */
  document?: DocumentSnapshot;
  changed?: string[];
  /**
   * relations.changed: the relations held by `holder` (its extracted and reviewer relations) that concern this
   * document, as they stand after the change, and the ids that came and went.
   */
  relations?: { holder: string; after: Relation[]; added: string[]; removed: string[] };
  /** relation.reviewed: the edit. */
  review?: RelationReview;
  /** status.changed: the stored status before and after (today's status, Vietnam's date `on`). */
  status?: { from: string | null; to: string; on: string; reasons: string[] };
}

/** A page of the change feed: events in the order recorded, and the cursor to resume after them. */
export interface FeedPage {
  items: HistoryEvent[];
  /** Always present: pass it back as `since` to get what was recorded after this page. */
  cursor: string;
}
