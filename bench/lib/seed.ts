/**
 * Staff and paired kiosks, written into the data directory through the store before the server starts
 * (pairing 1,000 kiosks one by one through the console is not what is measured).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kiosk, ReviewSession } from '../../shared/domain.ts';
import { createUser } from '../../server/auth/users.ts';
import { hashToken } from '../../server/kiosks/hub.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { STAFF_PASSWORD, supervisorName } from './env.ts';

export interface SeededKiosk { id: string; name: string; token: string }

/**
 * Into a data directory (the file store), or a store already open (`--nodes`: the PostgreSQL store of the run's schema).
 * `history` ended sessions as a server that has run for a while keeps them (reviews.json holds the last
 * `keepEndedReviews`, 200 by default): every review write and every list of the steady state carries them.
 */
export async function seedStaffAndKiosks(target: string | Store, supervisors: number, kiosks: number, history: { sittingIds: string[]; count: number }): Promise<SeededKiosk[]> {
  const store = typeof target === 'string' ? openStore(target) : target;
  let approvedBy = '';
  for (let i = 1; i <= supervisors; i++) {
    const { user } = await createUser(store.staff, { username: supervisorName(i), role: 'supervisor', displayName: `Toezicht ${i}`, password: STAFF_PASSWORD });
    approvedBy ||= user.id;
  }
  const now = new Date().toISOString();
  const seeded: SeededKiosk[] = Array.from({ length: kiosks }, (_, i) => ({
    id: `bench-kiosk-${i + 1}`,
    name: `Station ${i + 1}`,
    token: randomBytes(32).toString('base64url'),
  }));
  const stored: Kiosk[] = seeded.map((k) => ({ id: k.id, name: k.name, tokenHash: hashToken(k.token), pairedAt: now, lastSeenAt: null }));
  const day = 86_400_000;
  const ended: ReviewSession[] = Array.from({ length: history.count }, (_, i) => {
    const at = Date.now() - 7 * day + i * 60_000;
    return {
      id: randomUUID(), sittingId: history.sittingIds[i % history.sittingIds.length]!, kioskId: seeded[i % seeded.length]!.id, approvedById: approvedBy,
      startedAt: new Date(at).toISOString(), endsAt: new Date(at + 3_600_000).toISOString(), position: 'q7',
      endedAt: new Date(at + 1_200_000).toISOString(), endedBy: approvedBy, endReason: 'candidate-logged-out',
    };
  });
  // each add applies at once and shares the document's next write with the others
  await Promise.all([...stored.map((k) => store.kiosks.add(k)), ...ended.map((r) => store.reviews.add(r))]);
  await store.flush();
  return seeded;
}
