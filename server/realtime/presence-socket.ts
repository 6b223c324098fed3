/**
 * The Socket.IO side of presence: maps sockets to PresenceService calls and the service's outbox to rooms. Each
 * socket is in the room of its own cell (`pc:<cell>`); a tick's pose batch for a cell, with who came into and left
 * the cell's view, goes to that room once, on this process only, as one WebSocket frame built once for the room and
 * written to each socket directly (room-frames.ts). Other processes get one binary PeerTick message a tick on the peer
 * channel (roster changes and encoded poses; peer-sync.ts) and build their own rooms' batches from it: one Redis
 * message per process and tick, instead of one per cell room through the adapter. Poses take a lean path (no ack, no
 * zod): see PresenceService.pose.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Server } from 'socket.io';
import { ErrorCode } from '../../shared/errors';
import { PresenceAuth, PresenceErrorCode, type PresenceSummary } from '../../shared/presence';
import { DomainError } from '../errors';
import type { Metrics } from '../metrics';
import { decodePeerTick, encodePeerTick, peerTickOwner, TickArrivals } from '../presence/peer-sync';
import { ALL_PHASES, PHASE_MS, TICK_PHASES, ticksDue } from '../presence/pose-segments';
import { GUEST_IDENTITY, type IdentityResolver } from '../presence/presence-identity';
import { type PresenceLayout, rectLayout } from '../presence/presence-layout';
import { type PresenceOutbox, PresenceService, SyncMessage } from '../presence/presence-service';
import { type AppSocket, onEvent } from './on-event';
import type { PeerChannel } from './peer-channel';
import { emitToRoom, type RoomFrameStats } from './room-frames';
import type { AppServer } from './socket-server';

export interface PresenceTickStats {
  /** From the tick's start to its last send, in ms. */
  durationMs: number;
  batches: number;
  avatars: number;
}

/** What the composition root (and tests, benchmarks) can set. */
export interface PresenceOptions {
  /** A fixed layout (tests, benchmarks); otherwise `loadLayout`, otherwise the default bounds. */
  layout?: PresenceLayout;
  loadLayout?: () => Promise<PresenceLayout>;
  resolveIdentity?: IdentityResolver;
  /** Called after every tick (benchmarks record the server's own cost). */
  onTick?: (stats: PresenceTickStats) => void;
  /** A process silent this long has its visitors dropped. */
  ownerTimeoutMs?: number;
}

export interface PresenceDeps extends PresenceOptions {
  log: { error: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
  metrics: Pick<Metrics, 'presenceFrames'>;
  /**
   * With other processes sharing the rooms (the Redis adapter), the channel between them: enables server-to-server
   * sync. Null for a single process.
   */
  peerChannel: PeerChannel | null;
}

export interface PresenceFeature {
  service: PresenceService;
  serverId: string;
  close(): Promise<void>;
}

/**
 * The longest a tick waits for the other processes' poses of its phase before sending (it sends as soon as all are
 * in: Redis on a LAN answers in ~1 ms); what comes later goes out on arrival, in batches of its own.
 */
const PEER_WAIT_MS = 15;

const room = (cell: number) => `pc:${cell}`;

/** Attaches presence to a Socket.IO server; resolves once the layout and the other processes' rosters are in. */
export async function attachPresence(io: AppServer, deps: PresenceDeps): Promise<PresenceFeature> {
  const serverId = randomUUID();
  const peerChannel = deps.peerChannel;
  let closed = false;
  // Server-to-server events are not part of the client protocol's typed maps.
  const peers = io as unknown as Server;
  const socketOf = (connId: string) => io.sockets.sockets.get(connId);

  // With connection state recovery on, `socket.emit` goes through the adapter's broadcast to the socket's own room,
  // which the Redis adapter publishes to every process (msgpack, a Redis command with a timeout, a decode on each
  // peer) though only this process has the socket. `io.local.to(socket id)` takes the same path (recovery keeps the
  // packet) without the publish.
  const toConnection = (connId: string) => io.local.to(connId);

  // How room messages went out, counted per message and added to the metric once a tick (see countedFrames).
  const frames: RoomFrameStats = { direct: 0, skipped: 0, fallback: 0 };
  const countFrames = (sent: RoomFrameStats) => {
    frames.direct += sent.direct;
    frames.skipped += sent.skipped;
    frames.fallback += sent.fallback;
  };
  const countedFrames = () => {
    for (const path of ['direct', 'skipped', 'fallback'] as const) {
      if (frames[path] > 0) deps.metrics.presenceFrames.inc({ path }, frames[path]);
      frames[path] = 0;
    }
  };
  // The head counts go to one of TICK_PHASES slices of the sockets per tick (rooms by connection order), so a change
  // reaches everyone within a round. Sent to every socket in one tick, they held that tick for one write per socket of
  // the whole hall (about 25 ms at 1000 visitors), every two seconds.
  const summaryRoom = (slice: number) => `ps:${slice}`;
  let summary: PresenceSummary | null = null;
  /** The slices (a bit each) not yet sent the latest summary. */
  let summaryDue = 0;
  let connections = 0;
  const sendSummarySlice = (tickNo: number) => {
    const slice = tickNo % TICK_PHASES;
    if (!summary || (summaryDue & (1 << slice)) === 0) return;
    summaryDue &= ~(1 << slice);
    countFrames(emitToRoom(peers, summaryRoom(slice), 'presence:summary', summary, false));
  };
  const outbox: PresenceOutbox = {
    // A socket's own room is its id: what comes into and leaves one visitor's view as it crosses cells.
    enter: (connId, payload) => countFrames(emitToRoom(peers, connId, 'presence:enter', payload, false)),
    exit: (connId, payload) => countFrames(emitToRoom(peers, connId, 'presence:exit', payload, false)),
    // A batch with view changes must arrive (reliable); one with only poses is superseded by the next (volatile).
    poses: (cell, batch, changes) =>
      countFrames(
        changes
          ? emitToRoom(peers, room(cell), 'presence:poses', [batch, changes], false)
          : emitToRoom(peers, room(cell), 'presence:poses', batch, true),
      ),
    moveConnection: (connId, from, to) => {
      const socket = socketOf(connId);
      if (!socket) return;
      if (from !== null && !Number.isNaN(from)) socket.leave(room(from));
      if (to !== null) socket.join(room(to));
    },
    error: (connId, code, message) => toConnection(connId).emit('protocol:error', { code, message }),
    disconnect: (connId) => socketOf(connId)?.disconnect(true),
    peers: (tick) => peerChannel?.publish(encodePeerTick(serverId, tick)),
    summary: (next) => {
      summary = next;
      summaryDue = ALL_PHASES;
    },
  };

  const service = new PresenceService({
    serverId,
    outbox,
    layout: deps.layout ?? rectLayout(),
    multiProcess: peerChannel !== null,
    ...(deps.ownerTimeoutMs ? { ownerTimeoutMs: deps.ownerTimeoutMs } : {}),
  });
  if (!deps.layout && deps.loadLayout) {
    try {
      service.setLayout(await deps.loadLayout());
    } catch (err) {
      deps.log.warn({ err }, 'presence: could not load the hall layout; using the default bounds');
    }
  }
  const resolveIdentity = deps.resolveIdentity ?? (async () => GUEST_IDENTITY);

  // With other processes: the tick whose batches wait for their poses (null: none), and that tick's figures.
  const arrivals = new TickArrivals();
  let awaiting: number | null = null;
  let awaited = { durationMs: 0, batches: 0, avatars: 0 };
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (awaiting === null) return;
    clearTimeout(flushTimer);
    awaiting = null;
    const started = performance.now();
    try {
      const batches = service.flush(Date.now());
      countedFrames();
      deps.onTick?.({ ...awaited, durationMs: awaited.durationMs + performance.now() - started, batches });
    } catch (err) {
      deps.log.error({ err }, 'presence flush failed');
    }
  };
  const onSync = (raw: unknown) => {
    const parsed = SyncMessage.safeParse(raw);
    if (!parsed.success) {
      deps.log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'presence: ignored a malformed sync message');
      return;
    }
    service.applySync(parsed.data, Date.now());
  };
  const onPeerTick = (bytes: Buffer) => {
    // Every process hears its own ticks too; the sender id comes first, so the echo costs only that read.
    if (closed || peerTickOwner(bytes) === serverId) return;
    const decoded = decodePeerTick(bytes);
    if (!decoded) {
      deps.log.warn({}, 'presence: ignored a malformed peer tick');
      return;
    }
    const { owner, tick: peerTick, sync, poses } = decoded;
    const messages: SyncMessage[] = [];
    for (const raw of sync) {
      const parsed = SyncMessage.safeParse(raw);
      if (parsed.success) messages.push(parsed.data);
      else deps.log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'presence: ignored a malformed sync message');
    }
    const now = Date.now();
    service.applyPeerTick(messages, peerTick, poses, now);
    arrivals.arrive(owner, peerTick, now);
    if (awaiting === peerTick && arrivals.complete(peerTick, now)) flush();
  };
  const onHello = (reply: unknown) => {
    if (typeof reply === 'function') reply(service.ownedState());
  };
  // A process that (re)starts learns who is already in the hall from the others.
  const hello = async () => {
    try {
      const replies = (await peers.serverSideEmitWithAck('presence:hello')) as unknown[];
      for (const reply of replies) if (Array.isArray(reply)) for (const m of reply) onSync(m);
    } catch (err) {
      deps.log.warn({ err }, 'presence: not every process answered hello');
    }
  };
  // Back from a lost connection to Redis: the others may have dropped this process's visitors (silent too long) and
  // it theirs, and roster changes sent meanwhile are lost. Each side's whole state goes to the other again.
  // Both Redis connections report their return, some hundreds of ms apart: one exchange for the two, a second after
  // the first.
  let rejoinTimer: NodeJS.Timeout | undefined;
  const rejoinPeers = () => {
    if (closed || rejoinTimer) return;
    rejoinTimer = setTimeout(() => {
      rejoinTimer = undefined;
      if (closed) return;
      deps.log.warn({}, 'presence: the link to the other processes is back; exchanging state again');
      service.reannounce();
      void hello();
    }, 1000);
  };
  if (peerChannel) {
    await peerChannel.listen(onPeerTick, rejoinPeers);
    peers.on('presence:hello', onHello);
    await hello();
  }

  const onConnection = (socket: AppSocket) => {
    const connId = socket.id;
    const auth = PresenceAuth.safeParse(socket.handshake.auth);
    const identityKey = socket.data.accountId
      ? `a:${socket.data.accountId}`
      : auth.success
        ? `v:${auth.data.visitorId}`
        : `c:${connId}`;
    service.connect(connId, Date.now());
    socket.join(summaryRoom(connections++ % TICK_PHASES));
    // The counts as they are, rather than at the next change.
    if (summary) toConnection(connId).emit('presence:summary', summary);

    // Flood control for the acknowledged presence events; a dropped event gets no ack (the client times out).
    socket.use(([event], next) => {
      if (typeof event !== 'string' || !event.startsWith('presence:') || event === 'presence:pose') return next();
      if (service.allowEvent(connId, Date.now()) === 'ok') next();
    });
    (socket.on as (ev: string, fn: (raw: unknown) => void) => void)('presence:pose', (raw) =>
      service.pose(connId, raw, Date.now()),
    );

    onEvent(
      socket,
      'presence:join',
      async ({ profile, pose }) => {
        const identity = await resolveIdentity(socket.data.accountId ?? null);
        if (!socket.connected) throw new DomainError(ErrorCode.UNAVAILABLE, 'The connection closed.');
        const joined = service.join(connId, identityKey, profile, pose, identity, Date.now());
        if (!joined) throw new DomainError(ErrorCode.UNAVAILABLE, 'The connection closed.');
        return {
          selfId: joined.selfId,
          cellSize: 8,
          avatars: joined.avatars,
          ...(joined.known ? { known: joined.known } : {}),
        };
      },
      deps.log,
    );
    onEvent(socket, 'presence:profile', (profile) => ok(service.setProfile(connId, profile)), deps.log);
    onEvent(socket, 'presence:booth', ({ boothId }) => ok(service.setBooth(connId, boothId)), deps.log);
    onEvent(socket, 'presence:booth-people', ({ boothId }) => service.boothPeople(boothId), deps.log);
    onEvent(socket, 'presence:who', ({ ids }) => ({ avatars: service.who(connId, ids) }), deps.log);
    onEvent(
      socket,
      'presence:leave',
      () => {
        service.leave(connId);
        return {};
      },
      deps.log,
    );

    socket.on('disconnect', (reason) => {
      // A closed tab and a lost network look alike ('transport close'); both keep the avatar for the short
      // reconnect grace. A deliberate disconnect removes it at once.
      const left = reason === 'client namespace disconnect' || reason === 'server namespace disconnect';
      service.disconnected(connId, left ? 'left' : 'dropped', Date.now());
    });
  };
  io.on('connection', onConnection);

  // Ticks fall on multiples of PHASE_MS of the wall clock and take their number (so their phase) from it, so every
  // process ticks the same phase at about the same moment. With other processes, a tick publishes this process's
  // poses at once and sends the rooms' batches when every other process's poses of the same tick are in
  // (PEER_WAIT_MS at most), merged: one batch per room and round, not one per process.
  // A timer that fires a little early is not a tick, and a loop held past a boundary skips none (ticksDue).
  let timer: NodeJS.Timeout | undefined;
  let lastTickNo = -1;
  const schedule = () => {
    if (!closed) timer = setTimeout(runTick, PHASE_MS - (Date.now() % PHASE_MS));
  };
  const runTick = () => {
    const now = Date.now();
    const ticks = ticksDue(lastTickNo, now);
    for (const tickNo of ticks) runOneTick(now, tickNo, tickNo === ticks.at(-1));
    lastTickNo = ticks.at(-1) ?? lastTickNo;
    schedule();
  };
  /** One tick; `waits`: its flush waits for the other processes (a caught-up tick's poses are in, or come late). */
  const runOneTick = (now: number, tickNo: number, waits: boolean) => {
    // A flush still waiting (the loop was late) goes out before the next tick.
    flush();
    const started = performance.now();
    try {
      const result = service.tick(now, tickNo);
      sendSummarySlice(tickNo);
      countedFrames();
      if (!peerChannel) deps.onTick?.({ durationMs: performance.now() - started, ...result });
      else {
        awaited = { durationMs: performance.now() - started, ...result };
        awaiting = tickNo;
        if (!waits || arrivals.complete(tickNo, now)) flush();
        else flushTimer = setTimeout(flush, PEER_WAIT_MS);
      }
    } catch (err) {
      deps.log.error({ err }, 'presence tick failed');
    }
  };
  schedule();

  return {
    service,
    serverId,
    async close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(flushTimer);
      clearTimeout(rejoinTimer);
      io.off('connection', onConnection);
      if (peerChannel) peers.off('presence:hello', onHello);
    },
  };
}

function ok(joined: boolean): Record<string, never> {
  if (!joined) throw new DomainError(ErrorCode.CONFLICT, `Join the hall first (${PresenceErrorCode.NOT_JOINED}).`);
  return {};
}
