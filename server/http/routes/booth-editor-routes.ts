/** The booth editor over HTTP: list, read, save the draft, publish. Rights: server/booths/booth-access.ts. */
import { Router } from 'express';
import { BoothDraft } from '../../../shared/booth-editor';
import type { BoothEditor } from '../../booths/booth-editor';
import { parseBody } from '../http-errors';

export function boothEditorRoutes(editor: BoothEditor): Router {
  const router = Router();
  const noStore = { 'Cache-Control': 'no-store' };

  router.get('/editor/booths', async (req, res) => {
    res.set(noStore).json(await editor.listEditable(req.account?.id ?? null));
  });

  router.get('/editor/booths/:id', async (req, res) => {
    res.set(noStore).json(await editor.get(req.account?.id ?? null, req.params.id));
  });

  router.put('/editor/booths/:id/draft', async (req, res) => {
    const draft = parseBody(BoothDraft, req.body);
    res.json(await editor.saveDraft(req.account?.id ?? null, req.params.id, draft));
  });

  router.post('/editor/booths/:id/publish', async (req, res) => {
    res.json(await editor.publish(req.account?.id ?? null, req.params.id));
  });

  return router;
}
