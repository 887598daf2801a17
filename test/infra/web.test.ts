/**
 * The web UI stack: pages from web/ in a private bucket behind CloudFront (origin access control), the API behind the
 * same domain, logs, and nothing public.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { API_PATHS, IDENTIFIED_GET_PATHS } from '../../infra/stacks/web-stack';
import { synthCsdl } from './synth';

const s = synthCsdl();
const web = Template.fromStack(s.web);

test('serves web/ from a private, encrypted, TLS-only bucket through CloudFront with origin access control', () => {
  web.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  });
  web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  const [dist] = Object.values(web.findResources('AWS::CloudFront::Distribution'));
  const config = dist?.Properties.DistributionConfig;
  expect(config.DefaultRootObject).toBe('index.html');
  expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  expect(config.Logging).toBeDefined();
  web.resourceCountIs('Custom::CDKBucketDeployment', 1);
});

test('forwards the API paths to the HTTP API, over HTTPS only, with every method and the viewer’s query and identity', () => {
  const [dist] = Object.values(web.findResources('AWS::CloudFront::Distribution'));
  const config = dist?.Properties.DistributionConfig;
  const behaviors = config.CacheBehaviors as { PathPattern: string; AllowedMethods: string[]; TargetOriginId: string; ViewerProtocolPolicy: string }[];
  expect(behaviors.map((b) => b.PathPattern).sort()).toEqual([...IDENTIFIED_GET_PATHS, ...API_PATHS].sort());
  for (const b of behaviors) {
    expect(b.AllowedMethods).toContain('POST');
    expect(b.ViewerProtocolPolicy).toBe('https-only');
  }
  const apiOrigin = (config.Origins as { Id: string; CustomOriginConfig?: { OriginProtocolPolicy: string } }[]).find(
    (o) => o.Id === behaviors[0]?.TargetOriginId,
  );
  expect(apiOrigin?.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
});

test('identified GETs (/v1/quality, import progress, one’s subscriptions) reach the API with their Authorization header: uncached, before /v1/*', () => {
  // `/v1/subscriptions/*` takes the subscription feeds along: uncached too, as their answers say (no-cache).
  expect(IDENTIFIED_GET_PATHS).toEqual(['/v1/codification/imports/*', '/v1/quality', '/v1/subscriptions', '/v1/subscriptions/*']);
  const [dist] = Object.values(web.findResources('AWS::CloudFront::Distribution'));
  const behaviors = dist?.Properties.DistributionConfig.CacheBehaviors as { PathPattern: string; CachePolicyId: string; OriginRequestPolicyId: string }[];
  // CloudFront uses the first behavior whose pattern matches: the identified reads come before /v1/*.
  expect(behaviors.map((b) => b.PathPattern)).toEqual([...IDENTIFIED_GET_PATHS, ...API_PATHS]);
  for (const b of behaviors.filter((x) => IDENTIFIED_GET_PATHS.includes(x.PathPattern))) {
    // With caching off, the all-viewer origin request policy forwards Authorization (a cached GET would drop it).
    expect(b.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(b.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
  }
  // Public reads keep the origin's Cache-Control.
  expect(behaviors.find((b) => b.PathPattern === '/v1/*')?.CachePolicyId).toBe(CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS.cachePolicyId);
});
