/**
 * The fixed tick of one server process and its side towards the other processes. The tick sends each cell's changed
 * poses once to the rooms that see it, each batch carrying its room's view changes. Rooms take turns in TICK_PHASES
 * phases (pose-segments.ts): a tick serves one phase, so each room still gets a batch every PRESENCE_TICK_MS while a
 * tick writes to only a share of the sockets.
 *
 * Across processes: once a tick each process sends the others one PeerTick: its roster changes (join, leave, cell,
 * zone, profile, booth) as SyncMessages and its visitors' pose segments for that tick's phase (what the rooms of
 * that phase have not been sent); ticks are numbered by the wall clock, so every process agrees on the phase. Every
 * process sends pose batches only to its own sockets (one batch per occupied cell room), so no cell broadcast crosses
 * Redis, and tells its own sockets what came into or went out of their view. A process that stops sending heartbeats
 * has its visitors dropped.
 *
 * Kept apart from PresenceService (which keeps this process's own visitors and drives this) because only the tick
 * needs its state: the per-phase pending segments, the rooms' pending view changes, the roster changes waiting for the
 * next PeerTick and when each process was last heard. It reads the visitors only through LocalSide.
 */
import { type AvatarInfo, type PresenceSummary, RECONNECT_GRACE_MS, type ViewChanges } from '../../shared/presence';
import { cellsAdjacent, neighbourCells, viewDelta } from '../../shared/presence-cells';
import { type Connection, type LocalVisitor, livePose } from './local-visitor';
import { decodePeerPoses, encodePeerPoses, type SyncMessage } from './peer-sync';
import {
  buildRoomBatches,
  encodeTickSegments,
  headerOnlyBatch,
  isKeyframe,
  phaseOf,
  type Segment,
  TICK_PHASES,
} from './pose-segments';
import type { PresenceOutbox } from './presence-outbox';
import { type AvatarRecord, type PresenceRoster, shownKey } from './presence-roster';
import { RoomViews } from './room-views';

/**
 * What the ticker needs of this process's own visitors, which PresenceService keeps: it reads them (whose pose is due,
 * which profiles each connection has) and asks the service to let one go.
 */
export interface LocalSide {
  /** This process's visitors by avatar id. */
  readonly byId: ReadonlyMap<number, LocalVisitor>;
  /** This process's visitors by identity key hash. */
  readonly byKey: ReadonlyMap<string, LocalVisitor>;
  readonly connections: ReadonlyMap<string, Connection>;
  /** Removes a visitor for everyone (its reconnect grace is over). */
  remove(v: LocalVisitor): void;
  /** Forgets a visitor that another process now carries (no exit for anyone). */
  dropQuietly(v: LocalVisitor): void;
  /** An avatar's info, with the live pose if it is one of this process's visitors. */
  info(r: AvatarRecord): AvatarInfo;
}

export interface PresenceTickerOptions {
  serverId: string;
  outbox: PresenceOutbox;
  /** The replica of everyone, shared with PresenceService. */
  roster: PresenceRoster;
  local: LocalSide;
  /** A process not heard from for this long has its visitors dropped. */
  ownerTimeoutMs: number;
  /** Whether other processes share the hall (roster changes and poses are sent to them each tick). */
  multiProcess: boolean;
}

/**
 * A peer's tick more than this many ticks (a second) behind this process's has its poses dropped (its roster changes
 * still apply): a backlog Redis delivers after an outage, not a live pose. Servers' clocks are kept in step (NTP).
 */
const STALE_PEER_TICKS = 40;
/** Ticks (a phase each) between heartbeats to the other processes: one a second. */
const HEARTBEAT_TICKS = 10 * TICK_PHASES;
/** Ticks between head-count summaries: one every two seconds. */
const SUMMARY_TICKS = 20 * TICK_PHASES;

export class PresenceTicker {
  /**
   * This process's connections by cell room (PresenceService moves them), and each room's view changes waiting for its
   * next batch.
   */
  readonly rooms = new RoomViews();
  private readonly lastHeard = new Map<string, number>();
  private readonly serverId: string;
  private readonly outbox: PresenceOutbox;
  private readonly roster: PresenceRoster;
  private readonly local: LocalSide;
  private readonly ownerTimeoutMs: number;
  private readonly multiProcess: boolean;
  private tickNo = 0;
  /** The last tick whose batches went out (with other processes, a tick's flush follows it). */
  private flushedTickNo = -1;
  private lastSummary = '';
  /** Roster changes waiting for the next PeerTick. */
  private pendingSync: SyncMessage[] = [];
  /**
   * With other processes, by phase: this process's segments and the peers' that arrived, until `flush` sends them to
   * the rooms of that phase (a peer's segments that come after that flush go out on arrival; see applyPeerTick).
   */
  private readonly pendingSegments: Segment[][] = Array.from({ length: TICK_PHASES }, () => []);

  constructor(options: PresenceTickerOptions) {
    this.serverId = options.serverId;
    this.outbox = options.outbox;
    this.roster = options.roster;
    this.local = options.local;
    this.ownerTimeoutMs = options.ownerTimeoutMs;
    this.multiProcess = options.multiProcess;
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
    for (const v of this.local.byId.values()) {
      if (v.goneAt !== null) {
        if (now - v.goneAt >= RECONNECT_GRACE_MS) this.local.remove(v);
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
   * wait for it: a stall there or in Redis), they go out now in batches of their own rather than wait a whole round
   * for the phase's next flush. A round late or more (that process's clock is behind), they join the phase's next
   * flush: late anyway, and every tick of such a process would otherwise cost each room an extra batch. Returns the
   * batches sent now.
   */
  applyPeerTick(sync: readonly SyncMessage[], tickNo: number, poses: Uint8Array, now: number): number {
    for (const m of sync) this.applySync(m, now);
    if (tickNo < this.tickNo - STALE_PEER_TICKS) return 0;
    const segments = decodePeerPoses(poses);
    if (!segments || segments.length === 0) return 0;
    const phase = tickNo % TICK_PHASES;
    if (tickNo <= this.flushedTickNo && tickNo > this.flushedTickNo - TICK_PHASES) {
      return this.sendBatches(now, segments, phase);
    }
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
    if (message.t === 'owned') {
      if (message.owner === this.serverId) return;
      this.lastHeard.set(message.owner, now);
      const ids = new Set(message.ids);
      for (const r of this.roster.ownedBy(message.owner)) if (!ids.has(r.id)) this.forget(r);
      return;
    }
    if (message.t === 'rm') {
      const r = this.roster.get(message.id);
      if (!r || r.owner !== message.owner || message.owner === this.serverId) return;
      this.lastHeard.set(message.owner, now);
      this.forget(r);
      return;
    }
    const record: AvatarRecord = { ...message.r };
    if (record.owner === this.serverId) return;
    this.lastHeard.set(record.owner, now);
    // Our visitor reconnected to another process: hand it over quietly (no leave for the others).
    const mine = this.local.byId.get(record.id) ?? this.local.byKey.get(record.keyHash);
    if (mine) this.local.dropQuietly(mine);
    const previous = this.roster.upsert(record);
    this.notifyChange(previous, record);
  }

  /**
   * This process's visitors, as the messages a process that just started needs (or one that did not hear from this
   * one for a while): each one's record, then the list of them all.
   */
  ownedState(): SyncMessage[] {
    const visitors = [...this.local.byId.values()];
    return [
      ...visitors.map((v) => ({ t: 'up' as const, r: { ...v.record, pose: livePose(v) } })),
      { t: 'owned', owner: this.serverId, ids: visitors.map((v) => v.record.id) },
    ];
  }

  /** Sends the others this process's whole state with the next tick (after its link to them was lost). */
  reannounce(): void {
    for (const m of this.ownedState()) this.sync(m);
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

  /** Queues a roster change for the other processes (sent with the next tick). */
  sync(message: SyncMessage): void {
    if (this.multiProcess) this.pendingSync.push(message);
  }

  /** Enter/exit for this process's connections after a record changed. */
  notifyChange(previous: AvatarRecord | undefined, record: AvatarRecord): void {
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
          this.outbox.poses(target, headerOnlyBatch(now, target), changes);
          sent++;
        }
      }
      rooms.told(target);
    }
    return sent;
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
        const conn = this.local.connections.get(connId);
        if (!conn || conn.visitor?.record.id === id) continue;
        if (!conn.profiles.remember(r, key)) someoneLacks = true;
      }
      if (someoneLacks) avatars.push(this.local.info(r));
    }
    for (const id of pending.exit) {
      const r = this.roster.get(id);
      if (!r || !cellsAdjacent(target, r.cell)) exit.push(id);
    }
    if (avatars.length === 0 && exit.length === 0) return null;
    return { ...(avatars.length > 0 ? { avatars } : {}), ...(exit.length > 0 ? { exit } : {}) };
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
      for (const r of this.roster.ownedBy(owner)) this.forget(r);
    }
  }

  /** Removes another process's visitor from the roster and tells the rooms that saw it. */
  private forget(r: AvatarRecord): void {
    this.roster.remove(r.id);
    this.rooms.queueExit(neighbourCells(r.cell), r.id);
  }

  private sendSummary(): void {
    const summary = this.summary();
    const text = JSON.stringify(summary);
    if (text === this.lastSummary) return;
    this.lastSummary = text;
    this.outbox.summary(summary);
  }
}
