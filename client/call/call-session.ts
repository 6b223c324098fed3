/**
 * What the call screen needs from a call, whichever way it is carried (LiveKit, or peer-to-peer over our socket):
 * the participants and their media, the local controls, and a connection quality. No React here.
 */

export type CallQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface RemoteParticipant {
  id: string;
  displayName: string;
  stream: MediaStream | null;
  quality: CallQuality;
}

export interface CallState {
  status: 'connecting' | 'connected' | 'failed' | 'ended';
  local: MediaStream | null;
  cameraOn: boolean;
  micOn: boolean;
  sharing: boolean;
  /** Why media could not be started (no device, permission refused); the call goes on without it. */
  mediaError: string | null;
  remotes: RemoteParticipant[];
  quality: CallQuality;
}

export interface CallSession {
  getState(): CallState;
  subscribe(listener: () => void): () => void;
  setCamera(on: boolean): Promise<void>;
  setMic(on: boolean): Promise<void>;
  setScreenShare(on: boolean): Promise<void>;
  selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  leave(): Promise<void>;
}

export const initialCallState: CallState = {
  status: 'connecting',
  local: null,
  cameraOn: true,
  micOn: true,
  sharing: false,
  mediaError: null,
  remotes: [],
  quality: 'unknown',
};

/** A small observable state holder shared by both implementations. */
export class CallStateHolder {
  private state: CallState = initialCallState;
  private readonly listeners = new Set<() => void>();

  get = (): CallState => this.state;

  set(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Quality from a round-trip time and a loss ratio, as calling apps describe it. */
export function qualityFrom(rttMs: number | null, lossRatio: number): CallQuality {
  if (rttMs === null) return 'unknown';
  if (rttMs < 150 && lossRatio < 0.02) return 'excellent';
  if (rttMs < 400 && lossRatio < 0.08) return 'good';
  return 'poor';
}
