/**
 * Uploads over HTTP: `POST /api/uploads/:kind?name=…` with the file as the raw body. The file is judged by its
 * bytes (server/uploads); the name is kept for display only.
 */
import { type Request, Router } from 'express';
import { UploadKind } from '../../../shared/booth-editor';
import { ErrorCode } from '../../../shared/errors';
import { DomainError } from '../../errors';
import type { UploadService } from '../../uploads/upload-service';

/** Reads and discards what is left of a request body, so the client gets our answer, not a reset connection. */
async function drain(req: Request): Promise<void> {
  if (req.readableEnded || req.complete) return;
  await new Promise<void>((resolve) => {
    req.once('end', resolve);
    req.once('error', () => resolve());
    req.once('close', resolve);
    req.resume();
  });
}

export function uploadRoutes(service: UploadService): Router {
  const router = Router();
  router.post('/uploads/:kind', async (req, res) => {
    try {
      const kind = UploadKind.safeParse(req.params.kind);
      if (!kind.success) {
        throw new DomainError(ErrorCode.INVALID_PAYLOAD, 'Uploads are images, videos, models or documents.');
      }
      const name = typeof req.query.name === 'string' ? req.query.name : '';
      const length = req.get('content-length');
      const file = { kind: kind.data, originalName: name, declaredLength: length ? Number(length) : undefined };
      const ownerId = await service.precheck(req.account?.id ?? null, file);
      res.status(201).json(await service.receive(ownerId, { ...file, body: req }));
    } catch (err) {
      await drain(req);
      throw err;
    }
  });
  return router;
}
