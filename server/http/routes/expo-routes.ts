import { Router } from 'express';
import type { BoothDetail, BoothSummary, ExpoView } from '../../../shared/api';
import { ErrorCode } from '../../../shared/errors';
import type { Db } from '../../db/database';
import { DomainError } from '../../errors';
import { getExpo, getPublishedBooth, listPublishedBooths } from '../../expo/expo-queries';

async function requireExpo(db: Db): Promise<ExpoView> {
  const expo = await getExpo(db);
  if (!expo) throw new DomainError(ErrorCode.NOT_FOUND, 'No expo has been set up on this server yet.');
  return expo;
}

/** Public reads of the expo and its booths. Short shared caching: they change only when an exhibitor publishes. */
export function expoRoutes(db: Db): Router {
  const router = Router();
  router.get('/expo', async (_req, res) => {
    const expo: ExpoView = await requireExpo(db);
    res.set('Cache-Control', 'public, max-age=10').json(expo);
  });
  router.get('/booths', async (_req, res) => {
    const expo = await requireExpo(db);
    const booths: BoothSummary[] = await listPublishedBooths(db, expo.id);
    res.set('Cache-Control', 'public, max-age=10').json({ booths });
  });
  router.get('/booths/:slug', async (req, res) => {
    const slug = req.params.slug;
    if (!/^[a-z0-9-]{1,100}$/.test(slug)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    const booth: BoothDetail | null = await getPublishedBooth(db, slug);
    if (!booth) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    res.set('Cache-Control', 'public, max-age=10').json(booth);
  });
  return router;
}
