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
