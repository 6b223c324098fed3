/**
 * `npm run bench:smoothness -- [--rtt 250] [--loss 0.02] [--seconds 30] [--seed 1]`
 *
 * How smoothly a remote avatar moves on a visitor's screen over a slow, lossy link. A walker circles at walking speed
 * sending poses at the client's 10 Hz; a viewer runs the real client presence code (client/net/presence.ts and its
 * store) and samples the walker's avatar 60 times a second the way the hall does (`renderTime`, `samplePose`). Both
 * reach a real presence server through a proxy that models their link: each chunk arrives `rtt / 2` later, and with
 * probability `loss` a chunk is lost and resent one retransmission timeout later (`--rto`, by default the RTT plus
 * Linux's 200 ms minimum), holding everything behind it, as TCP does (the kernel here has no netem). Which chunks are
 * lost follows `--seed`, so runs of two versions compare fairly.
 *
 * Prints, as its last line, JSON: per frame, how far the avatar moved compared with walking (`speed_ratio_p50`/
 * `_p99`: 1 is steady walking), the share of frames where it stood still (`stall_frames_pct`) or jumped more than
 * twice a walking step (`jump_frames_pct`), how far behind the walker it was drawn (`behind_m_p50`/`_p99`), and the
 * chunks the link lost.
 */
import net from 'node:net';
import { io } from 'socket.io-client';
import { startPresence } from '../../client/net/presence';
import type { RealtimeSocket } from '../../client/net/socket';
import { type SampledPose, samplePose } from '../../client/state/pose-interpolation';
import { usePresenceStore } from '../../client/state/presence';
import { quantisePose } from '../../shared/presence';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { startPresenceServer, TestVisitor } from '../integration/presence-harness';
import { numberArg, round } from './cli';
import { percentile } from './percentile';

const rtt = numberArg('rtt', 250);
const loss = numberArg('loss', 0.02);
const rto = numberArg('rto', rtt + 200);
const seconds = numberArg('seconds', 30);
const seed = numberArg('seed', 1);
const SPEED = 1.4;
const RADIUS = 3;
const FRAME_MS = 1000 / 60;

let chunks = 0;
let lost = 0;

/** mulberry32: the same losses at the same chunks in every run with one seed, so two runs compare fairly. */
function seeded(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(seed);

/** One direction of a link: chunks leave in order, `rtt / 2` after they came, later when one was lost. */
function delayedPipe(from: net.Socket, to: net.Socket): void {
  let lastDue = 0;
  from.on('data', (chunk) => {
    chunks++;
    const dropped = random() < loss;
    if (dropped) lost++;
    const due = Math.max(performance.now() + rtt / 2 + (dropped ? rto : 0), lastDue);
    lastDue = due;
    setTimeout(() => to.write(chunk), due - performance.now());
  });
  from.on('close', () => setTimeout(() => to.destroy(), rtt / 2));
  from.on('error', () => {});
}

/** A TCP proxy in front of `port` that gives every connection such a link both ways; resolves with its port. */
function lossyLink(port: number): Promise<{ port: number; close: () => void }> {
  const proxy = net.createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect(port, '127.0.0.1');
    upstream.setNoDelay(true);
    delayedPipe(client, upstream);
    delayedPipe(upstream, client);
  });
  return new Promise((resolve) => {
    proxy.listen(0, '127.0.0.1', () => {
      const address = proxy.address() as net.AddressInfo;
      resolve({ port: address.port, close: () => proxy.close() });
    });
  });
}

/** Where the walker is at local time `t` (ms): a circle around (4, 4) at walking speed. */
function walkerAt(t: number): { x: number; z: number } {
  const a = ((t / 1000) * SPEED) / RADIUS;
  return { x: 4 + RADIUS * Math.cos(a), z: 4 + RADIUS * Math.sin(a) };
}

const server = await startPresenceServer();
const link = await lossyLink(server.port);
const url = `http://127.0.0.1:${link.port}`;
const connect = () =>
  io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, visitorId: crypto.randomUUID() },
    transports: ['websocket'],
  }) as RealtimeSocket;

// The walker is the presence tests' scripted visitor (its heading stays 0: only positions are measured here).
const start = performance.now();
const first = walkerAt(0);
const walker = new TestVisitor(url, 'Walker', first);
const { selfId: joined } = await walker.join();
// The client's rate: a pose every 100 ms while walking.
const walking = setInterval(() => {
  const p = walkerAt(performance.now() - start);
  walker.x = p.x;
  walker.z = p.z;
  walker.sendPose();
}, 100);

const viewer = connect();
const viewerProfile = { displayName: 'Viewer', country: 'JP', avatarColor: '#1FA39A', role: 'visitor' } as const;
const presence = startPresence(viewer, viewerProfile, () => quantisePose(6, 4, 0));
await new Promise<void>((resolve) => {
  const check = setInterval(() => {
    if ((usePresenceStore.getState().poses.get(joined)?.count ?? 0) > 3) {
      clearInterval(check);
      resolve();
    }
  }, 50);
});
process.stderr.write(`bench: viewer sees the walker; sampling ${seconds} s at 60 frames a second\n`);

// The hall's frame loop, as client/hall/usePresence.ts samples it.
const ratios: number[] = [];
const behind: number[] = [];
let stalls = 0;
let jumps = 0;
let frames = 0;
let last: SampledPose | null = null;
let lastAt = 0;
chunks = 0;
lost = 0;
const sampled: SampledPose = { x: 0, z: 0, yaw: 0 };
await new Promise<void>((resolve) => {
  const until = performance.now() + seconds * 1000;
  const frame = setInterval(() => {
    const now = performance.now();
    if (now >= until) {
      clearInterval(frame);
      resolve();
      return;
    }
    const state = usePresenceStore.getState();
    const buf = state.poses.get(joined);
    if (!buf || !samplePose(buf, state.renderTime(now), sampled)) return;
    frames++;
    const truth = walkerAt(now - start);
    behind.push(Math.hypot(truth.x - sampled.x, truth.z - sampled.z));
    if (last) {
      const step = Math.hypot(sampled.x - last.x, sampled.z - last.z);
      const walked = (SPEED * (now - lastAt)) / 1000;
      const ratio = step / walked;
      ratios.push(ratio);
      if (ratio < 0.25) stalls++;
      if (ratio > 2) jumps++;
    }
    last = { ...sampled };
    lastAt = now;
  }, FRAME_MS);
});

clearInterval(walking);
presence.stop();
walker.close();
viewer.close();
link.close();
await server.close();

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const r = sorted(ratios);
const b = sorted(behind);
console.log(
  JSON.stringify({
    rtt_ms: rtt,
    loss,
    rto_ms: rto,
    seconds,
    frames,
    speed_ratio_p50: round(percentile(r, 50), 2),
    speed_ratio_p99: round(percentile(r, 99), 2),
    stall_frames_pct: round((stalls / Math.max(1, ratios.length)) * 100, 2),
    jump_frames_pct: round((jumps / Math.max(1, ratios.length)) * 100, 2),
    behind_m_p50: round(percentile(b, 50), 2),
    behind_m_p99: round(percentile(b, 99), 2),
    link_chunks: chunks,
    link_lost: lost,
  }),
);
process.exit(0);
