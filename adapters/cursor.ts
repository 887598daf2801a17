/** Opaque cursors shared by the adapters: base64url JSON, rejected with a validation error when tampered with. */
import { DomainError } from '../domain/errors';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (v: unknown) => v is T): T {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(v)) return v;
  } catch {
    // fall through
  }
  throw new DomainError('validation', 'The cursor is malformed; use the nextCursor value of a previous page');
}
