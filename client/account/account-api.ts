/** Account requests: register, password reset, profile, invitations. */
import { z } from 'zod';
import {
  type PasswordResetCompleteBody,
  type ProfileUpdateBody,
  ProfileView,
  type RegisterBody,
} from '../../shared/accounts';
import { SessionView } from '../../shared/api';
import { type AcceptInvitationBody, InvitationPreview } from '../../shared/organiser';
import { requestJson } from './http';

export const register = (body: RegisterBody) => requestJson('POST', '/api/account/register', SessionView, body);
export const requestReset = (email: string) =>
  requestJson('POST', '/api/account/password-reset', z.object({ message: z.string() }), { email });
export const completeReset = (body: PasswordResetCompleteBody) =>
  requestJson('POST', '/api/account/password-reset/complete', null, body);
export const fetchProfile = () => requestJson('GET', '/api/account/profile', ProfileView);
export const saveProfile = (body: ProfileUpdateBody) => requestJson('PUT', '/api/account/profile', ProfileView, body);
export const previewInvitation = (token: string) =>
  requestJson('POST', '/api/invitations/preview', InvitationPreview, { token });
export const acceptInvitation = (body: AcceptInvitationBody) =>
  requestJson('POST', '/api/invitations/accept', SessionView, body);

/** The token from a link's fragment (#token=…); fragments never reach servers or Referer headers. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}
