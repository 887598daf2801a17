/** process.env, parsed once with zod; a Lambda with a missing setting fails at cold start with the setting named. */
import * as z from 'zod/mini';
import { DEFAULT_RETRY, type RetryPolicy } from '../../domain/subscriptions/retry';

/**
 * The public origin (and path prefix, if any) the API is served at: absolute links (the Atom feed) are built on it,
 * never on the request's Host header, which any client sets (issue 22). An http(s) URL without query or fragment;
 * the trailing slash is dropped.
 */
const PublicBaseUrl = z.pipe(
  z.url({ protocol: /^https?$/ }).check(z.refine((u) => !/[?#]/.test(u), { message: 'no query or fragment' })),
  z.transform((u: string) => u.replace(/\/+$/, '')),
);

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
  /** The API's public base URL (a custom domain or the web distribution); absent: the Atom feed's links are relative. */
  PUBLIC_BASE_URL: z.optional(PublicBaseUrl),
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

/** The local runtime's public base URL: PUBLIC_BASE_URL, or http://127.0.0.1:PORT (PORT as `npm start` reads it). */
export function localPublicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const res = PublicBaseUrl.safeParse(env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT ?? '3000'}`);
  if (!res.success) throw new Error(`Configuration invalid: PUBLIC_BASE_URL must be an http(s) URL without query or fragment, e.g. https://vbpl.example.vn`);
  return res.data;
}

export const APP_VERSION = '0.1.0';

const Millis = z.pipe(
  z.string().check(z.regex(/^\d+$/, { message: 'a whole number of milliseconds' })),
  z.transform((s: string) => Number(s)),
);
const RetryEnv = z.object({
  WEBHOOK_RETRY_FIRST_MS: z.optional(Millis),
  WEBHOOK_RETRY_MAX_MS: z.optional(Millis),
  WEBHOOK_PAUSE_AFTER_MS: z.optional(Millis),
});

/**
 * How webhook deliveries are retried (domain/subscriptions/retry.ts): DEFAULT_RETRY (1 minute doubling to 6 hours,
 * paused after 3 days), each part overridable by WEBHOOK_RETRY_FIRST_MS, WEBHOOK_RETRY_MAX_MS, WEBHOOK_PAUSE_AFTER_MS.
 */
export function retryPolicyFromEnv(env: Record<string, string | undefined> = process.env): RetryPolicy {
  const res = RetryEnv.safeParse(env);
  if (!res.success) throw new Error(`Configuration invalid: ${res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ')}`);
  const r = res.data;
  return {
    firstMs: r.WEBHOOK_RETRY_FIRST_MS ?? DEFAULT_RETRY.firstMs,
    maxMs: r.WEBHOOK_RETRY_MAX_MS ?? DEFAULT_RETRY.maxMs,
    pauseAfterMs: r.WEBHOOK_PAUSE_AFTER_MS ?? DEFAULT_RETRY.pauseAfterMs,
  };
}
