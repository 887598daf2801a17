/** The import ports of an AppContext (docs/adr/0010), for the codification import functions on any runtime. */
import type { ImportPorts } from '../../domain/ports';
import type { AppContext } from './http';

export async function importPortsOf(ctx: AppContext): Promise<ImportPorts> {
  if (!ctx.imports) throw new Error('This runtime has no codification import ports (AppContext.imports)');
  return ctx.imports();
}
