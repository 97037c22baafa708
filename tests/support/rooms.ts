/** Rooms for console tests: a room made over the HTTP API, with the given kiosks put in it. */
import { expect } from 'chai';
import { loggedIn } from '../helpers/server.ts';

export async function roomWith(base: string, name: string, kioskIds: readonly string[] = []): Promise<string> {
  const admin = await loggedIn(base, 'boss');
  const r = await admin.call('POST', '/api/rooms', { name });
  expect(r.status, r.text).to.equal(201);
  const id = (r.json as { id: string }).id;
  for (const kioskId of kioskIds) {
    const m = await admin.call('PATCH', `/api/kiosks/${kioskId}/room`, { roomId: id });
    expect(m.status, m.text).to.equal(200);
  }
  return id;
}

/** Every paired kiosk's id. */
export async function kioskIds(base: string): Promise<string[]> {
  const r = await (await loggedIn(base, 'boss')).call('GET', '/api/kiosks');
  return (r.json as { id: string }[]).map((k) => k.id);
}
