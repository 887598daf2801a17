/**
 * cdk-nag 3 (AwsSolutions) must find nothing unacknowledged. cdk-nag 3 is a CDK validation plugin: it runs inside
 * `app.synth()` and writes its findings to `validation-report.json` in the cloud assembly (an error also makes the
 * in-memory synth throw); it no longer adds construct annotations. So the checks below are: the report is empty, a
 * direct re-run of the pack over the synthesized tree finds nothing (warnings included), and the plugin is really
 * wired (a deliberately bad resource makes synth fail).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createCsdlApp } from '../../infra/csdl-app';
import { cdkJsonContext, FRONT_DOOR, type Synthesized, synthCsdl } from './synth';

const CONFIGS: Record<string, Record<string, unknown>> = {
  'dev defaults': { 'csdl:skipBundling': true },
  'production-size search domain': {
    'csdl:skipBundling': true,
    stage: 'prod',
    'backup:copyRegion': 'ap-southeast-2',
    'opensearch:zoneAwareness': 'true',
    'opensearch:dataNodes': '2',
    'opensearch:masterNodes': '3',
    'opensearch:instanceType': 'r7g.large.search',
    ...FRONT_DOOR,
  },
};

interface Acknowledgement {
  construct: IConstruct;
  id: string;
  reason: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ construct, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

const synthesized = new Map<string, Synthesized>();
const synthOnce = (label: string) => {
  let s = synthesized.get(label);
  if (!s) {
    s = synthCsdl(CONFIGS[label]);
    synthesized.set(label, s);
  }
  return s;
};

describe.each(Object.keys(CONFIGS))('%s', (label) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthOnce(label);
  }, 120_000);

  test('validation report has no AwsSolutions finding', () => {
    const report = JSON.parse(fs.readFileSync(path.join(s.assembly.directory, 'validation-report.json'), 'utf8'));
    const nag = (report.pluginReports as unknown[]).filter((r) => JSON.stringify(r).includes('AwsSolutions'));
    expect(nag).toEqual([]);
  });

  test('re-running the pack over the synthesized app finds no error and no warning', () => {
    const { violations } = new AwsSolutionsChecks(s.app).validateScope(s.app);
    expect(violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  test('every acknowledgement sits on a resource, not a stack, and gives a real reason', () => {
    const acks = acknowledgements(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z]+[0-9]+/);
      expect(ack.reason.length).toBeGreaterThan(60);
      expect(Stack.isStack(ack.construct)).toBe(false);
    }
  });
});

test('cdk-nag 3 adds no construct annotations (so Annotations-based checks would be vacuous)', () => {
  const s = synthOnce('dev defaults');
  for (const stack of [s.stateful, s.stateless]) {
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  }
}, 120_000);

test('production-size config drops the dev-size acknowledgements', () => {
  const s = synthOnce('production-size search domain');
  const ids = acknowledgements(s.app).map((a) => a.id);
  expect(ids).not.toContain('AwsSolutions-OS4');
  expect(ids).not.toContain('AwsSolutions-OS7');
  s.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
    ClusterConfig: Match.objectLike({
      ZoneAwarenessEnabled: true,
      ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
      InstanceCount: 2,
      DedicatedMasterEnabled: true,
      DedicatedMasterCount: 3,
    }),
  });
}, 120_000);

test('the plugin is wired: an unacknowledged violation fails synth', () => {
  const { app, stateless } = createCsdlApp({
    context: { ...cdkJsonContext(), 'csdl:skipBundling': true },
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'csdl-nag-')),
  });
  new Bucket(stateless, 'InsecureProbe');
  expect(() => app.synth()).toThrow(/InsecureProbe[\s\S]*AwsSolutions-S10/);
}, 120_000);
