/** Who is acting: the account's role and organisation membership, read fresh for every write that checks rights. */
import { eq } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { Db } from '../db/database';
import { accounts } from '../db/schema';
import { DomainError } from '../errors';

export interface Actor {
  id: string;
  role: 'visitor' | 'exhibitor' | 'organiser';
  organisationId: string | null;
  orgRole: 'owner' | 'admin' | 'staff' | null;
  /** A guest has no email and password yet. */
  guest: boolean;
}

/** The acting account, or UNAUTHENTICATED when there is none. */
export async function loadActor(db: Db, accountId: string | null | undefined): Promise<Actor> {
  if (!accountId) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please log in first.');
  const [row] = await db
    .select({
      id: accounts.id,
      role: accounts.role,
      organisationId: accounts.organisationId,
      orgRole: accounts.orgRole,
      email: accounts.email,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please log in first.');
  return {
    id: row.id,
    role: row.role,
    organisationId: row.organisationId,
    orgRole: row.orgRole,
    guest: row.email === null,
  };
}
