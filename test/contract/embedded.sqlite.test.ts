/** The port contracts on the embedded default: SQLite (+FTS5) and files. */
import { join } from 'node:path';
import { FileBlobStore } from '../../adapters/files/blob-store';
import { openDatabase } from '../../adapters/sqlite/db';
import { SqliteSearchIndex } from '../../adapters/sqlite/search-index';
import { SqliteUnitRepository } from '../../adapters/sqlite/unit-repository';
import { SqliteWorkRepository } from '../../adapters/sqlite/work-repository';
import { SqliteCodificationRepository } from '../../adapters/sqlite/codification-repository';
import { blobStoreContract } from './blob-store.contract';
import { codificationRepositoryContract } from './codification-repository.contract';
import { linkRepositoryContract } from './link-repository.contract';
import { historyRepositoryContract } from './history-repository.contract';
import { SqliteHistoryRepository } from '../../adapters/sqlite/history-repository';
import { SqliteLinkRepository } from '../../adapters/sqlite/link-repository';
import { searchIndexContract } from './search-index.contract';
import { unitRepositoryContract } from './unit-repository.contract';
import { workRepositoryContract } from './work-repository.contract';
import { tempDir } from '../support/embedded';
import { draftRepositoryContract } from './draft-repository.contract';
import { SqliteDraftRepository } from '../../adapters/sqlite/draft-repository';
import { subscriptionRepositoryContract } from './subscription-repository.contract';
import { SqliteSubscriptionRepository } from '../../adapters/sqlite/subscription-repository';

const dir = tempDir('csdl-contract-');

workRepositoryContract('SQLite', async () => new SqliteWorkRepository(openDatabase(join(dir, 'works.sqlite'))));
blobStoreContract('files', async () => new FileBlobStore(join(dir, 'blobs')));
searchIndexContract('SQLite FTS5', async () => new SqliteSearchIndex(openDatabase(join(dir, 'search.sqlite'))));
unitRepositoryContract('SQLite', async () => new SqliteUnitRepository(openDatabase(join(dir, 'units.sqlite'))));
codificationRepositoryContract('SQLite', async () => new SqliteCodificationRepository(openDatabase(join(dir, 'codify.sqlite'))));
linkRepositoryContract('SQLite', async () => new SqliteLinkRepository(openDatabase(join(dir, 'links.sqlite'))));
historyRepositoryContract('SQLite', async () => new SqliteHistoryRepository(openDatabase(join(dir, 'history.sqlite'))));
draftRepositoryContract('SQLite', async () => new SqliteDraftRepository(openDatabase(join(dir, 'drafts.sqlite'))));
subscriptionRepositoryContract('SQLite', async () => new SqliteSubscriptionRepository(openDatabase(join(dir, 'subscriptions.sqlite'))));
