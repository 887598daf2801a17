/** Context parsing (infra/config.ts) and what each knob changes. No bundling needed. */
import { App, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../infra/config';
import { buildCsdlApp, stackName } from '../../infra/csdl-app';
import { cdkJsonContext, synthCsdl } from './synth';

const config = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

test('defaults are the dev size', () => {
  expect(config({})).toMatchObject({
    stage: 'dev',
    search: { instanceType: 't3.small.search', dataNodes: 1, zoneAwareness: false, masterNodes: 0, volumeGiB: 10 },
    indexPrefix: 'csdl',
    logRetention: 365,
    corsOrigins: ['*'],
    skipBundling: false,
  });
  expect(config({}).search.adminPrincipals).toEqual([]);
  expect(config({}).account).toBeUndefined();
});

test('-c values arrive as strings and are parsed', () => {
  expect(
    config({
      'opensearch:dataNodes': '4',
      'opensearch:zoneAwareness': 'true',
      corsOrigins: 'https://a.example, https://b.example',
      logRetentionDays: '90',
    }),
  ).toMatchObject({ search: { dataNodes: 4, zoneAwareness: true }, corsOrigins: ['https://a.example', 'https://b.example'], logRetention: 90 });
});

test.each([
  [{ stage: 'Prod' }, /stage/],
  [{ 'opensearch:zoneAwareness': 'true' }, /even/],
  [{ 'opensearch:masterNodes': '2' }, /masterNodes/],
  [{ logRetentionDays: '31' }, /retention/],
  [{ 'opensearch:zoneAwareness': 'yes' }, /true or false/],
  [{ 'opensearch:indexPrefix': 'CSDL' }, /indexPrefix/],
  [{ 'opensearch:adminPrincipals': 'arn:aws:iam::123456789012:root' }, /adminPrincipals must list IAM role ARNs/],
  [{ 'opensearch:adminPrincipals': '*' }, /adminPrincipals must list IAM role ARNs/],
])('rejects %p', (context, message) => {
  expect(() => config(context)).toThrow(message);
});

test('stack names carry the stage', () => {
  expect(stackName('dev', 'Stateful')).toBe('Csdl-Dev-Stateful');
  expect(stackName('prod', 'Stateless')).toBe('Csdl-Prod-Stateless');
});

test('account and region from context pin both stacks; csdl:skipBundling inlines placeholder code (tests only)', () => {
  const pinned = synthCsdl({ 'csdl:skipBundling': true, account: '123456789012', region: 'ap-southeast-1' });
  expect(pinned.stateful.account).toBe('123456789012');
  expect(pinned.stateless.region).toBe('ap-southeast-1');
  const fns = Object.values(Template.fromStack(pinned.stateless).findResources('AWS::Lambda::Function'));
  for (const fn of fns) expect(fn.Properties.Code.ZipFile).toContain('placeholder');
}, 120_000);

test('without account and region the stacks are environment-agnostic (synth needs no AWS credentials)', () => {
  const app = new App({ context: { ...cdkJsonContext(), 'csdl:skipBundling': true } });
  const { stateful, stateless } = buildCsdlApp(app);
  for (const stack of [stateful, stateless]) {
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
  }
});
