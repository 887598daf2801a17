/** Lambda entry: the AWS wiring (with the import job store) around the handler in app.ts. */
import { awsImportContext } from '../_shared/import-context';
import { create } from './app';

export const handler = create(awsImportContext('codification-imports-get'));
