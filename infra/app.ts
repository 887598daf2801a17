/** CDK entry point (`cdk.json`: `npx tsx infra/app.ts`). Settings come from context; see infra/config.ts. */
import { createCsdlApp } from './csdl-app';

createCsdlApp();
