/**
 * One presence server for the benchmark (and the process-death test), in a child process of its own. Settings come
 * from BENCH_* variables; it reports `listening` over IPC and answers `reset` / `report` with its own measurements
 * (tick cost, CPU, memory).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/main';
import { rectLayout } from '../../server/presence/presence-layout';

const half = Number(process.env.BENCH_HALL_M ?? '150');
const redisUrl = process.env.BENCH_REDIS_URL;
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: path.join(tmpdir(), `minato-bench-${process.pid}`),
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'false',
  ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
});
config.clientDir = undefined;

let ticks: number[] = [];
let cpuStart = process.cpuUsage();
let wallStart = performance.now();
let rssPeak = 0;
/** Room messages per socket by path (server/realtime/room-frames.ts), at the measured window's start. */
let framesStart: Record<string, number> = {};

const server = await startServer(config, {
  pgliteDir: 'memory://',
  ...(process.env.BENCH_REDIS_PREFIX ? { redisPrefix: process.env.BENCH_REDIS_PREFIX } : {}),
  presence: {
    layout: rectLayout({ minX: -half, maxX: half, minZ: -half, maxZ: half }),
    onTick: ({ durationMs }) => {
      ticks.push(durationMs);
      // Once a second. memoryUsage.rss() reads only the RSS (memoryUsage() walks the V8 heap spaces too), but it is a
      // read of /proc, which a profile of a 100-visitor run still showed among the server's costs at four a second.
      if (ticks.length % 40 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    },
  },
});

/** BENCH_CPU_PROF=<dir>: a V8 CPU profile of the measured window only (start-up and warm-up left out). */
const cpuProfDir = process.env.BENCH_CPU_PROF;
const profiler = cpuProfDir ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
}

/**
 * Times the main thread has gone to sleep and been woken (its voluntary context switches), from Linux's /proc; null
 * elsewhere. Each wake-up costs CPU of its own, whatever little work it brings (see the README's capacity section).
 */
async function mainThreadWakeups(): Promise<number | null> {
  try {
    const status = await readFile(`/proc/self/task/${process.pid}/status`, 'utf8');
    const count = /^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1];
    return count === undefined ? null : Number(count);
  } catch {
    return null;
  }
}
let wakeupsStart: number | null = null;

async function framesByPath(): Promise<Record<string, number>> {
  const { values } = await server.metrics.presenceFrames.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.path), v.value]));
}

process.on('message', async (m: { type: string }) => {
  if (m.type === 'reset') {
    await profiler?.post('Profiler.start');
    ticks = [];
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
    rssPeak = process.memoryUsage.rss();
    framesStart = await framesByPath();
    wakeupsStart = await mainThreadWakeups();
    process.send?.({ type: 'reset-done' });
  } else if (m.type === 'report') {
    const cpu = process.cpuUsage(cpuStart);
    const wakeupsEnd = await mainThreadWakeups();
    const frames = await framesByPath();
    if (profiler && cpuProfDir) {
      const { profile } = await profiler.post('Profiler.stop');
      await mkdir(cpuProfDir, { recursive: true });
      await writeFile(path.join(cpuProfDir, `presence-server-${process.pid}.cpuprofile`), JSON.stringify(profile));
    }
    process.send?.({
      type: 'report',
      cpuMs: (cpu.user + cpu.system) / 1000,
      sysMs: cpu.system / 1000,
      wakeups: wakeupsEnd !== null && wakeupsStart !== null ? wakeupsEnd - wakeupsStart : null,
      frames: Object.fromEntries(Object.entries(frames).map(([path, n]) => [path, n - (framesStart[path] ?? 0)])),
      wallMs: performance.now() - wallStart,
      ticks,
      rssMb: Math.max(rssPeak, process.memoryUsage.rss()) / 2 ** 20,
    });
  } else if (m.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'listening', port: server.port });
