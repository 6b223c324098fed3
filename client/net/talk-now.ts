/**
 * "Talk now" over the tab's socket: asks a booth's staff for an instant call, withdraws, answers a prompt, and
 * writes prompts and outcomes into the talk-now store.
 */
import { ErrorCode } from '../../shared/errors';
import type { TalkEnded, TalkPrompt } from '../../shared/meetings';
import { useTalkNowStore } from '../meetings/talk-now-store';
import { getRealtimeSocket, onRealtimeSocket, type RealtimeSocket } from './socket';

const ACK_TIMEOUT_MS = 10_000;

export type AnswerResult = { ok: true; meetingId: string | null } | { ok: false; code: ErrorCode; message: string };

function socketOrNull(): RealtimeSocket | null {
  const socket = getRealtimeSocket();
  return socket?.connected ? socket : null;
}

/** Listens for prompts and outcomes on every socket this tab opens; returns an unsubscribe. */
export function listenForTalkNow(): () => void {
  const store = useTalkNowStore.getState;
  const onPrompt = (prompt: TalkPrompt) => store().addPrompt(prompt);
  const onEnded = (ended: TalkEnded) => {
    store().removePrompt(ended.requestId);
    const outgoing = store().outgoing;
    if (outgoing?.phase === 'asking' && outgoing.requestId === ended.requestId) {
      store().setOutgoing({
        boothId: outgoing.boothId,
        phase: 'ended',
        reason: ended.reason,
        meetingId: ended.meetingId,
      });
    }
  };
  let current: RealtimeSocket | null = null;
  const detach = () => {
    current?.off('talk:prompt', onPrompt);
    current?.off('talk:ended', onEnded);
  };
  const unsubscribe = onRealtimeSocket((socket) => {
    detach();
    current = socket;
    socket.on('talk:prompt', onPrompt);
    socket.on('talk:ended', onEnded);
  });
  return () => {
    unsubscribe();
    detach();
  };
}

/** Asks the booth's online staff to talk now; the outcome arrives in the store. */
export async function askToTalk(boothId: string): Promise<void> {
  const { setOutgoing } = useTalkNowStore.getState();
  const socket = socketOrNull();
  if (!socket) {
    setOutgoing({ boothId, phase: 'refused', code: ErrorCode.UNAVAILABLE, message: '' });
    return;
  }
  setOutgoing({ boothId, phase: 'asking', requestId: null });
  try {
    const result = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('talk:request', { boothId });
    if (result.ok) {
      // An answer may already have come in (talk:ended) before the ack; keep that.
      const now = useTalkNowStore.getState().outgoing;
      if (now?.phase === 'asking' && now.boothId === boothId) {
        setOutgoing({ boothId, phase: 'asking', requestId: result.data.requestId });
      }
    } else {
      setOutgoing({ boothId, phase: 'refused', code: result.error.code, message: result.error.message });
    }
  } catch {
    setOutgoing({ boothId, phase: 'refused', code: ErrorCode.UNAVAILABLE, message: '' });
  }
}

/** Withdraws the visitor's open request (or forgets a finished one). */
export async function withdrawTalk(): Promise<void> {
  const { outgoing, setOutgoing } = useTalkNowStore.getState();
  setOutgoing(null);
  if (outgoing?.phase !== 'asking' || !outgoing.requestId) return;
  await socketOrNull()
    ?.timeout(ACK_TIMEOUT_MS)
    .emitWithAck('talk:cancel', { requestId: outgoing.requestId })
    .catch(() => undefined);
}

/** Staff answer a prompt; on accept, the result holds the meeting to enter. */
export async function answerTalk(requestId: string, accept: boolean): Promise<AnswerResult> {
  const socket = socketOrNull();
  if (!socket) return { ok: false, code: ErrorCode.UNAVAILABLE, message: '' };
  try {
    const result = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('talk:answer', { requestId, accept });
    useTalkNowStore.getState().removePrompt(requestId);
    if (result.ok) return { ok: true, meetingId: result.data.meetingId };
    return { ok: false, code: result.error.code, message: result.error.message };
  } catch {
    return { ok: false, code: ErrorCode.UNAVAILABLE, message: '' };
  }
}
