import type { ApiClient } from '../api-client';
import { fixture } from '../content-helpers';

/** A document uploaded for a test, with its sections when asked for. */
export interface UploadedDocument {
  id: string;
  title: string;
  topics: string[];
  chunks: { id: string; text: string }[];
}

/** Uploads test/fixtures/<name> for the client's user; `withChunks` also reads every section. */
export async function uploadDocument(
  api: ApiClient,
  name: string,
  options: { withChunks?: boolean } = {},
): Promise<UploadedDocument> {
  const upload = await api.upload('/api/documents', name, fixture(name), 201);
  const chunks: UploadedDocument['chunks'] = [];
  let cursor: string | null = options.withChunks ? '' : null;
  while (cursor !== null) {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page = await api.get(`/api/documents/${upload.body.id}/chunks?limit=100${query}`, 200);
    chunks.push(...page.body.items);
    cursor = page.body.next;
  }
  return { ...upload.body, chunks };
}
