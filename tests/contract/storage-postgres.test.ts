import { openFreshPostgres } from '../support/database';
import { postgresUrl, serviceOrSkip } from '../support/services';
import { describeStorageContract } from './storage-contract';

describeStorageContract('PostgreSQL', async () => {
  const url = await serviceOrSkip('PostgreSQL', postgresUrl());
  return url ? openFreshPostgres(url) : undefined;
});
