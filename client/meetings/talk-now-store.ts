/**
 * "Talk now" state of this tab: the visitor's own request (at most one) and the prompts shown to staff.
 * Written by client/net/talk-now.ts; components only read it.
 */
import { create } from 'zustand';
import type { ErrorCode } from '../../shared/errors';
import type { TalkEndReason, TalkPrompt } from '../../shared/meetings';

export type OutgoingTalk =
  | { boothId: string; phase: 'asking'; requestId: string | null }
  | { boothId: string; phase: 'ended'; reason: TalkEndReason; meetingId: string | null }
  | { boothId: string; phase: 'refused'; code: ErrorCode; message: string };

interface TalkNowState {
  outgoing: OutgoingTalk | null;
  prompts: TalkPrompt[];
  setOutgoing(outgoing: OutgoingTalk | null): void;
  addPrompt(prompt: TalkPrompt): void;
  removePrompt(requestId: string): void;
}

export const useTalkNowStore = create<TalkNowState>()((set) => ({
  outgoing: null,
  prompts: [],
  setOutgoing: (outgoing) => set({ outgoing }),
  addPrompt: (prompt) =>
    set((s) => ({ prompts: [...s.prompts.filter((p) => p.requestId !== prompt.requestId), prompt] })),
  removePrompt: (requestId) => set((s) => ({ prompts: s.prompts.filter((p) => p.requestId !== requestId) })),
}));
