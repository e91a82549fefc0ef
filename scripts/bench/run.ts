import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Runs every benchmark in this folder, one after another. They print figures and never fail on timing. */
const HELPERS = new Set(['run.ts', 'app-process.ts', 'engines.ts', 'raw-http.ts']);
const only = process.argv.slice(2);
const scripts = readdirSync(__dirname)
  .filter((file) => file.endsWith('.ts') && !HELPERS.has(file))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, script)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
