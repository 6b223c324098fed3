import i18next from 'i18next';
import { create } from 'zustand';
import type { AccountView, GuestBody, LoginBody } from '../../shared/api';
import { ErrorCode } from '../../shared/errors';
import { type ApiError, toApiError } from '../net/ApiError';
import * as api from '../net/api';
import { renewRealtimeIdentity } from '../net/socket';

/** What a login attempt came to; expected refusals are values the form shows in words. */
export type LoginResult =
  | { ok: true; account: AccountView }
  | { ok: false; reason: 'wrong-credentials' | 'rate-limited' | 'invalid' }
  | { ok: false; reason: 'error'; error: ApiError };

/** What entering as a guest came to; a refusal carries its code and a sentence in the interface language. */
export type GuestResult = { ok: true; account: AccountView } | { ok: false; code: ErrorCode; message: string };

interface SessionState {
  account: AccountView | null;
  /** `unknown` until the first session check answers. */
  status: 'unknown' | 'ready';
  refresh(): Promise<void>;
  login(body: LoginBody): Promise<LoginResult>;
  /** Becomes a named guest so chat, meetings and presence know who this is. */
  enterAsGuest(body: GuestBody): Promise<GuestResult>;
  logout(): Promise<void>;
}

/** Who is signed in on this tab. */
export const useSessionStore = create<SessionState>()((set) => ({
  account: null,
  status: 'unknown',

  async refresh() {
    try {
      const { account } = await api.fetchSession();
      set({ account, status: 'ready' });
    } catch (error) {
      // An unknown session reads as anonymous; pages that need an account ask again.
      console.warn('Session check failed', toApiError(error));
      set({ account: null, status: 'ready' });
    }
  },

  async login(body) {
    try {
      const { account } = await api.login(body);
      if (!account) return { ok: false, reason: 'wrong-credentials' };
      set({ account, status: 'ready' });
      renewRealtimeIdentity();
      return { ok: true, account };
    } catch (thrown) {
      const error = toApiError(thrown);
      switch (error.code) {
        case ErrorCode.UNAUTHENTICATED:
          return { ok: false, reason: 'wrong-credentials' };
        case ErrorCode.RATE_LIMITED:
          return { ok: false, reason: 'rate-limited' };
        case ErrorCode.INVALID_PAYLOAD:
          return { ok: false, reason: 'invalid' };
        default:
          return { ok: false, reason: 'error', error };
      }
    }
  },

  async enterAsGuest(body) {
    try {
      const { account } = await api.enterAsGuest(body);
      if (!account) return { ok: false, code: ErrorCode.INTERNAL, message: i18next.t('errors.INTERNAL') };
      set({ account, status: 'ready' });
      renewRealtimeIdentity();
      return { ok: true, account };
    } catch (thrown) {
      const error = toApiError(thrown);
      const message =
        error.code === ErrorCode.INVALID_PAYLOAD ? i18next.t('guest.invalid') : i18next.t(`errors.${error.code}`);
      return { ok: false, code: error.code, message };
    }
  },

  async logout() {
    try {
      await api.logout();
    } finally {
      set({ account: null, status: 'ready' });
      renewRealtimeIdentity();
    }
  },
}));
