/**
 * The exactly-once scenario: members (spread over one or more server URLs) write to one channel while their
 * connections are dropped at random; afterwards every member must hold every message once, all in one order.
 */
import { expect } from 'vitest';
import { ChatSync } from '../../client/net/chat-sync';
import type { ChannelId, ChatMessage } from '../../shared/chat';
import { enterAsGuest, openSocket, type TestSocket, until } from './clients';

export interface ScenarioResult {
  sentIds: string[];
  /** Each member's new messages in the order it holds them. */
  logs: ChatMessage[][];
  drops: number;
}

export async function runDropScenario(opts: {
  urls: string[];
  members: number;
  perMember: number;
  channel: ChannelId;
  track: (s: TestSocket) => void;
}): Promise<ScenarioResult> {
  const { urls, members, perMember, channel } = opts;
  const people = await Promise.all(
    Array.from({ length: members }, (_, i) => enterAsGuest(urls[i % urls.length]!, `Member ${i}`)),
  );
  const syncs = await Promise.all(
    people.map(async (p, i) => {
      const socket = await openSocket(urls[i % urls.length]!, p, { reconnection: true });
      opts.track(socket);
      const listeners = new Set<() => void>();
      const sync = new ChatSync(socket, {
        change: () => {
          for (const l of listeners) l();
        },
      });
      await sync.join(channel);
      return { socket, sync, listeners };
    }),
  );
  const before = new Set(
    syncs[0]!.sync
      .log(channel)
      .messages()
      .map((m) => m.id),
  );
  const subscribeAll = (notify: () => void) => {
    const onConnect = () => notify();
    for (const s of syncs) {
      s.listeners.add(notify);
      s.socket.on('connect', onConnect);
    }
    return () => {
      for (const s of syncs) {
        s.listeners.delete(notify);
        s.socket.off('connect', onConnect);
      }
    };
  };

  let dropping = true;
  const chaos = (async () => {
    let drops = 0;
    while (dropping) {
      const victim = syncs[Math.floor(Math.random() * syncs.length)]!;
      if (victim.socket.connected) {
        victim.socket.io.engine.close();
        drops++;
      }
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
    }
    return drops;
  })();

  const sentIds: string[] = [];
  for (let round = 0; round < perMember; round++) {
    for (const [i, s] of syncs.entries()) sentIds.push(s.sync.send(channel, `m${i}-${round}`, 'en'));
    await new Promise((r) => setTimeout(r, 5));
  }
  try {
    await until(() => syncs.every((s) => s.sync.pending().length === 0), subscribeAll, 90_000, 'all outboxes to empty');
  } finally {
    dropping = false;
  }
  const drops = await chaos;
  const newIn = (s: (typeof syncs)[number]) =>
    s.sync
      .log(channel)
      .messages()
      .filter((m) => !before.has(m.id));
  await until(
    () => syncs.every((s) => newIn(s).length >= sentIds.length),
    subscribeAll,
    60_000,
    'every member to hold every message',
  );
  const logs = syncs.map((s) => [...newIn(s)]);
  for (const s of syncs) s.sync.dispose();
  return { sentIds, logs, drops };
}

/** Every member holds exactly the sent messages, all in the same order, each sender's in the order written. */
export function expectExactlyOnceInOneOrder(
  sentIds: string[],
  logs: ChatMessage[][],
  members: number,
  perMember: number,
) {
  const reference = logs[0]!.map((m) => m.id);
  expect(reference).toHaveLength(members * perMember);
  expect(new Set(reference)).toEqual(new Set(sentIds));
  for (const log of logs) expect(log.map((m) => m.id)).toEqual(reference);
  for (let i = 0; i < members; i++) {
    const mine = logs[0]!.filter((m) => m.body.startsWith(`m${i}-`)).map((m) => m.body);
    expect(mine).toEqual(Array.from({ length: perMember }, (_, r) => `m${i}-${r}`));
  }
}
