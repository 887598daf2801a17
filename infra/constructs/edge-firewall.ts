/**
 * The WAF web ACL in front of CloudFront (issue #22): AWS's managed rules for bad inputs and known-bad addresses, a
 * rate limit per client address over every path, a tighter one on `POST /v1/lint` (the one public route that unpacks
 * uploads), both answered 429 with `Retry-After` in the API's problem shape; its log kept a year with the
 * Authorization header redacted. A CloudFront web ACL lives in us-east-1, as the web stack does when it has a front
 * door (infra/csdl-app.ts).
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeFirewallProps {
  readonly stage: string;
  /** Requests one address may make in any 5 minutes. */
  readonly rateLimit: number;
  /** `POST /v1/lint` requests one address may make in any 5 minutes. */
  readonly lintRateLimit: number;
}

/** The 5-minute window of both rate rules (WAF's evaluation window, seconds). */
export const RATE_WINDOW_S = 300;
const RETRY_AFTER_S = String(RATE_WINDOW_S / 5);
const RATE_LIMITED_BODY = 'rate-limited';

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const exactly = (field: CfnWebACL.FieldToMatchProperty, value: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: field, positionalConstraint: 'EXACTLY', searchString: value, textTransformations: [{ priority: 0, type: 'NONE' }] },
});

const managed = (priority: number, name: string, overrides: { name: string; why: string }[] = []): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(overrides.length ? { ruleActionOverrides: overrides.map((o) => ({ name: o.name, actionToUse: { count: {} } })) } : {}),
    },
  },
  visibilityConfig: visibility(name),
});

const tooMany: CfnWebACL.RuleActionProperty = {
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: RATE_LIMITED_BODY,
      responseHeaders: [{ name: 'retry-after', value: RETRY_AFTER_S }],
    },
  },
};

export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    if (Stack.of(this).region !== 'us-east-1') throw new Error(`a CloudFront web ACL must be created in us-east-1, not ${Stack.of(this).region}`);

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `csdl-${props.stage}-edge`,
      description: 'CSDLQG phap luat - managed rules and per-address rate limits in front of CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`csdl-${props.stage}-edge`),
      customResponseBodies: {
        [RATE_LIMITED_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: '/problems/rate-limited',
            title: 'Too many requests',
            status: 429,
            detail: `Too many requests from this address in 5 minutes; retry after ${RETRY_AFTER_S} seconds.`,
          }),
        },
      },
      rules: [
        managed(0, 'AWSManagedRulesAmazonIpReputationList'),
        managed(1, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managed(2, 'AWSManagedRulesCommonRuleSet', [
          // Documents are uploaded as JSON (base64) of several MB and drafts as DOCX: the API's own limits apply.
          { name: 'SizeRestrictions_BODY', why: 'uploads' },
          // A search question may be 1,000 Vietnamese characters, about 9 bytes each once percent-encoded.
          { name: 'SizeRestrictions_QUERYSTRING', why: 'long questions' },
        ]),
        {
          name: 'lint-per-address',
          priority: 3,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              limit: props.lintRateLimit,
              aggregateKeyType: 'IP',
              evaluationWindowSec: RATE_WINDOW_S,
              scopeDownStatement: {
                andStatement: { statements: [exactly({ method: {} }, 'POST'), exactly({ uriPath: {} }, '/v1/lint')] },
              },
            },
          },
          visibilityConfig: visibility('lint-per-address'),
        },
        {
          name: 'requests-per-address',
          priority: 4,
          action: tooMany,
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: RATE_WINDOW_S } },
          visibilityConfig: visibility('requests-per-address'),
        },
      ],
    });

    // WAF writes only to a log group whose name starts with aws-waf-logs-.
    this.logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-csdl-${props.stage}`,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the `:*` that LogGroup.logGroupArn carries (WAF refuses it).
      logDestinationConfigs: [
        Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
      // Who called is in the API's access log (the token's subject); the token itself is never written down.
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
  }
}
