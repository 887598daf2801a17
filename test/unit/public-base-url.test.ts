/** The public base URL the API builds absolute links with (the Atom feed), configured, never the request's Host. */
import { loadAwsConfig, localPublicBaseUrl } from '../../functions/_shared/config';

describe('public base URL', () => {
  it('locally defaults to http://127.0.0.1:PORT (PORT defaulting to 3000)', () => {
    expect(localPublicBaseUrl({})).toBe('http://127.0.0.1:3000');
    expect(localPublicBaseUrl({ PORT: '8080' })).toBe('http://127.0.0.1:8080');
  });

  it('PUBLIC_BASE_URL overrides it, without a trailing slash', () => {
    expect(localPublicBaseUrl({ PORT: '8080', PUBLIC_BASE_URL: 'https://vbpl.example.vn/' })).toBe('https://vbpl.example.vn');
    expect(localPublicBaseUrl({ PUBLIC_BASE_URL: 'https://vbpl.example.vn/api' })).toBe('https://vbpl.example.vn/api');
  });

  it('refuses a PUBLIC_BASE_URL that is not an http(s) URL, naming the variable', () => {
    for (const bad of ['vbpl.example.vn', 'javascript:alert(1)', 'ftp://x.vn', 'https://x.vn/?q=1'])
      expect(() => localPublicBaseUrl({ PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('on AWS it is optional (links are then relative) and checked when set', () => {
    const env = { TABLE_NAME: 't', BUCKET_NAME: 'b', OPENSEARCH_ENDPOINT: 'https://search.example' };
    expect(loadAwsConfig(env).PUBLIC_BASE_URL).toBeUndefined();
    expect(loadAwsConfig({ ...env, PUBLIC_BASE_URL: 'https://vbpl.example.vn/' }).PUBLIC_BASE_URL).toBe('https://vbpl.example.vn');
    expect(() => loadAwsConfig({ ...env, PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
