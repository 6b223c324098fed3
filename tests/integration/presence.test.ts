/** Presence on one server: area of interest, cell crossings, leaving, reconnecting, flooding, bad input. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../server/main';
import { startPresenceServer, TestVisitor } from './presence-harness';

describe('presence on one server', () => {
  let server: ServerHandle;
  const visitors: TestVisitor[] = [];
  const visitor = (name: string, x: number, z: number, visitorId?: string) => {
    const v = new TestVisitor(server.url, name, { x, z }, visitorId);
    visitors.push(v);
    return v;
  };

  beforeAll(async () => {
    server = await startPresenceServer();
  });
  afterEach(() => {
    for (const v of visitors.splice(0)) v.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('A sees B walk, and C far away receives none of B’s poses', async () => {
    const a = visitor('Aiko', 4, 4);
    const b = visitor('Ben', 6, 4);
    const c = visitor('Chloe', 60, 60);
    const d = visitor('Dev', 61, 60);
    await a.join();
    await b.join();
    await c.join();
    await d.join();
    await a.until(() => a.avatarNamed('Ben').length === 1);
    expect(c.avatarNamed('Ben')).toHaveLength(0);

    await b.walkTo(7, 5);
    await a.until(() => a.avatarNamed('Ben')[0]?.x === 7 && a.avatarNamed('Ben')[0]?.z === 5);
    // C keeps receiving its own neighbourhood (Dev walks) after Ben's last pose reached A, and never Ben's.
    const seenByA = a.lastTick;
    await d.walkTo(62, 60);
    await c.until(() => c.lastTick > seenByA && c.posesFrom.has(d.selfId));
    expect(c.posesFrom.has(b.selfId)).toBe(false);
    expect(c.avatarNamed('Ben')).toHaveLength(0);
  });

  it('pose batches reach a WebSocket client as one prebuilt frame, and a long-polling client through Socket.IO', async () => {
    const frames = async (path: string) =>
      (await server.metrics.presenceFrames.get()).values.find((v) => v.labels.path === path)?.value ?? 0;
    const directBefore = await frames('direct');
    const fallbackBefore = await frames('fallback');
    const w = visitor('Wes', -60, 60);
    const p = new TestVisitor(server.url, 'Polly', { x: -58, z: 60 }, undefined, { transports: ['polling'] });
    visitors.push(p);
    await w.join();
    await p.join();
    await w.until(() => w.avatarNamed('Polly').length === 1);
    await p.until(() => p.avatarNamed('Wes').length === 1);

    // Each sees the other's walk: the batches that carry only poses take the two paths.
    await Promise.all([w.walkTo(-61, 62), p.walkTo(-57, 61)]);
    await w.until(() => w.avatarNamed('Polly')[0]?.x === -57 && w.avatarNamed('Polly')[0]?.z === 61);
    await p.until(() => p.avatarNamed('Wes')[0]?.x === -61 && p.avatarNamed('Wes')[0]?.z === 62);
    expect(await frames('direct')).toBeGreaterThan(directBefore);
    expect(await frames('fallback')).toBeGreaterThan(fallbackBefore);
    expect(w.errors).toEqual([]);
    expect(p.errors).toEqual([]);
  });

  it('head counts reach every connection when they change, and one that connects later at once', async () => {
    // The earlier tests' visitors said goodbye (removed at once): Ama and Bea are the only two in the hall.
    const watcher = visitor('Watcher', 30, 30); // connected, never joins: the count is for every page
    const a = visitor('Ama', 30, 4);
    const b = visitor('Bea', 38, 4);
    await a.join();
    await b.join();
    await watcher.until(() => watcher.summary?.total === 2);
    await a.until(() => a.summary?.total === 2);
    const late = visitor('Late', 0, 0);
    await late.until(() => late.summary?.total === 2);
  });

  it('crossing cells adds the avatars that come into view and removes those that leave it', async () => {
    // Cells are 8 m: Eve at x=4 sees x in [-8, 16); Finn starts at x=17 (out of view) and walks in, then out.
    const e = visitor('Eve', 4, 4);
    const f = visitor('Finn', 17, 4);
    await e.join();
    const finnJoin = await f.join();
    expect(finnJoin.avatars.map((x) => x.displayName)).not.toContain('Eve');
    expect(e.avatarNamed('Finn')).toHaveLength(0);

    await f.walkTo(15.5, 4);
    await e.until(() => e.avatarNamed('Finn').length === 1);
    await f.until(() => f.avatarNamed('Eve').length === 1);

    await f.walkTo(16.5, 4);
    await e.until(() => e.avatarNamed('Finn').length === 0);
    await f.until(() => f.avatarNamed('Eve').length === 0);
  });

  it('an avatar that comes back into view has its profile, which was sent only once', async () => {
    const a = visitor('Aya', 44, 4);
    const b = visitor('Bo', 57, 4); // two cells east: out of view
    await a.join();
    await b.join();
    expect(a.avatarNamed('Bo')).toHaveLength(0);
    await b.walkTo(55.5, 4);
    await a.until(() => a.avatarNamed('Bo').length === 1);
    await b.walkTo(56.5, 4);
    await a.until(() => a.avatarNamed('Bo').length === 0);
    await b.walkTo(55.5, 4);
    await a.until(() => a.avatarNamed('Bo').length === 1);
    expect(a.avatarNamed('Bo')[0]!.info).toMatchObject({ country: 'JP', avatarColor: '#1FA39A', role: 'visitor' });
    expect(a.profilesReceived.get(b.selfId)).toBe(1);
    expect(a.knownReceived.get(b.selfId)).toBe(1);
    expect(a.missingProfiles).toEqual([]);
  });

  it('a profile change reaches a viewer that had the old profile, also after leaving its view and coming back', async () => {
    const a = visitor('Ama', 44, -44);
    const b = visitor('Bao', 55.5, -44);
    await a.join();
    await b.join();
    await a.until(() => a.avatarNamed('Bao').length === 1);
    const ack = await b.socket.timeout(5000).emitWithAck('presence:profile', {
      displayName: 'Bao Renamed',
      country: 'VN',
      avatarColor: '#FF6B5A',
      role: 'visitor',
    });
    expect(ack).toMatchObject({ ok: true });
    await a.until(() => a.avatarNamed('Bao Renamed').length === 1);
    expect(a.avatarNamed('Bao')).toHaveLength(0);
    await b.walkTo(56.5, -44);
    await a.until(() => a.avatarNamed('Bao Renamed').length === 0);
    await b.walkTo(55.5, -44);
    await a.until(() => a.avatarNamed('Bao Renamed').length === 1);
    expect(a.avatarNamed('Bao Renamed')[0]!.info).toMatchObject({ country: 'VN', avatarColor: '#FF6B5A' });
    expect(a.avatarNamed('Bao')).toHaveLength(0);
    expect(a.missingProfiles).toEqual([]);
  });

  it('leaving removes the avatar for everyone', async () => {
    const g = visitor('Gina', -20, -20);
    const h = visitor('Hiro', -21, -20);
    await g.join();
    await h.join();
    await g.until(() => g.avatarNamed('Hiro').length === 1);
    h.close();
    await g.until(() => g.avatarNamed('Hiro').length === 0);
  });

  it('a closed connection without goodbye is removed after the reconnect grace', async () => {
    const i = visitor('Ines', -40, -40);
    const j = visitor('Jun', -41, -40);
    await i.join();
    await j.join();
    await i.until(() => i.avatarNamed('Jun').length === 1);
    j.socket.io.opts.reconnection = false;
    j.socket.io.engine.close();
    await i.until(() => i.avatarNamed('Jun').length === 0);
  });

  it('reconnecting with the same visitorId restores the same avatar, without a duplicate', async () => {
    const k = visitor('Kai', 30, -30);
    const l = visitor('Lea', 31, -30);
    await k.join();
    const first = await l.join();
    await k.until(() => k.avatarNamed('Lea').length === 1);

    // The transport drops; Socket.IO reconnects and the client joins again.
    l.socket.io.engine.close();
    await l.until(() => !l.socket.connected);
    const again = await l.join();
    expect(again.selfId).toBe(first.selfId);

    // A reload: a brand-new connection with the same visitorId while the old one is still held.
    const reload = visitor('Lea', 31, -30, l.visitorId);
    const third = await reload.join();
    expect(third.selfId).toBe(first.selfId);
    await l.until(() => l.errors.some((e) => e.code === 'REPLACED'));

    await reload.walkTo(31.5, -30);
    await k.until(() => k.avatarNamed('Lea')[0]?.x === 31.5);
    expect(k.avatarNamed('Lea')).toHaveLength(1);
    // The new connection was sent every profile in full (it has none yet).
    expect(third.known).toBeUndefined();
    expect(reload.avatarNamed('Kai')).toHaveLength(1);
    expect(reload.missingProfiles).toEqual([]);
  });

  it('a pose outside the hall or faster than walking is clamped', async () => {
    const m = visitor('Mio', 90, 90);
    const n = visitor('Noa', 91, 90);
    await m.join();
    await n.join();
    await m.until(() => m.avatarNamed('Noa').length === 1);
    // 300 m away: outside the 200 m hall, and a jump no one walks in 100 ms. Clamped to the wall and to 3 m.
    n.x = 300;
    n.sendPose();
    await m.until(() => m.avatarNamed('Noa')[0]!.x > 91);
    const seen = m.avatarNamed('Noa')[0]!;
    expect(seen.x).toBeLessThanOrEqual(100);
    expect(seen.x).toBeLessThanOrEqual(91 + 3.01);
  });

  it('malformed payloads get coded errors and the server keeps serving', async () => {
    const o = visitor('Olu', -60, 60);
    const p = visitor('Pia', -61, 60);
    await o.join();
    await p.join();
    for (const bad of ['garbage', {}, [1, 2], [1.5, 2, 3], [99_999, 0, 0], null]) o.socket.emit('presence:pose', bad);
    await o.until(() => o.errors.some((e) => e.code === 'INVALID_PAYLOAD'));
    const ack = await o.socket.timeout(5000).emitWithAck('presence:profile', { displayName: '', country: 'xx' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    await o.walkTo(-59.5, 60);
    await p.until(() => p.avatarNamed('Olu')[0]?.x === -59.5);
  });

  it('a client that floods poses is slowed, then disconnected', async () => {
    const q = visitor('Quinn', 70, -70);
    await q.join();
    for (let i = 0; i < 300; i++) q.socket.emit('presence:pose', [7000, -7000, i % 256]);
    await q.until(() => !q.socket.connected);
    expect(q.errors.map((e) => e.code)).toContain('RATE_LIMITED');
  });
});
