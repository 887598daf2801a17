/**
 * Issue #22, the front door: nothing reaches the API but through CloudFront's WAF on the national domain with TLS
 * 1.2+. With a front door the HTTP API's execute-api endpoint is disabled (it answers only on its custom domain, TLS
 * 1.2), CloudFront serves the national domain with TLSv1.2_2021 and a WAF web ACL (managed rules, a rate limit per
 * address, a tighter one on POST /v1/lint, 429 problem answers, a year of logs without the token), and stage prod
 * refuses to synthesize without it. The pages carry the local runtime's CSP. Placeholder code (`csdl:skipBundling`).
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../infra/config';
import { WEB_CSP } from '../../schemas/web-csp';
import type { IConstruct } from 'constructs';
import { FRONT_DOOR, logicalId, type Synthesized, synthCsdl } from './synth';

// biome-ignore lint/suspicious/noExplicitAny: template JSON is read loosely here; the assertions check its shape.
type Cfn = any;

const PROD = { 'csdl:skipBundling': true, stage: 'prod', 'backup:copyRegion': 'ap-southeast-2', ...FRONT_DOOR };

let dev: Synthesized;
let prod: Synthesized;
let prodWeb: Template;
beforeAll(() => {
  dev = synthCsdl({ 'csdl:skipBundling': true });
  prod = synthCsdl(PROD);
  prodWeb = Template.fromStack(prod.web);
}, 240_000);

const distributionOf = (t: Template) => Object.values(t.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;

describe('stage prod refuses to synthesize without its front door', () => {
  const config = (extra: Record<string, string>) => () => readConfig(new App({ context: { ...PROD, ...extra } }).node);
  test('no front door at all', () => {
    const bare = { stage: 'prod', 'backup:copyRegion': 'ap-southeast-2' };
    expect(() => readConfig(new App({ context: bare }).node)).toThrow(
      /stage prod needs its front door: web:domainName, web:certificateArn, api:domainName, api:certificateArn and region/,
    );
  });
  test('a part missing, a certificate in the wrong region, a bad name', () => {
    expect(config({ 'api:certificateArn': '' })).toThrow(/api:certificateArn missing/);
    expect(config({ 'web:certificateArn': FRONT_DOOR['api:certificateArn'] })).toThrow(/web:certificateArn must be an ACM certificate ARN in us-east-1/);
    expect(config({ 'api:certificateArn': FRONT_DOOR['web:certificateArn'] })).toThrow(/api:certificateArn must be an ACM certificate ARN in ap-southeast-1/);
    expect(config({ 'web:domainName': 'Pháp Luật.vn' })).toThrow(/web:domainName must be a lowercase domain name/);
    expect(config({ 'api:domainName': FRONT_DOOR['web:domainName'] })).toThrow(/must differ/);
    expect(config({ region: '' })).toThrow(/api:domainName needs region/);
    expect(config({ 'waf:lintRateLimit': '5' })).toThrow(/waf:lintRateLimit must be an integer >= 10/);
  });
  test('dev without one is allowed, and has none', () => {
    expect(readConfig(new App({ context: {} }).node).edge).toBeUndefined();
    expect(dev.web.firewall).toBeUndefined();
  });
});

describe('the API answers only on its custom domain', () => {
  test('prod: the execute-api endpoint is disabled; the custom domain has TLS 1.2 and the $default stage mapped', () => {
    prod.functionsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    prod.functionsTemplate.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: FRONT_DOOR['api:domainName'],
      DomainNameConfigurations: [{ CertificateArn: FRONT_DOOR['api:certificateArn'], EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    const [mapping] = Object.values(prod.functionsTemplate.findResources('AWS::ApiGatewayV2::ApiMapping'));
    expect(mapping?.Properties.Stage).toBe('$default');
    expect(mapping?.DependsOn ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/DefaultStage/)]));
    expect(prod.stateless.httpApi.url).toBe(`https://${FRONT_DOOR['api:domainName']}/`);
  });
  test('absolute links name the national domain in every function', () => {
    const fns = Object.values(prod.functionsTemplate.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.TABLE_NAME);
    expect(fns.length).toBeGreaterThan(40);
    for (const f of fns) expect(f.Properties.Environment.Variables.PUBLIC_BASE_URL).toBe(`https://${FRONT_DOOR['web:domainName']}`);
  });
  test('dev keeps the execute-api endpoint (no custom domain) and no absolute base', () => {
    dev.functionsTemplate.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    dev.functionsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });
});

describe('CloudFront on the national domain', () => {
  test('prod: the web stack is in us-east-1 with the domain, its certificate, TLSv1.2_2021 and the web ACL', () => {
    expect(prod.web.region).toBe('us-east-1');
    const config = distributionOf(prodWeb);
    expect(config.Aliases).toEqual([FRONT_DOOR['web:domainName']]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: FRONT_DOOR['web:certificateArn'],
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(config.WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/WebAcl/), 'Arn'] });
    // The API origin is the custom domain (a string: no reference crosses regions).
    const origins = config.Origins as { DomainName: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] } }[];
    const api = origins.find((o) => o.CustomOriginConfig);
    expect(api).toMatchObject({
      DomainName: FRONT_DOOR['api:domainName'],
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });

  test('the web ACL: managed rules, per-address rate limits answered 429 with Retry-After, a tighter one on POST /v1/lint', () => {
    const [acl] = Object.values(prodWeb.findResources('AWS::WAFv2::WebACL'));
    const p = acl?.Properties;
    expect(p.Scope).toBe('CLOUDFRONT');
    expect(p.DefaultAction).toEqual({ Allow: {} });
    const rules = p.Rules as { Name: string; Priority: number; Statement: Record<string, Cfn>; Action?: Record<string, Cfn> }[];
    const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Statement.ManagedRuleGroupStatement.Name);
    expect(managed).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesCommonRuleSet']);
    const lint = rules.find((r) => r.Name === 'lint-per-address');
    const all = rules.find((r) => r.Name === 'requests-per-address');
    expect(lint?.Statement.RateBasedStatement).toMatchObject({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    const scope = JSON.stringify(lint?.Statement.RateBasedStatement.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    expect(scope).toContain('"SearchString":"/v1/lint"');
    expect(all?.Statement.RateBasedStatement).toEqual({ Limit: 3000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    // The narrower rule is evaluated first.
    expect((lint?.Priority ?? 99) < (all?.Priority ?? 0)).toBe(true);
    for (const r of [lint, all]) {
      expect(r?.Action?.Block.CustomResponse).toMatchObject({ ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: '60' }] });
      const body = p.CustomResponseBodies[r?.Action?.Block.CustomResponse.CustomResponseBodyKey];
      expect(JSON.parse(body.Content)).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    }
    for (const r of rules) expect(r.Priority).toBeLessThan(10);
  });

  test('the limits follow the configuration', () => {
    const t = Template.fromStack(synthCsdl({ ...PROD, 'waf:rateLimit': '600', 'waf:lintRateLimit': '20' }).web);
    const rules = Object.values(t.findResources('AWS::WAFv2::WebACL'))[0]?.Properties.Rules as { Name: string; Statement: Record<string, Cfn> }[];
    expect(rules.find((r) => r.Name === 'lint-per-address')?.Statement.RateBasedStatement.Limit).toBe(20);
    expect(rules.find((r) => r.Name === 'requests-per-address')?.Statement.RateBasedStatement.Limit).toBe(600);
  }, 120_000);

  test('the web ACL logs a year, the Authorization header redacted', () => {
    const [logging] = Object.values(prodWeb.findResources('AWS::WAFv2::LoggingConfiguration'));
    expect(logging?.Properties.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }]);
    const destination = JSON.stringify(logging?.Properties.LogDestinationConfigs);
    expect(destination).toContain(':log-group:');
    expect(destination).toContain(logicalId(prod.web.firewall?.logs as IConstruct));
    expect(destination).not.toContain(':*');
    prodWeb.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { LogGroupName: 'aws-waf-logs-csdl-prod', RetentionInDays: 365 } });
  });
});

test('the pages carry the local runtime’s CSP (no unsafe-inline), HSTS, nosniff and no framing, in dev and prod', () => {
  for (const t of [Template.fromStack(dev.web), prodWeb]) {
    const [policy] = Object.values(t.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const headers = policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: WEB_CSP, Override: true });
    expect(WEB_CSP).not.toContain('unsafe-inline');
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000, Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    const config = distributionOf(t);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/PageHeaders/) });
  }
});
