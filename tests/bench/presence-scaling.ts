/**
 * `npm run bench:presence-scaling -- [--visitors 100,500,1000,2000] [--processes K] [--seconds S] [--warmup W]`
 *
 * Runs bench:presence once per visitor count and fits the servers' CPU to `base + marginal · visitors` (least
 * squares), so "is the cost per visitor flat" has two answers apart: what one more visitor costs (the marginal, in
 * ms of CPU per visitor-second) and what the servers cost whatever the load (the base, in ms of CPU per second:
 * ticks, timers, Redis, waking up). An average per visitor is base / N + marginal, so a base of a few percent of a
 * core doubles it at 100 visitors while the marginal stays put. Prints each run's figures to stderr and, as its last
 * line, JSON: `{"processes","runs":[{visitors,cpu_ms_per_s,cpu_ms_per_visitor_s,p99_ms,in_view}],
 * "base_ms_per_s","marginal_ms_per_visitor_s","max_residual_pct"}`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { numberArg, round, stringArg } from './cli';

const counts = stringArg('visitors', '100,500,1000,2000').split(',').map(Number);
const processes = numberArg('processes', 1);
const seconds = numberArg('seconds', 15);
const warmup = numberArg('warmup', 20);

interface PresenceResult {
  visitors: number;
  server_cpu_pct: number;
  server_cpu_ms_per_visitor_s: number;
  p99_ms: number;
  in_view: number;
  pose_hz: number;
}

const runs = counts.map((visitors) => {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'presence.ts'),
      ...['--visitors', String(visitors), '--processes', String(processes), '--seconds', String(seconds)],
      ...['--warmup', String(warmup)],
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as PresenceResult;
  const run = {
    visitors,
    // server_cpu_pct is of one core: ms of CPU per second of wall time, over 10.
    cpu_ms_per_s: r.server_cpu_pct * 10,
    cpu_ms_per_visitor_s: r.server_cpu_ms_per_visitor_s,
    p99_ms: r.p99_ms,
    in_view: r.in_view,
    pose_hz: r.pose_hz,
  };
  process.stderr.write(`bench: ${JSON.stringify(run)}\n`);
  return run;
});

// Least squares of cpu_ms_per_s on visitors.
const n = runs.length;
const mx = runs.reduce((s, r) => s + r.visitors, 0) / n;
const my = runs.reduce((s, r) => s + r.cpu_ms_per_s, 0) / n;
const sxy = runs.reduce((s, r) => s + (r.visitors - mx) * (r.cpu_ms_per_s - my), 0);
const sxx = runs.reduce((s, r) => s + (r.visitors - mx) ** 2, 0);
const marginal = sxx > 0 ? sxy / sxx : Number.NaN;
const base = my - marginal * mx;
const residuals = runs.map((r) => Math.abs(r.cpu_ms_per_s - (base + marginal * r.visitors)) / r.cpu_ms_per_s);
process.stdout.write(
  `${JSON.stringify({
    processes,
    runs,
    base_ms_per_s: round(base, 1),
    marginal_ms_per_visitor_s: round(marginal, 3),
    max_residual_pct: round(Math.max(...residuals) * 100, 1),
  })}\n`,
);
