import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpTarget {
  host: string;
  port: number;
}

export interface TcpFaultProxyStats {
  connectionsAccepted: number;
  /** Connections that cut() tore down (both halves counted once). */
  connectionsCut: number;
}

export interface TcpFaultProxy {
  /** The proxy's own port on 127.0.0.1; the same after every restore(). */
  readonly port: number;
  readonly target: TcpTarget;
  readonly stats: TcpFaultProxyStats;
  /** Whether the proxy is listening (false between cut() and restore()). */
  readonly up: boolean;
  /** The same postgres:// URL (user, password, database, parameters kept) pointed at the proxy. */
  url(databaseUrl: string): string;
  /** New connections are refused (ECONNREFUSED) and every open one is closed under its client. */
  cut(): Promise<void>;
  /** Listens again on the same port; new connections reach the target again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of one target, so a test can take one service's database (or broker) away
 * and give it back without touching the shared server other test files run against.
 *
 * cut() closes the listening socket rather than pausing it: a paused listener still completes handshakes from
 * its backlog, so clients would hang instead of seeing the ECONNREFUSED a stopped server gives.
 */
export async function startTcpFaultProxy(target: TcpTarget | string): Promise<TcpFaultProxy> {
  const to = typeof target === 'string' ? parseTarget(target) : target;
  const stats: TcpFaultProxyStats = { connectionsAccepted: 0, connectionsCut: 0 };
  const open = new Set<{ client: Socket; upstream: Socket }>();
  let server: Server | undefined;
  let port = 0;

  const onConnection = (client: Socket) => {
    stats.connectionsAccepted++;
    client.setNoDelay(true);
    const upstream = connect({ host: to.host, port: to.port });
    upstream.setNoDelay(true);
    const pair = { client, upstream };
    open.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    // Either side failing takes the other down, as a real connection through no proxy would.
    const drop = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
        s.off('error', reject);
        server = s;
        port = (s.address() as { port: number }).port;
        resolve();
      });
    });

  const stopListening = async () => {
    const s = server;
    server = undefined;
    // close() only stops accepting at once; its callback waits for open connections, which cut() ends itself.
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  const cutAll = () => {
    const pairs = [...open];
    open.clear();
    for (const { client, upstream } of pairs) {
      stats.connectionsCut++;
      client.unpipe(upstream);
      upstream.unpipe(client);
      upstream.destroy();
      // FIN rather than RST: a clean end without a Postgres error message is what node-postgres reports as
      // "Connection terminated unexpectedly", the symptom of terminated backends. destroy() on a socket with
      // unread input would send RST (ECONNRESET) instead, so end it first and destroy it shortly after.
      client.end();
      setTimeout(() => client.destroy(), 200).unref();
    }
  };

  await listen();

  return {
    get port() {
      return port;
    },
    target: to,
    stats,
    get up() {
      return server !== undefined;
    },
    url(databaseUrl: string) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    async cut() {
      const closing = stopListening();
      cutAll();
      await closing;
    },
    async restore() {
      if (server) return;
      // The port was free a moment ago; another process may briefly hold it (TIME_WAIT does not block a
      // listener, but a racing bind does), so retry a little before giving up.
      for (let attempt = 0; ; attempt++) {
        try {
          return await listen();
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    async close() {
      const closing = stopListening();
      cutAll();
      await closing;
    },
  };
}

function parseTarget(target: string): TcpTarget {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  if (!match) throw new Error(`not a host:port target: ${target}`);
  return { host: match[1], port: Number(match[2]) };
}
