/** Jest globalTeardown (integration project): stop the engines started by global-setup.ts. */
import { ENGINES_HANDLE, enginesHandle } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const running = enginesHandle();
  delete (globalThis as Record<string, unknown>)[ENGINES_HANDLE];
  await running?.stop();
}
