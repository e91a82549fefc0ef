import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server on a loopback port that records what it is sent and answers a chosen status. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The status the next requests get. */
  status = 200;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const state: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const receiver = state.receiver!;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(receiver.status, { 'content-type': 'text/plain' });
        res.end(receiver.status < 300 ? 'thanks' : 'not now');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    state.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
    return state.receiver;
  }

  /** Waits until `count` requests matched `filter`. */
  async waitFor(
    count: number,
    filter: (w: ReceivedWebhook) => boolean = () => true,
    timeoutMs = 15_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.received.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline)
        throw new Error(`${matching.length} of ${count} webhooks arrived within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
