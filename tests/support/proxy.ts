/**
 * A small TCP proxy in front of several server processes (docs/design.md: Several server processes, the failover
 * test), as HAProxy in `mode tcp` or nginx's `stream` module would be: each new client connection goes to one
 * backend, chosen by the test, and is piped both ways byte for byte — so a WebSocket upgrade passes as it is, and
 * the connection ends when its backend's ends (a killed process: the client sees its socket close and reconnects,
 * through the proxy, to a backend that answers).
 *
 * Routing: new connections try the preferred backend first, then the others in the order they were added — or, in
 * turn (`roundRobin`), each the next backend, as a proxy without sticky sessions spreads them; a backend that
 * refuses the connection (a process that is gone) is skipped. The test sees where each connection went
 * (`routed`) and how many are open to each backend (`openTo`).
 */
import net from 'node:net';

export interface RoutedConnection {
  /** the backend's name */
  readonly backend: string;
  /** whether it is still open */
  open: boolean;
}

export class TcpProxy {
  private readonly server: net.Server;
  private readonly backends = new Map<string, number>();
  private preferred: string | null = null;
  /** round robin: the index of the backend the next connection tries first; null: by preference */
  private turn: number | null = null;
  private readonly sockets = new Set<net.Socket>();
  /** every client connection, in the order they came, with the backend it went to */
  readonly routed: RoutedConnection[] = [];
  port = 0;

  private constructor() {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** A proxy on 127.0.0.1 and a free port. */
  static async start(backends: Record<string, number> = {}): Promise<TcpProxy> {
    const proxy = new TcpProxy();
    for (const [name, port] of Object.entries(backends)) proxy.set(name, port);
    await new Promise<void>((res) => proxy.server.listen(0, '127.0.0.1', () => res()));
    proxy.port = (proxy.server.address() as net.AddressInfo).port;
    return proxy;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Add a backend, or give one a new port (a restarted process). */
  set(name: string, port: number): void {
    this.backends.set(name, port);
  }

  /** New connections go to `name` while it answers (the others after it); null: in the order added. */
  prefer(name: string | null): void {
    if (name !== null && !this.backends.has(name)) throw new Error(`no backend ${name}`);
    this.preferred = name;
    this.turn = null;
  }

  /** New connections go to each backend in turn (no sticky sessions: a client's next connection goes elsewhere). */
  roundRobin(): void {
    this.turn = 0;
  }

  /** Client connections open now to `name`. */
  openTo(name: string): number {
    return this.routed.filter((r) => r.open && r.backend === name).length;
  }

  private order(): [string, number][] {
    const all = [...this.backends];
    if (this.turn !== null) {
      const i = this.turn++ % all.length;
      return [...all.slice(i), ...all.slice(0, i)];
    }
    const first = all.filter(([n]) => n === this.preferred);
    return [...first, ...all.filter(([n]) => n !== this.preferred)];
  }

  private accept(client: net.Socket): void {
    this.sockets.add(client);
    client.pause();
    client.on('error', () => undefined);
    client.once('close', () => this.sockets.delete(client));
    const candidates = this.order();
    const next = (): void => {
      const target = candidates.shift();
      if (!target || client.destroyed) {
        client.destroy();
        return;
      }
      const [name, port] = target;
      const upstream = net.connect({ host: '127.0.0.1', port });
      this.sockets.add(upstream);
      const refused = () => {
        this.sockets.delete(upstream);
        next();
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        const conn: RoutedConnection = { backend: name, open: true };
        this.routed.push(conn);
        upstream.on('error', () => undefined);
        // either side closing (a killed backend's socket is reset by its kernel) ends the other
        const end = () => {
          conn.open = false;
          client.destroy();
          upstream.destroy();
        };
        upstream.once('close', () => {
          this.sockets.delete(upstream);
          end();
        });
        client.once('close', end);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    next();
  }

  /** Stop listening and end every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((res) => this.server.close(() => res()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
