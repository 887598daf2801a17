/** Lambda entry: import split queue → one message per đề mục file. */
import { awsImportContext } from '../_shared/import-context';
import { create } from './app';

export const handler = create(awsImportContext('codification-import-split'));
