import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The `oidc-provider` package as a real provider in a child process (see oidc-provider-server.mjs). */
export class OidcProviderProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(client: {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
  }): Promise<OidcProviderProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
      env: {
        PATH: process.env.PATH ?? '',
        OIDC_PORT: String(port),
        OIDC_CLIENT: JSON.stringify(client),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.once('exit', () => reject(new Error(`the OIDC provider exited: ${output}`)));
    });
    return new OidcProviderProcess(child, `http://127.0.0.1:${port}`);
  }

  /** The account that signs in at the next authorization request. */
  async nextSignIn(id: string, claims: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.issuer}/test/next-account`, {
      method: 'POST',
      body: JSON.stringify({ id, claims }),
    });
    if (response.status !== 204) throw new Error(`next-account: ${response.status}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await once(this.child, 'exit');
  }
}

/**
 * A browser following redirects (with the provider's cookies) until it reaches a URL that `stop`
 * accepts; returns that URL.
 */
export async function followRedirects(start: string, stop: (url: URL) => boolean): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop++) {
    if (stop(url)) return url;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location)
      throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}
