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

/** HS256 wants a key at least as long as its hash (RFC 7518 §3.2): a shorter secret is refused at startup. */
export const DEV_SECRET_MIN_BYTES = 32;

function longEnough(secret: Uint8Array, source: string): Uint8Array {
  if (secret.length < DEV_SECRET_MIN_BYTES)
    throw new Error(
      `${source} is ${secret.length} bytes long: a dev-token secret must be at least ${DEV_SECRET_MIN_BYTES} bytes (UTF-8), e.g. \`openssl rand -base64 32\``,
    );
  return secret;
}

/** The signing secret: CSDL_DEV_SECRET, or the data folder's `dev-secret` (created on first use); throws when too short. */
export function devSecret(dataDir: string): Uint8Array {
  const fromEnv = process.env.CSDL_DEV_SECRET;
  if (fromEnv) return longEnough(new TextEncoder().encode(fromEnv), 'CSDL_DEV_SECRET');
  const file = join(dataDir, 'dev-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return longEnough(new TextEncoder().encode(readFileSync(file, 'utf8').trim()), `The secret in ${file}`);
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

/** The verified claims, or null when the token is invalid, expired or without `exp` (the caller answers 401). */
export async function verifyDevToken(secret: Uint8Array, token: string): Promise<Record<string, string | string[]> | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]).map(String) : [];
    return typeof payload.sub === 'string' ? { sub: payload.sub, 'cognito:groups': groups } : null;
  } catch {
    return null;
  }
}
