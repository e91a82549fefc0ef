import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/**
 * A fresh DATA_DIR for one spec file, so uploaded files can be inspected and do not mix. Files live in
 * `files/<database>`; a spec uses one database, so `filesDir()` is the only folder there.
 */
export function tempDataDir(): {
  dir: string;
  filesDir: () => string;
  files: () => string[];
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'al-content-'));
  const filesDir = () => {
    const [database] = readdirSync(join(dir, 'files'));
    if (!database) throw new Error('no files folder yet');
    return join(dir, 'files', database);
  };
  return {
    dir,
    filesDir,
    files: () => {
      try {
        return readdirSync(filesDir()).sort();
      } catch {
        return [];
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Collapses whitespace, so text from different extractions compares by words. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface HttpApp {
  http(): import('supertest').Agent;
}

/** Polls a generation job until it ends; returns its last view. */
export async function waitForJob(
  app: HttpApp,
  auth: string,
  jobId: string,
  timeoutMs = 45_000,
): Promise<Record<string, unknown> & { status: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await app
      .http()
      .get(`/api/generation-jobs/${jobId}`)
      .set('authorization', auth);
    if (response.status !== 200) throw new Error(`job ${jobId}: HTTP ${response.status}`);
    if (['succeeded', 'failed'].includes(response.body.status)) return response.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${response.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
