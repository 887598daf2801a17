import { DomainError } from '../../domain/errors';
import { PUBLIC_DOCX_LIMITS } from '../../domain/parse/formats';
import { lintFile } from '../../domain/services/lint';
import { LintRequest } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'lint', body: LintRequest }, async ({ body }) => {
    const bytes = body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : Buffer.from(body.content, 'utf8');
    if (body.encoding === 'base64' && bytes.byteLength === 0) throw new DomainError('validation', 'content is not valid base64');
    // A public route: anyone may send a DOCX, so it is read within the lower, anonymous budget (issue 22).
    const report = await lintFile(body.fileName, bytes, body.strict ?? false, PUBLIC_DOCX_LIMITS);
    const { number, type, title, issued } = report.metadata;
    return json({ metadata: { number, type, title, issued }, diagnostics: report.diagnostics, errors: report.errors, warnings: report.warnings });
  });
