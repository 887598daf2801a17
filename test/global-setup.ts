/**
 * Jest globalSetup (integration project): start DynamoDB Local, s3rver and OpenSearch on
 * 127.0.0.1 and publish their endpoints to the test workers through the environment.
 * Engines are required: there is no skip switch.
 */
import { type EngineName, type RunningEngines, startEngines, writeEndpointsFile } from './engines';

export const ENGINES_HANDLE = '__csdlTestEngines';

export const ENDPOINT_VARS: Record<EngineName, string> = {
  dynamodb: 'CSDL_TEST_DYNAMODB_ENDPOINT',
  s3: 'CSDL_TEST_S3_ENDPOINT',
  opensearch: 'CSDL_TEST_OPENSEARCH_ENDPOINT',
};

export default async function globalSetup(): Promise<void> {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.AWS_REGION ??= 'ap-southeast-1';

  const running = await startEngines();
  (globalThis as Record<string, unknown>)[ENGINES_HANDLE] = running;

  // Workers are forked after globalSetup and inherit this environment.
  const { endpoints } = running;
  for (const [name, variable] of Object.entries(ENDPOINT_VARS) as [EngineName, string][]) {
    const url = endpoints[name];
    if (url) process.env[variable] = url;
  }
  writeEndpointsFile(endpoints);
}

export function enginesHandle(): RunningEngines | undefined {
  return (globalThis as Record<string, unknown>)[ENGINES_HANDLE] as RunningEngines | undefined;
}
