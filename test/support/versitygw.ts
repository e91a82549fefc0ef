import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ACCESS_KEY = 'e2e-access-key';
const SECRET_KEY = 'e2e-secret-key-long-enough';

/**
 * Versity's S3 gateway (built by `scripts/setup.mjs --test-servers`) on a loopback port, serving a temporary
 * folder through its posix backend: a real S3 server for the S3 storage driver. Each bucket is a folder.
 *
 * Object metadata goes to a sidecar folder next to the data (no extended attributes needed). It must not be
 * `--nometa`: without metadata the gateway forgets each part's ETag, so every CompleteMultipartUpload fails
 * with InvalidPart (it compares the client's ETags with an empty stored one).
 */
export class VersityGateway {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly dir: string,
  ) {}

  static async start(): Promise<VersityGateway> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'versitygw-'));
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'meta'));
    const binary = join(__dirname, '..', '..', 'tools', 'versitygw', 'versitygw');
    const child = spawn(
      binary,
      [
        '--access',
        ACCESS_KEY,
        '--secret',
        SECRET_KEY,
        '--port',
        `127.0.0.1:${port}`,
        '--quiet',
        'posix',
        '--sidecar',
        join(dir, 'meta'),
        join(dir, 'data'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '' } },
    );
    let stderr = '';
    child.stderr?.on('data', (part: Buffer) => (stderr = (stderr + part.toString()).slice(-2000)));
    const gateway = new VersityGateway(child, `http://127.0.0.1:${port}`, dir);
    await gateway.waitUntilReady(() => stderr);
    return gateway;
  }

  /** Creates a bucket (a folder of the posix backend) and returns its name. */
  bucket(name: string): string {
    mkdirSync(join(this.dir, 'data', name));
    return name;
  }

  /** App settings that store files in `bucket` on this gateway. */
  env(bucket: string): Record<string, string> {
    return {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: this.url,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: SECRET_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntilReady(stderr: () => string): Promise<void> {
    for (let attempt = 0; attempt < 150; attempt++) {
      if (this.child.exitCode !== null) throw new Error(`versitygw exited at start: ${stderr()}`);
      try {
        // Any HTTP answer (an anonymous request is refused with 403) means it listens.
        await fetch(this.url);
        return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('versitygw did not answer within 15 s');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
