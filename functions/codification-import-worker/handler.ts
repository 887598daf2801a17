/** Lambda entry: import file queue → one đề mục imported and recorded on its job. */
import { awsImportContext } from '../_shared/import-context';
import { create } from './app';

export const handler = create(awsImportContext('codification-import-worker'));
