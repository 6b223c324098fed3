/**
 * bench:chat — a busy booth channel: the server runs as its own process (embedded database on disk, as `npm start`),
 * MEMBERS real socket.io-client connections join one booth channel, and senders among them write RATE messages a
 * second in total for SECONDS; every message is committed before it is acknowledged and fanned out.
 * Prints as its last line: {"members","messages_per_s","p50_ms","p99_ms","lost","duplicated"}
 * Usage: npm run bench:chat -- [--members 500] [--rate 100] [--seconds 20]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChannelId, ChatMessage } from '../../shared/chat';
import { enterAsGuest, openSocket, type TestSocket } from '../support/clients';
import { getJson } from '../support/http';
import { spawnServer, waitForOutput } from '../support/process';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '500' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
  },
});
const members = Number(values.members);
const rate = Number(values.rate);
const seconds = Number(values.seconds);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'minato-bench-chat-'));
  const server = spawnServer({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GUEST_RATE_LIMIT: '1000000',
    CHAT_RATE_PER_SECOND: '20',
  });
  const sockets: TestSocket[] = [];
  try {
    const [, port] = (await waitForOutput(server, /open at http:\/\/localhost:(\d+)/)) as RegExpMatchArray;
    const url = `http://127.0.0.1:${port}`;
    const booths = (await getJson(url, '/api/booths')).body as { booths: { id: string }[] };
    const channel = `booth:${booths.booths[0]!.id}` as ChannelId;

    // Members enter as guests and join the booth channel, a few at a time.
    for (let i = 0; i < members; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, members - i) }, async (_, j) => {
          const socket = await openSocket(url, await enterAsGuest(url, `Bench ${i + j}`));
          const joined = await socket.emitWithAck('chat:join', { channel });
          if (!joined.ok) throw new Error(joined.error.message);
          return socket;
        }),
      );
      sockets.push(...batch);
    }
    process.stderr.write(`${sockets.length} members joined ${channel}\n`);

    const sentAt = new Map<string, number>();
    const seen: Set<string>[] = sockets.map(() => new Set());
    const latencies: number[] = [];
    let duplicated = 0;
    sockets.forEach((socket, i) => {
      socket.on('chat:message', (m: ChatMessage) => {
        const t = sentAt.get(m.id);
        if (t === undefined) return;
        if (seen[i]!.has(m.id)) duplicated++;
        else {
          seen[i]!.add(m.id);
          latencies.push(performance.now() - t);
        }
      });
    });

    // Senders: 10% of members, each well inside the per-person allowance.
    const senders = sockets.slice(0, Math.max(1, Math.floor(members / 10)));
    const total = rate * seconds;
    let acked = 0;
    let errors = 0;
    const errorCodes: Record<string, number> = {};
    const start = performance.now();
    await new Promise<void>((resolve) => {
      let n = 0;
      const tick = setInterval(() => {
        const due = Math.floor(((performance.now() - start) / 1000) * rate) - n;
        for (let k = 0; k < due && n < total; k++, n++) {
          const socket = senders[n % senders.length]!;
          const id = randomUUID();
          sentAt.set(id, performance.now());
          socket
            .emitWithAck('chat:send', { id, channel, body: `bench message ${n}`, lang: 'en' })
            .then((r) => {
              if (r.ok) acked++;
              else {
                errors++;
                errorCodes[r.error.code] = (errorCodes[r.error.code] ?? 0) + 1;
              }
            })
            .catch(() => errors++);
        }
        if (n >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 10);
    });
    const elapsed = (performance.now() - start) / 1000;
    // Let the last messages arrive: wait until every receipt is in, or 10 s of silence.
    const expected = total * sockets.length;
    const deadline = Date.now() + 15_000;
    while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    latencies.sort((a, b) => a - b);
    const result = {
      members: sockets.length,
      messages_per_s: Math.round((acked / elapsed) * 10) / 10,
      p50_ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
      p99_ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
      lost: expected - latencies.length,
      duplicated,
      send_errors: errors,
      error_codes: errorCodes,
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const s of sockets) s.disconnect();
    server.child.kill('SIGTERM');
    await server.exit;
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
