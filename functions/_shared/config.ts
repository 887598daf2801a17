/** process.env, parsed once with zod; a Lambda with a missing setting fails at cold start with the setting named. */
import * as z from 'zod/mini';

const AwsConfig = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  BUCKET_NAME: z.string().check(z.minLength(1)),
  OPENSEARCH_ENDPOINT: z.url(),
  OPENSEARCH_INDEX_PREFIX: z._default(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,40}$/)), 'csdl'),
  AWS_REGION: z._default(z.string(), 'ap-southeast-1'),
  /** Only for tests and local tooling against DynamoDB Local / an S3-compatible server. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  S3_ENDPOINT: z.optional(z.url()),
  /** `sigv4` on AWS; `none` against a local OpenSearch node. */
  OPENSEARCH_AUTH: z._default(z.enum(['sigv4', 'none']), 'sigv4'),
});

export type AwsConfig = z.infer<typeof AwsConfig>;

export function loadAwsConfig(env: Record<string, string | undefined> = process.env): AwsConfig {
  const res = AwsConfig.safeParse(env);
  if (!res.success) {
    const names = res.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Configuration invalid or missing: ${names}`);
  }
  return res.data;
}

export const APP_VERSION = '0.1.0';
