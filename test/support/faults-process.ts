import { ChildProcess, fork } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

/** A loopback port nobody listens on right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  /** SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook runs. */
  kill(): Promise<void>;
}

/** An `api` process of its own, forked from the TypeScript sources, listening on loopback. */
export async function forkApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = fork(join(__dirname, 'ts-worker-process.js'), [], {
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      ...env,
      APP_ROLE: 'api',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`api process exited with ${code} before it started`)));
  });
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
