/**
 * The single-table design shared by the DynamoDB adapter, the test harness that creates the table on DynamoDB
 * Local, and the CDK stateful stack. Pure constants: no SDK import, so infra/ may import this file.
 * See docs/adr/0003-dynamodb-single-table.md.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** GSI1: look a work up by its normalised number (`NUM#59/2020/QH14` → `WORK#<id>`). */
export const GSI_BY_NUMBER = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

/** GSI2: list works in a stable order (`WORKS` → `<id>`), cursor-paginated. Sharded later if it grows hot. */
export const GSI_LIST = { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' } as const;

export const GLOBAL_SECONDARY_INDEXES = [GSI_BY_NUMBER, GSI_LIST] as const;

/**
 * Import jobs of the Bộ pháp điển export (docs/adr/0010): `IMPORT#<id>` / `JOB` holds the job and its counters,
 * `IMPORT#<id>` / `FILE#<path in the import>` one recorded file. No GSI: a job is read by id.
 */
export const IMPORT_JOB_KEYS = {
  pk: (importId: string) => `IMPORT#${importId}`,
  job: 'JOB',
  file: (file: string) => `FILE#${file}`,
  filePrefix: 'FILE#',
} as const;

/**
 * Drafts (docs/adr/0014): `DRAFT#<id>` / `META` holds the draft record (optimistic lock on `revision`);
 * `VER#<n, 6 digits>` one version, `CMT#<comment id>` one comment, `APP#<at>#<id>` one appraisal, `REQ#<key>` the first
 * answer to an idempotent request (issue 22); checking findings
 * of a promulgated work under `CHECK#<workId>` / `FIND#<at>#<id>`. Each record is its own item, so concurrent
 * comments never collide. No GSI: drafts are read by id.
 */
export const DRAFT_KEYS = {
  pk: (draftId: string) => `DRAFT#${draftId}`,
  meta: 'META',
  version: (n: number) => `VER#${String(n).padStart(6, '0')}`,
  versionPrefix: 'VER#',
  comment: (commentId: string) => `CMT#${commentId}`,
  commentPrefix: 'CMT#',
  /** An idempotent request's first answer (issue 22): put once with attribute_not_exists. */
  request: (key: string) => `REQ#${key}`,
  appraisal: (at: string, id: string) => `APP#${at}#${id}`,
  appraisalPrefix: 'APP#',
  findingsPk: (workId: string) => `CHECK#${workId}`,
  finding: (at: string, id: string) => `FIND#${at}#${id}`,
  findingPrefix: 'FIND#',
} as const;

/**
 * Subscriptions (docs/adr/0022), each record one item, its body a JSON string (gzip for deliveries):
 *   `SUB#<id>` / `META`            the subscription (optimistic lock on `revision`);
 *                                  gsi1 `SUBOWNER#<owner>` / `<createdAt>#<id>`: an owner's, oldest first;
 *                                  gsi2 `SUBS` / `<id>` only while not cancelled (sparse): the active ones.
 *   `SUB#<id>` / `DLV#<delivery>`  one delivery, read by id with one GetItem and put once (`attribute_not_exists`);
 *                                  gsi1 `SUBDLV#<id>` / `<recordedAt>#<delivery>`: a subscription's deliveries in
 *                                  feed order (paged newest first; by state with a filter);
 *                                  gsi2 `SUBDUE` / `<nextAttemptAt>#<recordedAt>#<delivery>` only while pending (sparse): what
 *                                  is due, a subscription's in the order recorded.
 *   `SUBCURSOR` / `META`           the dispatcher's place in the history feed, moved conditionally on the value read.
 * Every write is a Put of the whole item, so an attribute of a sparse key is gone as soon as its state is left.
 */
export const SUBSCRIPTION_KEYS = {
  pk: (subscriptionId: string) => `SUB#${subscriptionId}`,
  meta: 'META',
  ownerPk: (owner: string) => `SUBOWNER#${owner}`,
  ownerSk: (createdAt: string, subscriptionId: string) => `${createdAt}#${subscriptionId}`,
  activePk: 'SUBS',
  delivery: (deliveryId: string) => `DLV#${deliveryId}`,
  deliveriesPk: (subscriptionId: string) => `SUBDLV#${subscriptionId}`,
  deliveriesSk: (recordedAt: string, deliveryId: string) => `${recordedAt}#${deliveryId}`,
  duePk: 'SUBDUE',
  /** An absent next attempt sorts first: a pending delivery without one is due at once. */
  dueSk: (nextAttemptAt: string | null, recordedAt: string, deliveryId: string) => `${nextAttemptAt ?? ''}#${recordedAt}#${deliveryId}`,
  cursorPk: 'SUBCURSOR',
  cursorSk: 'META',
} as const;
