import http from 'node:http';
import { performance } from 'node:perf_hooks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the API under test
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
}

export interface Session {
  token: string;
  userId: string;
  orgId: string;
}

/** A keep-alive HTTP client for the API under test on 127.0.0.1. */
export class ApiClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly port: number) {}

  request(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path: path.startsWith('/health') ? path : `/api/v1${path}`,
          agent: this.agent,
          headers: {
            ...options.headers,
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON; keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** For seeding: anything but the expected status stops the benchmark. */
  async expect(
    status: number,
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Json> {
    const reply = await this.request(method, path, options);
    if (reply.status !== status) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

interface OperationStats {
  latencies: number[];
  ok: number;
  expected: Map<string, number>;
  errors: number;
  /** Requests that got no answer at all (connection refused or reset). */
  unanswered: number;
  errorSamples: string[];
}

export interface OperationReport {
  requests: number;
  ratePerSecond: number;
  ok: number;
  okPerSecond: number;
  /** Answers the contract promises under contention (`409 STALL_TAKEN` …), not errors. */
  expectedConflicts: Record<string, number>;
  errors: number;
  /** Latency percentiles over every answered request, whatever the answer. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errorSamples?: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 100) / 100;
}

/**
 * Latency and outcome of every request, per operation. An answer is `ok` (the success status),
 * `expected` (a problem code the operation may legitimately meet under contention, counted by
 * `<status> <code>`), or an error (anything else, including a refused connection).
 */
export class Recorder {
  private readonly operations = new Map<string, OperationStats>();

  private statsOf(operation: string): OperationStats {
    let stats = this.operations.get(operation);
    if (!stats) {
      stats = { latencies: [], ok: 0, expected: new Map(), errors: 0, unanswered: 0, errorSamples: [] };
      this.operations.set(operation, stats);
    }
    return stats;
  }

  /** Runs one request; resolves with the reply when it was ok, else undefined. */
  async call(
    operation: string,
    send: () => Promise<Reply>,
    okStatus: number,
    expectedCodes: readonly string[] = [],
  ): Promise<Json | undefined> {
    const stats = this.statsOf(operation);
    const started = performance.now();
    let reply: Reply;
    try {
      reply = await send();
    } catch (error) {
      stats.errors++;
      stats.unanswered++;
      if (stats.errorSamples.length < 5) stats.errorSamples.push(String(error));
      return undefined;
    }
    stats.latencies.push(performance.now() - started);
    if (reply.status === okStatus) {
      stats.ok++;
      return reply.body ?? {};
    }
    const code: unknown = reply.body?.code;
    if (typeof code === 'string' && expectedCodes.includes(code)) {
      const key = `${reply.status} ${code}`;
      stats.expected.set(key, (stats.expected.get(key) ?? 0) + 1);
      return undefined;
    }
    stats.errors++;
    if (stats.errorSamples.length < 5) {
      stats.errorSamples.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 400)}`);
    }
    return undefined;
  }

  report(seconds: number): Record<string, OperationReport> {
    const result: Record<string, OperationReport> = {};
    for (const [operation, stats] of [...this.operations].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...stats.latencies].sort((a, b) => a - b);
      const total = sorted.length + stats.unanswered;
      result[operation] = {
        requests: total,
        ratePerSecond: Math.round((total / seconds) * 10) / 10,
        ok: stats.ok,
        okPerSecond: Math.round((stats.ok / seconds) * 10) / 10,
        expectedConflicts: Object.fromEntries([...stats.expected].sort(([a], [b]) => a.localeCompare(b))),
        errors: stats.errors,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
        maxMs: percentile(sorted, 100),
        ...(stats.errorSamples.length > 0 ? { errorSamples: stats.errorSamples } : {}),
      };
    }
    return result;
  }

  totalErrors(): number {
    return [...this.operations.values()].reduce((sum, stats) => sum + stats.errors, 0);
  }
}
