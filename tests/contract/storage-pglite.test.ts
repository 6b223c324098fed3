import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { accounts } from '../../server/db/schema';
import { seedDemoExpoIfEmpty } from '../../server/seed/seed-demo-expo';
import { openPgliteMemory } from '../support/database';
import { smallExpo } from '../support/small-expo';
import { describeStorageContract } from './storage-contract';

describeStorageContract('PGlite', openPgliteMemory);

describe('PGlite on disk', () => {
  it('keeps committed rows across a close and a reopen of the data directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'minato-pglite-'));
    try {
      const first = await openDatabase({ pgliteDir: dir });
      await seedDemoExpoIfEmpty(first.db, smallExpo());
      await first.close();
      const second = await openDatabase({ pgliteDir: dir });
      const rows = await second.db.select().from(accounts).where(eq(accounts.email, 'staff@wind-co.example'));
      await second.close();
      expect(rows).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
