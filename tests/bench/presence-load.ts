/**
 * The benchmark's load generator (a child process): real socket.io-client connections that join and walk the hall
 * at 10 Hz. Every receiver matches the poses it gets against the sender's send times (sender and receiver live in
 * this process, so one clock) and counts bytes both ways.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { type PoseBatchData, readPoseBatch } from '../../shared/pose-batch';
import { quantisePose, type ViewChanges } from '../../shared/presence';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { percentile } from './percentile';

interface Args {
  urls: string[];
  count: number;
  offset: number;
  side: number;
}
const args = JSON.parse(process.env.BENCH_LOAD ?? '{}') as Args;

const SPEED = 1.4;
interface Walker {
  socket: Socket;
  id: number;
  x: number;
  z: number;
  /** Heading as a unit vector; a new one at random moments, mirrored at the hall's walls. */
  dx: number;
  dz: number;
  /** Sent poses: "x,z" (cm) → send time, for the last ~3 s. */
  sent: Map<string, number>;
  /** Per sender, the last pose counted (a keyframe repeats it; count only its first arrival). */
  counted: Map<number, string>;
  /** Which of the servers (`args.urls`) it is connected to. */
  server: number;
}

const byId = new Map<number, Walker>();
const walkers: Walker[] = [];
let latencies: number[] = [];
/** With several servers and BENCH_BREAKDOWN=1: latencies of pairs on the same server and across servers, apart. */
let acrossLatencies: number[] = [];
let sameLatencies: number[] = [];
let down = 0;
let up = 0;
let poses = 0;
/** Poses of others the timed receivers took in (a repeat of the same pose not counted). */
let seen = 0;
let timedReceivers = 0;
let errors = 0;
let measuring = false;
/** BENCH_BREAKDOWN=1: also print the downstream bytes by event (binary attachments apart). */
const breakdown = process.env.BENCH_BREAKDOWN === '1';
const downByKind = new Map<string, number>();
const messagesByKind = new Map<string, number>();

/** Bytes of an engine.io packet's payload: text as sent (ASCII), binary attachments by their length. */
function byteSize(data: unknown): number {
  if (data === undefined || data === null) return 0;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return String(data).length;
}

const rand = (a: number, b: number) => a + Math.random() * (b - a);
const half = args.side / 2;

async function connect(i: number): Promise<Walker> {
  const server = (args.offset + i) % args.urls.length;
  const url = args.urls[server]!;
  const socket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, visitorId: randomUUID() },
    transports: ['websocket'],
    reconnection: false,
  });
  const w: Walker = {
    socket,
    id: 0,
    x: rand(-half, half),
    z: rand(-half, half),
    dx: 0,
    dz: 0,
    sent: new Map(),
    counted: new Map(),
    server,
  };
  turn(w);
  socket.on('protocol:error', () => errors++);
  socket.on('disconnect', () => errors++);
  // One receiver in ten decodes and times its batches: the load generator shares the two cores with the server.
  const timed = i % 10 === 0;
  if (timed) timedReceivers++;
  socket.on('presence:poses', (payload: PoseBatchData | [PoseBatchData, ViewChanges]) => {
    if (!timed) return;
    const now = performance.now();
    readPoseBatch(Array.isArray(payload) ? payload[0] : payload, (id, x, z) => {
      if (id === w.id || !measuring) return;
      const key = `${x},${z}`;
      if (w.counted.get(id) === key) return;
      w.counted.set(id, key);
      seen++;
      const sender = byId.get(id);
      const sentAt = sender?.sent.get(key);
      if (sentAt === undefined) return;
      latencies.push(now - sentAt);
      if (breakdown) (sender!.server === w.server ? sameLatencies : acrossLatencies).push(now - sentAt);
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.io.engine.on('packetCreate', (p: { data?: unknown }) => {
    if (measuring) up += 2 + byteSize(p.data);
  });
  socket.io.engine.on('packet', (p: { data?: unknown }) => {
    if (!measuring) return;
    const n = 2 + byteSize(p.data);
    down += n;
    if (breakdown) {
      const kind = typeof p.data === 'string' ? (/"([a-z:-]+)"/.exec(p.data.slice(0, 40))?.[1] ?? 'other') : 'binary';
      downByKind.set(kind, (downByKind.get(kind) ?? 0) + n);
      messagesByKind.set(kind, (messagesByKind.get(kind) ?? 0) + 1);
    }
  });
  const ack = await socket.timeout(30_000).emitWithAck('presence:join', {
    profile: { displayName: `Walker ${args.offset + i}`, country: 'JP', avatarColor: '#1FA39A', role: 'visitor' },
    pose: quantisePose(w.x, w.z, 0),
  });
  if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
  w.id = ack.data.selfId;
  byId.set(w.id, w);
  return w;
}

function turn(w: Walker): void {
  const a = rand(0, 2 * Math.PI);
  w.dx = Math.cos(a);
  w.dz = Math.sin(a);
}

/** Mirrors a coordinate that crossed a wall back into the hall, and says whether it did. */
function mirror(v: number): [number, boolean] {
  if (v > half) return [2 * half - v, true];
  if (v < -half) return [-2 * half - v, true];
  return [v, false];
}

// The walkers go straight, turn at random moments (every 10 s on average) and bounce off the walls. Unlike walking
// to random destinations, which gathers walkers in the middle of the hall as time goes on, this keeps them spread
// evenly, so a view holds about IN_VIEW others for the whole run however long the warm-up.
function step(w: Walker, now: number): void {
  const s = SPEED * 0.1;
  if (Math.random() < 0.01) turn(w);
  const [x, bouncedX] = mirror(w.x + w.dx * s);
  const [z, bouncedZ] = mirror(w.z + w.dz * s);
  if (bouncedX) w.dx = -w.dx;
  if (bouncedZ) w.dz = -w.dz;
  w.x = x;
  w.z = z;
  const pose = quantisePose(w.x, w.z, Math.atan2(-w.dx, -w.dz));
  w.sent.set(`${pose[0]},${pose[1]}`, now);
  if (w.sent.size > 40) w.sent.delete(w.sent.keys().next().value!);
  w.socket.volatile.emit('presence:pose', pose);
  if (measuring) poses++;
}

for (let i = 0; i < args.count; i += 50) {
  const batch = await Promise.all(Array.from({ length: Math.min(50, args.count - i) }, (_, k) => connect(i + k)));
  walkers.push(...batch);
}

// Each walker sends every 100 ms, phases spread over the period.
const timers = walkers.map((w, i) =>
  setTimeout(
    () => {
      step(w, performance.now());
      timers[i] = setInterval(() => step(w, performance.now()), 100);
    },
    (i * 100) / walkers.length,
  ),
);

let measureStart = 0;
/** The generator's own CPU over the measured window: what driving a visitor costs on the same machine. */
let cpuStart = process.cpuUsage();
process.on('message', (m: { type: string }) => {
  if (m.type === 'measure') {
    latencies = [];
    sameLatencies = [];
    acrossLatencies = [];
    down = up = poses = seen = 0;
    errors = 0;
    measuring = true;
    measureStart = performance.now();
    cpuStart = process.cpuUsage();
    process.send?.({ type: 'measuring' });
  } else if (m.type === 'report') {
    measuring = false;
    const seconds = (performance.now() - measureStart) / 1000;
    if (breakdown) {
      const perVisitor = (b: number) => `${((b * 8) / 1000 / walkers.length / seconds).toFixed(2)} kbps`;
      process.stderr.write(
        `bench: down by event ${[...downByKind].map(([k, b]) => `${k} ${perVisitor(b)}`).join(', ')}\n`,
      );
      const perSecond = (n: number) => `${(n / walkers.length / seconds).toFixed(2)}/s`;
      process.stderr.write(
        `bench: messages per visitor ${[...messagesByKind].map(([k, n]) => `${k} ${perSecond(n)}`).join(', ')}\n`,
      );
      if (args.urls.length > 1) {
        const show = (list: number[]) => {
          const sorted = list.sort((a, b) => a - b);
          return `${[50, 90, 95, 97, 98, 99, 99.5].map((q) => percentile(sorted, q).toFixed(0)).join('/')} ms (${list.length})`;
        };
        process.stderr.write(
          `bench: latency, same server ${show(sameLatencies)}, across servers ${show(acrossLatencies)} (this generator)\n`,
        );
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    process.send?.({
      type: 'report',
      cpuMs: (cpu.user + cpu.system) / 1000,
      latencies,
      down,
      up,
      poses,
      seen,
      timedReceivers,
      errors,
      seconds,
      visitors: walkers.length,
    });
  } else if (m.type === 'stop') {
    for (const t of timers) clearInterval(t);
    for (const w of walkers) {
      w.socket.removeAllListeners('disconnect');
      w.socket.disconnect();
    }
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
