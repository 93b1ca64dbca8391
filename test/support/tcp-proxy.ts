import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of a shared server (PostgreSQL, Redis) that a test can take away
 * from one application and give back, as often as it likes, without stopping the server that other
 * test runs share. It keeps its port while cut: a refused connection is reset at once (as a
 * restarting server's closed port would answer), and restoring never races another process for
 * the port.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private down = false;
  port = 0;
  /** What the proxy did: connections passed through, sockets dropped by a cut, connections refused. */
  readonly counts = { accepted: 0, dropped: 0, refused: 0, cuts: 0 };

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static for(url: string, defaultPort: number): TcpProxy {
    const target = new URL(url);
    return new TcpProxy(target.hostname || '127.0.0.1', Number(target.port || defaultPort));
  }

  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        this.counts.refused++;
        client.on('error', () => undefined);
        client.resetAndDestroy();
        return;
      }
      this.counts.accepted++;
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Refuses new connections until restore(); open ones carry on (until cut() or the server ends them). */
  refuse(): void {
    this.down = true;
  }

  /** Drops every open connection and refuses new ones until restore(), as a crashed server would. */
  cut(): void {
    this.down = true;
    this.counts.cuts++;
    for (const socket of this.sockets) {
      this.counts.dropped++;
      socket.destroy();
    }
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
