import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The built app (dist/main.js) on the embedded database in a temporary data folder, on a loopback port. */
export class AppProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<AppProcess> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'benchmark-secret-that-is-long-enough',
        THROTTLE_LIMIT: '1000000',
        AUTH_THROTTLE_LIMIT: '1000000',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: `bench:${port}:`,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
      const ready = await fetch(`${url}/health/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) return new AppProcess(child, dataDir, url);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    throw new Error('the app did not become ready within 60 s');
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Registers a user and returns its Authorization header. */
  async signUp(role: 'student' | 'teacher' = 'student'): Promise<string> {
    const email = `${role}-${Math.random().toString(36).slice(2)}@bench.example.org`;
    const response = await fetch(`${this.url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'benchmark password', name: 'Bench', role }),
    });
    if (!response.ok)
      throw new Error(`register failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { accessToken: string };
    return `Bearer ${body.accessToken}`;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory in MiB. */
export function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}
