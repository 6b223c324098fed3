/**
 * Presence for one server process: its own visitors (live poses, flood guards, reconnect grace), the replica of
 * everyone (PresenceRoster), and the fixed tick that sends each cell's changed poses once to the rooms that see it.
 * Rooms take turns in TICK_PHASES phases (pose-segments.ts): a tick serves one phase, so each room still gets a batch
 * every PRESENCE_TICK_MS while a tick writes to only a share of the sockets. It knows nothing of Socket.IO: it talks
 * through a PresenceOutbox (the adapter in server/realtime implements it) and is driven by plain calls with the
 * current time, so it is testable without a network or timers.
 *
 * Across processes: once a tick each process sends the others one PeerTick: its roster changes (join, leave, cell,
 * zone, profile, booth) as SyncMessages and its visitors' pose segments for that tick's phase (what the rooms of
 * that phase have not been sent); ticks are numbered by the wall clock, so every process agrees on the phase. Every
 * process sends pose batches only to its own sockets (one batch per occupied cell room), so no cell broadcast crosses
 * Redis, and tells its own sockets what came into or went out of their view. A process that stops sending heartbeats
 * has its visitors dropped.
 *
 * The pieces live beside it: pose-segments (a tick's bytes, the phases and each room's batch), room-views (who is in
 * which room and what each room has yet to be told), profile-memory (which profiles a connection already has),
 * peer-sync (what processes send each other) and verified-identity (what a visitor may claim).
 */
import type { Role } from '../../shared/domain';
import {
  type AvatarInfo,
  type AvatarProfile,
  cellOf,
  cellsAdjacent,
  clampToRect,
  type KnownAvatar,
  MAX_AVATAR_ID,
  neighbourCells,
  PresenceErrorCode,
  type PresenceSummary,
  parseWirePose,
  RECONNECT_GRACE_MS,
  type ViewChanges,
  viewDelta,
  type WirePose,
} from '../../shared/presence';
import { FloodGuard, type FloodVerdict, POSE_LIMITS, PRESENCE_EVENT_LIMITS } from './flood-guard';
import { MovementClamp } from './movement-clamp';
import { decodePeerPoses, encodePeerPoses, type PeerTick, SyncMessage } from './peer-sync';
import {
  ALL_PHASES,
  buildRoomBatches,
  encodeTickSegments,
  isKeyframe,
  phaseOf,
  type Segment,
  TICK_PHASES,
} from './pose-segments';
import type { PresenceLayout } from './presence-layout';
import { type AvatarRecord, PresenceRoster, shownKey } from './presence-roster';
import { ProfileMemory } from './profile-memory';
import { RoomViews } from './room-views';
import { identityKeyHash, type VerifiedIdentity, weakerRole } from './verified-identity';

// Callers (the Socket.IO adapter, identity resolver, tests) import these from here, as before the split.
export { identityKeyHash, type PeerTick, SyncMessage, type VerifiedIdentity };

type EnterPayload = { avatars: AvatarInfo[]; known?: KnownAvatar[] };
type ExitPayload = { ids: number[] };

/** How the service reaches connections and other processes. */
export interface PresenceOutbox {
  enter(connId: string, payload: EnterPayload): void;
  exit(connId: string, payload: ExitPayload): void;
  /**
   * A tick's pose batch (base64 text, see shared/presence.ts; may be empty) to this process's connections in `cell`,
   * with the changes of their view: volatile (a late batch is useless) unless it carries changes.
   */
  poses(cell: number, batch: string, changes: ViewChanges | null): void;
  /** Moves a connection's cell room (null: none). */
  moveConnection(connId: string, from: number | null, to: number | null): void;
  error(connId: string, code: PresenceErrorCode, message: string): void;
  disconnect(connId: string): void;
  /** To the other processes, once a tick (only when `multiProcess`). */
  peers(tick: PeerTick): void;
  summary(summary: PresenceSummary): void;
}

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

interface LocalVisitor {
  record: AvatarRecord;
  connId: string | null;
  x: number;
  z: number;
  h: number;
  /** The phases (a bit each) whose rooms have not been sent this visitor's latest pose. */
  due: number;
  /** The phases whose rooms have not been sent its latest heading (entries of the others leave it out). */
  turnDue: number;
  clamp: MovementClamp;
  /** When the connection dropped (the avatar stays for the reconnect grace). */
  goneAt: number | null;
  /** The strongest role the server allows this visitor to show. */
  allowedRole: Role;
}

interface Connection {
  poseGuard: FloodGuard;
  eventGuard: FloodGuard;
  visitor: LocalVisitor | null;
  lastErrorAt: number;
  /** The cell room the connection is in (null: none). */
  roomCell: number | null;
  /** Profiles this connection was sent (the client's ProfileCache mirrors it). */
  profiles: ProfileMemory;
}

/** Ticks (a phase each) between heartbeats to the other processes: one a second. */
const HEARTBEAT_TICKS = 10 * TICK_PHASES;
/** Ticks between head-count summaries: one every two seconds. */
const SUMMARY_TICKS = 20 * TICK_PHASES;
const ERROR_INTERVAL_MS = 1000;

export class PresenceService {
  readonly roster = new PresenceRoster();
  private readonly local = new Map<number, LocalVisitor>();
  private readonly localByKey = new Map<string, LocalVisitor>();
  private readonly connections = new Map<string, Connection>();
  private readonly lastHeard = new Map<string, number>();
  private readonly serverId: string;
  private readonly outbox: PresenceOutbox;
  private readonly random: () => number;
  private readonly ownerTimeoutMs: number;
  private layout: PresenceLayout;
  private readonly multiProcess: boolean;
  private tickNo = 0;
  /** The last tick whose batches went out (with other processes, a tick's flush follows it). */
  private flushedTickNo = -1;
  private lastSummary = '';
  /** Roster changes waiting for the next PeerTick. */
  private pendingSync: SyncMessage[] = [];
  /**
   * With other processes, by phase: this process's segments and the peers' that arrived, until `flush` sends them to
   * the rooms of that phase (a peer's segments that arrive after their phase's flush go with its next one).
   */
  private readonly pendingSegments: Segment[][] = Array.from({ length: TICK_PHASES }, () => []);
  /** This process's connections by cell room, and each room's view changes waiting for its next batch. */
  private readonly rooms = new RoomViews();

  constructor(options: PresenceServiceOptions) {
    this.serverId = options.serverId;
    this.outbox = options.outbox;
    this.layout = options.layout;
    this.random = options.random ?? Math.random;
    this.ownerTimeoutMs = options.ownerTimeoutMs ?? 4000;
    this.multiProcess = options.multiProcess ?? false;
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

  /**
   * One tick, of phase `tickNo % TICK_PHASES`: expire dropped visitors, heartbeat, send each changed cell's poses once
   * to the rooms of this phase, the slow summary. `tickNo` counts ticks (the socket layer derives it from the wall
   * clock, so processes agree on the phase); by default the one after the last.
   */
  tick(now: number, tickNo = this.tickNo + 1): { batches: number; avatars: number } {
    this.tickNo = tickNo;
    const phase = tickNo % TICK_PHASES;
    const bit = 1 << phase;
    const round = Math.floor(tickNo / TICK_PHASES);
    if (tickNo % HEARTBEAT_TICKS === 0) {
      this.sync({ t: 'hb', owner: this.serverId });
      this.dropSilentOwners(now);
    }

    // Poses this phase's rooms have not had, grouped by cell; in its keyframe round a cell also resends its visitors
    // that did not move.
    const byCell = new Map<number, LocalVisitor[]>();
    let avatars = 0;
    for (const v of this.local.values()) {
      if (v.goneAt !== null) {
        if (now - v.goneAt >= RECONNECT_GRACE_MS) this.removeLocal(v);
        continue;
      }
      const cell = v.record.cell;
      if ((v.due & bit) === 0 && !isKeyframe(cell, round)) continue;
      avatars++;
      const list = byCell.get(cell);
      if (list) list.push(v);
      else byCell.set(cell, [v]);
    }

    const segments = encodeTickSegments(
      byCell,
      avatars,
      (v, cell) => (v.turnDue & bit) !== 0 || isKeyframe(cell, round),
    );
    for (const list of byCell.values()) {
      for (const v of list) {
        v.due &= ~bit;
        v.turnDue &= ~bit;
      }
    }
    let batches = 0;
    if (this.multiProcess) {
      // Sent by `flush`, together with the other processes' poses of this phase.
      for (const seg of segments) this.pendingSegments[phase]!.push(seg);
      const sync = this.pendingSync;
      this.pendingSync = [];
      // Sent even when empty: the others wait for every process's tick of a phase before sending its batches.
      this.outbox.peers({ sync, tick: tickNo, poses: encodePeerPoses(segments) });
    } else {
      batches = this.sendBatches(now, segments, phase);
    }
    if (tickNo % SUMMARY_TICKS === 0) this.sendSummary();
    return { batches, avatars };
  }

  /**
   * With other processes: sends the last tick's batches (this process's and the peers' poses of its phase merged);
   * returns how many were sent.
   */
  flush(now: number): number {
    const phase = this.tickNo % TICK_PHASES;
    const segments = this.pendingSegments[phase]!;
    this.pendingSegments[phase] = [];
    this.flushedTickNo = this.tickNo;
    return this.sendBatches(now, segments, phase);
  }

  /**
   * Another process's tick `tickNo`: its roster changes now; its poses, encoded for the rooms of that tick's phase, go
   * out with this process's flush of that tick. If that flush has gone already (the peer's tick came later than the
   * wait for it), they go out now in batches of their own: kept for the phase's next flush, they would wait a whole
   * round. A whole round late, they are dropped (the keyframes heal what they held). Returns the batches sent now.
   */
  applyPeerTick(sync: readonly SyncMessage[], tickNo: number, poses: Uint8Array, now: number): number {
    for (const m of sync) this.applySync(m, now);
    const segments = decodePeerPoses(poses);
    if (!segments || segments.length === 0) return 0;
    const phase = tickNo % TICK_PHASES;
    if (tickNo <= this.flushedTickNo - TICK_PHASES) return 0; // a round late: its phase's rooms have had newer poses
    if (tickNo <= this.flushedTickNo) return this.sendBatches(now, segments, phase);
    const pending = this.pendingSegments[phase]!;
    for (const seg of segments) pending.push(seg);
    return 0;
  }

  /** Applies another process's roster change and tells this process's connections what it means for them. */
  applySync(message: SyncMessage, now: number): void {
    if (message.t === 'hb') {
      this.lastHeard.set(message.owner, now);
      return;
    }
    if (message.t === 'rm') {
      const r = this.roster.get(message.id);
      if (!r || r.owner !== message.owner || message.owner === this.serverId) return;
      this.lastHeard.set(message.owner, now);
      this.roster.remove(r.id);
      this.rooms.queueExit(neighbourCells(r.cell), r.id);
      return;
    }
    const record: AvatarRecord = { ...message.r };
    if (record.owner === this.serverId) return;
    this.lastHeard.set(record.owner, now);
    // Our visitor reconnected to another process: hand it over quietly (no leave for the others).
    const mine = this.local.get(record.id) ?? this.localByKey.get(record.keyHash);
    if (mine) this.dropLocalQuietly(mine);
    const previous = this.roster.upsert(record);
    this.notifyChange(previous, record);
  }

  /** This process's visitors, as the messages a process that just started needs. */
  ownedState(): SyncMessage[] {
    return [...this.local.values()].map((v) => ({ t: 'up' as const, r: { ...v.record, pose: this.livePose(v) } }));
  }

  /** Per-zone and per-booth counts from the whole roster. */
  summary(): PresenceSummary {
    const zones: Record<string, number> = {};
    const booths: Record<string, [number, number]> = {};
    for (const r of this.roster.records.values()) {
      if (r.zoneId) zones[r.zoneId] = (zones[r.zoneId] ?? 0) + 1;
      if (r.boothId) {
        const b = booths[r.boothId] ?? [0, 0];
        b[0]++;
        booths[r.boothId] = b;
      }
      for (const s of r.staffOf) {
        const b = booths[s] ?? [0, 0];
        b[1]++;
        booths[s] = b;
      }
    }
    return { total: this.roster.size, zones, booths };
  }

  // -------------------------------------------------------------------------------------------------------------

  /**
   * One batch per cell room of this process and of `phase` that has `segments` in its 3×3 view or view changes, each
   * carrying the room's view changes. Returns the batches sent.
   */
  private sendBatches(now: number, segments: readonly Segment[], phase: number): number {
    const rooms = this.rooms;
    const sentTo = buildRoomBatches(
      now,
      segments,
      (cell) => rooms.hasViewers(cell) && phaseOf(cell) === phase,
      (target, batch) => this.outbox.poses(target, batch, this.viewChanges(target)),
    );
    let sent = sentTo.size;
    for (const target of rooms.pendingCells()) {
      if (phaseOf(target) !== phase) continue;
      if (!sentTo.has(target)) {
        const changes = this.viewChanges(target);
        if (changes) {
          this.outbox.poses(target, '', changes);
          sent++;
        }
      }
      rooms.told(target);
    }
    return sent;
  }

  /** Queues a roster change for the other processes (sent with the next tick). */
  private sync(message: SyncMessage): void {
    if (this.multiProcess) this.pendingSync.push(message);
  }

  private changeCell(v: LocalVisitor, connId: string, cell: number, zoneId: string | null): void {
    const from = v.record.cell;
    const self = v.record.id;
    const conn = this.connections.get(connId);
    // What the old room has not been told yet is this connection's to know now (it will not get that room's batch).
    const unsent = conn?.roomCell != null ? this.rooms.pendingOf(conn.roomCell) : undefined;
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
    this.notifyChange(previous, record);
    this.sync({ t: 'up', r: record });
  }

  /** Enter/exit for this process's connections after a record changed. */
  private notifyChange(previous: AvatarRecord | undefined, record: AvatarRecord): void {
    if (!previous) {
      this.rooms.queueEnter(neighbourCells(record.cell), record.id);
      return;
    }
    const shownChanged = shownKey(previous) !== shownKey(record);
    if (previous.cell !== record.cell) {
      const { entered, left } = viewDelta(previous.cell, record.cell);
      if (shownChanged) this.rooms.queueEnter(neighbourCells(record.cell), record.id);
      else if (entered.length > 0) this.rooms.queueEnter(entered, record.id);
      if (left.length > 0) this.rooms.queueExit(left, record.id);
    } else if (shownChanged) {
      this.rooms.queueEnter(neighbourCells(record.cell), record.id);
    }
  }

  /**
   * The changes a room's batch carries. An avatar that came into view goes in full only if some socket in the room
   * lacks its current profile (all of them are then sent it); otherwise its pose in the batch is enough.
   */
  private viewChanges(target: number): ViewChanges | null {
    const pending = this.rooms.pendingOf(target);
    const viewers = this.rooms.viewers(target);
    if (!pending || !viewers) return null;
    const avatars: AvatarInfo[] = [];
    const exit: number[] = [];
    for (const id of pending.enter) {
      const r = this.roster.get(id);
      // Gone, or out of view again since: its exit is queued, or it was never seen.
      if (!r || !cellsAdjacent(target, r.cell)) continue;
      const key = shownKey(r);
      let someoneLacks = false;
      for (const connId of viewers) {
        const conn = this.connections.get(connId);
        if (!conn || conn.visitor?.record.id === id) continue;
        if (!conn.profiles.remember(r, key)) someoneLacks = true;
      }
      if (someoneLacks) avatars.push(this.info(r));
    }
    for (const id of pending.exit) {
      const r = this.roster.get(id);
      if (!r || !cellsAdjacent(target, r.cell)) exit.push(id);
    }
    if (avatars.length === 0 && exit.length === 0) return null;
    return { ...(avatars.length > 0 ? { avatars } : {}), ...(exit.length > 0 ? { exit } : {}) };
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
    this.rooms.move(connId, from, to);
    conn.roomCell = to;
    this.outbox.moveConnection(connId, from, to);
  }

  private removeLocal(v: LocalVisitor): void {
    this.local.delete(v.record.id);
    if (this.localByKey.get(v.record.keyHash) === v) this.localByKey.delete(v.record.keyHash);
    const removed = this.roster.remove(v.record.id);
    if (!removed) return;
    this.rooms.queueExit(neighbourCells(removed.cell), removed.id);
    this.sync({ t: 'rm', id: removed.id, owner: this.serverId });
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

  private dropSilentOwners(now: number): void {
    const silent = new Set<string>();
    for (const r of this.roster.records.values()) {
      if (r.owner === this.serverId) continue;
      const heard = this.lastHeard.get(r.owner);
      if (heard === undefined) this.lastHeard.set(r.owner, now);
      else if (now - heard > this.ownerTimeoutMs) silent.add(r.owner);
    }
    for (const owner of silent) {
      this.lastHeard.delete(owner);
      for (const r of this.roster.ownedBy(owner)) {
        this.roster.remove(r.id);
        this.rooms.queueExit(neighbourCells(r.cell), r.id);
      }
    }
  }

  private sendSummary(): void {
    const summary = this.summary();
    const text = JSON.stringify(summary);
    if (text === this.lastSummary) return;
    this.lastSummary = text;
    this.outbox.summary(summary);
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
    return PresenceRoster.info(r, v ? this.livePose(v) : r.pose);
  }

  private livePose(v: LocalVisitor): WirePose {
    return [v.x, v.z, v.h];
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

function placeholder(id: number, keyHash: string, owner: string): AvatarRecord {
  return {
    id,
    keyHash,
    profile: { displayName: '?', country: 'JP', avatarColor: '#000000', role: 'visitor' },
    boothId: null,
    staffOf: [],
    pose: [0, 0, 0],
    cell: Number.NaN,
    zoneId: null,
    owner,
  };
}
