import { z } from 'zod';
import { isCountryCode } from './countries';

/** Booth plot sizes the organiser hands out; each maps to a template family and a footprint (see layout.ts). */
export const BoothSize = z.enum(['small', 'medium', 'large']);
export type BoothSize = z.infer<typeof BoothSize>;

export const ZoneKind = z.enum(['exhibit', 'stage', 'lounge']);
export type ZoneKind = z.infer<typeof ZoneKind>;

export const ContentKind = z.enum(['video', 'image', 'model', 'document', 'link']);
export type ContentKind = z.infer<typeof ContentKind>;

export const Role = z.enum(['visitor', 'exhibitor', 'organiser']);
export type Role = z.infer<typeof Role>;

export const OrgKind = z.enum(['startup', 'corporate', 'public', 'academic', 'investor']);
export type OrgKind = z.infer<typeof OrgKind>;

/** ISO 3166-1 alpha-2, upper case, and an assigned code (ZZ or XX are not countries). */
export const CountryCode = z.string().refine(isCountryCode, 'an ISO 3166 country code such as JP');

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1FA39A');

/** An IANA time zone that this runtime knows, e.g. Asia/Tokyo. */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Tokyo');

/** Tag that marks green / decarbonisation exhibitors; the directory filters on it. */
export const GREEN_TAG = 'green';
