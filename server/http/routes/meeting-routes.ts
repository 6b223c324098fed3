/** Meetings over HTTP: a thin adapter from requests to MeetingService (server/meetings/meeting-service.ts). */
import { Router } from 'express';
import { z } from 'zod';
import { ErrorCode } from '../../../shared/errors';
import {
  BookBody,
  CancelBody,
  DeclineBody,
  InviteBody,
  MeetingHoursBody,
  PublishAvailabilityBody,
  RescheduleBody,
  RespondBody,
} from '../../../shared/meetings';
import { DomainError } from '../../errors';
import type { MeetingService } from '../../meetings/meeting-service';
import { parseBody } from '../http-errors';

const Id = z.uuid();

function idParam(value: string | undefined): string {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw new DomainError(ErrorCode.NOT_FOUND, 'No such meeting among yours.');
  return parsed.data;
}

export function meetingRoutes(meetings: MeetingService): Router {
  const router = Router();
  const me = (req: { account: { id: string } | null }) => req.account?.id ?? null;

  router.get('/meetings/hours', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(await meetings.hoursView());
  });
  router.post('/meetings/hours', async (req, res) => {
    res.json(await meetings.setHours(me(req), parseBody(MeetingHoursBody, req.body)));
  });
  router.get('/meetings/booths/:boothId/slots', async (req, res) => {
    const boothId = Id.safeParse(req.params.boothId);
    if (!boothId.success) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    res.set('Cache-Control', 'no-store').json(await meetings.boothSlots(boothId.data, me(req)));
  });
  router.get('/meetings/booths/:boothId/own-slots', async (req, res) => {
    const boothId = Id.safeParse(req.params.boothId);
    if (!boothId.success) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    res.set('Cache-Control', 'no-store').json({ slots: await meetings.ownSlots(me(req), boothId.data) });
  });
  router.get('/meetings/availability', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await meetings.availabilityOf(me(req)));
  });
  router.post('/meetings/availability', async (req, res) => {
    res.json(await meetings.publishAvailability(me(req), parseBody(PublishAvailabilityBody, req.body)));
  });
  router.get('/meetings', async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ meetings: await meetings.myMeetings(me(req)) });
  });
  router.post('/meetings', async (req, res) => {
    res.status(201).json(await meetings.book(me(req), parseBody(BookBody, req.body)));
  });
  router.post('/meetings/invitations', async (req, res) => {
    res.status(201).json(await meetings.invite(me(req), parseBody(InviteBody, req.body)));
  });
  router.get('/meetings/:id', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await meetings.meeting(me(req), idParam(req.params.id)));
  });
  router.get('/meetings/:id/invitation.ics', async (req, res) => {
    const ics = await meetings.invitation(me(req), idParam(req.params.id));
    res.set('Cache-Control', 'no-store').type('text/calendar; charset=utf-8').attachment('meeting.ics').send(ics);
  });
  router.post('/meetings/:id/cancel', async (req, res) => {
    const { message } = parseBody(CancelBody, req.body ?? {});
    res.json(await meetings.cancel(me(req), idParam(req.params.id), message));
  });
  router.post('/meetings/:id/decline', async (req, res) => {
    const { message } = parseBody(DeclineBody, req.body);
    res.json(await meetings.decline(me(req), idParam(req.params.id), message));
  });
  router.post('/meetings/:id/respond', async (req, res) => {
    const { accept, message } = parseBody(RespondBody, req.body);
    res.json(await meetings.respond(me(req), idParam(req.params.id), accept, message));
  });
  router.post('/meetings/:id/reschedule', async (req, res) => {
    res.json(await meetings.reschedule(me(req), idParam(req.params.id), parseBody(RescheduleBody, req.body)));
  });
  /** Mints call access (a LiveKit token, or the peer-to-peer settings); POST because it hands out a credential. */
  router.post('/meetings/:id/call', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await meetings.callAccess(me(req), idParam(req.params.id)));
  });
  return router;
}
