/** Development identities (local/devtoken.ts): tokens must expire, and a configured secret must be long enough. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { DEV_SECRET_MIN_BYTES, devSecret, signDevToken, verifyDevToken } from '../../local/devtoken';

const secret = new TextEncoder().encode('x'.repeat(32));
const unsigned = () =>
  new SignJWT({ 'cognito:groups': ['editor'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('mallory')
    .setIssuer('csdl-local')
    .setAudience('csdl-api')
    .setIssuedAt();

describe('dev tokens', () => {
  it('accepts a token it issued, which carries exp', async () => {
    const token = await signDevToken(secret, 'alice', ['editor']);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
    expect(typeof payload.exp).toBe('number');
    expect(await verifyDevToken(secret, token)).toEqual({ sub: 'alice', 'cognito:groups': ['editor'] });
  });

  it('refuses a correctly signed token without exp (it would never expire)', async () => {
    const token = await unsigned().sign(secret);
    expect(await verifyDevToken(secret, token)).toBeNull();
  });

  it('refuses an expired token', async () => {
    const token = await unsigned()
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    expect(await verifyDevToken(secret, token)).toBeNull();
  });
});

describe('the dev secret', () => {
  const saved = process.env.CSDL_DEV_SECRET;
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'devsecret-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.CSDL_DEV_SECRET;
    else process.env.CSDL_DEV_SECRET = saved;
  });

  it(`refuses a CSDL_DEV_SECRET shorter than ${32} bytes with a message naming the variable`, () => {
    expect(DEV_SECRET_MIN_BYTES).toBe(32);
    process.env.CSDL_DEV_SECRET = 'short-secret';
    expect(() => devSecret(dir)).toThrow(/CSDL_DEV_SECRET.*32 bytes/);
    process.env.CSDL_DEV_SECRET = 'x'.repeat(31);
    expect(() => devSecret(dir)).toThrow(/CSDL_DEV_SECRET/);
  });

  it('accepts a CSDL_DEV_SECRET of 32 bytes or more (bytes of UTF-8, not characters)', () => {
    process.env.CSDL_DEV_SECRET = 'x'.repeat(32);
    expect(devSecret(dir)).toHaveLength(32);
    process.env.CSDL_DEV_SECRET = 'đ'.repeat(16); // 16 characters, 32 bytes
    expect(devSecret(dir)).toHaveLength(32);
  });

  it('creates a long enough secret in the data folder, and refuses a too short one found there', () => {
    delete process.env.CSDL_DEV_SECRET;
    expect(devSecret(dir).length).toBeGreaterThanOrEqual(32);
    writeFileSync(join(dir, 'dev-secret'), 'tiny');
    expect(() => devSecret(dir)).toThrow(/dev-secret.*32 bytes/);
  });
});
