/**
 * What a room message costs the server per socket, through Socket.IO (`io.to(room).volatile.emit`) against the
 * direct path (server/realtime/room-frames.ts): N clients in one room, in a child process of their own, and the
 * server sends the room a presence-sized batch every PHASE_MS, alternating the two ways in short windows so that
 * both see the same machine (CPU figures here drift by ±10% within minutes). Prints JSON: server CPU µs per
 * message and socket for each way, medians over the windows.
 *
 *   npm run -s bench:room-frames -- [--clients 1000] [--windows 10] [--window-ms 2000]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { emitToRoom } from '../../server/realtime/room-frames';
import { percentile } from './percentile';

const ROOM = 'r';
const INTERVAL_MS = 25;

if (process.env.ROOM_FRAMES_CLIENTS) {
  // The child: the clients, counting what they receive.
  const url = process.env.ROOM_FRAMES_URL!;
  let received = 0;
  const sockets = Array.from({ length: Number(process.env.ROOM_FRAMES_CLIENTS) }, () => {
    const s = connect(url, { transports: ['websocket'], forceNew: true });
    s.on('b', () => received++);
    return s;
  });
  let connected = 0;
  for (const s of sockets) s.once('connect', () => ++connected === sockets.length && process.send?.({ type: 'ready' }));
  process.on('message', (m: { type: string }) => {
    if (m.type === 'count') process.send?.({ type: 'count', received });
    if (m.type === 'stop') process.exit(0);
  });
} else {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '1000' },
      windows: { type: 'string', default: '10' },
      'window-ms': { type: 'string', default: '2000' },
    },
  });
  const clients = Number(values.clients);
  const windows = Number(values.windows);
  const windowMs = Number(values['window-ms']);

  const http = createServer();
  const io = new Server(http, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  io.on('connection', (s) => s.join(ROOM));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const child = fork(new URL(import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ROOM_FRAMES_CLIENTS: String(clients), ROOM_FRAMES_URL: url },
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string } & T) => {
        if (m.type === type) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      if (type !== 'ready') child.send({ type });
    });
  await ask('ready');

  // A batch as presence sends it: ~30 avatars of base64 (the payload differs each time, as poses do).
  const batch = (n: number) => Buffer.alloc(190, n & 0xff).toString('base64');
  type Way = 'socket_io' | 'direct';
  const send: Record<Way, (n: number) => void> = {
    socket_io: (n) => io.local.to(ROOM).volatile.emit('b', batch(n)),
    direct: (n) => emitToRoom(io, ROOM, 'b', batch(n), true),
  };
  const perMessage: Record<Way, number[]> = { socket_io: [], direct: [] };
  const delivered: Record<Way, number> = { socket_io: 0, direct: 0 };
  let n = 0;
  for (let w = 0; w < windows * 2; w++) {
    const way: Way = w % 2 === 0 ? 'socket_io' : 'direct';
    const before = (await ask<{ received: number }>('count')).received;
    const cpu = process.cpuUsage();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        send[way](n++);
        sent += io.sockets.adapter.rooms.get(ROOM)?.size ?? 0;
      }, INTERVAL_MS);
      setTimeout(() => {
        clearInterval(timer);
        resolve();
      }, windowMs);
    });
    const used = process.cpuUsage(cpu);
    // Let the last writes drain before counting what arrived.
    await new Promise((r) => setTimeout(r, 200));
    const after = (await ask<{ received: number }>('count')).received;
    if (w >= 2) {
      // The first pair warms up.
      perMessage[way].push((used.user + used.system) / sent);
      delivered[way] += (after - before) / sent;
    }
  }
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const round = (x: number) => Math.round(x * 100) / 100;
  const counted = windows - 1;
  child.send({ type: 'stop' });
  io.close();
  process.stdout.write(
    `${JSON.stringify({
      clients,
      windows: counted,
      socket_io_us_per_socket_message: round(median(perMessage.socket_io)),
      direct_us_per_socket_message: round(median(perMessage.direct)),
      socket_io_delivered_share: round(delivered.socket_io / counted),
      direct_delivered_share: round(delivered.direct / counted),
    })}\n`,
  );
  process.exit(0);
}
