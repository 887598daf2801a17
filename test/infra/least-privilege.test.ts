/**
 * Issue #22, "least privilege is looser than the ADRs say": statement-level checks of the function roles (actions,
 * resources and conditions together), the trust policies of the OpenSearch admin role and the scheduler role, and the
 * IAM5 acknowledgement of `Resource::*`. Placeholder code (`csdl:skipBundling`): grants do not depend on bundling.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BACKGROUND_FUNCTIONS, FUNCTIONS } from '../../schemas/routes';
import { type CsdlFunctionName, FUNCTION_SPECS } from '../../infra/function-specs';
import { BATCH_WRITE_KEY_PREFIXES, WRITE_KEY_PREFIXES } from '../../infra/constructs/access-grants';
import { SUBSCRIPTION_KEYS } from '../../adapters/dynamodb/table-design';
import { createCsdlApp } from '../../infra/csdl-app';
import { cdkJsonContext, logicalId, type Synthesized, synthCsdl } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthCsdl({ 'csdl:skipBundling': true });
}, 180_000);

const ALL: CsdlFunctionName[] = [...FUNCTIONS, ...BACKGROUND_FUNCTIONS];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every Allow statement of the policies attached to a role of the stateless stack, actions as arrays. */
function statementsOf(name: CsdlFunctionName): (Statement & { Action: string[] })[] {
  const roleId = logicalId(s.fn(name).role);
  const out: (Statement & { Action: string[] })[] = [];
  for (const policy of Object.values(s.functionsTemplate.findResources('AWS::IAM::Policy'))) {
    if (!((policy.Properties.Roles ?? []) as { Ref?: string }[]).some((r) => r.Ref === roleId)) continue;
    for (const st of policy.Properties.PolicyDocument.Statement as Statement[]) {
      if (st.Effect !== 'Allow') continue;
      out.push({ ...st, Action: Array.isArray(st.Action) ? st.Action : [st.Action] });
    }
  }
  return out;
}
const withAction = (name: CsdlFunctionName, action: string) => statementsOf(name).filter((st) => st.Action.includes(action));
const resources = (st: Statement) => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]).map((r) => JSON.stringify(r));

describe('DynamoDB: history stays append-only (docs/adr/0011)', () => {
  // Who calls a repository method that sends BatchWriteItem (adapters/dynamodb: replaceUnits, replaceExtracted,
  // putTopics, replaceHeading), and the partition keys those batches write and delete.
  const BATCH_WRITERS: Partial<Record<CsdlFunctionName, string[]>> = {
    'documents-create': ['UNITS#*'],
    'drafts-versions-add': ['UNITS#*'],
    'drafts-promote': ['UNITS#*'],
    indexer: ['LINKS#*'],
    'codification-import-split': ['CODIFY'],
    'codification-import-worker': ['CODIFYSET#*'],
  };

  test('no function may DeleteItem', () => {
    for (const name of ALL) expect(withAction(name, 'dynamodb:DeleteItem')).toEqual([]);
  });

  test.each(ALL)('%s: BatchWriteItem only if it batch-writes, only on the table, only on its own key prefixes', (name) => {
    const statements = withAction(name, 'dynamodb:BatchWriteItem');
    const expected = BATCH_WRITERS[name];
    if (!expected) {
      expect(statements).toEqual([]);
      return;
    }
    expect(statements).toHaveLength(1);
    const [st] = statements;
    expect(st?.Action).toEqual(['dynamodb:BatchWriteItem']);
    expect(resources(st as Statement).join()).not.toContain('/index/');
    expect(st?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': expected } });
  });

  test('no batch-write prefix can reach the history (HIST#...) or the feed meta item (HISTORY)', () => {
    for (const prefixes of Object.values(BATCH_WRITE_KEY_PREFIXES)) {
      for (const p of prefixes) {
        const re = new RegExp(`^${p.replace(/\*/g, '.*')}$`);
        expect(re.test('HIST#some-work')).toBe(false);
        expect(re.test('HISTORY')).toBe(false);
      }
    }
  });

  test('the prefixes are the ones the DynamoDB adapters write (drift guard)', () => {
    const src = (f: string) => fs.readFileSync(path.resolve(__dirname, '../../adapters/dynamodb', f), 'utf8');
    expect(src('unit-repository.ts')).toMatch(/const pk = \(setId: string\) => `UNITS#\$\{setId\}`;/);
    expect(src('link-repository.ts')).toMatch(/const pk = \(source: string\) => `LINKS#\$\{source\}`;/);
    expect(src('codification-repository.ts')).toContain("const ROOT = 'CODIFY';");
    expect(src('codification-repository.ts')).toMatch(/const setPk = \(set: string\) => `CODIFYSET#\$\{set\}`;/);
  });

  test('the functions of subscriptions write only subscription partitions (SUB#…, SUBCURSOR), as the adapter spells them', () => {
    const confined = ALL.filter((n) => FUNCTION_SPECS[n].writeKeys === 'subscriptions');
    expect(confined.sort()).toEqual(['notifier', 'subscriptions-create', 'subscriptions-replay', 'subscriptions-update']);
    for (const name of confined) {
      const writes = [...withAction(name, 'dynamodb:PutItem')];
      expect(writes).toHaveLength(1);
      expect(writes[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUB#*', 'SUBCURSOR'] } });
    }
    const like = (p: string, key: string) => new RegExp(`^${p.replace(/\*/g, '.*')}$`).test(key);
    const allowed = (key: string) => WRITE_KEY_PREFIXES.subscriptions.some((p) => like(p, key));
    expect([SUBSCRIPTION_KEYS.pk('sub_x'), SUBSCRIPTION_KEYS.cursorPk].every(allowed)).toBe(true);
    expect(['HIST#w', 'HISTORY', 'WORK#w', 'UNITS#s', 'SUBOWNER#x', 'SUBS', 'SUBDUE'].some(allowed)).toBe(false);
  });

  test('Put/UpdateItem only for readwrite functions, and on the table, never on an index', () => {
    for (const name of ALL) {
      const writes = [...withAction(name, 'dynamodb:PutItem'), ...withAction(name, 'dynamodb:UpdateItem')];
      if (FUNCTION_SPECS[name].table !== 'readwrite') expect(writes).toEqual([]);
      for (const st of writes) expect(resources(st).join()).not.toContain('/index/');
    }
  });
});

describe('S3: PutObject by prefix', () => {
  const ORIGINAL_WRITERS: CsdlFunctionName[] = ['documents-create', 'drafts-versions-add', 'drafts-promote'];

  /** The bulk dump's writer (domain/services/bulk.ts): the daily sweep, under bulk/ only. */
  const DUMP_WRITERS: CsdlFunctionName[] = ['status-sweep'];

  test.each(ALL)('%s: PutObject only under originals/ (if it stores originals) or bulk/ (if it writes the dump)', (name) => {
    const statements = withAction(name, 's3:PutObject');
    if (!ORIGINAL_WRITERS.includes(name) && !DUMP_WRITERS.includes(name)) {
      expect(statements).toEqual([]);
      return;
    }
    expect(statements).toHaveLength(1);
    const res = resources(statements[0] as Statement);
    expect(res).toHaveLength(1);
    expect(res[0]).toMatch(ORIGINAL_WRITERS.includes(name) ? /"\/originals\/\*"\]\]\}$/ : /"\/bulk\/\*"\]\]\}$/);
  });

  test('no role may put objects under imports/phapdien/ (the import workers trust that prefix)', () => {
    for (const name of ALL) {
      for (const st of withAction(name, 's3:PutObject')) expect(resources(st).join()).not.toContain('imports/');
    }
  });
});

/** Each principal of a trust policy as `{ Service: x }` / `{ AWS: x }`, however CDK grouped them into statements. */
const trusted = (doc: { Statement: { Principal: Record<string, unknown> }[] }) =>
  doc.Statement.flatMap((st) => Object.entries(st.Principal).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => ({ [k]: x }))));

describe('trust policies', () => {
  test('the OpenSearch admin role trusts Lambda (its custom resource) only, not the whole account', () => {
    const role = s.statefulTemplate.toJSON().Resources[logicalId(s.stateful.search.adminRole)];
    expect(trusted(role.Properties.AssumeRolePolicyDocument)).toEqual([{ Service: 'lambda.amazonaws.com' }]);
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).not.toContain(':root');
  });

  test('operators named with opensearch:adminPrincipals may assume it, nobody else', () => {
    const arn = 'arn:aws:iam::123456789012:role/csdl-operators';
    const o = synthCsdl({ 'csdl:skipBundling': true, 'opensearch:adminPrincipals': arn });
    const role = o.statefulTemplate.toJSON().Resources[logicalId(o.stateful.search.adminRole)];
    const principals = trusted(role.Properties.AssumeRolePolicyDocument);
    expect(principals).toEqual(expect.arrayContaining([{ Service: 'lambda.amazonaws.com' }, { AWS: arn }]));
    expect(principals).toHaveLength(2);
  }, 180_000);

  test('each scheduler role is assumable only for this account and its own schedule', () => {
    const roles = Object.values(s.functionsTemplate.findResources('AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    const names = Object.values(s.functionsTemplate.findResources('AWS::Scheduler::Schedule')).map((x) => x.Properties.Name as string);
    // The daily status sweep, and the notifier of subscriptions every minute.
    expect(names.sort()).toEqual(['Csdl-Dev-Follow-Every-notifier', 'Csdl-Dev-Stateless-Daily-status-sweep']);
    expect(roles).toHaveLength(names.length);
    const trusted = roles.map((role) => {
      const st = role.Properties.AssumeRolePolicyDocument.Statement[0];
      expect(st.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      return /:schedule\/default\/([\w-]+)/.exec(JSON.stringify(st.Condition.ArnEquals['aws:SourceArn']))?.[1];
    });
    expect(trusted.sort()).toEqual(names);
  });
});

describe('IAM5 Resource::* is acknowledged per action', () => {
  test('a new wildcard-resource grant on a function role fails cdk-nag', () => {
    const { app, stateless } = createCsdlApp({
      context: { ...cdkJsonContext(), 'csdl:skipBundling': true },
      outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'csdl-iam5-')),
    });
    stateless.functions.health?.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  }, 180_000);

  test('the acknowledgement names each action it covers, with a reason', () => {
    const acks = s
      .fn('indexer')
      .role.node.metadata.filter((m) => JSON.stringify(m.data ?? '').includes('IAM5[Resource::*]'))
      .map((m) => JSON.stringify(m.data));
    expect(acks).toHaveLength(1);
    for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams']) expect(acks[0]).toContain(action);
  });
});
