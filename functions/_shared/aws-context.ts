/** The AppContext of a Lambda: configuration read and clients built once per container, on first use. */
import { loadAwsConfig } from './config';
import type { AppContext } from './http';
import { createLogger } from './logger';
import { createAwsPorts } from './wiring';

export function awsAppContext(serviceName: string): AppContext {
  const config = loadAwsConfig();
  const ports = createAwsPorts(config);
  return {
    ports: async () => ports,
    logger: createLogger(serviceName),
    storeName: 'dynamodb',
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  };
}
