/**
 * The Amazon OpenSearch Service domain behind `GET /v1/search`.
 *
 * Not in a VPC, on purpose: the only clients are our Lambda functions and operators. Putting the domain in a VPC
 * would put the functions in it too, and then DynamoDB, S3, X-Ray and CloudWatch need VPC endpoints or a NAT gateway
 * (a fixed monthly cost larger than the dev domain itself) and every cold start pays for an ENI. Access is instead
 * closed by three locks that do not depend on the network: the domain policy only trusts IAM identities of this
 * account (every request is SigV4-signed), fine-grained access control maps each IAM role to an OpenSearch role,
 * and HTTPS with TLS 1.2+ is enforced. See infra/README.md for the role mapping.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import { AccountRootPrincipal, ArnPrincipal, CompositePrincipal, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, ResourcePolicy, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type CfnDomain, Domain, EngineVersion, TLSSecurityPolicy } from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import type { SearchDomainConfig } from '../config';
import { acknowledge, acknowledgeWildcardResources } from '../nag';

export interface SearchDomainProps {
  readonly stage: string;
  readonly config: SearchDomainConfig;
  readonly logRetention: RetentionDays;
}

/** The OpenSearch methods that an identity-based policy can grant (`es:ESHttp*` spelled out). */
export const ES_HTTP_ACTIONS = {
  read: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost'],
  write: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpDelete', 'es:ESHttpPatch'],
} as const;

export class SearchDomain extends Construct {
  readonly domain: Domain;
  /**
   * The fine-grained-access-control master user. The SearchAccessMapping custom resource runs as it to map the
   * function roles; the operator roles listed in `opensearch:adminPrincipals` (none by default) may assume it for
   * emergencies. No application function runs as it.
   */
  readonly adminRole: Role;

  constructor(scope: Construct, id: string, props: SearchDomainProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);
    // Named so the domain policy below can name the domain without referring to itself.
    const domainName = `csdl-${props.stage}`;
    const domainArn = stack.formatArn({ service: 'es', resource: 'domain', resourceName: domainName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });

    // Trusted by Lambda (the SearchAccessMapping custom resource runs as it) and by the operator roles named in
    // `opensearch:adminPrincipals`, never by the whole account.
    this.adminRole = new Role(this, 'AdminRole', {
      assumedBy: new CompositePrincipal(new ServicePrincipal('lambda.amazonaws.com'), ...config.adminPrincipals.map((arn) => new ArnPrincipal(arn))),
      description: `OpenSearch master user of ${domainName}: role mappings (deploy-time custom resource) and emergencies only`,
      maxSessionDuration: Duration.hours(1),
    });
    const adminResources = [`${domainArn}/*`];
    this.adminRole.addToPrincipalPolicy(new PolicyStatement({ actions: [...ES_HTTP_ACTIONS.write], resources: adminResources }));
    acknowledgeWildcardResources(
      this.adminRole,
      adminResources,
      'The OpenSearch master user administers every index and the security plugin API of its one domain; the wildcard is the path under that domain ARN only.',
    );

    const logGroup = (name: string) => new LogGroup(this, name, { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const slowSearchLogGroup = logGroup('SlowSearchLogs');
    const slowIndexLogGroup = logGroup('SlowIndexLogs');
    const appLogGroup = logGroup('AppLogs');
    const auditLogGroup = logGroup('AuditLogs');
    const logGroups = [slowSearchLogGroup, slowIndexLogGroup, appLogGroup, auditLogGroup];
    // Our own CloudWatch Logs resource policy (a plain AWS::Logs::ResourcePolicy) instead of the Domain construct's
    // default, which is a Lambda-backed custom resource with `logs:*ResourcePolicy` on `*`.
    const logsPolicy = new ResourcePolicy(this, 'LogsResourcePolicy', {
      resourcePolicyName: `${domainName}-opensearch-logs`,
      policyStatements: [
        new PolicyStatement({
          principals: [new ServicePrincipal('es.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: logGroups.map((group) => group.logGroupArn),
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account },
            ArnLike: { 'aws:SourceArn': domainArn },
          },
        }),
      ],
    });

    const dedicatedMasters = config.masterNodes > 0;
    this.domain = new Domain(this, 'Domain', {
      domainName,
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: {
        dataNodes: config.dataNodes,
        dataNodeInstanceType: config.instanceType,
        ...(dedicatedMasters ? { masterNodes: config.masterNodes, masterNodeInstanceType: config.masterInstanceType } : {}),
        // Standby needs three AZs and dedicated masters; not for the default size.
        multiAzWithStandbyEnabled: false,
      },
      ebs: { volumeSize: config.volumeGiB, volumeType: EbsDeviceVolumeType.GP3 },
      zoneAwareness: config.zoneAwareness ? { enabled: true, availabilityZoneCount: 2 } : { enabled: false },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2_PFS,
      fineGrainedAccessControl: { masterUserArn: this.adminRole.roleArn },
      logging: {
        slowSearchLogEnabled: true,
        slowSearchLogGroup,
        slowIndexLogEnabled: true,
        slowIndexLogGroup,
        appLogEnabled: true,
        appLogGroup,
        auditLogEnabled: true,
        auditLogGroup,
      },
      suppressLogsResourcePolicy: true,
      enableAutoSoftwareUpdate: true,
      offPeakWindowEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.domain.node.addDependency(logsPolicy);

    // The domain (resource) policy, set on the CloudFormation resource directly: the construct's `accessPolicies`
    // would deploy it through another Lambda-backed custom resource. Principal = this account, so a request passes
    // only if an identity policy of this account also allows it (least privilege is in the function roles), and
    // fine-grained access control then decides per index.
    const cfnDomain = this.domain.node.defaultChild as CfnDomain;
    cfnDomain.accessPolicies = new PolicyDocument({
      statements: [
        new PolicyStatement({
          principals: [new AccountRootPrincipal()],
          actions: [...ES_HTTP_ACTIONS.write],
          resources: [`${domainArn}/*`],
        }),
      ],
    }).toJSON();

    acknowledge(
      this.domain,
      'AwsSolutions-OS1',
      'Deliberately outside a VPC (see the header of infra/constructs/search-domain.ts): IAM-signed requests, a domain policy limited to this account, fine-grained access control and TLS 1.2+ protect it without VPC endpoints or a NAT gateway for every function.',
    );
    acknowledge(
      this.domain,
      'AwsSolutions-OS3',
      'Clients are Lambda functions without fixed source IPs; access is granted to IAM identities of this account (SigV4) instead of IP ranges.',
    );
    if (!dedicatedMasters) {
      acknowledge(
        this.domain,
        'AwsSolutions-OS4',
        'Dev-size default without dedicated masters; set -c opensearch:masterNodes=3 for production and this acknowledgement disappears.',
      );
    }
    if (!config.zoneAwareness) {
      acknowledge(
        this.domain,
        'AwsSolutions-OS7',
        'Dev-size default is one data node; set -c opensearch:zoneAwareness=true -c opensearch:dataNodes=2 (or more) for production and this acknowledgement disappears. The index can be rebuilt from DynamoDB by replaying the indexer.',
      );
    }
  }

  /** https://... endpoint for `OPENSEARCH_ENDPOINT`. */
  get endpointUrl(): string {
    return `https://${this.domain.domainEndpoint}`;
  }
}
