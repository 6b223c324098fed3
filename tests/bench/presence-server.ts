/**
 * One presence server for the benchmark (and the process-death test), in a child process of its own. Settings come
 * from BENCH_* variables; it reports `listening` over IPC and answers `reset` / `report` with its own measurements
 * (tick cost, CPU, memory).
 */
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

const server = await startServer(config, {
  pgliteDir: 'memory://',
  ...(process.env.BENCH_REDIS_PREFIX ? { redisPrefix: process.env.BENCH_REDIS_PREFIX } : {}),
  presence: {
    layout: rectLayout({ minX: -half, maxX: half, minZ: -half, maxZ: half }),
    onTick: ({ durationMs }) => {
      ticks.push(durationMs);
      if (ticks.length % 10 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    },
  },
});

process.on('message', (m: { type: string }) => {
  if (m.type === 'reset') {
    ticks = [];
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
    rssPeak = process.memoryUsage().rss;
    process.send?.({ type: 'reset-done' });
  } else if (m.type === 'report') {
    const cpu = process.cpuUsage(cpuStart);
    process.send?.({
      type: 'report',
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - wallStart,
      ticks,
      rssMb: Math.max(rssPeak, process.memoryUsage().rss) / 2 ** 20,
    });
  } else if (m.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'listening', port: server.port });
