/**
 * Failures of DynamoDB or S3 that a later retry may not meet (the endpoint unreachable or reset, throttling, a 5xx,
 * a timeout), once the SDK's own retries are spent, become `DomainError('dependency_unavailable')`: services and
 * handlers see one error whatever the store, and the HTTP layer answers 503 problem+json with Retry-After instead of
 * 500. Conditional-check and transaction cancellations are left as they are (the repositories map them to conflicts).
 *
 * A connection error can reach the SDK from another realm (Node's core errors inside a jest VM context), where the
 * SDK wraps it as a plain `Error("AWS SDK error wrapper for Error: connect ECONNREFUSED …")`: the message is read too.
 */
import { DomainError } from '../../domain/errors';

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'NetworkingError',
]);
const NETWORK = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|socket hang up)\b/;

export function isTransientStoreError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || e instanceof DomainError) return false;
  const err = e as { name?: string; code?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  return (
    err.$fault === 'server' ||
    (err.$metadata?.httpStatusCode ?? 0) >= 500 ||
    TRANSIENT_NAMES.has(err.name ?? '') ||
    NETWORK.test(err.code ?? '') ||
    NETWORK.test(err.message ?? '')
  );
}

/** The error to throw for `e`: a `dependency_unavailable` DomainError for a transient store failure, else `e`. */
export function asDependencyError(e: unknown, store: string): unknown {
  if (!isTransientStoreError(e)) return e;
  const err = e as { name?: string; message?: string };
  const error = new DomainError('dependency_unavailable', `${store} is unavailable: ${err.name ?? 'Error'}: ${err.message ?? String(e)}`);
  (error as Error & { cause?: unknown }).cause = e;
  return error;
}

/** The part of an SDK client's middleware stack used here (the SDK's own types overload `add` per step). */
interface InitializeStack {
  add(
    mw: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize'; name: string; override: boolean },
  ): void;
}

/**
 * Installs the mapping on a client's middleware stack, outermost (after the SDK's retries). Idempotent: the
 * repositories sharing one client (and DynamoDBDocumentClient, which shares its client's stack) install it once.
 */
export function guardStoreErrors(client: { middlewareStack: unknown }, store: string): void {
  (client.middlewareStack as InitializeStack).add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        throw asDependencyError(e, store);
      }
    },
    { step: 'initialize', name: 'csdlDependencyErrors', override: true },
  );
}

/** A conditional write refused because its condition failed (the repositories map it to a conflict or a no-op). */
export const isConditionFailure = (e: unknown): boolean => (e as Error | undefined)?.name === 'ConditionalCheckFailedException';
