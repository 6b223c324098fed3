/**
 * Accounts: registering, turning a guest into an account, password reset and the profile. The server parses every
 * body with these schemas; the client infers its types from them.
 */
import { z } from 'zod';
import { CountryCode, HexColor, TimeZone } from './domain';

const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or ja')
  .max(20);
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9 -]{0,39}$/, 'a short tag of letters, digits, spaces or hyphens');

/** Passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const NewPassword = z.string().min(10, 'at least 10 characters').max(200, 'at most 200 characters');

/** Registering; a guest who registers keeps their account row (and everything they did) and gains a login. */
export const RegisterBody = z.object({
  email: z.email().max(254),
  password: NewPassword,
  displayName: z.string().trim().min(1, 'a name is needed').max(60),
  country: CountryCode.optional(),
  timeZone: TimeZone.optional(),
  language: languageTag.optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const PasswordResetRequestBody = z.object({ email: z.email().max(254) });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

export const PasswordResetCompleteBody = z.object({
  token: z.string().min(20).max(200),
  password: NewPassword,
});
export type PasswordResetCompleteBody = z.infer<typeof PasswordResetCompleteBody>;

/** Everything a person says about themselves. */
export const ProfileFields = z.object({
  displayName: z.string().trim().min(1, 'a name is needed').max(60),
  company: z.string().trim().max(120),
  jobTitle: z.string().trim().max(120),
  country: CountryCode.nullable(),
  timeZone: TimeZone.nullable(),
  languages: z.array(languageTag).max(10),
  interests: z.array(tag).max(20),
  needTags: z.array(tag).max(20),
  offerTags: z.array(tag).max(20),
  needsText: z.string().trim().max(1000),
  offersText: z.string().trim().max(1000),
  /** Consent to show email and organisation to the exhibitors this person talks to. */
  shareContact: z.boolean(),
  avatarColor: HexColor,
});
export type ProfileFields = z.infer<typeof ProfileFields>;

export const ProfileView = ProfileFields.extend({
  id: z.string(),
  email: z.string().nullable(),
  role: z.enum(['visitor', 'exhibitor', 'organiser']),
  /** True for guests (no email and password yet). */
  guest: z.boolean(),
  organisation: z.object({ id: z.string(), name: z.string(), orgRole: z.string().nullable() }).nullable(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const ProfileUpdateBody = ProfileFields.partial();
export type ProfileUpdateBody = z.infer<typeof ProfileUpdateBody>;
