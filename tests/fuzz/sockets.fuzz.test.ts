/**
 * Every socket event in both namespaces under malformed input: `/kiosk` as a paired kiosk in an active review
 * and as an unpaired one, `/admin` as a staff console. Payloads of every type and shape, extra arguments,
 * events outside the contract, emits without an ack, and raw packets no client library would send.
 *
 * Each acknowledged input must be answered with a coded refusal; none may end the review, change the data
 * directory, or cost the connection, except a malformed packet (the server drops that connection and nothing
 * else: the kiosk comes back and finds its review).
 */
import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { LIMITS } from '../../server/http/limits.ts';
import { connectKiosk, consoleSocket, kioskSocket, once } from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';
import { check, expectCodedError, expectNoLeak, fc, heavy, junk, POISON_KEYS } from '../support/fuzz.ts';
import { eventPacket, rawAck, rawAckId, sendRaw } from '../support/rawSocket.ts';
import { expectUnharmed, reviveWorld, startWorld, type World } from './world.ts';

/** Names socket.io-client refuses to emit itself (the raw-packet property sends them). */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const KIOSK_EVENTS = ['review:navigate', 'review:reveal', 'review:logout'];
const eventName = fc.oneof(
  fc.constantFrom(...KIOSK_EVENTS, ...KIOSK_EVENTS),
  fc.constantFrom('review:started', 'kiosk:state', 'pairing:code', 'exam:edit', 'review:end', 'REVIEW:NAVIGATE', ...POISON_KEYS, 'hasOwnProperty', 'toString', ''),
  fc.string({ maxLength: 20 }),
).filter((e) => !RESERVED.has(e));

/** Arguments that fit in one message (the oversized kind is its own property). */
const args = fc.array(fc.oneof(junk, junk, heavy), { maxLength: 3 }).filter((a) => JSON.stringify(a).length < LIMITS.socketMessageBytes - 500);

/** An ack back within this time, or the property fails; the wait ends as soon as the ack is in. */
const ACK_MS = 5000;

async function emitWithAck(socket: Socket, event: string, a: unknown[]): Promise<unknown> {
  return socket.timeout(ACK_MS).emitWithAck(event, ...a);
}

function expectRefusal(ack: unknown, codes: string[], what: string) {
  expectNoLeak(JSON.stringify(ack), what);
  expect(ack, what).to.be.an('object');
  expect((ack as { ok: unknown }).ok, `${what}: ${JSON.stringify(ack)}`).to.equal(false);
  const { code } = expectCodedError((ack as { error: unknown }).error, what);
  expect(codes, `${what}: ${code}`).to.include(code);
}

describe('fuzz: every socket event refuses malformed input with a coded error and changes nothing', function () {
  this.timeout(300_000);
  let w: World;
  let questionIds: Set<string>;
  before(async () => {
    w = await startWorld();
    questionIds = new Set(w.ts.store.content.exams().flatMap((e) => e.questions.map((q) => q.id)));
  });
  beforeEach(async () => {
    w = await reviveWorld(w);
  });
  after(() => w?.ts.close());

  /** A command a kiosk may really give: not fuzz. */
  function valid(event: string, a: unknown[]): boolean {
    if (event === 'review:logout') return a.length === 0 || (a.length === 1 && JSON.stringify(a[0]) === '{}');
    if (event === 'review:navigate' || event === 'review:reveal') {
      return a.some((x) => !!x && typeof x === 'object' && questionIds.has(String((x as { questionId?: unknown }).questionId)));
    }
    return false;
  }

  /** The server has handled everything this socket sent before: an acknowledged refusal comes back. */
  async function barrier(socket: Socket, what: string) {
    expectRefusal(await emitWithAck(socket, 'fuzz:barrier', []), ['invalid-input', 'no-review'], `${what}, then a barrier`);
  }

  async function property(socket: () => Socket, codes: (event: string) => string[], label: string) {
    let ended = false;
    const onEnded = () => { ended = true; };
    socket().on('review:ended' as never, onEnded);
    await check(fc.asyncProperty(eventName, args, fc.boolean(), async (event, a, withAck) => {
      if (valid(event, a)) return;
      const what = `${label} ${event} ${JSON.stringify(a).slice(0, 150)}${withAck ? '' : ' (no ack)'}`;
      if (withAck) expectRefusal(await emitWithAck(socket(), event, a), codes(event), what);
      else {
        socket().emit(event, ...a);
        await barrier(socket(), what);
      }
      expect(socket().connected, `${what}: disconnected`).to.equal(true);
      expect(ended, `${what}: the review ended`).to.equal(false);
      expect(await storeHash(w.ts.store), `${what} changed the data directory`).to.equal(w.hash);
    }));
    socket().off('review:ended' as never, onEnded);
    await expectUnharmed(w, label);
  }

  it('/kiosk, paired, during a review: navigate, reveal, logout and anything else', async () => {
    await property(() => w.socket, (e) => (KIOSK_EVENTS.includes(e) ? ['invalid-input', 'not-found'] : ['invalid-input']), 'paired kiosk');
  });

  it('/kiosk, unpaired: every command is refused', async () => {
    const s = kioskSocket(w.ts.base);
    await once(s, 'pairing:code');
    try {
      await property(() => s, (e) => (KIOSK_EVENTS.includes(e) ? ['no-review'] : ['invalid-input']), 'unpaired kiosk');
    } finally {
      s.close();
    }
  });

  it('/admin, a staff console: it only listens, and says so to anything it is sent', async () => {
    const s = consoleSocket(w.ts.base, w.boss);
    await once(s, 'reviews:updated');
    try {
      await property(() => s, () => ['invalid-input'], 'console');
    } finally {
      s.close();
    }
  });

  it('raw packets: malformed, reserved names, odd ack ids, deep nesting; at worst the connection is dropped', async () => {
    const jsonText = fc.oneof(
      fc.tuple(fc.oneof(fc.constantFrom(...RESERVED, ...KIOSK_EVENTS, 'fuzz:x'), fc.integer(), junk), fc.array(junk, { maxLength: 2 })).map(([e, a]) => JSON.stringify([e, ...a])),
      fc.integer({ min: 1000, max: 7000 }).map((d) => `["review:navigate",${'['.repeat(d)}${']'.repeat(d)}]`),
      fc.integer({ min: 1000, max: 7000 }).map((d) => `["review:navigate",${'{"a":'.repeat(d)}1${'}'.repeat(d)}]`),
      fc.constantFrom('[', '{"a":', ']', '[]', '{}', 'null', '"x"', '[{"_placeholder":true,"num":0}]', '["review:navigate",{"_placeholder":true,"num":99}]', '[[]]'),
      fc.string({ maxLength: 40 }),
    );
    const packet = fc.tuple(
      fc.constantFrom('2', '2', '2', '3', '5', '6', '0', '1', '4', '7', '9', 'x', '51-', '52-', '5999999999-'),
      fc.constantFrom('', 'own', 'own', '/nope,', '/,'),
      fc.constantFrom('', '', '0', '7', '99999999999999999999', '-1', 'a'),
      jsonText,
    );
    type Target = 'paired' | 'unpaired' | 'console';
    const open = async (t: Target): Promise<{ s: Socket; nsp: string }> => {
      if (t === 'paired') return { s: (await connectKiosk(w.ts.base, w.kiosk.token)).socket, nsp: '/kiosk' };
      if (t === 'unpaired') {
        const s = kioskSocket(w.ts.base);
        await once(s, 'pairing:code');
        return { s, nsp: '/kiosk' };
      }
      const s = consoleSocket(w.ts.base, w.boss);
      await once(s, 'reviews:updated');
      return { s, nsp: '/admin' };
    };
    const conns = new Map<Target, { s: Socket; nsp: string }>();
    try {
      await check(fc.asyncProperty(fc.constantFrom<Target>('paired', 'unpaired', 'console'), packet, async (target, [type, nsp, id, data]) => {
        let c = conns.get(target);
        if (!c?.s.connected) {
          c = await open(target);
          conns.set(target, c);
        }
        const raw = `${type}${nsp === 'own' ? `${c.nsp},` : nsp}${id}${data}`;
        const what = `${target} raw ${JSON.stringify(raw.slice(0, 150))}`;
        sendRaw(c.s, raw);
        // either the packet was refused or ignored and the connection still answers, or the connection was dropped
        const barrierId = rawAckId();
        const answered = rawAck(c.s, barrierId, ACK_MS);
        sendRaw(c.s, eventPacket(c.nsp, barrierId, ['fuzz:barrier']));
        const ack = await answered;
        if (ack) expectRefusal(ack[0], ['invalid-input', 'no-review'], `${what}, then a barrier`);
        else expect(c.s.connected, `${what}: neither answered nor disconnected`).to.equal(false);
        expect(w.socket.connected, `${what}: the kiosk's own connection went`).to.equal(true);
        expect(await storeHash(w.ts.store), `${what} changed the data directory`).to.equal(w.hash);
      }));
    } finally {
      for (const c of conns.values()) c.s.close();
    }
    await expectUnharmed(w, 'raw packets');
  });
});
