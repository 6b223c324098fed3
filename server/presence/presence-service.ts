/**
 * Presence for one server process: its own visitors' lifecycle (connect, join, live poses, flood guards, profile and
 * booth changes, leave, reconnect grace) and what they may ask of the replica of everyone (PresenceRoster). The fixed
 * tick and the other processes' side live in PresenceTicker (presence-ticker.ts), which this drives and which reads
 * this process's visitors through LocalSide. It knows nothing of Socket.IO: it talks through a PresenceOutbox (the
 * adapter in server/realtime implements it) and is driven by plain calls with the current time, so it is testable
 * without a network or timers.
 *
 * The pieces live beside it: presence-ticker (the tick, the rooms' batches and the peers), pose-segments (a tick's
 * bytes, the phases and each room's batch), room-views (who is in which room and what each room has yet to be told),
 * profile-memory (which profiles a connection already has), peer-sync (what processes send each other),
 * local-visitor (what a process keeps of its own visitors) and verified-identity (what a visitor may claim).
 */
import {
  type AvatarInfo,
  type AvatarProfile,
  type KnownAvatar,
  MAX_AVATAR_ID,
  PresenceErrorCode,
  type PresenceSummary,
  parseWirePose,
  type WirePose,
} from '../../shared/presence';
import { cellOf, cellsAdjacent, clampToRect, neighbourCells, viewDelta } from '../../shared/presence-cells';
import { FloodGuard, type FloodVerdict, POSE_LIMITS, PRESENCE_EVENT_LIMITS } from './flood-guard';
import { type Connection, type LocalVisitor, livePose, placeholder } from './local-visitor';
import { MovementClamp } from './movement-clamp';
import { type PeerTick, SyncMessage } from './peer-sync';
import { ALL_PHASES } from './pose-segments';
import type { PresenceLayout } from './presence-layout';
import type { EnterPayload, PresenceOutbox } from './presence-outbox';
import { type AvatarRecord, PresenceRoster } from './presence-roster';
import { PresenceTicker } from './presence-ticker';
import { ProfileMemory } from './profile-memory';
import { identityKeyHash, type VerifiedIdentity, weakerRole } from './verified-identity';

// Callers (the Socket.IO adapter, identity resolver, tests) import these from here, as before the split.
export { identityKeyHash, type PeerTick, type PresenceOutbox, SyncMessage, type VerifiedIdentity };

export interface PresenceServiceOptions {
  serverId: string;
  outbox: PresenceOutbox;
  layout: PresenceLayout;
  /** A process not heard from for this long has its visitors dropped (default 4 s: removed within 5 s). */
  ownerTimeoutMs?: number;
  /** Whether other processes share the hall (roster changes and poses are sent to them each tick). */
  multiProcess?: boolean;
  random?: () => number;
}

const ERROR_INTERVAL_MS = 1000;

export class PresenceService {
  readonly roster = new PresenceRoster();
  private readonly local = new Map<number, LocalVisitor>();
  private readonly localByKey = new Map<string, LocalVisitor>();
  private readonly connections = new Map<string, Connection>();
  private readonly serverId: string;
  private readonly outbox: PresenceOutbox;
  private readonly random: () => number;
  private layout: PresenceLayout;
  /** The tick and the other processes' side (the rooms' batches, the peers, the heartbeats, the summary). */
  private readonly ticker: PresenceTicker;

  constructor(options: PresenceServiceOptions) {
    this.serverId = options.serverId;
    this.outbox = options.outbox;
    this.layout = options.layout;
    this.random = options.random ?? Math.random;
    this.ticker = new PresenceTicker({
      serverId: this.serverId,
      outbox: this.outbox,
      roster: this.roster,
      local: {
        byId: this.local,
        byKey: this.localByKey,
        connections: this.connections,
        remove: (v) => this.removeLocal(v),
        dropQuietly: (v) => this.dropLocalQuietly(v),
        info: (r) => this.info(r),
      },
      ownerTimeoutMs: options.ownerTimeoutMs ?? 4000,
      multiProcess: options.multiProcess ?? false,
    });
  }

  setLayout(layout: PresenceLayout): void {
    this.layout = layout;
  }

  /** Local visitors with a live connection. */
  get localCount(): number {
    return this.local.size;
  }

  connect(connId: string, now: number): void {
    this.connections.set(connId, {
      poseGuard: new FloodGuard(POSE_LIMITS, now),
      eventGuard: new FloodGuard(PRESENCE_EVENT_LIMITS, now),
      visitor: null,
      lastErrorAt: -Infinity,
      roomCell: null,
      profiles: new ProfileMemory(),
    });
  }

  /** Flood check for an acknowledged presence event; `cut` disconnects. */
  allowEvent(connId: string, now: number): FloodVerdict {
    const conn = this.connections.get(connId);
    if (!conn) return 'drop';
    const verdict = conn.eventGuard.hit(now);
    this.reactToVerdict(connId, conn, verdict, now);
    return verdict;
  }

  /** Enters the hall or, for a known identity, takes its avatar over (reconnect: no duplicate). */
  join(
    connId: string,
    identityKey: string,
    profile: AvatarProfile,
    pose: WirePose,
    identity: VerifiedIdentity,
    now: number,
  ): ({ selfId: number } & EnterPayload) | null {
    const conn = this.connections.get(connId);
    if (!conn) return null;
    const keyHash = identityKeyHash(identityKey);
    const shown: AvatarProfile = { ...profile, role: weakerRole(profile.role, identity.role) };
    const at = clampToRect(pose[0], pose[1], this.layout.walkable);
    const wire: WirePose = [at.x, at.z, pose[2]];
    const cell = cellOf(at.x, at.z);

    if (conn.visitor && conn.visitor.record.keyHash !== keyHash) {
      // The same connection joins as someone else (the identity changed): leave first.
      this.leave(connId);
    }
    let visitor = conn.visitor ?? this.localByKey.get(keyHash);
    if (visitor) {
      if (visitor.connId !== null && visitor.connId !== connId) this.detach(visitor.connId, true);
      this.moveRoom(connId, cell);
      visitor.connId = connId;
      visitor.goneAt = null;
    } else {
      const id = this.roster.idForKey(keyHash) ?? this.newId();
      visitor = {
        record: this.roster.get(id) ?? placeholder(id, keyHash, this.serverId),
        connId,
        x: at.x,
        z: at.z,
        h: pose[2],
        due: ALL_PHASES,
        turnDue: ALL_PHASES,
        clamp: new MovementClamp(at.x, at.z, now),
        goneAt: null,
        allowedRole: identity.role,
      };
      this.local.set(id, visitor);
      this.localByKey.set(keyHash, visitor);
      this.moveRoom(connId, cell);
    }
    conn.visitor = visitor;
    visitor.allowedRole = identity.role;
    visitor.x = at.x;
    visitor.z = at.z;
    visitor.h = pose[2];
    visitor.due = ALL_PHASES;
    visitor.turnDue = ALL_PHASES;
    visitor.clamp.reset(at.x, at.z, now);
    const record: AvatarRecord = {
      id: visitor.record.id,
      keyHash,
      profile: shown,
      boothId: visitor.record.boothId,
      staffOf: identity.staffOf,
      pose: wire,
      cell,
      zoneId: this.layout.zoneAt(at.x / 100, at.z / 100),
      owner: this.serverId,
    };
    this.commit(visitor, record);
    const inView = this.roster.inView(cell).filter((r) => r.id !== record.id);
    return { selfId: record.id, ...this.enterPayload(conn, inView) };
  }

  /** A volatile pose: flood-checked, parsed, clamped, stored for the next tick. */
  pose(connId: string, raw: unknown, now: number): void {
    const conn = this.connections.get(connId);
    if (!conn) return;
    const verdict = conn.poseGuard.hit(now);
    if (verdict !== 'ok') {
      this.reactToVerdict(connId, conn, verdict, now);
      return;
    }
    const wire = parseWirePose(raw);
    if (!wire) {
      this.malformed(connId, 'presence:pose', now);
      return;
    }
    // Poses racing the join's acknowledgement are ignored, not punished.
    const v = conn.visitor;
    if (!v) return;
    const p = v.clamp.move(wire[0], wire[1], now, this.layout.walkable);
    if (p.x === v.x && p.z === v.z && wire[2] === v.h) return;
    if (wire[2] !== v.h) v.turnDue = ALL_PHASES;
    v.x = p.x;
    v.z = p.z;
    v.h = wire[2];
    v.due = ALL_PHASES;
    const cell = cellOf(p.x, p.z);
    const zoneId = this.layout.zoneAt(p.x / 100, p.z / 100);
    if (cell !== v.record.cell) {
      // Rooms that now see it may complete it from a cached profile and this batch alone: give them the heading.
      v.turnDue = ALL_PHASES;
      this.changeCell(v, connId, cell, zoneId);
    } else if (zoneId !== v.record.zoneId) {
      this.commit(v, { ...v.record, zoneId, pose: [p.x, p.z, v.h] });
    }
  }

  /** A malformed payload: a coded error, and after repeated ones the connection is cut. */
  malformed(connId: string, event: string, now: number): void {
    const conn = this.connections.get(connId);
    if (!conn) return;
    const verdict = conn.poseGuard.strike(now);
    if (verdict === 'cut') {
      this.outbox.error(connId, PresenceErrorCode.INVALID_PAYLOAD, 'Too many malformed messages; disconnected.');
      this.outbox.disconnect(connId);
      return;
    }
    if (now - conn.lastErrorAt >= ERROR_INTERVAL_MS) {
      conn.lastErrorAt = now;
      this.outbox.error(connId, PresenceErrorCode.INVALID_PAYLOAD, `Invalid ${event} payload`);
    }
  }

  setProfile(connId: string, profile: AvatarProfile): boolean {
    const v = this.connections.get(connId)?.visitor;
    if (!v) return false;
    const shown = { ...profile, role: weakerRole(profile.role, v.allowedRole) };
    this.commit(v, { ...v.record, profile: shown });
    return true;
  }

  setBooth(connId: string, boothId: string | null): boolean {
    const v = this.connections.get(connId)?.visitor;
    if (!v) return false;
    if (v.record.boothId !== boothId) this.commit(v, { ...v.record, boothId });
    return true;
  }

  /** Who is at a booth, and which of its staff are online anywhere in the hall. */
  boothPeople(boothId: string): { visitors: AvatarInfo[]; staff: AvatarInfo[] } {
    const visitors: AvatarInfo[] = [];
    const staff: AvatarInfo[] = [];
    for (const r of this.roster.records.values()) {
      if (r.staffOf.includes(boothId)) staff.push(this.info(r));
      else if (r.boothId === boothId && visitors.length < 100) visitors.push(this.info(r));
    }
    return { visitors, staff };
  }

  /** Profiles by id, limited to what the asker can see (its view), so ids cannot be used to track people. */
  who(connId: string, ids: readonly number[]): AvatarInfo[] {
    const conn = this.connections.get(connId);
    const v = conn?.visitor;
    if (!conn || !v) return [];
    const visible = new Set(neighbourCells(v.record.cell));
    const out: AvatarInfo[] = [];
    for (const id of ids) {
      const r = this.roster.get(id);
      if (r && visible.has(r.cell)) {
        conn.profiles.remember(r);
        out.push(this.info(r));
      }
    }
    return out;
  }

  /** The visitor leaves on purpose: removed for everyone now. */
  leave(connId: string): void {
    const conn = this.connections.get(connId);
    const v = conn?.visitor;
    if (!conn || !v) return;
    conn.visitor = null;
    this.moveRoom(connId, null);
    v.connId = null;
    this.removeLocal(v);
  }

  /** The connection closed: `left` removes now; `dropped` keeps the avatar for the reconnect grace. */
  disconnected(connId: string, how: 'left' | 'dropped', now: number): void {
    const conn = this.connections.get(connId);
    if (conn) this.moveRoom(connId, null);
    this.connections.delete(connId);
    const v = conn?.visitor;
    if (!v || v.connId !== connId) return;
    v.connId = null;
    if (how === 'left') this.removeLocal(v);
    else v.goneAt = now;
  }

  // The tick and the other processes' side: PresenceTicker's (see there).

  /** One tick, of phase `tickNo % TICK_PHASES` (by default the one after the last). */
  tick(now: number, tickNo?: number): { batches: number; avatars: number } {
    return this.ticker.tick(now, tickNo);
  }

  /** With other processes: sends the last tick's batches; returns how many were sent. */
  flush(now: number): number {
    return this.ticker.flush(now);
  }

  /** Another process's tick `tickNo` (roster changes and poses); returns the batches sent now. */
  applyPeerTick(sync: readonly SyncMessage[], tickNo: number, poses: Uint8Array, now: number): number {
    return this.ticker.applyPeerTick(sync, tickNo, poses, now);
  }

  /** Applies another process's roster change and tells this process's connections what it means for them. */
  applySync(message: SyncMessage, now: number): void {
    this.ticker.applySync(message, now);
  }

  /** This process's visitors, as the messages a process that just started needs. */
  ownedState(): SyncMessage[] {
    return this.ticker.ownedState();
  }

  /** After this process's link to the others came back: its whole state to them with the next tick. */
  reannounce(): void {
    this.ticker.reannounce();
  }

  /** Per-zone and per-booth counts from the whole roster. */
  summary(): PresenceSummary {
    return this.ticker.summary();
  }

  // -------------------------------------------------------------------------------------------------------------

  private changeCell(v: LocalVisitor, connId: string, cell: number, zoneId: string | null): void {
    const from = v.record.cell;
    const self = v.record.id;
    const conn = this.connections.get(connId);
    // What the old room has not been told yet is this connection's to know now (it will not get that room's batch).
    const unsent = conn?.roomCell != null ? this.ticker.rooms.pendingOf(conn.roomCell) : undefined;
    this.moveRoom(connId, cell);
    const { entered, left } = viewDelta(from, cell);
    const coming = this.roster.inCells(entered).filter((r) => r.id !== self);
    const going = this.roster
      .inCells(left)
      .filter((r) => r.id !== self)
      .map((r) => r.id);
    if (unsent) {
      for (const id of unsent.enter) {
        const r = this.roster.get(id);
        if (r && id !== self && cellsAdjacent(cell, r.cell) && !coming.includes(r)) coming.push(r);
      }
      for (const id of unsent.exit) {
        const r = this.roster.get(id);
        if ((!r || !cellsAdjacent(cell, r.cell)) && !going.includes(id)) going.push(id);
      }
    }
    if (conn && coming.length > 0) this.outbox.enter(connId, this.enterPayload(conn, coming));
    if (going.length > 0) this.outbox.exit(connId, { ids: going });
    this.commit(v, { ...v.record, cell, zoneId, pose: [v.x, v.z, v.h] });
  }

  /** Stores a local visitor's new record, tells local viewers, and replicates it. */
  private commit(v: LocalVisitor, record: AvatarRecord): void {
    const previous = this.roster.upsert(record);
    v.record = record;
    this.ticker.notifyChange(previous, record);
    this.ticker.sync({ t: 'up', r: record });
  }

  /** An enter payload for one connection: full profiles only for what it was not sent before. */
  private enterPayload(conn: Connection, records: readonly AvatarRecord[]): EnterPayload {
    const avatars: AvatarInfo[] = [];
    const known: KnownAvatar[] = [];
    for (const r of records) {
      if (conn.profiles.remember(r)) known.push(this.known(r));
      else avatars.push(this.info(r));
    }
    return known.length > 0 ? { avatars, known } : { avatars };
  }

  /** Moves a connection to the room of `to` (null: none), keeping the viewers-by-cell index. */
  private moveRoom(connId: string, to: number | null): void {
    const conn = this.connections.get(connId);
    if (!conn) return;
    const from = conn.roomCell;
    if (from === to) return;
    this.ticker.rooms.move(connId, from, to);
    conn.roomCell = to;
    this.outbox.moveConnection(connId, from, to);
  }

  private removeLocal(v: LocalVisitor): void {
    this.local.delete(v.record.id);
    if (this.localByKey.get(v.record.keyHash) === v) this.localByKey.delete(v.record.keyHash);
    const removed = this.roster.remove(v.record.id);
    if (!removed) return;
    this.ticker.rooms.queueExit(neighbourCells(removed.cell), removed.id);
    this.ticker.sync({ t: 'rm', id: removed.id, owner: this.serverId });
  }

  /** Forget a local visitor that another process now carries (no exit for anyone). */
  private dropLocalQuietly(v: LocalVisitor): void {
    this.local.delete(v.record.id);
    if (this.localByKey.get(v.record.keyHash) === v) this.localByKey.delete(v.record.keyHash);
    if (v.connId !== null) this.detach(v.connId, true);
  }

  /** Unbinds a connection from its visitor; `replaced` tells that socket why and closes it. */
  private detach(connId: string, replaced: boolean): void {
    const conn = this.connections.get(connId);
    if (conn?.visitor) {
      this.moveRoom(connId, null);
      if (conn.visitor.connId === connId) conn.visitor.connId = null;
      conn.visitor = null;
    }
    if (replaced) {
      this.outbox.error(connId, PresenceErrorCode.REPLACED, 'You are now in the hall from another connection.');
      this.outbox.disconnect(connId);
    }
  }

  private reactToVerdict(connId: string, conn: Connection, verdict: FloodVerdict, now: number): void {
    if (verdict === 'ok') return;
    if (verdict === 'cut') {
      this.outbox.error(connId, PresenceErrorCode.RATE_LIMITED, 'Too many messages; disconnected.');
      this.outbox.disconnect(connId);
      return;
    }
    if (now - conn.lastErrorAt >= ERROR_INTERVAL_MS) {
      conn.lastErrorAt = now;
      this.outbox.error(connId, PresenceErrorCode.RATE_LIMITED, 'Slow down: messages are being dropped.');
    }
  }

  private info(r: AvatarRecord): AvatarInfo {
    const v = this.local.get(r.id);
    return PresenceRoster.info(r, v ? livePose(v) : r.pose);
  }

  private known(r: AvatarRecord): KnownAvatar {
    const v = this.local.get(r.id);
    return v ? [r.id, v.x, v.z, v.h] : [r.id, r.pose[0], r.pose[1], r.pose[2]];
  }

  private newId(): number {
    for (;;) {
      const id = 1 + Math.floor(this.random() * MAX_AVATAR_ID);
      if (!this.roster.get(id) && !this.local.has(id)) return id;
    }
  }
}
