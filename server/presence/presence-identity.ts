/**
 * What a connection may show in the hall, decided from its account: its role, and the booths it is staff of
 * (named in booth_staff, or every booth of its organisation for the organisation's members). Guests are visitors.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, boothStaff, booths } from '../db/schema';
import type { VerifiedIdentity } from './verified-identity';

export const GUEST_IDENTITY: VerifiedIdentity = { role: 'visitor', staffOf: [] };

export type IdentityResolver = (accountId: string | null) => Promise<VerifiedIdentity>;

export function databaseIdentityResolver(db: Db): IdentityResolver {
  return async (accountId) => {
    if (!accountId) return GUEST_IDENTITY;
    const [account] = await db
      .select({ role: accounts.role, organisationId: accounts.organisationId, orgRole: accounts.orgRole })
      .from(accounts)
      .where(eq(accounts.id, accountId))
      .limit(1);
    if (!account) return GUEST_IDENTITY;
    const staffOf = new Set<string>();
    const named = await db
      .select({ boothId: boothStaff.boothId })
      .from(boothStaff)
      .where(eq(boothStaff.accountId, accountId));
    for (const row of named) staffOf.add(row.boothId);
    if (account.organisationId && account.orgRole) {
      const own = await db
        .select({ id: booths.id })
        .from(booths)
        .where(eq(booths.organisationId, account.organisationId));
      for (const row of own) staffOf.add(row.id);
    }
    return { role: account.role, staffOf: [...staffOf].slice(0, 20) };
  };
}
