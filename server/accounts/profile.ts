/** A person's profile: read and update their own. */
import { eq } from 'drizzle-orm';
import type { ProfileUpdateBody, ProfileView } from '../../shared/accounts';
import { ErrorCode } from '../../shared/errors';
import type { Db } from '../db/database';
import { accounts, organisations } from '../db/schema';
import { DomainError } from '../errors';

export async function readProfile(db: Db, accountId: string): Promise<ProfileView> {
  const [row] = await db
    .select({ account: accounts, orgName: organisations.name })
    .from(accounts)
    .leftJoin(organisations, eq(accounts.organisationId, organisations.id))
    .where(eq(accounts.id, accountId));
  if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such account.');
  const a = row.account;
  return {
    id: a.id,
    email: a.email,
    role: a.role,
    guest: a.email === null,
    organisation:
      a.organisationId && row.orgName ? { id: a.organisationId, name: row.orgName, orgRole: a.orgRole } : null,
    displayName: a.displayName,
    company: a.company,
    jobTitle: a.jobTitle,
    country: a.country,
    timeZone: a.timeZone,
    languages: a.languages,
    interests: a.interests,
    needTags: a.needTags,
    offerTags: a.offerTags,
    needsText: a.needsText,
    offersText: a.offersText,
    shareContact: a.shareContact,
    avatarColor: a.avatarColor,
  };
}

/** Updates the fields given; anything not given stays. */
export async function updateProfile(db: Db, accountId: string, body: ProfileUpdateBody): Promise<ProfileView> {
  const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length > 0) {
    await db.update(accounts).set(changes).where(eq(accounts.id, accountId));
  }
  return readProfile(db, accountId);
}
