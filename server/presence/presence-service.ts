/**
 * Presence for one server process: its own visitors (live poses, flood guards, reconnect grace), the replica of
 * everyone (PresenceRoster), and the fixed tick that sends each cell's changed poses once. It knows nothing of
 * Socket.IO: it talks through a PresenceOutbox (the adapter in server/realtime implements it) and is driven by plain
 * calls with the current time, so it is testable without a network or timers.
 *
 * Across processes: once a tick each process sends the others one PeerTick: its roster changes (join, leave, cell,
 * zone, profile, booth) as SyncMessages and its visitors' encoded pose segments. Every process sends pose batches
 * only to its own sockets (one batch per occupied cell room), so no cell broadcast crosses Redis, and tells its own
 * sockets what came into or went out of their view. A process that stops sending heartbeats has its visitors
 * dropped.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../../shared/domain';
import {
  type AvatarInfo,
  AvatarProfile,
  BoothId,
  CELL_STRIDE,
  cellOf,
  cellsAdjacent,
  clampToRect,
  type KnownAvatar,
  MAX_AVATAR_ID,
  MAX_SEGMENT_ENTRIES,
  neighbourCells,
  POSE_BATCH_HEADER_BYTES,
  POSE_ENTRY_BYTES,
  POSE_ENTRY_BYTES_NO_HEADING,
  PRESENCE_TICK_MS,
  PROFILES_REMEMBERED_PER_CONNECTION,
  PresenceErrorCode,
  type PresenceSummary,
  parseWirePose,
  RECONNECT_GRACE_MS,
  segmentHeaderBytes,
  type ViewChanges,
  viewDelta,
  WirePose,
  writePoseBatchHeader,
  writePoseEntry,
  writeSegmentHeader,
} from '../../shared/presence';
import { FloodGuard, type FloodVerdict, POSE_LIMITS, PRESENCE_EVENT_LIMITS } from './flood-guard';
import { MovementClamp } from './movement-clamp';
import type { PresenceLayout } from './presence-layout';
import { type AvatarRecord, PresenceRoster, shownKey } from './presence-roster';

/** Server-to-server messages that keep every process's roster in step. */
export const SyncMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('up'),
    r: z.object({
      id: z.number().int().min(1).max(MAX_AVATAR_ID),
      keyHash: z.string().max(64),
      profile: AvatarProfile,
      boothId: BoothId.nullable(),
      staffOf: z.array(BoothId),
      pose: WirePose,
      cell: z.number().int(),
      zoneId: z.string().nullable(),
      owner: z.string(),
    }),
  }),
  z.object({ t: z.literal('rm'), id: z.number().int(), owner: z.string() }),
  z.object({ t: z.literal('hb'), owner: z.string() }),
]);
export type SyncMessage = z.infer<typeof SyncMessage>;

/** What a process sends the others once a tick: roster changes, then its visitors' pose segments (peer format). */
export interface PeerTick {
  sync: SyncMessage[];
  /**
   * Repeated: uint32 cell, uint16 `count | headings << 15`, `count` pose entries (as in a batch); empty when none
   * moved.
   */
  poses: Uint8Array;
}

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

/** One cell's encoded pose entries for a tick, all with headings or all without. */
interface Segment {
  cell: number;
  count: number;
  headings: boolean;
  bytes: Uint8Array;
}

/** What a connection is allowed to claim, decided by the server (accounts), not by the client. */
export interface VerifiedIdentity {
  /** The strongest role this connection may show. */
  role: Role;
  staffOf: string[];
}

interface LocalVisitor {
  record: AvatarRecord;
  connId: string | null;
  x: number;
  z: number;
  h: number;
  /** The heading last sent in a batch (-1: send it next time); entries without a change leave it out. */
  hSent: number;
  dirty: boolean;
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
  /**
   * Profiles this connection was sent: avatar id → `shownKey` of what it got, least recently sent first, at most
   * PROFILES_REMEMBERED_PER_CONNECTION (the client's ProfileCache mirrors it).
   */
  profilesSent: Map<number, string>;
}

const HEARTBEAT_TICKS = 10;
const SUMMARY_TICKS = 20;
/** Every cell's full state is resent once a second (keyframe): heals lost volatile batches and shows idle avatars. */
const KEYFRAME_TICKS = 10;
const ERROR_INTERVAL_MS = 1000;

/** A stable, non-reversible key for an identity: reconnects find their avatar, other servers never see the id. */
export function identityKeyHash(identity: string): string {
  return createHash('sha256').update(identity).digest('base64url').slice(0, 32);
}

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
  private lastSummary = '';
  /** Roster changes waiting for the next PeerTick. */
  private pendingSync: SyncMessage[] = [];
  /** With other processes: this tick's own segments and the peers' that arrived, until `flush` sends them. */
  private pendingSegments: Segment[] = [];
  /** This process's connections by the cell room they are in (pose batches go to these rooms). */
  private readonly viewersByCell = new Map<number, Set<string>>();
  /** Per cell room with viewers: who came into its view and who left since the last batch (sent with the next). */
  private readonly pendingViews = new Map<number, { enter: Set<number>; exit: Set<number> }>();

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
      profilesSent: new Map(),
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
        hSent: -1,
        dirty: true,
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
    visitor.hSent = -1;
    visitor.dirty = true;
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
    v.x = p.x;
    v.z = p.z;
    v.h = wire[2];
    v.dirty = true;
    const cell = cellOf(p.x, p.z);
    const zoneId = this.layout.zoneAt(p.x / 100, p.z / 100);
    if (cell !== v.record.cell) {
      // Rooms that now see it may complete it from a cached profile and this batch alone: give them the heading.
      v.hSent = -1;
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
        this.profileSent(conn, r);
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

  /** One tick: expire dropped visitors, heartbeat, send each changed cell's poses once, the slow summary. */
  tick(now: number): { batches: number; avatars: number } {
    this.tickNo++;
    const tickNo = this.tickNo;
    if (tickNo % HEARTBEAT_TICKS === 0) {
      this.sync({ t: 'hb', owner: this.serverId });
      this.dropSilentOwners(now);
    }

    // Changed poses grouped by cell; every KEYFRAME_TICKS a cell also resends its visitors that did not move.
    const byCell = new Map<number, LocalVisitor[]>();
    let avatars = 0;
    for (const v of this.local.values()) {
      if (v.goneAt !== null) {
        if (now - v.goneAt >= RECONNECT_GRACE_MS) this.removeLocal(v);
        continue;
      }
      const cell = v.record.cell;
      if (!v.dirty && (cell + tickNo) % KEYFRAME_TICKS !== 0) continue;
      v.dirty = false;
      avatars++;
      const list = byCell.get(cell);
      if (list) list.push(v);
      else byCell.set(cell, [v]);
    }

    // Every entry is encoded once, into one buffer for the tick; segments are views of it. A cell's entries whose
    // heading did not change since the last batch leave it out, except in the cell's keyframe.
    const entries = new Uint8Array(avatars * POSE_ENTRY_BYTES);
    const view = new DataView(entries.buffer);
    const segments: Segment[] = [];
    let o = 0;
    for (const [cell, list] of byCell) {
      const keyframe = (cell + tickNo) % KEYFRAME_TICKS === 0;
      for (const headings of [true, false]) {
        let start = o;
        let count = 0;
        for (const v of list) {
          if ((keyframe || v.h !== v.hSent) !== headings) continue;
          o += writePoseEntry(view, o, cell, v.record.id, v.x, v.z, headings ? v.h : -1);
          if (++count === MAX_SEGMENT_ENTRIES) {
            segments.push({ cell, count, headings, bytes: entries.subarray(start, o) });
            start = o;
            count = 0;
          }
        }
        if (count > 0) segments.push({ cell, count, headings, bytes: entries.subarray(start, o) });
      }
      for (const v of list) v.hSent = v.h;
    }
    let batches = 0;
    if (this.multiProcess) {
      // Sent by `flush`, together with the other processes' poses of this tick.
      for (const seg of segments) this.pendingSegments.push(seg);
      const sync = this.pendingSync;
      this.pendingSync = [];
      if (sync.length > 0 || segments.length > 0) this.outbox.peers({ sync, poses: encodePeerPoses(segments) });
    } else {
      batches = this.sendBatches(now, segments);
    }
    if (tickNo % SUMMARY_TICKS === 0) this.sendSummary();
    return { batches, avatars };
  }

  /** With other processes: sends this tick's batches (own and peers' poses merged); returns how many were sent. */
  flush(now: number): number {
    const segments = this.pendingSegments;
    this.pendingSegments = [];
    return this.sendBatches(now, segments);
  }

  /** Another process's tick: its roster changes now; its poses go out with this process's next `flush`. */
  applyPeerTick(sync: readonly SyncMessage[], poses: Uint8Array, now: number): void {
    for (const m of sync) this.applySync(m, now);
    const segments = decodePeerPoses(poses);
    if (segments) for (const seg of segments) this.pendingSegments.push(seg);
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
      this.queueExit(neighbourCells(r.cell), r.id);
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
   * One batch per cell room of this process that has `segments` in its 3×3 view or view changes: the header, then
   * each segment with a header relative to that cell, base64-encoded once for the room. Returns the batches sent.
   */
  private sendBatches(now: number, segments: readonly Segment[]): number {
    const targets = new Map<number, Segment[]>();
    let total = 0;
    for (const seg of segments) {
      for (let dx = -1; dx <= 1; dx++) {
        for (let dz = -1; dz <= 1; dz++) {
          const target = seg.cell + dx * CELL_STRIDE + dz;
          if (!this.viewersByCell.has(target)) continue;
          const list = targets.get(target);
          if (list) list.push(seg);
          else {
            targets.set(target, [seg]);
            total += POSE_BATCH_HEADER_BYTES;
          }
          total += segmentHeaderBytes(seg.count) + seg.bytes.byteLength;
        }
      }
    }
    const out = Buffer.allocUnsafe(total);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    let o = 0;
    for (const [target, list] of targets) {
      const start = o;
      writePoseBatchHeader(view, o, now, target);
      o += POSE_BATCH_HEADER_BYTES;
      for (const seg of list) {
        o += writeSegmentHeader(view, o, target, seg.cell, seg.count, seg.headings);
        out.set(seg.bytes, o);
        o += seg.bytes.byteLength;
      }
      // Encoded once per room: Socket.IO then frames the text once for all its sockets (see shared/presence.ts).
      this.outbox.poses(target, out.toString('base64', start, o), this.viewChanges(target));
    }
    let sent = targets.size;
    for (const target of this.pendingViews.keys()) {
      if (targets.has(target)) continue;
      const changes = this.viewChanges(target);
      if (changes) {
        this.outbox.poses(target, '', changes);
        sent++;
      }
    }
    this.pendingViews.clear();
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
    const unsent = conn?.roomCell != null ? this.pendingViews.get(conn.roomCell) : undefined;
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
      this.queueEnter(neighbourCells(record.cell), record.id);
      return;
    }
    const shownChanged = shownKey(previous) !== shownKey(record);
    if (previous.cell !== record.cell) {
      const { entered, left } = viewDelta(previous.cell, record.cell);
      if (shownChanged) this.queueEnter(neighbourCells(record.cell), record.id);
      else if (entered.length > 0) this.queueEnter(entered, record.id);
      if (left.length > 0) this.queueExit(left, record.id);
    } else if (shownChanged) {
      this.queueEnter(neighbourCells(record.cell), record.id);
    }
  }

  /** Avatar `id` came into the view of `cells` (or changed): told with their rooms' next batch. */
  private queueEnter(cells: readonly number[], id: number): void {
    for (const cell of cells) {
      const pending = this.pendingView(cell);
      if (!pending) continue;
      pending.exit.delete(id);
      pending.enter.add(id);
    }
  }

  /** Avatar `id` left the view of `cells` (or the hall): told with their rooms' next batch. */
  private queueExit(cells: readonly number[], id: number): void {
    for (const cell of cells) {
      const pending = this.pendingView(cell);
      if (!pending) continue;
      pending.enter.delete(id);
      pending.exit.add(id);
    }
  }

  /** A room's pending view changes; none for a room nobody on this process is in. */
  private pendingView(cell: number): { enter: Set<number>; exit: Set<number> } | undefined {
    if (!this.viewersByCell.has(cell)) return undefined;
    let pending = this.pendingViews.get(cell);
    if (!pending) {
      pending = { enter: new Set(), exit: new Set() };
      this.pendingViews.set(cell, pending);
    }
    return pending;
  }

  /**
   * The changes a room's batch carries. An avatar that came into view goes in full only if some socket in the room
   * lacks its current profile (all of them are then sent it); otherwise its pose in the batch is enough.
   */
  private viewChanges(target: number): ViewChanges | null {
    const pending = this.pendingViews.get(target);
    const viewers = this.viewersByCell.get(target);
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
        if (!this.profileSent(conn, r, key)) someoneLacks = true;
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
      if (this.profileSent(conn, r)) known.push(this.known(r));
      else avatars.push(this.info(r));
    }
    return known.length > 0 ? { avatars, known } : { avatars };
  }

  /**
   * Notes that `conn` is sent `record`'s profile now (most recently sent last); returns whether it had this version
   * already (then only its id need be sent).
   */
  private profileSent(conn: Connection, record: AvatarRecord, key = shownKey(record)): boolean {
    const sent = conn.profilesSent;
    const had = sent.get(record.id) === key;
    sent.delete(record.id);
    sent.set(record.id, key);
    if (sent.size > PROFILES_REMEMBERED_PER_CONNECTION) sent.delete(sent.keys().next().value!);
    return had;
  }

  /** Moves a connection to the room of `to` (null: none), keeping the viewers-by-cell index. */
  private moveRoom(connId: string, to: number | null): void {
    const conn = this.connections.get(connId);
    if (!conn) return;
    const from = conn.roomCell;
    if (from === to) return;
    if (from !== null) {
      const viewers = this.viewersByCell.get(from);
      viewers?.delete(connId);
      if (viewers?.size === 0) this.viewersByCell.delete(from);
    }
    if (to !== null) {
      let viewers = this.viewersByCell.get(to);
      if (!viewers) {
        viewers = new Set();
        this.viewersByCell.set(to, viewers);
      }
      viewers.add(connId);
    }
    conn.roomCell = to;
    this.outbox.moveConnection(connId, from, to);
  }

  private removeLocal(v: LocalVisitor): void {
    this.local.delete(v.record.id);
    if (this.localByKey.get(v.record.keyHash) === v) this.localByKey.delete(v.record.keyHash);
    const removed = this.roster.remove(v.record.id);
    if (!removed) return;
    this.queueExit(neighbourCells(removed.cell), removed.id);
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
        this.queueExit(neighbourCells(r.cell), r.id);
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

const ROLE_RANK: Record<Role, number> = { visitor: 0, exhibitor: 1, organiser: 2 };

/** A client may show a weaker role than it has (an organiser walking as a visitor), never a stronger one. */
function weakerRole(claimed: Role, allowed: Role): Role {
  return ROLE_RANK[claimed] <= ROLE_RANK[allowed] ? claimed : allowed;
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

const PEER_SEGMENT_HEADER_BYTES = 6;

/** Local segments in the peer format (absolute cell keys, so the receiver can place them around any of its cells). */
function encodePeerPoses(segments: readonly Segment[]): Uint8Array {
  let total = 0;
  for (const seg of segments) total += PEER_SEGMENT_HEADER_BYTES + seg.bytes.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const seg of segments) {
    view.setUint32(o, seg.cell, true);
    view.setUint16(o + 4, seg.count | (seg.headings ? 0x8000 : 0), true);
    out.set(seg.bytes, o + PEER_SEGMENT_HEADER_BYTES);
    o += PEER_SEGMENT_HEADER_BYTES + seg.bytes.byteLength;
  }
  return out;
}

/** The peer format back into segments (views, no copy); null if malformed. */
function decodePeerPoses(bytes: Uint8Array): Segment[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments: Segment[] = [];
  let o = 0;
  while (o < bytes.byteLength) {
    if (o + PEER_SEGMENT_HEADER_BYTES > bytes.byteLength) return null;
    const cell = view.getUint32(o, true);
    const head = view.getUint16(o + 4, true);
    const count = head & MAX_SEGMENT_ENTRIES;
    const headings = head >= 0x8000;
    const end = o + PEER_SEGMENT_HEADER_BYTES + count * (headings ? POSE_ENTRY_BYTES : POSE_ENTRY_BYTES_NO_HEADING);
    if (end > bytes.byteLength) return null;
    segments.push({ cell, count, headings, bytes: bytes.subarray(o + PEER_SEGMENT_HEADER_BYTES, end) });
    o = end;
  }
  return segments;
}

/** Exported for tests and the adapter: the tick period. */
export const TICK_MS = PRESENCE_TICK_MS;
