import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * The organizations' ERP endpoints: one loopback server that answers 204 at once and remembers,
 * per endpoint path, which event ids arrived and how often, and whether each signature held
 * (`t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` under the secret shown at registration).
 */
export class WebhookReceiver {
  private readonly server = http.createServer((req, res) => this.receive(req, res));
  private readonly secrets = new Map<string, string>();
  /** endpoint key → event id → times received */
  readonly received = new Map<string, Map<string, number>>();
  badSignatures = 0;
  unknownEndpoints = 0;

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  register(key: string, secret: string): void {
    this.secrets.set(key, secret);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const key = (req.url ?? '').replace(/^\/hook\//, '');
      const secret = this.secrets.get(key);
      const body = Buffer.concat(chunks).toString('utf8');
      const eventId = String(req.headers['x-ocop-event-id'] ?? '');
      if (!secret) this.unknownEndpoints++;
      else if (!validSignature(String(req.headers['x-ocop-signature'] ?? ''), body, secret)) {
        this.badSignatures++;
      }
      const events = this.received.get(key) ?? new Map<string, number>();
      events.set(eventId, (events.get(eventId) ?? 0) + 1);
      this.received.set(key, events);
      res.writeHead(204).end();
    });
  }
}

function validSignature(header: string, body: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const wanted = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(Buffer.from(match[2], 'hex'), wanted);
}
