/**
 * What a visitor may claim and how it is recognised: the server decides the role (from accounts), the client may
 * only show a weaker one, and reconnects find their avatar by a hash of the identity that other processes can share
 * without learning the account or visitor id.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../shared/domain';

/** What a connection is allowed to claim, decided by the server (accounts), not by the client. */
export interface VerifiedIdentity {
  /** The strongest role this connection may show. */
  role: Role;
  staffOf: string[];
}

/** A stable, non-reversible key for an identity: reconnects find their avatar, other servers never see the id. */
export function identityKeyHash(identity: string): string {
  return createHash('sha256').update(identity).digest('base64url').slice(0, 32);
}

const ROLE_RANK: Record<Role, number> = { visitor: 0, exhibitor: 1, organiser: 2 };

/** A client may show a weaker role than it has (an organiser walking as a visitor), never a stronger one. */
export function weakerRole(claimed: Role, allowed: Role): Role {
  return ROLE_RANK[claimed] <= ROLE_RANK[allowed] ? claimed : allowed;
}
