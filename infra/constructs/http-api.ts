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
  HttpRoute,
  HttpRouteKey,
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
  /** The functions of `routes` (routes of other stacks are added there with addRoute). */
  readonly functions: Partial<Record<FunctionName, IFunction>>;
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
  /** The Cognito JWT authorizer of the non-public routes (one per API, whichever stack a route is in). */
  readonly authorizer: HttpJwtAuthorizer;
  private readonly integrations = new Map<FunctionName, HttpLambdaIntegration>();

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

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', issuerUrl(props.userPool), {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    for (const def of props.routes) {
      const fn = props.functions[def.fn];
      if (!fn) throw new Error(`route ${def.method} ${def.path}: no function ${def.fn} in this stack`);
      this.addRoute(this, def, fn);
    }
  }

  /**
   * One route of the table to its function, in `scope`: this construct for the stateless stack's functions, another
   * stack for a family of functions kept apart (infra/stacks/follow-stack.ts), whose routes, integrations and invoke
   * permissions then live in that stack. Non-public routes get the JWT authorizer.
   */
  addRoute(scope: Construct, def: RouteDef, fn: IFunction): HttpRoute {
    // One integration per function, shared by its routes.
    let integration = this.integrations.get(def.fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${def.fn}-integration`, fn, { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 });
      this.integrations.set(def.fn, integration);
    }
    const route = new HttpRoute(scope, `${def.method}${def.path}`, {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(def.path, HttpMethod[def.method]),
      integration,
      ...(def.access === 'public' ? {} : { authorizer: this.authorizer }),
    });
    if (def.access === 'public')
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        `${def.method} ${def.path} is public by design (ARCHITECTURE.md §6: anyone may read the national legal database); it is throttled at the stage and writes are never public.`,
      );
    this.routes.push({ def, routes: [route] });
    return route;
  }

  /** Where the API answers: its custom domain when it has one (the execute-api endpoint is then disabled). */
  get url(): string {
    return this.customDomain ? `https://${this.customDomain}/` : this.stage.url;
  }
}

function issuerUrl(userPool: IUserPool): string {
  return `https://cognito-idp.${userPool.stack.region}.amazonaws.com/${userPool.userPoolId}`;
}
