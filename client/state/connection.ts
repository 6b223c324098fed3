import { create } from 'zustand';

/**
 * - `connecting`: first attempt, nothing to tell the visitor yet.
 * - `connected`: the server welcomed us.
 * - `reconnecting`: we were connected and lost it (network, server restart); Socket.IO is retrying.
 * - `outdated`: the server speaks another protocol version; only a reload helps.
 * - `closed`: this client closed the connection on purpose.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'outdated' | 'closed';

interface ConnectionState {
  status: ConnectionStatus;
  /** The server announced a restart, so a drop is expected and brief. */
  serverRestarting: boolean;
  connectionId: string | null;
  /** Server clock minus client clock in ms, measured at welcome; the hall and meetings use it for countdowns. */
  clockOffsetMs: number;
  setConnected(connectionId: string, clockOffsetMs: number): void;
  setReconnecting(serverRestarting: boolean): void;
  setOutdated(): void;
  setStatus(status: Exclude<ConnectionStatus, 'connected'>): void;
}

/** The realtime connection's state, written only by client/net/socket.ts. */
export const useConnectionStore = create<ConnectionState>()((set) => ({
  status: 'connecting',
  serverRestarting: false,
  connectionId: null,
  clockOffsetMs: 0,
  setConnected: (connectionId, clockOffsetMs) =>
    set({ status: 'connected', connectionId, clockOffsetMs, serverRestarting: false }),
  setReconnecting: (serverRestarting) => set({ status: 'reconnecting', serverRestarting, connectionId: null }),
  setOutdated: () => set({ status: 'outdated', serverRestarting: false, connectionId: null }),
  setStatus: (status) => set({ status, connectionId: null }),
}));
