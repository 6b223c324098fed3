/**
 * `npm run bench:presence -- --visitors N --seconds S [--processes K] [--loaders L] [--warmup W]`
 *
 * Starts K presence servers (K > 1 share presence over Redis: REDIS_URL or redis://127.0.0.1:6379) and L load
 * generators, each in its own process. Visitors are spread evenly so that about 30 are in each one's 3×3-cell view and
 * walk at 1.4 m/s sending 10 poses a second. After a warm-up of W seconds (20 by default) it measures for S seconds
 * and prints, as its last line, the JSON the issue asks for. BENCH_CPU_PROF=<dir> profiles the servers' measured
 * window (and the load generators' whole run with BENCH_CPU_PROF_LOAD=1); BENCH_BREAKDOWN=1 prints the downstream
 * bytes and messages by event and, with several servers, the latency percentiles (p50/90/95/97/98/99/99.5) of pairs
 * on the same server and across servers.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PHASE_MS } from '../../server/presence/pose-segments';
import { CELL_SIZE_M } from '../../shared/presence-cells';
import { numberArg, round } from './cli';
import { percentile } from './percentile';

const visitors = numberArg('visitors', 100);
const seconds = numberArg('seconds', 15);
const processes = numberArg('processes', 1);
const loaders = numberArg('loaders', Math.max(1, Math.ceil(visitors / 1500)));
/**
 * A server settles over its first 20 s or so under a steady load (JIT tiers, heap sizing). At 100 visitors on two
 * processes: 1.84–2.03 ms of CPU per visitor-second after 3 s of warm-up (four runs), 1.30–1.77 after 20 s or more
 * (four runs). A server that runs for days is the one to measure.
 */
const warmupSeconds = numberArg('warmup', 20);
const IN_VIEW = 30;
const side = hallSide(visitors);

/**
 * The edge of the square the visitors walk in, so that a 3×3-cell view holds IN_VIEW others on average. The walkers
 * are spread evenly (presence-load.ts), so a view holds the others' density times the area of the view inside the
 * square, which is smaller at the walls: a view is 24 m across and the square at 100 visitors about 45 m.
 */
function hallSide(n: number): number {
  // The mean length of a view's side inside [-half, half], over positions spread evenly along it.
  const meanInside = (half: number) => {
    const steps = 2000;
    let total = 0;
    for (let i = 0; i < steps; i++) {
      const x = -half + ((i + 0.5) / steps) * 2 * half;
      const k = Math.floor(x / CELL_SIZE_M);
      total += Math.min(half, (k + 2) * CELL_SIZE_M) - Math.max(-half, (k - 1) * CELL_SIZE_M);
    }
    return total / steps;
  };
  const othersInView = (s: number) => ((n - 1) * meanInside(s / 2) ** 2) / s ** 2;
  // More room, fewer in view: bisect between a square the size of one view and one that leaves each alone.
  let lo = 3 * CELL_SIZE_M;
  let hi = Math.max(lo, 3 * CELL_SIZE_M * Math.sqrt(n));
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (othersInView(mid) > IN_VIEW) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const here = import.meta.dirname;
const children: ChildProcess[] = [];

/** BENCH_CPU_PROF=<dir>: the servers write V8 CPU profiles there (open in Chrome DevTools or speedscope). */
const cpuProfDir = process.env.BENCH_CPU_PROF;

function start(script: string, env: Record<string, string>, profile = false): ChildProcess {
  const child = fork(path.join(here, script), [], {
    execArgv: ['--import', 'tsx', ...(profile && cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return child;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ${type}`)));
  });
}

/** Sends `message` to a child and resolves with its reply of type `reply`. */
function ask<T>(child: ChildProcess, message: { type: string }, reply: string): Promise<T> {
  const answer = next<T>(child, reply);
  child.send(message);
  return answer;
}

async function main(): Promise<void> {
  const redisUrl = processes > 1 ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
  const prefix = `minato-bench-${randomUUID()}`;
  const servers: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < processes; i++) {
    const child = start(
      'presence-server.ts',
      {
        BENCH_HALL_M: String(Math.ceil(side / 2 + 2)),
        ...(redisUrl ? { BENCH_REDIS_URL: redisUrl, BENCH_REDIS_PREFIX: prefix } : {}),
      },
      false,
    );
    const { port } = await next<{ port: number }>(child, 'listening');
    servers.push(child);
    urls.push(`http://127.0.0.1:${port}`);
  }
  const loads: ChildProcess[] = [];
  const per = Math.ceil(visitors / loaders);
  for (let i = 0; i < loaders; i++) {
    const count = Math.min(per, visitors - i * per);
    if (count <= 0) break;
    const child = start(
      'presence-load.ts',
      { BENCH_LOAD: JSON.stringify({ urls, count, offset: i * per, side }) },
      process.env.BENCH_CPU_PROF_LOAD === '1',
    );
    loads.push(child);
  }
  await Promise.all(loads.map((l) => next(l, 'ready')));
  process.stderr.write(`bench: ${visitors} visitors connected to ${processes} server(s); warming up\n`);
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));

  await Promise.all([
    ...servers.map((s) => ask(s, { type: 'reset' }, 'reset-done')),
    ...loads.map((l) => ask(l, { type: 'measure' }, 'measuring')),
  ]);
  await new Promise((r) => setTimeout(r, seconds * 1000));

  type LoadReport = {
    cpuMs: number;
    latencies: number[];
    down: number;
    up: number;
    poses: number;
    seen: number;
    timedReceivers: number;
    errors: number;
    seconds: number;
    visitors: number;
  };
  type ServerReport = {
    cpuMs: number;
    sysMs: number;
    wakeups: number | null;
    wallMs: number;
    ticks: number[];
    rssMb: number;
    frames: Record<string, number>;
  };
  const loadReports = await Promise.all(loads.map((l) => ask<LoadReport>(l, { type: 'report' }, 'report')));
  const serverReports = await Promise.all(servers.map((s) => ask<ServerReport>(s, { type: 'report' }, 'report')));

  const latencies = loadReports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const ticks = serverReports.flatMap((r) => r.ticks).sort((a, b) => a - b);
  const measured = loadReports[0]?.seconds ?? seconds;
  const cpuMs = serverReports.reduce((s, r) => s + r.cpuMs, 0);
  const wallMs = serverReports[0]?.wallMs ?? seconds * 1000;
  const sum = (f: (r: LoadReport) => number) => loadReports.reduce((s, r) => s + f(r), 0);
  // Poses each visitor sent a second.
  const poseHz = sum((r) => r.poses) / visitors / measured;
  const result = {
    visitors,
    processes,
    pose_hz: round(poseHz, 2),
    // Others in a visitor's view: the moving avatars a receiver took in a second over the rate each sends at.
    in_view: round(sum((r) => r.seen) / sum((r) => r.timedReceivers) / measured / poseHz, 1),
    p50_ms: round(percentile(latencies, 50), 1),
    p99_ms: round(percentile(latencies, 99), 1),
    server_added_p99_ms: round(percentile(ticks, 99), 2),
    server_added_p50_ms: round(percentile(ticks, 50), 2),
    // A tick serves one phase of the rooms (see server/presence/pose-segments.ts); each room gets 10 batches a second.
    tick_ms: PHASE_MS,
    warmup_s: warmupSeconds,
    server_cpu_pct: round((cpuMs / wallMs) * 100, 1),
    server_cpu_ms_per_visitor_s: round(cpuMs / visitors / (wallMs / 1000), 3),
    // The kernel's share (socket reads and writes: on loopback the receiver's side of each write is charged here too).
    server_cpu_system_share: round(serverReports.reduce((s, r) => s + r.sysMs, 0) / cpuMs, 2),
    // Each server's main thread woke this often a second (Linux only, else null): at light load most of the CPU goes
    // to waking up, not to the messages (the README's capacity section).
    server_wakeups_per_process_s: serverReports.every((r) => r.wakeups !== null)
      ? round(serverReports.reduce((s, r) => s + r.wakeups!, 0) / processes / (wallMs / 1000), 0)
      : null,
    // Room messages per socket that went as a prebuilt frame, were skipped (volatile, the client behind) or went
    // through Socket.IO (server/realtime/room-frames.ts).
    frames_direct_skipped_fallback: ['direct', 'skipped', 'fallback'].map((path) =>
      serverReports.reduce((s, r) => s + (r.frames[path] ?? 0), 0),
    ),
    server_rss_mb: round(
      serverReports.reduce((s, r) => s + r.rssMb, 0),
      1,
    ),
    down_kbps_per_visitor: round((sum((r) => r.down) * 8) / 1000 / visitors / measured, 2),
    up_kbps_per_visitor: round((sum((r) => r.up) * 8) / 1000 / visitors / measured, 2),
    errors: sum((r) => r.errors),
    // The load generators share the machine: what driving one visitor cost them, for the largest N it can reach.
    load_cpu_ms_per_visitor_s: round(sum((r) => r.cpuMs) / visitors / measured, 3),
  };
  for (const c of [...loads, ...servers]) c.send({ type: 'stop' });
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
});
