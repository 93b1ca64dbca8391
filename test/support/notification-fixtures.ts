import { randomBytes } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEvent, OutboxWriter, UnitOfWork } from '@ocop/persistence';
import { ensureDatabase, runMigrations } from '../../src/database/migrate';

/**
 * A database of the suite's own, migrated: the outbox relay of every running app claims every
 * unrelayed event of its database, so suites that count deliveries must not share one with apps
 * of other suites running at the same time.
 */
export async function isolatedDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_${label}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(url.toString());
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const name = url.pathname.slice(1);
      const admin = new URL(url.toString());
      admin.pathname = '/postgres';
      const server = new DataSource({ type: 'postgres', url: admin.toString() });
      await server.initialize();
      await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.destroy();
    },
  };
}

/** A Redis key prefix of the suite's own (so it may flush it without touching other suites). */
export function isolatedRedisPrefix(label: string): { prefix: string; flush(): Promise<number> } {
  const prefix = `${process.env.REDIS_PREFIX}_${label}_${randomBytes(3).toString('hex')}`;
  return {
    prefix,
    async flush() {
      const redis = new Redis(process.env.REDIS_URL!);
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
      return deleted;
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g,
    (_match, _charset, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
  );
}

function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const index = line.indexOf(':');
    headers[line.slice(0, index).trim().toLowerCase()] = decodeWords(line.slice(index + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { headers, text: body };
}

/** A real SMTP server on loopback that keeps every message it accepts. */
export async function startSmtpServer(): Promise<{
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { headers, text } = parseMail(Buffer.concat(chunks).toString('utf8'));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          headers,
          subject: headers.subject ?? '',
          text,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A webhook receiver on loopback. `answer(path, hitNumber)` decides the status per request
 * (200 by default); every request is recorded with the status it got.
 */
export async function startWebhookReceiver(): Promise<{
  baseUrl: string;
  hits: ReceivedWebhook[];
  answer: (path: string, hit: number) => number;
  setAnswer(fn: (path: string, hit: number) => number): void;
  /** Answers every request this long after it arrived (it is recorded on arrival). */
  setDelay(ms: number): void;
  delivered(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}> {
  const hits: ReceivedWebhook[] = [];
  const state = { answer: (_path: string, _hit: number) => 200, delayMs: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const hit = hits.filter((h) => h.path === path).length + 1;
      const status = state.answer(path, hit);
      hits.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      const answer = () =>
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
      if (state.delayMs > 0) setTimeout(answer, state.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    get answer() {
      return state.answer;
    },
    setAnswer(fn) {
      state.answer = fn;
    },
    setDelay(ms) {
      state.delayMs = ms;
    },
    delivered: (path) => hits.filter((h) => h.path === path && h.status >= 200 && h.status < 300),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Records events as a service would, in a transaction of their own; answers their outbox ids in order. */
export async function recordEvents(app: INestApplicationContext, events: DomainEvent[]): Promise<string[]> {
  await app.get(UnitOfWork).run(async (tx) => app.get(OutboxWriter).add(tx, events));
  const rows: Array<{ id: string; aggregate_id: string }> = await app
    .get(DataSource)
    .query(`SELECT id, aggregate_id FROM outbox WHERE aggregate_id = ANY($1::text[])`, [
      events.map((event) => event.aggregateId),
    ]);
  const ids = new Map(rows.map((row) => [row.aggregate_id, row.id]));
  return events.map((event) => {
    const id = ids.get(event.aggregateId);
    if (id === undefined) throw new Error(`no outbox event for ${event.aggregateId}`);
    return id;
  });
}
