/**
 * A scripted hall visitor for presence tests: a real socket.io-client connection that joins, walks by sending
 * quantised poses, and keeps what it was told (avatars in view and their latest poses). `until` waits for a state
 * to become true as events arrive; nothing waits on the clock.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config';
import { type ServerHandle, startServer } from '../../server/main';
import { rectLayout } from '../../server/presence/presence-layout';
import { type PoseBatchData, readPoseBatch } from '../../shared/pose-batch';
import type { AvatarInfo, KnownAvatar, PresenceSummary, ViewChanges } from '../../shared/presence';
import { quantisePose } from '../../shared/presence';
import { ProfileCache } from '../../shared/profile-cache';
import { PROTOCOL_VERSION } from '../../shared/protocol';

export interface SeenAvatar {
  info: AvatarInfo;
  x: number;
  z: number;
}

type JoinData = { selfId: number; avatars: AvatarInfo[]; known?: KnownAvatar[] };
type JoinAck = { ok: true; data: JoinData } | { ok: false; error: { code: string } };

export class TestVisitor {
  readonly socket: Socket;
  selfId = 0;
  readonly avatars = new Map<number, SeenAvatar>();
  /** Every avatar id that ever arrived in a pose batch. */
  readonly posesFrom = new Set<number>();
  readonly errors: { code: string; message: string }[] = [];
  /** Full profiles received, per avatar id (enter and join; the client's ProfileCache completes the rest). */
  readonly profilesReceived = new Map<number, number>();
  /** Avatars that came back with only their id and pose (a `known` entry, or a pose in a batch), per id. */
  readonly knownReceived = new Map<number, number>();
  /** Ids that came without a profile the cache had (the real client asks `presence:who` for them). */
  readonly missingProfiles: number[] = [];
  private readonly profiles = new ProfileCache();
  lastTick = 0;
  /** The latest head counts received (`presence:summary`). */
  summary: PresenceSummary | null = null;
  x: number;
  z: number;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  constructor(
    url: string,
    readonly name: string,
    at: { x: number; z: number },
    readonly visitorId: string = randomUUID(),
    options: { transports?: string[] } = {},
  ) {
    this.x = at.x;
    this.z = at.z;
    this.socket = io(url, {
      auth: { protocolVersion: PROTOCOL_VERSION, visitorId: this.visitorId },
      transports: options.transports ?? ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    this.socket.on('presence:summary', (summary: PresenceSummary) => {
      this.summary = summary;
      this.changed();
    });
    this.socket.on('presence:enter', ({ avatars, known }: { avatars: AvatarInfo[]; known?: KnownAvatar[] }) => {
      for (const a of this.arrived(avatars, known)) {
        if (a.id === this.selfId) continue;
        this.avatars.set(a.id, { info: a, x: a.pose[0] / 100, z: a.pose[1] / 100 });
      }
      this.changed();
    });
    this.socket.on('presence:exit', ({ ids }: { ids: number[] }) => {
      for (const id of ids) this.avatars.delete(id);
      this.changed();
    });
    this.socket.on('presence:poses', (payload: PoseBatchData | [PoseBatchData, ViewChanges]) => {
      let data: PoseBatchData;
      if (!Array.isArray(payload)) data = payload;
      else {
        const [batch, changes] = payload;
        data = batch;
        for (const a of this.arrived(changes.avatars ?? [], undefined)) {
          if (a.id !== this.selfId) this.avatars.set(a.id, { info: a, x: a.pose[0] / 100, z: a.pose[1] / 100 });
        }
        for (const id of changes.exit ?? []) this.avatars.delete(id);
      }
      const tick = readPoseBatch(data, (id, x, z, h) => {
        if (id === this.selfId) return;
        this.posesFrom.add(id);
        const seen = this.avatars.get(id);
        if (seen) {
          seen.x = x / 100;
          seen.z = z / 100;
          return;
        }
        // Back in view with a profile this connection was sent before, as the client does.
        const [back] = this.arrived([], [[id, x, z, h]]);
        if (back) this.avatars.set(id, { info: back, x: x / 100, z: z / 100 });
      });
      if (!Number.isNaN(tick)) this.lastTick = tick;
      this.changed();
    });
    this.socket.on('protocol:error', (e: { code: string; message: string }) => {
      this.errors.push(e);
      this.changed();
    });
    this.socket.on('disconnect', () => this.changed());
    this.socket.on('connect', () => this.changed());
  }

  /** Joins (again) at the current position; resolves with the acknowledgement. */
  async join(): Promise<JoinData> {
    await this.until(() => this.socket.connected);
    const payload = {
      profile: { displayName: this.name, country: 'JP', avatarColor: '#1FA39A', role: 'visitor' },
      pose: quantisePose(this.x, this.z, 0),
    };
    // Handled in the callback, as the client does: a pose batch read in the same chunk as the acknowledgement runs
    // before an awaited continuation would, and must already know this visitor's own id.
    return new Promise((resolve, reject) => {
      this.socket.timeout(10_000).emit('presence:join', payload, (err: Error | null, ack: JoinAck) => {
        if (err) return reject(err);
        if (!ack.ok) return reject(new Error(`join failed: ${ack.error.code}`));
        this.selfId = ack.data.selfId;
        this.avatars.clear();
        for (const a of this.arrived(ack.data.avatars, ack.data.known))
          this.avatars.set(a.id, { info: a, x: a.pose[0] / 100, z: a.pose[1] / 100 });
        this.changed();
        resolve(ack.data);
      });
    });
  }

  sendPose(): void {
    this.socket.volatile.emit('presence:pose', quantisePose(this.x, this.z, 0));
  }

  /** Walks in a straight line at 2.5 m/s, one pose per 100 ms (the client's rate), until there. */
  async walkTo(x: number, z: number): Promise<void> {
    const step = 0.25;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const dx = x - this.x;
        const dz = z - this.z;
        const d = Math.hypot(dx, dz);
        if (d <= step) {
          this.x = x;
          this.z = z;
        } else {
          this.x += (dx / d) * step;
          this.z += (dz / d) * step;
        }
        this.sendPose();
        if (this.x === x && this.z === z) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
    });
  }

  /** Resolves when `check` holds, re-checked on every event this visitor receives. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  avatarNamed(name: string): SeenAvatar[] {
    return [...this.avatars.values()].filter((a) => a.info.displayName === name);
  }

  close(): void {
    this.socket.disconnect();
  }

  /** As the client does: full profiles are remembered, `known` ones completed from what was remembered. */
  private arrived(avatars: readonly AvatarInfo[], known: readonly KnownAvatar[] | undefined): AvatarInfo[] {
    this.profiles.remember(avatars);
    for (const a of avatars) this.profilesReceived.set(a.id, (this.profilesReceived.get(a.id) ?? 0) + 1);
    for (const [id] of known ?? []) this.knownReceived.set(id, (this.knownReceived.get(id) ?? 0) + 1);
    return [...avatars, ...this.profiles.complete(known ?? [], this.missingProfiles)];
  }

  private changed(): void {
    const pending = this.waiters;
    this.waiters = [];
    for (const w of pending) {
      if (w.check()) w.resolve();
      else this.waiters.push(w);
    }
  }
}

/** A real server for presence tests: a fixed 200 m × 200 m hall, no seed; optional Redis. */
export async function startPresenceServer(
  options: { redisUrl?: string; redisPrefix?: string; ownerTimeoutMs?: number } = {},
): Promise<ServerHandle> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: path.join(tmpdir(), `minato-presence-${randomUUID()}`),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  });
  config.clientDir = undefined;
  return startServer(config, {
    pgliteDir: 'memory://',
    ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
    presence: {
      layout: rectLayout({ minX: -100, maxX: 100, minZ: -100, maxZ: 100 }),
      ...(options.ownerTimeoutMs ? { ownerTimeoutMs: options.ownerTimeoutMs } : {}),
    },
  });
}
