/**
 * Everyone in the hall, across all server processes: each process keeps this replica, updated by its own visitors
 * and by the other processes' sync messages. Indexed by cell (who is near whom) and by identity key (reconnects).
 */
import type { AvatarInfo, AvatarProfile, WirePose } from '../../shared/presence';
import { neighbourCells } from '../../shared/presence-cells';

export interface AvatarRecord {
  id: number;
  /** A hash of the visitor's identity (account or per-tab visitorId); never sent to clients. */
  keyHash: string;
  profile: AvatarProfile;
  boothId: string | null;
  staffOf: string[];
  /** Last replicated pose; the owning process has the live one. */
  pose: WirePose;
  cell: number;
  zoneId: string | null;
  /** The server process whose socket carries this visitor. */
  owner: string;
}

const shownKeys = new WeakMap<AvatarRecord, string>();

/**
 * What others see of a record besides its pose (profile, booth, staff booths) as one string: equal keys mean a client
 * that has one version's profile needs nothing more. Records are replaced, never changed, so the key is kept per record.
 */
export function shownKey(record: AvatarRecord): string {
  let key = shownKeys.get(record);
  if (key === undefined) {
    const p = record.profile;
    key = JSON.stringify([p.displayName, p.country, p.avatarColor, p.role, record.boothId, record.staffOf]);
    shownKeys.set(record, key);
  }
  return key;
}

export class PresenceRoster {
  readonly records = new Map<number, AvatarRecord>();
  private readonly byCell = new Map<number, Set<number>>();
  private readonly byKey = new Map<string, number>();

  get size(): number {
    return this.records.size;
  }

  get(id: number): AvatarRecord | undefined {
    return this.records.get(id);
  }

  idForKey(keyHash: string): number | undefined {
    return this.byKey.get(keyHash);
  }

  /** Whether anyone (on any process) stands in `cell`. */
  occupied(cell: number): boolean {
    return (this.byCell.get(cell)?.size ?? 0) > 0;
  }

  /** Inserts or replaces a record; returns the one it replaced. */
  upsert(record: AvatarRecord): AvatarRecord | undefined {
    const previous = this.records.get(record.id);
    if (previous) {
      if (previous.cell !== record.cell) this.removeFromCell(previous.id, previous.cell);
      if (previous.keyHash !== record.keyHash) this.byKey.delete(previous.keyHash);
    }
    // The same identity under another id (two processes raced on a reconnect): the newer record wins.
    const sameKey = this.byKey.get(record.keyHash);
    if (sameKey !== undefined && sameKey !== record.id) this.remove(sameKey);
    this.records.set(record.id, record);
    this.byKey.set(record.keyHash, record.id);
    let cell = this.byCell.get(record.cell);
    if (!cell) {
      cell = new Set();
      this.byCell.set(record.cell, cell);
    }
    cell.add(record.id);
    return previous;
  }

  remove(id: number): AvatarRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    this.records.delete(id);
    if (this.byKey.get(record.keyHash) === id) this.byKey.delete(record.keyHash);
    this.removeFromCell(id, record.cell);
    return record;
  }

  /** Records in the 3×3 view around `cell`. */
  inView(cell: number): AvatarRecord[] {
    return this.inCells(neighbourCells(cell));
  }

  inCells(cells: readonly number[]): AvatarRecord[] {
    const out: AvatarRecord[] = [];
    for (const c of cells) {
      const ids = this.byCell.get(c);
      if (!ids) continue;
      for (const id of ids) out.push(this.records.get(id)!);
    }
    return out;
  }

  idsInCell(cell: number): ReadonlySet<number> | undefined {
    return this.byCell.get(cell);
  }

  /** Records owned by `owner`. */
  ownedBy(owner: string): AvatarRecord[] {
    return [...this.records.values()].filter((r) => r.owner === owner);
  }

  /** A fresh AvatarInfo with `pose` (the live pose where the caller has it). */
  static info(record: AvatarRecord, pose: WirePose = record.pose): AvatarInfo {
    return { id: record.id, ...record.profile, boothId: record.boothId, staffOf: record.staffOf, pose };
  }

  private removeFromCell(id: number, cell: number): void {
    const ids = this.byCell.get(cell);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) this.byCell.delete(cell);
  }
}
