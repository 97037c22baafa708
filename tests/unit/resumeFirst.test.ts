/**
 * The gate a restarted server's Socket.IO handshakes pass (server/realtime/resumeFirst.ts; docs/design.md: Start-up,
 * "Kiosks with a review first"): hinted ones at once, the others held in their order and let go a batch per turn.
 */
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { HandshakeGate, hasResumeHint } from '../../server/realtime/resumeFirst.ts';

const request = (url: string) => ({ url, socket: new EventEmitter() }) as unknown as IncomingMessage & { socket: EventEmitter };
const turn = () => new Promise<void>((res) => setImmediate(res));

describe('realtime: kiosks with a review first (the handshake gate)', () => {
  it('reads the hint from the handshake\'s query only', () => {
    expect(hasResumeHint(request('/socket.io/?EIO=4&transport=websocket&resume=1'))).to.equal(true);
    expect(hasResumeHint(request('/socket.io/?resume=1&EIO=4&transport=polling'))).to.equal(true);
    for (const url of ['/socket.io/?EIO=4&transport=websocket', '/socket.io/?EIO=4&resume=0', '/socket.io/?EIO=4&resume=', '/socket.io/resume=1', '/socket.io/?EIO=4&xresume=1']) {
      expect(hasResumeHint(request(url)), url).to.equal(false);
    }
  });

  it('lets everything through at once when open', () => {
    const gate = new HandshakeGate(false);
    let went = 0;
    gate.admit(request('/socket.io/?EIO=4'), () => went++);
    expect(went).to.equal(1);
    expect(gate.waiting).to.equal(0);
  });

  it('holds handshakes without the hint, in their order, and lets them go a batch per turn once opened', async () => {
    const gate = new HandshakeGate(true);
    const order: string[] = [];
    const reqs = Array.from({ length: 120 }, (_, i) => request(`/socket.io/?EIO=4&n=${i}`));
    reqs.forEach((req, i) => gate.admit(req, () => order.push(`idle ${i}`)));
    gate.admit(request('/socket.io/?EIO=4&resume=1'), () => order.push('hinted'));
    expect(order).to.deep.equal(['hinted']);
    expect(gate.waiting).to.equal(120);
    // a held socket that errors (the client reset it) does not throw: the gate listens meanwhile
    expect(reqs[0]!.socket.listenerCount('error')).to.equal(1);
    expect(() => reqs[0]!.socket.emit('error', new Error('ECONNRESET'))).to.not.throw();

    gate.open(50);
    expect(gate.isOpen).to.equal(true);
    expect(order.length).to.equal(51);
    // one arriving now goes on at once, ahead of the held ones still to go
    gate.admit(request('/socket.io/?EIO=4'), () => order.push('late'));
    expect(order.at(-1)).to.equal('late');
    await turn();
    expect(order.length).to.equal(102);
    await turn();
    expect(order.filter((x) => x.startsWith('idle'))).to.deep.equal(reqs.map((_, i) => `idle ${i}`));
    // the gate's error listener is gone once the handshake went on (ws adds its own)
    expect(reqs.every((r) => r.socket.listenerCount('error') === 0)).to.equal(true);
  });

  it('lets every held handshake go at once when asked (the server closing)', () => {
    const gate = new HandshakeGate(true);
    let went = 0;
    for (let i = 0; i < 200; i++) gate.admit(request('/socket.io/?EIO=4'), () => went++);
    gate.open(Infinity);
    expect(went).to.equal(200);
  });
});
