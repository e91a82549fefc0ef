import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';

export const FERRETDB_VERSION = 'v1.24.2';

/** Where FerretDB keeps the data: a PostgreSQL database, or SQLite files in a folder. */
export type FerretDbBackend = { postgresqlUrl: string } | { sqliteDir: string };

export interface FerretDbOptions {
  /** Path of the ferretdb binary (installed by scripts/setup.mjs). */
  binary: string;
  backend: FerretDbBackend;
  /** Folder for FerretDB's own state file (and the SQLite files when that is the backend). */
  stateDir: string;
  /** Loopback port; 0 picks a free one (kept across restarts, so clients reconnect to the same address). */
  port?: number;
  /** Receives FerretDB's own log lines (errors only) and restart notices. */
  log?: (line: string) => void;
  readyTimeoutMs?: number;
  /** Restart FerretDB when it dies on its own, after 250 ms, 500 ms, ... up to this delay (default 8 s). */
  restartMaxDelayMs?: number;
  /** Told when FerretDB stops answering (it died) and when it answers again (restarted). */
  onAvailability?: (up: boolean) => void;
}

// The app holds the watchdog's stdin; when the app exits for any reason (even SIGKILL) the pipe closes,
// the reader sees end-of-file and stops FerretDB, so it is never left orphaned. When FerretDB dies on its
// own, `wait` returns and the watchdog exits with FerretDB's status, which tells the app to restart it.
// (An asynchronous list reads /dev/null unless stdin is passed explicitly, hence fd 3.)
const WATCHDOG = `
"$0" "$@" </dev/null &
pid=$!
echo "ferretdb-pid $pid"
trap 'kill -TERM $pid 2>/dev/null; wait $pid; exit 0' TERM INT HUP
exec 3<&0
{ while read -r _; do :; done; kill -TERM $pid 2>/dev/null; } <&3 &
wait $pid
`;

const DUPLICATE_KEY_LOG = /SQLSTATE 23505|UNIQUE constraint failed/;

/** Runs FerretDB (PostgreSQL or SQLite backend) as a supervised child process on a loopback port. */
export class FerretDbProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private stopping = false;
  /** Set once FerretDB first answered: from then on a death is followed by a restart. */
  private supervising = false;
  private restarting = false;
  private restartTimer?: NodeJS.Timeout;
  private port = 0;
  /** Process id of FerretDB itself (not of its watchdog). */
  pid?: number;
  uri = '';

  constructor(private readonly options: FerretDbOptions) {}

  get backendName(): 'postgresql' | 'sqlite' {
    return 'postgresqlUrl' in this.options.backend ? 'postgresql' : 'sqlite';
  }

  async start(): Promise<string> {
    const { binary } = this.options;
    if (!existsSync(binary)) {
      throw new Error(
        `FerretDB is not installed at ${binary}: run "npm run setup" (needs Go), or set MONGODB_URI.`,
      );
    }
    this.stopping = false;
    this.port = this.options.port || (await freeLoopbackPort());
    this.uri = `mongodb://127.0.0.1:${this.port}/`;
    await this.spawnAndWait();
    this.supervising = true;
    return this.uri;
  }

  /** Stops FerretDB (and any pending restart) and waits for it to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (!this.child) return;
    this.child.ref();
    this.child.stdin?.end();
    await this.exited;
    this.child = undefined;
  }

  private async spawnAndWait(): Promise<void> {
    const child = this.spawnChild();
    await this.waitUntilReady(child, this.options.readyTimeoutMs ?? 30000);
  }

  private spawnChild(): ChildProcess {
    const { binary, backend, log } = this.options;
    const stateDir = resolve(this.options.stateDir);
    mkdirSync(stateDir, { recursive: true });
    const backendArgs =
      'postgresqlUrl' in backend
        ? ['--handler=postgresql', `--postgresql-url=${backend.postgresqlUrl}`]
        : ['--handler=sqlite', `--sqlite-url=file:${resolve(backend.sqliteDir)}/`];
    if ('sqliteDir' in backend) mkdirSync(resolve(backend.sqliteDir), { recursive: true });
    const args = [
      ...backendArgs,
      `--state-dir=${stateDir}`,
      `--listen-addr=127.0.0.1:${this.port}`,
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
    this.pid = undefined;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    child.once('exit', (code, signal) => this.onExit(child, code ?? signal));
    const forward = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => {
          const pid = /^ferretdb-pid (\d+)$/.exec(line);
          if (pid) this.pid = Number(pid[1]);
          // A unique index refusing a duplicate is how the app resolves races; not worth a log line.
          else if (!DUPLICATE_KEY_LOG.test(line)) log?.(line);
        });
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    // The pipes must not keep the event loop alive on their own.
    (child.stdin as unknown as { unref?: () => void })?.unref?.();
    for (const stream of [child.stdout, child.stderr]) {
      (stream as unknown as { unref?: () => void })?.unref?.();
    }
    child.unref();
    return child;
  }

  private onExit(child: ChildProcess, status: number | string | null): void {
    // Closing the old pipe lets that watchdog's reader finish.
    child.stdin?.end();
    if (this.stopping || !this.supervising || this.restarting || child !== this.child) return;
    this.restarting = true;
    this.options.onAvailability?.(false);
    this.options.log?.(`FerretDB exited (${status}); restarting it`);
    this.scheduleRestart(0);
  }

  private scheduleRestart(attempt: number): void {
    const delay = Math.min(250 * 2 ** attempt, this.options.restartMaxDelayMs ?? 8000);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.spawnAndWait().then(
        () => {
          this.restarting = false;
          this.options.log?.(`FerretDB restarted after ${attempt + 1} attempt(s)`);
          this.options.onAvailability?.(true);
        },
        (error: unknown) => {
          if (this.stopping) return;
          this.options.log?.(`FerretDB restart failed: ${String(error)}; retrying`);
          this.scheduleRestart(attempt + 1);
        },
      );
    }, delay);
    this.restartTimer.unref();
  }

  private async waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `FerretDB exited with ${child.exitCode ?? child.signalCode} before it was ready`,
        );
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
    if (child === this.child) {
      const exited = this.exited;
      this.child = undefined;
      child.ref();
      child.stdin?.end();
      await exited;
    }
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
