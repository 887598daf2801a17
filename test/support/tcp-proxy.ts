/**
 * A TCP proxy in front of a test engine, to take it "down" and bring it back without touching the engine itself
 * (the engines are shared by every test file of a jest run). It listens on 127.0.0.1 (an ephemeral port) and pipes
 * each connection to the target.
 *
 *  - `cut()`: every open connection is reset (the client sees ECONNRESET, mid-request or on its next write) and new
 *    ones are refused: with `mode: 'refuse'` (the default) the listening socket is closed, so a connect gets
 *    ECONNREFUSED exactly as for a stopped node; with `mode: 'reset'` it stays open and each new connection is
 *    reset at once (no chance of losing the port while cut).
 *  - `restore()`: accepts and pipes again, on the same port.
 *  - `close()`: stops for good.
 */
import net from 'node:net';

export interface TcpProxyOptions {
  /** How new connections are turned away while cut. */
  mode?: 'refuse' | 'reset';
}

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** True between cut() and restore(). */
  readonly isCut: boolean;
  /** Connections piped to the target since the start (accepted while up). */
  readonly accepted: number;
  /** Connections turned away while cut (in `reset` mode; a closed listener never sees them). */
  readonly rejected: number;
  /** Client connections open right now. */
  readonly open: number;
  cut(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

const kill = (s: net.Socket) => {
  // A reset, not a FIN: the peer learns at once that the connection is gone, as when a node's process dies.
  if (!s.destroyed) s.resetAndDestroy();
};

export async function startTcpProxy(target: { host: string; port: number }, options: TcpProxyOptions = {}): Promise<TcpProxy> {
  const mode = options.mode ?? 'refuse';
  const sockets = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  let cut = false;
  let closed = false;
  let accepted = 0;
  let rejected = 0;
  let server: net.Server | null = null;
  let port = 0;

  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const onConnection = (client: net.Socket) => {
    if (cut || closed) {
      rejected++;
      client.on('error', () => {});
      kill(client);
      return;
    }
    accepted++;
    const upstream = net.connect({ host: target.host, port: target.port });
    track(client);
    track(upstream);
    clients.add(client);
    client.once('close', () => clients.delete(client));
    // Either side failing takes the other down with it: the client sees the target's reset as its own.
    client.on('error', () => kill(upstream));
    upstream.on('error', () => kill(client));
    client.on('close', () => kill(upstream));
    upstream.on('close', () => kill(client));
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = (at: number) =>
    new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer({ noDelay: true }, onConnection);
      s.once('error', reject);
      s.listen(at, '127.0.0.1', () => {
        s.off('error', reject);
        resolve(s);
      });
    });

  const stopListening = () => {
    const s = server;
    server = null;
    // close() releases the port at once; its callback waits for connections, which are being destroyed anyway.
    s?.close();
  };

  server = await listen(0);
  port = (server.address() as net.AddressInfo).port;

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get isCut() {
      return cut;
    },
    get accepted() {
      return accepted;
    },
    get rejected() {
      return rejected;
    },
    get open() {
      return clients.size;
    },
    cut() {
      if (closed) throw new Error('The proxy is closed');
      cut = true;
      if (mode === 'refuse') stopListening();
      for (const s of [...sockets]) kill(s);
    },
    async restore() {
      if (closed) throw new Error('The proxy is closed');
      if (!server) {
        try {
          server = await listen(port);
        } catch (e) {
          throw new Error(`The proxy cannot listen on 127.0.0.1:${port} again: ${(e as Error).message}`);
        }
      }
      cut = false;
    },
    async close() {
      closed = true;
      cut = true;
      const s = server;
      server = null;
      for (const sock of [...sockets]) kill(sock);
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
  };
}
