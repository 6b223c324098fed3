/** Organiser console requests. */
import { z } from 'zod';
import {
  ExhibitorOverview,
  type ExpoSettings,
  ExpoSettings as ExpoSettingsSchema,
  type InvitationBody,
  InvitationCreated,
  KpiView,
  type ModerationBody,
  type OrganisationBody,
  OutboxView,
  PersonAdminView,
  type PlotBody,
  ZoneAdminView,
  type ZoneBody,
} from '../../shared/organiser';
import { requestJson } from '../account/http';

const Created = z.object({ id: z.string() });

export const fetchSettings = () => requestJson('GET', '/api/organiser/expo', ExpoSettingsSchema);
export const saveSettings = (body: ExpoSettings) => requestJson('PUT', '/api/organiser/expo', ExpoSettingsSchema, body);
export const fetchZones = () => requestJson('GET', '/api/organiser/zones', z.object({ zones: z.array(ZoneAdminView) }));
export const createZone = (body: ZoneBody) => requestJson('POST', '/api/organiser/zones', Created, body);
export const createOrganisation = (body: OrganisationBody) =>
  requestJson('POST', '/api/organiser/organisations', Created, body);
export const createPlot = (body: PlotBody) => requestJson('POST', '/api/organiser/plots', Created, body);
export const fetchOverview = () => requestJson('GET', '/api/organiser/exhibitors', ExhibitorOverview);
export const createInvitation = (body: InvitationBody) =>
  requestJson('POST', '/api/organiser/invitations', InvitationCreated, body);
export const findPeople = (q: string) =>
  requestJson(
    'GET',
    `/api/organiser/people?q=${encodeURIComponent(q)}`,
    z.object({ people: z.array(PersonAdminView) }),
  );
export const moderate = (body: ModerationBody) =>
  requestJson('POST', '/api/organiser/moderation', PersonAdminView, body);
export const fetchOutbox = () => requestJson('GET', '/api/organiser/outbox', OutboxView);
export const fetchKpis = () => requestJson('GET', '/api/organiser/kpis', KpiView);
