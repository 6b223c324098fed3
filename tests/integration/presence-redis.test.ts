/**
 * Presence across processes over the real Redis: two servers share one hall, and when one dies its visitors
 * reconnect (through a load balancer) to the other and continue. Skipped locally without REDIS_URL; in CI
 * (CI=true) a missing or unreachable Redis fails the suite.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/main';
import { redisUrl, serviceOrSkip } from '../support/services';
import { startPresenceServer, TestVisitor } from './presence-harness';

const url = await serviceOrSkip('Redis', redisUrl());

describe.skipIf(!url)('presence across two processes over Redis', () => {
  const prefix = `minato-test-${randomUUID()}`;
  let one: ServerHandle;
  let two: ServerHandle;
  const visitors: TestVisitor[] = [];

  beforeAll(async () => {
    one = await startPresenceServer({ redisUrl: url!, redisPrefix: prefix });
    two = await startPresenceServer({ redisUrl: url!, redisPrefix: prefix });
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await Promise.all([one?.close(), two?.close()]);
  });

  /** Two visitors, each on the server given, who join side by side and see each other. */
  type Place = [server: string, name: string, x: number, z: number];
  const meet = async (first: Place, second: Place): Promise<[TestVisitor, TestVisitor]> => {
    const [p, q] = [first, second].map(([server, name, x, z]) => new TestVisitor(server, name, { x, z }));
    const pair: [TestVisitor, TestVisitor] = [p!, q!];
    visitors.push(...pair);
    for (const v of pair) await v.join();
    await pair[0].until(() => pair[0].avatarNamed(pair[1].name).length === 1);
    await pair[1].until(() => pair[1].avatarNamed(pair[0].name).length === 1);
    return pair;
  };

  it('a visitor on one process sees a visitor on the other walk, and sees them leave', async () => {
    const [a, b] = await meet([one.url, 'Aiko', 4, 4], [two.url, 'Ben', 5, 4]);
    await b.walkTo(6, 5);
    await a.until(() => a.avatarNamed('Ben')[0]?.x === 6 && a.avatarNamed('Ben')[0]?.z === 5);
    b.close();
    await a.until(() => a.avatarNamed('Ben').length === 0);
  });

  it('a process that joins later learns who is already in the hall', async () => {
    const c = new TestVisitor(one.url, 'Chloe', { x: -30, z: -30 });
    visitors.push(c);
    await c.join();
    const late = await startPresenceServer({ redisUrl: url!, redisPrefix: prefix });
    try {
      const d = new TestVisitor(late.url, 'Dev', { x: -31, z: -30 });
      visitors.push(d);
      const joined = await d.join();
      expect(joined.avatars.map((x) => x.displayName)).toContain('Chloe');
      d.close();
    } finally {
      await late.close();
    }
  });

  it('when a process is killed, its visitors reconnect to the other and continue, without duplicates', async () => {
    // A process of its own, so it can die for real (SIGKILL), behind a TCP load balancer (WebSocket only).
    const child = await forkServer(url!, prefix);
    const survivor = new URL(two.url);
    let backends = [child.port, Number(survivor.port)];
    const balancer = net.createServer((client) => {
      const upstream = net.connect(backends[0]!, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', end);
      client.on('error', end);
      upstream.on('close', end);
    });
    await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
    const lbUrl = `http://127.0.0.1:${(balancer.address() as net.AddressInfo).port}`;
    try {
      const e = new TestVisitor(lbUrl, 'Eve', { x: 50, z: -50 });
      const f = new TestVisitor(two.url, 'Finn', { x: 51, z: -50 });
      visitors.push(e, f);
      const first = await e.join();
      await f.join();
      await f.until(() => f.avatarNamed('Eve').length === 1);

      backends = [Number(survivor.port)];
      child.process.kill('SIGKILL');
      await e.until(() => !e.socket.connected);
      const again = await e.join();
      expect(again.selfId).toBe(first.selfId);
      await e.walkTo(50.5, -50);
      await f.until(() => f.avatarNamed('Eve')[0]?.x === 50.5);
      expect(f.avatarNamed('Eve')).toHaveLength(1);
    } finally {
      child.process.kill('SIGKILL');
      balancer.close();
    }
  });

  it('after a process loses Redis for longer than the silence limit, both sides see each other again once it is back', async () => {
    // The third process reaches Redis through a proxy that can cut every connection and refuse new ones.
    const proxy = await redisProxy(url!);
    const cut = await startPresenceServer({ redisUrl: proxy.url, redisPrefix: prefix });
    try {
      const [i, j] = await meet([cut.url, 'Ida', 70, 70], [one.url, 'Jon', 71, 70]);

      // Silent for longer than a process may be (4 s): each side drops the other's visitors.
      proxy.cut();
      await j.until(() => j.avatarNamed('Ida').length === 0);
      await i.until(() => i.avatarNamed('Jon').length === 0);
      proxy.restore();

      // Neither walks: what brings them back is the processes telling each other who they carry. Each client would
      // put an avatar whose profile it remembers back on its next pose; the server must know it again too, for
      // those who never saw it (asked as a new client asks: `presence:who`).
      const idaId = i.selfId;
      const jonId = j.selfId;
      const known = async (v: TestVisitor, id: number) => {
        const ack = await v.socket.timeout(2000).emitWithAck('presence:who', { ids: [id] });
        return (ack.ok ? ack.data.avatars : []).map((a: { displayName: string }) => a.displayName);
      };
      await expect.poll(() => known(j, idaId), { timeout: 10_000, interval: 250 }).toEqual(['Ida']);
      await expect.poll(() => known(i, jonId), { timeout: 10_000, interval: 250 }).toEqual(['Jon']);
      await j.until(() => j.avatarNamed('Ida').length === 1);
      expect(j.avatarNamed('Ida')[0]).toMatchObject({ x: 70, z: 70 });
    } finally {
      await cut.close();
      proxy.close();
    }
  }, 30_000);

  it('what one socket is told when it crosses a cell is not published through Redis to the other processes', async () => {
    // The Redis adapter publishes a broadcast on `<prefix>#/#` (plus `<room>#` for a single room); a message meant
    // for one socket of this process has no reader elsewhere, and costs every process a decode.
    const watcher = createClient({ url: url! });
    const publisher = watcher.duplicate();
    await Promise.all([watcher.connect(), publisher.connect()]);
    const marker = `${prefix}#/#marker-${randomUUID()}#`;
    const published: string[] = [];
    let markerArrived = () => {};
    try {
      const g = new TestVisitor(one.url, 'Gina', { x: -100, z: -100 });
      const h = new TestVisitor(one.url, 'Hugo', { x: -83, z: -100 }); // two cells east of Gina: out of view
      visitors.push(g, h);
      await g.join();
      await h.join();
      expect(g.avatarNamed('Hugo')).toHaveLength(0);
      await watcher.pSubscribe(`${prefix}#/#*`, (_message, channel) => {
        if (channel === marker) markerArrived();
        else published.push(channel);
      });
      await g.walkTo(-95.5, -100); // into the next cell: Hugo comes into Gina's view
      await g.until(() => g.avatarNamed('Hugo').length === 1);
      // Redis delivers in order: once our own marker arrives, whatever the server published before it has too.
      await new Promise<void>((resolve) => {
        markerArrived = resolve;
        void publisher.publish(marker, 'marker');
      });
      expect(published).toEqual([]);
    } finally {
      await Promise.all([watcher.quit(), publisher.quit()]);
    }
  });
});

/** A TCP proxy to Redis that can drop every connection and refuse new ones until restored. */
async function redisProxy(target: string) {
  const { hostname, port } = new URL(target);
  let open = true;
  const pairs = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(Number(port), hostname);
    pairs.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(client);
      pairs.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut() {
      open = false;
      for (const s of pairs) s.destroy();
    },
    restore() {
      open = true;
    },
    close() {
      open = false;
      for (const s of pairs) s.destroy();
      server.close();
    },
  };
}

/** Starts a presence server in a child process; resolves with its port once it listens. */
function forkServer(redis: string, prefix: string): Promise<{ process: ChildProcess; port: number }> {
  const script = path.resolve(import.meta.dirname, '../bench/presence-server.ts');
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_REDIS_URL: redis, BENCH_REDIS_PREFIX: prefix, BENCH_HALL_M: '100' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'listening') resolve({ process: child, port: m.port! });
    });
  });
}
