/**
 * The public HTTP API, built from the one route table (schemas/routes.ts). Routes whose access is not
 * `public` get the Cognito JWT authorizer (token validation only; handlers check `cognito:groups`); public routes get
 * none. Default-stage throttling, JSON access logs, CORS for the public GET routes.
 */
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName, RouteDef } from '../../schemas/routes';
import { acknowledge } from '../nag';

export interface CsdlHttpApiProps {
  readonly stage: string;
  readonly routes: readonly RouteDef[];
  readonly functions: Record<FunctionName, IFunction>;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly corsOrigins: string[];
  readonly throttleRate: number;
  readonly throttleBurst: number;
  /**
   * Where the access log goes. It lives in the stateful stack (RETAIN, a year): the audit trail of who called what
   * must survive destroying and redeploying this stack.
   */
  readonly accessLogs: ILogGroup;
  /**
   * The API's custom domain (issue #22). When set, the default `execute-api` endpoint is disabled: the API answers
   * only on this domain, with TLS 1.2, where CloudFront (and its WAF) sends it requests.
   */
  readonly customDomain?: { readonly name: string; readonly certificateArn: string };
}

/** HTTP API `$context` variables written to the access log, one JSON object per request. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  // The caller: the `sub` claim of the Cognito token the JWT authorizer validated (empty on public routes).
  caller: '$context.authorizer.claims.sub',
  userAgent: '$context.identity.userAgent',
};

export class CsdlHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: ILogGroup;
  readonly routes: { def: RouteDef; routes: HttpRoute[] }[] = [];
  readonly domainName?: DomainName;
  /** The custom domain's name as configured (a plain string: no cross-stack reference where it is used). */
  private readonly customDomain?: string;

  constructor(scope: Construct, id: string, props: CsdlHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      apiName: `csdl-${props.stage}`,
      description: 'CSDLQG pháp luật public API (v1)',
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.customDomain !== undefined,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.HEAD],
        allowHeaders: ['content-type', 'if-none-match', 'x-api-key'],
        exposeHeaders: ['etag', 'cache-control', 'link'],
        maxAge: Duration.days(1),
      },
    });

    this.accessLogs = props.accessLogs;
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRate, burstLimit: props.throttleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    if (props.customDomain) {
      this.customDomain = props.customDomain.name;
      this.domainName = new DomainName(this, 'Domain', {
        domainName: props.customDomain.name,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'Mapping', { api: this.api, domainName: this.domainName, stage: this.stage });
    }

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', issuerUrl(props.userPool), {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}-integration`, props.functions[name], {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const def of props.routes) {
      const routes = this.api.addRoutes({
        path: def.path,
        methods: [HttpMethod[def.method]],
        integration: integrationFor(def.fn),
        ...(def.access === 'public' ? {} : { authorizer }),
      });
      if (def.access === 'public') {
        for (const route of routes) {
          acknowledge(
            route,
            'AwsSolutions-APIG4',
            `${def.method} ${def.path} is public by design (ARCHITECTURE.md §6: anyone may read the national legal database); it is throttled at the stage and writes are never public.`,
          );
        }
      }
      this.routes.push({ def, routes });
    }
  }

  /** Where the API answers: its custom domain when it has one (the execute-api endpoint is then disabled). */
  get url(): string {
    return this.customDomain ? `https://${this.customDomain}/` : this.stage.url;
  }
}

function issuerUrl(userPool: IUserPool): string {
  return `https://cognito-idp.${userPool.stack.region}.amazonaws.com/${userPool.userPoolId}`;
}
