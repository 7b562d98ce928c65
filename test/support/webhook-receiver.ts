import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../src/platform/clock.js';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  /** The body as posted. */
  body: string;
  /** Webhook.verify passed (signature and timestamp). */
  verified: boolean;
  /** The verified payload (null when verification failed). */
  payload: { type: string; timestamp: string; data: Record<string, unknown> } | null;
  answered: number;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * A core system's webhook endpoint on 127.0.0.1: verifies each request with standardwebhooks'
 * Webhook.verify and records it. `answer` sets what it says (200, or 503 while "down"); stop()
 * closes the port, so attempts meanwhile are refused; start() opens the same port again.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer = 200;
  delayMs = 0;
  private server: Server | null = null;
  private port = 0;
  private readonly verifier: Webhook;

  /** `clock`: the service's; the receiver's own time agrees with it, as two real machines' clocks would. */
  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.verifier = new Webhook(secret);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/keizoku`;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      void this.handle(request).then((status) => {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The ids answered with a 2xx, one entry per such answer. */
  deliveredIds(): string[] {
    return this.received.filter((r) => r.answered < 300).map((r) => r.id);
  }

  private async handle(request: IncomingMessage): Promise<number> {
    const body = await readBody(request);
    const header = (name: string) => String(request.headers[name] ?? '');
    const payload = this.verify(body, { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') });
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const answered = payload === null ? 400 : this.answer;
    this.received.push({ id: header('webhook-id'), timestamp: header('webhook-timestamp'), body, verified: payload !== null, payload, answered });
    return answered;
  }

  private verify(body: string, headers: Record<string, string>): ReceivedWebhook['payload'] {
    // Webhook.verify checks the timestamp against Date.now(): let it read the service's clock.
    const realNow = Date.now;
    const at = this.clock.now().getTime();
    Date.now = () => at;
    try {
      return this.verifier.verify(body, headers) as ReceivedWebhook['payload'];
    } catch {
      return null;
    } finally {
      Date.now = realNow;
    }
  }
}
