/** The organiser console over HTTP. Every route checks organiser rights first (server/organiser/organiser-access). */
import { Router } from 'express';
import { z } from 'zod';
import {
  ExpoSettings,
  InvitationBody,
  ModerationBody,
  OrganisationBody,
  type OutboxView,
  PlotBody,
  ZoneBody,
} from '../../../shared/organiser';
import type { Db } from '../../db/database';
import type { Mailer } from '../../mail/mailer';
import { readOutbox } from '../../mail/mailer';
import type { ExpoAdmin } from '../../organiser/expo-admin';
import { readKpis } from '../../organiser/expo-kpis';
import { createInvitation } from '../../organiser/invitations';
import { assertOrganiser } from '../../organiser/organiser-access';
import { findPeople, moderate } from '../../organiser/user-moderation';
import type { LiveNotifier } from '../../realtime/live-notifier';
import { parseBody } from '../http-errors';
import { linkBase } from './account-routes';

export interface OrganiserRouteDeps {
  db: Db;
  admin: ExpoAdmin;
  mailer: Mailer;
  notifier: LiveNotifier;
  publicUrl: string | undefined;
  now: () => number;
}

const Id = z.string().uuid();
const PlotMove = PlotBody.omit({ organisationId: true });

export function organiserRoutes(deps: OrganiserRouteDeps): Router {
  const { db, admin } = deps;
  const router = Router();
  // Everything under /organiser is for organisers; the check runs before any route.
  router.use('/organiser', async (req, res, next) => {
    try {
      await assertOrganiser(db, req.account?.id ?? null);
      res.set('Cache-Control', 'no-store');
      next();
    } catch (err) {
      next(err);
    }
  });
  const idParam = (value: string) => parseBody(Id, value);

  router.get('/organiser/expo', async (_req, res) => {
    res.json(await admin.settings());
  });
  router.put('/organiser/expo', async (req, res) => {
    res.json(await admin.updateSettings(parseBody(ExpoSettings, req.body)));
  });

  router.get('/organiser/zones', async (_req, res) => {
    res.json({ zones: await admin.listZones() });
  });
  router.post('/organiser/zones', async (req, res) => {
    res.status(201).json(await admin.createZone(parseBody(ZoneBody, req.body)));
  });
  router.put('/organiser/zones/:id', async (req, res) => {
    await admin.updateZone(idParam(req.params.id), parseBody(ZoneBody, req.body));
    res.status(204).end();
  });

  router.post('/organiser/organisations', async (req, res) => {
    res.status(201).json(await admin.createOrganisation(parseBody(OrganisationBody, req.body)));
  });

  router.post('/organiser/plots', async (req, res) => {
    res.status(201).json(await admin.createPlot(parseBody(PlotBody, req.body)));
  });
  router.put('/organiser/plots/:id', async (req, res) => {
    await admin.updatePlot(idParam(req.params.id), parseBody(PlotMove, req.body));
    res.status(204).end();
  });

  router.get('/organiser/exhibitors', async (_req, res) => {
    res.json(await admin.overview());
  });

  router.post('/organiser/invitations', async (req, res) => {
    const body = parseBody(InvitationBody, req.body);
    const created = await createInvitation(db, deps.mailer, {
      ...body,
      createdById: req.account!.id,
      baseUrl: linkBase(req, deps.publicUrl),
    });
    res.status(201).json(created);
  });

  router.get('/organiser/people', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    res.json({ people: await findPeople(db, q) });
  });
  router.post('/organiser/moderation', async (req, res) => {
    const body = parseBody(ModerationBody, req.body);
    res.json(await moderate(db, deps.notifier, { ...body, byId: req.account!.id }));
  });

  router.get('/organiser/kpis', async (_req, res) => {
    res.json(await readKpis(db, deps.now()));
  });

  router.get('/organiser/outbox', async (_req, res) => {
    const rows = await readOutbox(db);
    const view: OutboxView = {
      mails: rows.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        body: m.body,
        kind: m.kind,
        transport: m.transport,
        sentAt: m.sentAt?.toISOString() ?? null,
        error: m.error,
        createdAt: m.createdAt.toISOString(),
      })),
    };
    res.json(view);
  });

  return router;
}
