/** Booth editor requests: list, read, save the draft, publish, upload media. */
import { BoothSummary } from '../../shared/api';
import {
  type BoothDraft,
  EditorBoothList,
  EditorBoothView,
  type UploadKind,
  UploadView,
} from '../../shared/booth-editor';
import { requestJson, uploadFile } from '../account/http';

export const fetchEditableBooths = () => requestJson('GET', '/api/editor/booths', EditorBoothList);
export const fetchEditorBooth = (id: string) =>
  requestJson('GET', `/api/editor/booths/${encodeURIComponent(id)}`, EditorBoothView);
export const saveDraft = (id: string, draft: BoothDraft) =>
  requestJson('PUT', `/api/editor/booths/${encodeURIComponent(id)}/draft`, EditorBoothView, draft);
export const publishBooth = (id: string) =>
  requestJson('POST', `/api/editor/booths/${encodeURIComponent(id)}/publish`, BoothSummary);
export const uploadMedia = (kind: UploadKind, file: File) =>
  uploadFile(`/api/uploads/${kind}?name=${encodeURIComponent(file.name)}`, file, UploadView);
