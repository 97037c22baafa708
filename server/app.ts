/**
 * createApp: the Express app and Socket.IO server wired to injected dependencies (store, clock, config).
 * Listening is the caller's business (main.ts, tests on port 0).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import compression from 'compression';
import express from 'express';
import { Server as IoServer, type Namespace } from 'socket.io';
import { Cluster, LeaderJobs, Relay, SharedAuditBursts, SharedKioskState, joinCluster } from './cluster/index.ts';
import { createAuth } from './auth/session.ts';
import { StaffService } from './auth/staffService.ts';
import { systemClock, type Clock } from './clock.ts';
import { DEFAULTS, type ServerConfig } from './config.ts';
import type { Ctx } from './http/context.ts';
import { DomainError } from '../shared/errors.ts';
import { errorHandler } from './http/errors.ts';
import { clientIp, type TrustFn } from './http/clientIp.ts';
import { LIMITS } from './http/limits.ts';
import { declareFields } from './http/requestShape.ts';
import { auditRoutes } from './http/routes/audit.ts';
import { authRoutes } from './http/routes/auth.ts';
import { examRoutes } from './http/routes/exams.ts';
import { importRoutes } from './http/routes/imports.ts';
import { kioskRoutes } from './http/routes/kiosks.ts';
import { purgeRoutes } from './http/routes/purge.ts';
import { resultsRoutes } from './http/routes/results.ts';
import { remarkRoutes } from './http/routes/remarks.ts';
import { reviewRoutes } from './http/routes/reviews.ts';
import { reviewRecordRoutes } from './http/routes/reviewRecords.ts';
import { roomRoutes } from './http/routes/rooms.ts';
import { userRoutes } from './http/routes/users.ts';
import { noStore, sameOrigin, securityHeaders } from './http/security.ts';
import { TLS_OPTIONS } from './http/tls.ts';
import { WEB_ROOT, precompressed } from './http/web.ts';
import { kioskPage } from './http/kioskPage.ts';
import { KioskChannel } from './kiosks/channel.ts';
import { KioskHub, type KioskNamespace } from './kiosks/hub.ts';
import { RoomService } from './kiosks/rooms.ts';
import { ConsoleHub, type ConsoleNamespace } from './realtime/consoles.ts';
import { ReviewMirror } from './realtime/mirror.ts';
import { MirrorRelay } from './cluster/mirrorPeers.ts';
import { allowRequest } from './realtime/handshake.ts';
import { HandshakeGate } from './realtime/resumeFirst.ts';
import { RetentionJob } from './privacy/retention.ts';
import { ReviewEngine } from './review/engine.ts';
import { adoptEndedSessions } from './review/history.ts';
import { ExamSettings } from './review/examSettings.ts';
import { RemarkService } from './review/remarks.ts';
import type { Store } from './store/index.ts';
import type { ConsoleLink } from './review/links.ts';
import { MediaGrants } from './media/grants.ts';
import { mediaRoutes } from './http/routes/media.ts';
import { AuditBursts } from './audit/bursts.ts';

/**
 * How long a restarted server waits at most for its running reviews' kiosks before it parses the rest of its
 * content (its kiosks retry every 500 ms: kiosks/src/data/reconnect.ts; a kiosk that does not come back is not
 * waited for longer than this).
 */
const RESUME_FIRST_MS = 2_000;
/** a wait that keeps no process alive */
const delay = (ms: number) => new Promise<void>((res) => setTimeout(res, ms).unref());

/**
 * The consoles as the engine and the kiosk hub reach them, with one difference: the review list (which needs the
 * content) is pushed only once the content is read; a change to it before then is pushed then, once.
 */
function reviewListAfterContent(consoles: ConsoleHub, content: Store['content']): ConsoleLink {
  let held = false;
  return {
    reviewsChanged() {
      if (content.isReady) return consoles.reviewsChanged();
      if (held) return;
      held = true;
      content.ready().then(() => consoles.reviewsChanged(), () => undefined);
    },
    kiosksChanged: (ids) => consoles.kiosksChanged(ids),
    progress: (p) => consoles.progress(p),
    ended: (p) => consoles.ended(p),
    warning: (p) => consoles.warning(p),
    alert: (p) => consoles.alert(p),
    back: (p) => consoles.back(p),
  };
}

export interface AppDeps {
  store: Store;
  clock?: Clock;
  config?: Partial<ServerConfig> & { secret: string };
  tls?: { cert: Buffer; key: Buffer };
  /** Lines for the operator (the server's standard output); tests leave it out. */
  log?: (line: string) => void;
}

export interface App {
  app: express.Express;
  server: HttpServer;
  io: IoServer;
  ctx: Ctx;
  /** the Socket.IO handshakes a restarted server holds while kiosks with a review come back (realtime/resumeFirst.ts) */
  handshakes: Pick<HandshakeGate, 'isOpen' | 'waiting'>;
  /**
   * Resolves when the app may listen: at once with one process; with several (`config.cluster`) once the shared state
   * is loaded and the Socket.IO adapter connected (rejects when PostgreSQL or Redis cannot be reached).
   */
  ready: Promise<void>;
  /**
   * Several processes: resolves if this process leaves the cluster while it lives (its lease connection broke); it has
   * then let its sockets go and refuses new ones. Never resolves with one process.
   */
  left: Promise<void>;
  /** Several processes: this process's part (null with one). */
  cluster: { node: Cluster; relay: Relay } | null;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const config: ServerConfig = { ...DEFAULTS, webRoot: WEB_ROOT, secureCookies: !!deps.tls, ...deps.config } as ServerConfig;
  const store = deps.store;
  const app = express();
  app.disable('x-powered-by');
  // which proxies' X-Forwarded-For to believe (INZAGE_TRUST_PROXY); by default none, so a client cannot pick its IP
  app.set('trust proxy', config.trustProxy);
  const trust = app.get('trust proxy fn') as TrustFn;
  const log = deps.log ?? ((line: string) => console.error(line));
  app.set('query parser', 'simple');

  // each request's fields declared before Express gives it its prototype (requestShape.ts: ~20 KB less garbage a request)
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    declareFields(req, res);
    app(req, res);
  };
  const server = deps.tls ? createHttpsServer({ ...TLS_OPTIONS, cert: deps.tls.cert, key: deps.tls.key }, handle) : createHttpServer(handle);
  // a restarted server (its content still to be read) serves the kiosks with a review first (realtime/resumeFirst.ts)
  const gate = new HandshakeGate(!store.content.isReady && !!store.content.deferSummaries);
  const io = new IoServer(server, {
    serveClient: false, maxHttpBufferSize: LIMITS.socketMessageBytes, pingInterval: 10_000, pingTimeout: 8_000,
    allowRequest: allowRequest({ origins: config.origins, hosts: config.hosts }, clock, log, gate),
  });

  const auth = createAuth(store, clock, config);
  // Built in the order they need each other, every link given in a constructor: consoles read the engine's and the
  // hub's lists only when a console connects or a list changes; the engine pushes to kiosks through the channel.
  const kioskNs = io.of('/kiosk') as KioskNamespace;
  // several processes (docs/design.md: Several server processes): shared presence, codes, missed ends and timers
  const cluster = config.cluster ? new Cluster(config.cluster, clock, (kioskId) => channel.localCount(kioskId), log) : null;
  // floods a client controls (reveals, failed logins) cost one audit line per distinct item and a summary; with several
  // processes, one line and one summary for all of them (server/cluster/bursts.ts)
  const bursts = cluster
    ? new SharedAuditBursts(store.audit, clock, config.auditBurstMs, cluster.ready.then(() => cluster.db))
    : new AuditBursts(store.audit, clock, config.auditBurstMs);
  const relay = cluster ? new Relay(kioskNs as unknown as Namespace, store, clock, cluster.nodeId, log) : null;
  // A process that left the cluster while it lives (its lease connection broke) is dead to the others: its kiosks'
  // presence is swept and their grace periods count. It lets its sockets go, so that they reconnect through the
  // proxy to a process that takes part, takes no new ones, and answers /healthz with 503 (`App.left`; main.ts exits).
  let leftCluster = false;
  const left = new Promise<void>((resolve) => cluster?.onLeft(() => {
    leftCluster = true;
    kioskNs.local.disconnectSockets(true);
    io.of('/admin').local.disconnectSockets(true);
    resolve();
  }));
  const refuseWhenLeft = (_socket: unknown, next: (err?: Error) => void) => (leftCluster ? next(new Error('unavailable')) : next());
  kioskNs.use(refuseWhenLeft);
  io.of('/admin').use(refuseWhenLeft);
  const channel = new KioskChannel(kioskNs, clock, cluster && relay ? { presence: cluster, relay } : undefined);
  // A restarted server reads the exam content in the background (docs/design.md: Start-up): kiosks connect and get
  // their state meanwhile, a review's payload waits for it (ContentRepo.sitting), and so does everything else that
  // needs it: every API request, every console (before the console hub's own checks), the consoles' review list.
  const content = store.content;
  // (content that cannot be read stops the server, which says why once: main.ts; a request waiting meanwhile gets
  // a plain `internal`, its error not logged again with a stack trace)
  const afterContent = (next: (err?: Error) => void) => (content.isReady ? next() : content.ready().then(() => next(), () => next(new DomainError('internal'))));
  io.of('/admin').use((_socket, next) => afterContent(next));
  const consoles = new ConsoleHub(io.of('/admin') as ConsoleNamespace, auth, { reviews: () => engine.dtos(), kiosks: () => kiosks.dtos(), kiosk: (id) => kiosks.dto(id), alerts: () => openAlerts() }, clock, config.absoluteTimeoutMs);
  // several processes: an alert raised on another comes without its candidate's name (server/cluster/kioskState.ts)
  const openAlerts = () => kiosks.health.openAlerts((id) => engine.active().some((s) => s.id === id)).map((a) => {
    if (a.candidateName) return a;
    const s = store.reviews.get(a.reviewId);
    return { ...a, candidateName: s ? engine.dto(s).candidateName : '' };
  });
  const consoleLink = reviewListAfterContent(consoles, content);
  const grants = new MediaGrants(config.secret);
  const engine = new ReviewEngine(store, clock, config, bursts, { kiosks: channel, consoles: consoleLink }, grants, cluster ? { missedEnds: cluster.missedEnds, sync: () => cluster.sync() } : undefined);
  // candidates first (docs/design.md: Start-up): a restarted server gives the running reviews back to their kiosks
  // from the small content files, and parses the sittings' summaries after that (or once a kiosk's command needs
  // them, or after RESUME_FIRST_MS at most); the handshakes without the resume hint (idle kiosks, consoles) are held as
  // long (realtime/resumeFirst.ts): a kiosk that does not come back, or an older kiosk page without the hint, holds the
  // others no longer than that
  const resumeFirst = !content.isReady && content.deferSummaries ? Promise.race([engine.backToKiosks(), delay(RESUME_FIRST_MS)]) : null;
  if (resumeFirst) {
    content.deferSummaries!(resumeFirst);
    void resumeFirst.then(() => gate.open());
  } else gate.open();
  const remarks = new RemarkService(store, clock, engine, bursts, () => {
    consoles.reviewsChanged();
    consoles.contentChanged('remarks');
  });
  const mirror = new ReviewMirror(io.of('/admin') as ConsoleNamespace, consoles, engine, store, bursts);
  const kiosks = new KioskHub(kioskNs, channel, store, engine, remarks, mirror, consoleLink, bursts, clock, { ipOf: (req) => clientIp(req, trust), maxUnpairedPerIp: config.kioskMaxUnpairedPerIp },
    cluster && relay ? { nodeId: cluster.nodeId, codeIssued: (...a) => cluster.codeIssued(...a), codeRevoked: (id) => cluster.codeRevoked(id), findCode: (c) => cluster.findCode(c), unpairedAt: (ip) => cluster.unpairedAt(ip), takeCode: (c) => cluster.takeCode(c), relay } : undefined);
  const staff = new StaffService(store, clock, {
    sessions: auth.sessionStore,
    disconnectUser: (userId, exceptSid) => consoles.disconnectUser(userId, exceptSid),
    endReviews: (pred, reason, actor) => engine.finishWhere(pred, reason, actor),
    usersChanged: () => consoles.contentChanged('users'),
  });
  const retention = new RetentionJob({ store, clock, config, engine, consoles, log: deps.log });
  const exams = new ExamSettings(store, clock, config, () => consoles.contentChanged('exams'));
  const rooms = new RoomService(store, clock, {
    recheck: (ids) => kiosks.recheck(ids),
    roomsChanged: () => consoles.contentChanged('rooms'),
    kiosksChanged: () => consoles.kiosksChanged(),
  });
  const ctx: Ctx = { store, clock, config, auth, engine, kiosks, consoles, retention, bursts, staff, exams, rooms, grants, remarks, ...(cluster ? { sharedLimits: cluster.backoffs } : {}) };

  app.use(securityHeaders(!!deps.tls));
  // the console's and kiosk's own files go out compressed (their scripts and style sheets as the build compressed
  // them: precompressed below); API answers are small and latency-bound on a LAN, so they are not compressed, and the
  // compression middleware is not even on their way (it costs every request it wraps, compressed or not)
  app.use(['/admin', '/kiosk'], compression());
  // healthy = able to serve everything: once the content is read
  app.use(['/healthz', '/api'], (_req, _res, next) => afterContent(next));
  app.get('/healthz', (_req, res) => {
    if (leftCluster) return void res.status(503).set('Cache-Control', 'no-store').json({ ok: false, reason: 'left-the-cluster' });
    res.set('Cache-Control', 'no-store').json({ ok: true, reviews: engine.active().length, kiosksOnline: kiosks.dtos().filter((k) => k.online).length });
  });
  app.get('/', (_req, res) => res.redirect(302, '/admin/'));
  // scripts and style sheets go out as the build compressed them, where the browser takes that (precompressed)
  const adminFiles = express.static(join(config.webRoot, 'admin'), { index: 'index.html', fallthrough: true });
  app.use('/admin', precompressed(join(config.webRoot, 'admin'), adminFiles), adminFiles);
  // The kiosk's code and styles are named by their content (scripts/build-web.mjs): cached for good, a new build
  // names new files. The page that names them is never cached, so a kiosk gets a new build at its next load.
  const kioskAssets = express.static(join(config.webRoot, 'kiosk', 'assets'), {
    immutable: true, maxAge: '365d', etag: false, lastModified: false, index: false,
  });
  app.use('/kiosk/assets', precompressed(join(config.webRoot, 'kiosk', 'assets'), kioskAssets), kioskAssets,
    noStore, (_req, _res, next) => next(new DomainError('not-found')));
  // the page itself, with a paired kiosk's idle screen in it (its token's cookie): the screen paints with the page
  app.use('/kiosk', noStore, kioskPage(join(config.webRoot, 'kiosk', 'index.html'), (token) => kiosks.idleScreenOf(token)),
    express.static(join(config.webRoot, 'kiosk'), { index: 'index.html', etag: false, lastModified: false }));

  const api = express.Router();
  api.use(noStore);
  api.use(sameOrigin);
  // every body is small, except an import file: that one is read by its route, after the admin check
  const json = express.json({ limit: LIMITS.jsonBytes });
  api.use((req, res, next) => (req.path === '/imports' ? next() : json(req, res, next)));
  api.use(auth.sessionMiddleware);
  api.use(auth.passport.initialize());
  api.use(auth.passport.session());
  api.use('/auth', authRoutes(ctx));
  // staff, and a kiosk's <img> with its review's grant (which carries no device token): before the staff-only wall
  api.use('/media', mediaRoutes(ctx));
  // everything below is for logged-in staff only (each router states more where it needs more): an unknown path
  // answers 401 to anyone else, so that nobody learns which routes exist
  api.use(auth.requireStaff());
  // first: a start and an end do not walk the routers mounted at '/' (issue 17: each router entered and left costs
  // the request a parse of its URL and the router's closures); a path only those have (GET /reviews/:id/report)
  // matches no route here and goes on to them
  api.use('/reviews', reviewRoutes(ctx));
  api.use('/', resultsRoutes(ctx));
  api.use('/', reviewRecordRoutes(ctx));
  api.use('/imports', importRoutes(ctx));
  api.use('/purge', purgeRoutes(ctx));
  api.use('/remarks', remarkRoutes(ctx));
  api.use('/kiosks', kioskRoutes(ctx));
  api.use('/rooms', roomRoutes(ctx));
  api.use('/audit', auditRoutes(ctx));
  api.use('/exams', examRoutes(ctx));
  api.use('/users', userRoutes(ctx));
  api.use((_req, _res, next) => next(new DomainError('not-found')));
  app.use('/api', api);
  app.use(errorHandler);

  // the limits of running reviews re-armed and grace periods begun at once: a timer that fires before the content
  // is read ends its review once it is (ReviewEngine.finish); one process runs the timers: this one, or with several
  // the one holding the lease (server/cluster/)
  if (!cluster) engine.boot();
  let closed = false;
  // several processes: kiosk health, alerts and SEB refusals shared; the once-for-all work on the lease holder
  let kioskState: SharedKioskState | null = null;
  let leaderJobs: LeaderJobs | null = null;
  const ready = cluster
    ? cluster.ready.then(async () => {
      io.adapter(cluster.adapterFactory as never);
      if (closed) return; // closed while joining: nothing more starts
      kioskState = new SharedKioskState(cluster.db, kioskNs as unknown as Namespace, { health: kiosks.health, seb: kiosks, localSockets: (id) => channel.localCount(id) }, () => cluster.active, log);
      await kioskState.start();
      leaderJobs = new LeaderJobs(cluster, {
        contentReady: content.ready(),
        ...(config.autoPurge ? { retention } : {}),
        adopt: () => adoptEndedSessions(store, engine),
        sweepBursts: () => (bursts as SharedAuditBursts).sweep(),
        everyMs: config.cluster?.leasePollMs ?? 2_000,
        log,
      });
      joinCluster(cluster, store, engine, consoleLink);
      if (relay) new MirrorRelay(relay, io.of('/admin'), mirror, store, (id) => channel.localCount(id), (id) => cluster.isOnline(id));
    })
    : Promise.resolve();
  ready.catch(() => undefined); // the caller awaits it
  // Reading the content starts now: its files are read off the main thread while the caller starts listening, and
  // parsed once they are in (a store opened eagerly has it already).
  // Ended sessions from before review records (or a crash before one was written) get theirs.
  // (several processes: the lease holder does, LeaderJobs above, and runs the retention job)
  // And a review given back whose start line a crash kept off the audit log (written while its kiosk was shown it)
  // gets that line now: the sessions running when the server came up (no start is taken before the content is read).
  const resumed = cluster ? [] : engine.active();
  const adopting = cluster ? Promise.resolve() : content.ready().then(
    () => Promise.all([
      adoptEndedSessions(store, engine).catch((e: unknown) => log(`inzage: could not write review records: ${(e as Error).message}`)),
      engine.nameUnauditedStarts(resumed).then(
        (n) => { if (n > 0) log(`inzage: ${n} review start(s) the audit log did not name (a crash as they began) audited now, marked recovered`); },
        (e: unknown) => log(`inzage: could not audit the starts of the reviews given back: ${(e as Error).message}`),
      ),
    ]),
    () => undefined, // content that cannot be read: main.ts says so, and stops the server
  );
  if (config.autoPurge && !cluster) content.ready().then(() => { if (!closed) retention.start(); }, () => undefined);
  store.audit.checkInBackground(); // the whole chain once; after this, each read checks what was added

  return {
    app, server, io, ctx, ready, left, handshakes: gate,
    cluster: cluster && relay ? { node: cluster, relay } : null,
    async close() {
      closed = true;
      engine.shutdown();
      await (leaderJobs as LeaderJobs | null)?.close(); // starts nothing more (several processes)
      await retention.stop();
      consoles.stop();
      mirror.stop();
      // Stop accepting first, then drop every HTTP connection at once: a browser can send a new request (say a
      // socket.io polling handshake) over a kept-alive connection while socket.io closes, and the HTTP server's
      // close would wait for it for as long as that request lasts.
      server.close();
      gate.open(Infinity); // held handshakes go on now, to be closed with the others
      const closing = io.close();
      server.closeAllConnections();
      await closing;
      // several processes: the shared writes under way done while the pool is open (bursts: this process's closed)
      await (kioskState as SharedKioskState | null)?.stop();
      await bursts.closeAll();
      // this process's kiosks go offline for the others, and the lease is handed on
      await cluster?.close();
      await adopting;
      await store.flush();
    },
  };
}
