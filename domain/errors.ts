/**
 * Domain errors carry a stable `code`. The HTTP layer maps codes to status and problem+json `type`
 * (functions/_shared/problem.ts); the CLI prints the message. Never rename a code: clients depend on it.
 */
export type ErrorCode =
  | 'not_found'
  /** A document a reviewer withdrew (410; details.withdrawn: who, when, why; services/withdrawal.ts). */
  | 'gone'
  | 'ambiguous_reference'
  | 'conflict'
  /** Promotion of a draft without an approving appraisal on record (409; issue 22). */
  | 'appraisal_required'
  | 'validation'
  | 'unreadable_document'
  | 'lint_failed'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'forbidden'
  | 'dependency_unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, details?: Record<string, unknown>) => new DomainError('not_found', `${what} was not found`, details);

/** An optimistic-lock or uniqueness condition failed: someone else wrote first. Callers may retry. */
export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', message, details);
    this.name = 'ConflictError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
