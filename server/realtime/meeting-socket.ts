/**
 * Meetings over Socket.IO: reminders and "meeting changed" notices to each person's `account:<id>` room, and
 * peer-to-peer call signalling (offers, answers, ICE candidates) between the participants of one meeting, at most
 * P2P_MAX_PEERS connections per call. Only participants, and only while the call is open, may join or signal.
 */
import { ErrorCode } from '../../shared/errors';
import { type CallPeer, P2P_MAX_PEERS } from '../../shared/meetings';
import type { Db } from '../db/database';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import type { MeetingService } from '../meetings/meeting-service';
import { startReminderScheduler } from '../meetings/reminder-scheduler';
import { TalkNowDesk } from '../meetings/talk-now-desk';
import { accountRoom } from './chat-socket';
import { type AppSocket, onEvent } from './on-event';
import type { AppServer } from './socket-server';

export interface MeetingSocketDeps {
  db: Db;
  log: Logger;
  meetings: MeetingService;
  now: () => number;
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  reminderIntervalMs?: number;
  /** How long a "Talk now" request waits for an answer (default TALK_REQUEST_SECONDS). */
  talkRequestMs?: number;
}

const callRoom = (meetingId: string) => `call:${meetingId}`;

export function attachMeetings(
  io: AppServer,
  deps: MeetingSocketDeps,
): { stop(): Promise<void>; remindNow(): Promise<number> } {
  const { log, meetings } = deps;
  const unsubscribe = meetings.onChange((change) => {
    io.to(change.accountIds.map(accountRoom)).emit('meeting:changed', {
      meetingId: change.meetingId,
      status: change.status,
      sequence: change.sequence,
    });
  });
  const reminders = startReminderScheduler({
    db: deps.db,
    log,
    now: deps.now,
    intervalMs: deps.reminderIntervalMs,
    send: (r) =>
      io.to(accountRoom(r.accountId)).emit('meeting:reminder', {
        meetingId: r.meetingId,
        startsAt: r.startsAt,
        minutesBefore: r.minutesBefore,
        withName: r.withName,
      }),
  });

  const talk = new TalkNowDesk({
    db: deps.db,
    meetings,
    now: deps.now,
    ttlMs: deps.talkRequestMs,
    isOnline: async (accountId) => (await io.in(accountRoom(accountId)).fetchSockets()).length > 0,
  });
  const stopPrompts = talk.onPrompt((staffIds, prompt) => io.to(staffIds.map(accountRoom)).emit('talk:prompt', prompt));
  const stopEnded = talk.onEnded((n) =>
    io
      .to([n.requesterId, ...n.staffIds].map(accountRoom))
      .emit('talk:ended', { requestId: n.requestId, reason: n.reason, meetingId: n.meetingId }),
  );

  /** The peers of a call, across processes (with the Redis adapter). */
  async function peersIn(meetingId: string): Promise<{ peerId: string; accountId: string; name: string }[]> {
    const sockets = await io.in(callRoom(meetingId)).fetchSockets();
    return sockets.map((s) => ({
      peerId: s.data.connectionId,
      accountId: s.data.accountId ?? '',
      name: (s.data as { callName?: string }).callName ?? '',
    }));
  }

  io.on('connection', (socket: AppSocket) => {
    const calls = new Set<string>();
    const leave = async (meetingId: string) => {
      if (!calls.delete(meetingId)) return;
      await socket.leave(callRoom(meetingId));
      io.to(callRoom(meetingId)).emit('call:peer-left', { meetingId, peerId: socket.data.connectionId });
    };

    onEvent(
      socket,
      'call:join',
      async ({ meetingId }) => {
        const name = await meetings.assertInCall(socket.data.accountId, meetingId);
        const others = (await peersIn(meetingId)).filter((p) => p.peerId !== socket.data.connectionId);
        if (others.length >= P2P_MAX_PEERS) throw new DomainError(ErrorCode.CONFLICT, 'This call is full.');
        (socket.data as { callName?: string }).callName = name;
        calls.add(meetingId);
        await socket.join(callRoom(meetingId));
        const self: CallPeer = {
          peerId: socket.data.connectionId,
          accountId: socket.data.accountId!,
          displayName: name,
        };
        socket.to(callRoom(meetingId)).emit('call:peer-joined', { meetingId, peer: self });
        return {
          selfPeerId: socket.data.connectionId,
          peers: others.map((p) => ({ peerId: p.peerId, accountId: p.accountId, displayName: p.name })),
          iceServers: deps.iceServers,
        };
      },
      log,
    );

    onEvent(
      socket,
      'call:leave',
      async ({ meetingId }) => {
        await leave(meetingId);
        return {};
      },
      log,
    );

    onEvent(
      socket,
      'call:signal',
      async ({ meetingId, to, data }) => {
        if (!calls.has(meetingId)) throw new DomainError(ErrorCode.FORBIDDEN, 'Join the call before signalling.');
        const target = (await io.in(callRoom(meetingId)).fetchSockets()).find((s) => s.data.connectionId === to);
        if (!target) throw new DomainError(ErrorCode.NOT_FOUND, 'That peer has left the call.');
        target.emit('call:signal', { meetingId, from: socket.data.connectionId, data });
        return {};
      },
      log,
    );

    onEvent(socket, 'talk:request', ({ boothId }) => talk.request(socket.data.accountId, boothId), log);
    onEvent(
      socket,
      'talk:cancel',
      async ({ requestId }) => {
        await talk.cancel(socket.data.accountId, requestId);
        return {};
      },
      log,
    );
    onEvent(
      socket,
      'talk:answer',
      ({ requestId, accept }) => talk.answer(socket.data.accountId, requestId, accept),
      log,
    );

    socket.on('disconnect', () => {
      for (const meetingId of [...calls]) {
        calls.delete(meetingId);
        io.to(callRoom(meetingId)).emit('call:peer-left', { meetingId, peerId: socket.data.connectionId });
      }
    });
  });

  return {
    async stop() {
      unsubscribe();
      stopPrompts();
      stopEnded();
      talk.stop();
      await reminders.stop();
    },
    remindNow: () => reminders.tick(),
  };
}
