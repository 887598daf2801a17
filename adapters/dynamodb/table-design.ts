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
