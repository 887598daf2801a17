/**
 * The web UI on AWS: the static pages of web/ in a private bucket behind CloudFront (origin access control), with
 * the HTTP API behind the same domain (`/v1/*`, `/eli/*`, `/mcp`, `/health`, `/openapi.json`), so the pages call the API same-origin
 * exactly as they do on the local runtime. Redeployable: the bucket holds nothing but a copy of web/.
 */
import * as path from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { ROUTES } from '../../schemas/routes';
import { WEB_CSP } from '../../schemas/web-csp';
import type { EdgeConfig } from '../config';
import { EdgeFirewall } from '../constructs/edge-firewall';
import { acknowledge, acknowledgeStarResourceActions, acknowledgeWildcardResources } from '../nag';

export interface WebStackProps extends StackProps {
  /** `https://<id>.execute-api.<region>.amazonaws.com/` of the HTTP API ($default stage). */
  readonly apiUrl: string;
  readonly stage: string;
  /**
   * The front door (required for prod): the national domain with TLS 1.2+, the WAF web ACL, and the API's custom
   * domain as origin (its execute-api endpoint is disabled). This stack is then in us-east-1.
   */
  readonly edge?: EdgeConfig;
}

const WEB_ROOT = path.resolve(__dirname, '..', '..', 'web');
/** The API paths CloudFront forwards to API Gateway; everything else is a page of web/. */
export const API_PATHS = ['/v1/*', '/eli/*', '/mcp', '/health', '/openapi.json'] as const;
/**
 * GET routes that need an identity (the reviewers' reads: `/v1/quality`, `/v1/codification/imports/*`). CloudFront
 * passes a GET's Authorization header to the origin only when the behavior does not cache, so these paths get their
 * own uncached behavior, placed before `/v1/*`; public reads keep the origin's Cache-Control.
 */
export const IDENTIFIED_GET_PATHS: readonly string[] = [
  ...new Set(ROUTES.filter((r) => r.method === 'GET' && r.access !== 'public').map((r) => r.path.replace(/\{[^}]+\}/g, '*'))),
];

export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  readonly firewall?: EdgeFirewall;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    this.logs = new Bucket(this, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Versioned (checkov CKV_AWS_21, ADR 0021): the access records are part of the audit trail; a delete leaves the
      // record as a noncurrent version for 30 days instead of removing it for good.
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-logs',
          expiration: Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        // S3 refuses an expired-object-delete-marker rule beside a Days expiration in the same rule.
        { id: 'expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.logs,
      'AwsSolutions-S1',
      'This bucket receives the CloudFront and web-bucket access logs; logging it into itself would loop. Its objects expire after 365 days.',
    );

    this.bucket = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'pages/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The pages' headers: the same Content-Security-Policy as the local runtime (no inline script or style), HSTS,
    // no sniffing, no framing.
    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'CSDLQG pháp luật pages: CSP without unsafe-inline, HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: WEB_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
    });
    const edge = props.edge;
    this.firewall = edge ? new EdgeFirewall(this, 'Firewall', { stage: props.stage, rateLimit: edge.rateLimit, lintRateLimit: edge.lintRateLimit }) : undefined;
    const apiDomain = edge ? edge.apiDomain : Fn.select(2, Fn.split('/', props.apiUrl));
    const api = new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY });
    const apiBehavior = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // The API's own ETag and Cache-Control decide; query strings and identity reach it.
      cachePolicy: CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'CSDLQG pháp luật: web UI and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      ...(edge && this.firewall
        ? {
            domainNames: [edge.webDomain],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', edge.webCertificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            webAclId: this.firewall.webAcl.attrArn,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
      },
      additionalBehaviors: Object.fromEntries([
        // First match wins: the identified reads before `/v1/*`.
        ...IDENTIFIED_GET_PATHS.map((p) => [
          p,
          { ...apiBehavior, cachePolicy: CachePolicy.CACHING_DISABLED, originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER },
        ]),
        ...API_PATHS.map((p) => [p, apiBehavior]),
      ]),
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The national legal database is public by law for everyone, in Viet Nam and abroad (overseas Vietnamese, foreign investors): no country is blocked.',
    );
    if (!edge) {
      // A stage without a front door (dev): the configuration refuses stage prod without one (infra/config.ts).
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'A development stage without web:domainName has no WAF web ACL (a CloudFront web ACL lives in us-east-1 with the front door); writes need a Cognito identity and the API stage is throttled; stage prod refuses to synthesize without the front door (docs/adr/0009).',
      );
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'A development stage without web:domainName is served on the default *.cloudfront.net certificate, whose TLS policy cannot be raised; stage prod refuses to synthesize without the national domain and its certificate (TLSv1.2_2021, docs/adr/0009).',
      );
    }

    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(WEB_ROOT, { exclude: ['README.md', 'package.json'] })],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    // The CDK's own copy function (a singleton custom resource, run only while deploying): its role and runtime.
    const copier = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!copier) throw new Error('BucketDeployment created no copy function: the acknowledgements below would be dangling');
    const copying = 'The CDK BucketDeployment copy function, which runs only while deploying,';
    for (const [id, reason] of [
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        `${copying} writes its logs with the AWS managed basic execution policy.`,
      ],
      ['AwsSolutions-IAM5[Action::s3:GetObject*]', `${copying} reads the uploaded web/ asset (object key chosen by the CDK at synthesis).`],
      ['AwsSolutions-IAM5[Action::s3:GetBucket*]', `${copying} reads the location of the asset and pages buckets.`],
      ['AwsSolutions-IAM5[Action::s3:List*]', `${copying} lists the pages bucket to delete pages no longer in web/.`],
      ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', `${copying} deletes pages no longer in web/ from this pages bucket only.`],
      ['AwsSolutions-IAM5[Action::s3:Abort*]', `${copying} aborts its own unfinished multipart uploads to the pages bucket.`],
      ['AwsSolutions-L1', `${copying} uses the runtime aws-cdk-lib chooses for it.`],
    ] as const)
      acknowledge(copier, id, reason);
    // Resource::* per action: only the invalidation calls aws-cdk-lib grants on `*`.
    acknowledgeStarResourceActions(copier, {
      'cloudfront:CreateInvalidation': `${copying} invalidates this distribution after each deployment (granted on * by aws-cdk-lib).`,
      'cloudfront:GetInvalidation': `${copying} waits for that invalidation to finish (granted on * by aws-cdk-lib).`,
    });
    acknowledgeWildcardResources(
      copier,
      [this.bucket.arnForObjects('*'), `arn:${this.partition}:s3:::cdk-hnb659fds-assets-${this.account}-${this.region}/*`],
      `${copying} writes any page of web/ into this pages bucket and reads its zip from the CDK bootstrap asset bucket (keys known only at deployment).`,
    );
  }
}
