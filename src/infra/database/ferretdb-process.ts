import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';

export const FERRETDB_VERSION = 'v1.24.2';

export interface FerretDbOptions {
  /** Path of the ferretdb binary (installed by scripts/setup.mjs). */
  binary: string;
  /** Folder that keeps the SQLite files, so data survives restarts. */
  dataDir: string;
  /** Loopback port; 0 picks a free one. */
  port?: number;
  /** Receives FerretDB's own log lines (errors only). */
  log?: (line: string) => void;
  readyTimeoutMs?: number;
}

// The app holds the watchdog's stdin; when the app exits for any reason (even SIGKILL) the pipe closes,
// `read` sees end-of-file and the watchdog stops FerretDB, so it is never left orphaned.
const WATCHDOG = `
"$0" "$@" </dev/null &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; exit 0' TERM INT HUP
while read -r _; do :; done
kill -TERM $pid 2>/dev/null
wait $pid
`;

/** Runs FerretDB (SQLite backend) as a child process on a loopback port. */
export class FerretDbProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  uri = '';

  constructor(private readonly options: FerretDbOptions) {}

  async start(): Promise<string> {
    const { binary, log } = this.options;
    if (!existsSync(binary)) {
      throw new Error(
        `FerretDB is not installed at ${binary}: run "npm run setup" (needs Go), or set MONGODB_URI.`,
      );
    }
    const dataDir = resolve(this.options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const port = this.options.port || (await freeLoopbackPort());
    const args = [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
      '--log-format=json',
    ];
    const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...args], {
      // A minimal environment: no secrets of the app reach the child, and telemetry is off twice over.
      env: { DO_NOT_TRACK: '1', FERRETDB_TELEMETRY: 'disable' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    const forward = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => log?.(line));
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    // The pipe must not keep the event loop alive on its own.
    (child.stdin as unknown as { unref?: () => void })?.unref?.();
    child.unref();

    this.uri = `mongodb://127.0.0.1:${port}/`;
    await this.waitUntilReady(this.options.readyTimeoutMs ?? 30000);
    return this.uri;
  }

  /** Stops FerretDB and waits for it to exit. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.ref();
    this.child.stdin?.end();
    await this.exited;
    this.child = undefined;
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) {
        throw new Error(`FerretDB exited with code ${this.child?.exitCode} before it was ready`);
      }
      const client = new mongoose.mongo.MongoClient(this.uri, {
        serverSelectionTimeoutMS: 500,
        directConnection: true,
      });
      try {
        await client.connect();
        await client.db('admin').command({ ping: 1 });
        return;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 150));
      } finally {
        await client.close().catch(() => undefined);
      }
    }
    await this.stop();
    throw new Error(`FerretDB did not answer ping within ${timeoutMs} ms: ${String(lastError)}`);
  }
}

export function defaultFerretDbBinary(projectRoot = process.cwd()): string {
  return join(projectRoot, 'tools', 'ferretdb', 'ferretdb');
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
