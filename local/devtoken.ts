/**
 * Development identities for the local runtime: HS256 JWTs shaped like Cognito's (`sub`, `cognito:groups`), signed
 * with a secret kept in the data folder (or CSDL_DEV_SECRET). On AWS the API Gateway JWT authorizer validates
 * Cognito tokens instead; handlers see the same claims either way.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'csdl-local';
const AUDIENCE = 'csdl-api';
export const DEV_ROLES = ['editor', 'reviewer', 'drafter', 'appraiser', 'commenter', 'reader'] as const;

export function devSecret(dataDir: string): Uint8Array {
  const fromEnv = process.env.CSDL_DEV_SECRET;
  if (fromEnv) return new TextEncoder().encode(fromEnv);
  const file = join(dataDir, 'dev-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export async function signDevToken(secret: Uint8Array, subject: string, roles: string[], ttl = '8h'): Promise<string> {
  return new SignJWT({ 'cognito:groups': roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}

/** The verified claims, or null when the token is invalid or expired (the caller answers 401). */
export async function verifyDevToken(secret: Uint8Array, token: string): Promise<Record<string, string | string[]> | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]).map(String) : [];
    return typeof payload.sub === 'string' ? { sub: payload.sub, 'cognito:groups': groups } : null;
  } catch {
    return null;
  }
}
