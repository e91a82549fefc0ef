import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import type { TrainingItem } from './fsrs-optimiser';

/**
 * Fits FSRS parameters in a child process (see fit-process.ts): a crash of the native optimiser
 * fails this call instead of the server, and the fit's memory goes back when the child exits.
 */
export function fitParametersIsolated(items: readonly TrainingItem[]): Promise<number[]> {
  const typescript = extname(__filename) === '.ts';
  const child = fork(join(__dirname, `fit-process${extname(__filename)}`), [], {
    execArgv: typescript ? ['--import', 'tsx'] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.once('message', (reply: { parameters?: number[]; error?: string }) => {
      settled = true;
      if (reply.parameters) resolve(reply.parameters);
      else reject(new Error(`the FSRS optimiser failed: ${reply.error}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`the FSRS optimiser stopped (${signal ?? `exit ${code}`})`));
      settled = true;
    });
    child.send([...items]);
  });
}
