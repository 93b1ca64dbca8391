import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HttpClient } from './http';

export interface ApiReplica {
  name: string;
  baseUrl: string;
  http: HttpClient;
  child: ChildProcess;
}

export interface ReplicaCluster {
  apis: ApiReplica[];
  workers: ChildProcess[];
  /** Processes that exited before `stop()` was called (a replica that crashed under load). */
  exited(): string[];
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 12_000;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function forkReplica(name: string, env: Record<string, string>): ChildProcess {
  return fork(join(__dirname, 'ts-worker-process.js'), [], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
  }).on('error', () => undefined);
}

function started(name: string, child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code, signal) => reject(new Error(`${name} exited at start (${code ?? signal})`)));
  });
}

/**
 * Separate processes of the application, each compiled from the TypeScript sources and configured
 * only through its environment, as replicas run in production: `api` processes on ports of their
 * own and `worker` processes, all on the database and Redis prefix given in `env`.
 */
export async function startReplicas(
  env: Record<string, string>,
  counts: { apis: number; workers: number },
): Promise<ReplicaCluster> {
  const apis: ApiReplica[] = [];
  const workers: ChildProcess[] = [];
  const all: Array<{ name: string; child: ChildProcess }> = [];
  let stopping = false;
  const exited: string[] = [];
  const track = (name: string, child: ChildProcess) => {
    all.push({ name, child });
    child.once('exit', (code, signal) => {
      if (!stopping) exited.push(`${name} (${code ?? signal})`);
    });
  };
  const stop = async () => {
    stopping = true;
    await Promise.all(
      all.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exit;
        clearTimeout(timer);
      }),
    );
  };
  try {
    const waits: Promise<void>[] = [];
    for (let i = 0; i < counts.apis; i++) {
      const port = await freePort();
      const name = `api-${i}`;
      const child = forkReplica(name, { ...env, APP_ROLE: 'api', HOST: '127.0.0.1', PORT: String(port) });
      track(name, child);
      waits.push(started(name, child));
      const baseUrl = `http://127.0.0.1:${port}`;
      apis.push({ name, baseUrl, http: new HttpClient(baseUrl), child });
    }
    for (let i = 0; i < counts.workers; i++) {
      const name = `worker-${i}`;
      const child = forkReplica(name, { ...env, APP_ROLE: 'worker' });
      track(name, child);
      waits.push(started(name, child));
      workers.push(child);
    }
    await Promise.all(waits);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apis, workers, exited: () => [...exited], stop };
}
