/**
 * bench:chat — a busy booth channel. The server runs as its own process (embedded database on disk, as `npm start`);
 * MEMBERS lightweight members in receiver processes (chat-receivers.ts) join one booth channel; senders (real
 * socket.io-client connections, as guests) write RATE messages a second in total for SECONDS. Every message is
 * committed before it is acknowledged and fanned out. Latency is send → each member's receipt.
 * Prints as its last line: {"members","messages_per_s","p50_ms","p99_ms","lost","duplicated",…}
 * Usage: npm run bench:chat -- [--members 500] [--rate 100] [--seconds 20] [--receivers 2] [--url http://…]
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChannelId } from '../../shared/chat';
import { enterAsGuest, openSocket, type TestSocket } from '../support/clients';
import { getJson } from '../support/http';
import { spawnServer, waitForOutput } from '../support/process';
import { percentile } from './percentile';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '500' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    receivers: { type: 'string', default: '2' },
    senders: { type: 'string', default: '25' },
    /** Use a server that is already running (started with GUEST_RATE_LIMIT raised) instead of starting one. */
    url: { type: 'string' },
  },
});
const members = Number(values.members);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const receiverProcesses = Math.max(1, Number(values.receivers));
const senderCount = Math.max(1, Number(values.senders));

const now = () => performance.timeOrigin + performance.now();
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'minato-bench-chat-'));
  const server = values.url
    ? null
    : spawnServer({
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        GUEST_RATE_LIMIT: '1000000',
        // The per-person allowance is not what is measured here.
        CHAT_RATE_PER_SECOND: '1000',
      });
  const senders: TestSocket[] = [];
  const workers: ReturnType<typeof fork>[] = [];
  try {
    const url = server
      ? `http://127.0.0.1:${(await waitForOutput(server, /open at http:\/\/localhost:(\d+)/))[1]}`
      : values.url!;
    const booths = (await getJson(url, '/api/booths')).body as { booths: { id: string }[] };
    const channel = `booth:${booths.booths[0]!.id}` as ChannelId;

    // Members, in receiver processes.
    const perWorker = Math.ceil(members / receiverProcesses);
    const ready = [];
    for (let w = 0; w < receiverProcesses; w++) {
      const count = Math.min(perWorker, members - w * perWorker);
      if (count <= 0) break;
      const worker = fork(path.join(import.meta.dirname, 'chat-receivers.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.push(worker);
      ready.push(new Promise<number>((resolve) => worker.once('message', (m: { ready: number }) => resolve(m.ready))));
      worker.send({ start: { url, channel, count } });
    }
    const joined = (await Promise.all(ready)).reduce((a, b) => a + b, 0);
    process.stderr.write(`${joined} members joined ${channel} in ${workers.length} receiver processes\n`);

    // Senders: guests with real socket.io clients, not members of the channel.
    for (let i = 0; i < senderCount; i++) senders.push(await openSocket(url, await enterAsGuest(url, `Sender ${i}`)));

    const total = rate * seconds;
    let acked = 0;
    const errorCodes: Record<string, number> = {};
    const start = performance.now();
    await new Promise<void>((resolve) => {
      let n = 0;
      const tick = setInterval(() => {
        const due = Math.floor(((performance.now() - start) / 1000) * rate) - n;
        for (let k = 0; k < due && n < total; k++, n++) {
          const socket = senders[n % senders.length]!;
          socket
            .emitWithAck('chat:send', { id: randomUUID(), channel, body: `bench ${now()} ${n}`, lang: 'en' })
            .then((r) => {
              if (r.ok) acked++;
              else errorCodes[r.error.code] = (errorCodes[r.error.code] ?? 0) + 1;
            })
            .catch(() => {
              errorCodes.NO_ACK = (errorCodes.NO_ACK ?? 0) + 1;
            });
        }
        if (n >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 10);
    });
    const elapsed = (performance.now() - start) / 1000;
    // Give the last messages a moment to arrive, then collect.
    await new Promise((r) => setTimeout(r, 3000));
    const results = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<{ latencies: number[]; duplicated: number; received: number }>((resolve) => {
            worker.once('message', resolve);
            worker.send({ finish: true });
          }),
      ),
    );
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const received = results.reduce((a, r) => a + r.received, 0);
    const result = {
      members: joined,
      messages_per_s: round(acked / elapsed),
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(percentile(latencies, 99)),
      lost: acked * joined - received,
      duplicated: results.reduce((a, r) => a + r.duplicated, 0),
      refused: errorCodes,
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const s of senders) s.disconnect();
    for (const w of workers) w.kill();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exit;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
