// Copies the local file storage (<DATA_DIR>/files) into the S3 bucket of the S3_* settings, under the same
// keys. Idempotent: an object already in the bucket with the same SHA-256 is skipped. Every copied object is
// read back from the bucket and its SHA-256 compared with the local file's; any mismatch fails the run.
//   STORAGE_DRIVER=s3 S3_BUCKET=... npm run storage:migrate
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AppConfig, parseEnvironment } from '../src/config';
import { LocalObjectStorage, ObjectStorage, S3ObjectStorage } from '../src/infra/storage';

async function sha256Of(store: ObjectStorage, key: string): Promise<string | null> {
  const stream = await store.get(key);
  if (!stream) return null;
  const hash = createHash('sha256');
  for await (const part of stream) hash.update(part as Buffer);
  return hash.digest('hex');
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile(); // .env, when there is one; the environment wins.
  } catch {
    // No .env.
  }
  const config = new AppConfig(parseEnvironment({ ...process.env, STORAGE_DRIVER: 's3' }));
  const local = new LocalObjectStorage(join(config.database.dataDir, 'files'));
  const bucket = new S3ObjectStorage(config.storage.s3);
  await bucket.check();
  let copied = 0;
  let skipped = 0;
  const failed: string[] = [];
  for await (const object of local.list('')) {
    if (LocalObjectStorage.isTemporary(object.key)) continue;
    const expected = await sha256Of(local, object.key);
    if (expected === null) continue; // Removed meanwhile.
    if ((await sha256Of(bucket, object.key)) === expected) {
      skipped++;
      continue;
    }
    const source = await local.get(object.key);
    if (!source) continue;
    const written = await bucket.put(object.key, source, Number.MAX_SAFE_INTEGER);
    const stored = await sha256Of(bucket, object.key);
    if (written.sha256 !== expected || stored !== expected) {
      failed.push(object.key);
      continue;
    }
    copied++;
  }
  bucket.onModuleDestroy();
  console.log(
    `storage:migrate: ${copied} copied, ${skipped} already there, ${failed.length} failed`,
  );
  if (failed.length) {
    console.error(`SHA-256 mismatch after copying: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: Error) => {
  console.error(`storage:migrate: ${error.message}`);
  process.exitCode = 1;
});
