/**
 * Running a script in a network namespace that has only loopback (`unshare --net`, root), as LAB.md describes for
 * WebRTC tests: Chromium's ICE then finds only 127.0.0.1, and nothing leaves the machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Whether this process already runs where the only interface is loopback. */
export function inLoopbackOnlyNamespace(): boolean {
  return Object.keys(networkInterfaces()).every((name) => name === 'lo');
}

/** Whether `unshare --net` works here (root, util-linux, iproute2). */
export function canUnshareNetwork(): boolean {
  const probe = spawnSync('unshare', ['--net', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Runs `node --import tsx <script>` in a fresh loopback-only namespace; resolves with the JSON it prints last. */
export function runInLoopbackNamespace(script: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['--net', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" --import tsx ${script}`],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TEST_LOG_LEVEL: 'warn' } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}:\n${err}\n${out}`));
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${script} printed no JSON:\n${out}\n${err}`));
      }
    });
  });
}
