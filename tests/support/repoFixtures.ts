/** Small domain objects for the repository tests (tests/integration/repositories.test.ts, pgStore.test.ts). */
import type { Kiosk, Remark, ReviewSession, Room, StaffUser } from '../../shared/domain.ts';
import type { StoredSession } from '../../server/store/repositories.ts';
import type { ReviewRecord } from '../../shared/reviewRecord.ts';

export const kiosk = (id: string, extra: Partial<Kiosk> = {}): Kiosk =>
  ({ id, name: `Station ${id}`, tokenHash: `hash-${id}`, pairedAt: '2026-05-01T08:00:00.000Z', lastSeenAt: null, ...extra });

export const room = (id: string, extra: Partial<Room> = {}): Room => ({ id, name: `Lokaal ${id}`, createdAt: '2026-05-01T08:00:00.000Z', ...extra });

export const staffUser = (id: string, extra: Partial<StaffUser> = {}): StaffUser => ({
  id, username: id.toLowerCase(), displayName: `User ${id}`, role: 'supervisor', passwordHash: 'scrypt$x', disabled: false,
  mustChangePassword: false, createdAt: '2026-05-01T08:00:00.000Z', ...extra,
});

export const review = (id: string, extra: Partial<ReviewSession> = {}): ReviewSession => ({
  id, sittingId: `s-${id}`, kioskId: `k-${id}`, candidateNumber: `c-${id}`, approvedById: 'u1',
  startedAt: '2026-06-01T09:00:00.000Z', endsAt: '2026-06-01T09:30:00.000Z', position: 'q1', ...extra,
});

export const ended = (s: ReviewSession, at = '2026-06-01T09:10:00.000Z'): ReviewSession =>
  ({ ...s, endedAt: at, endedBy: 'u1', endReason: 'ended-by-supervisor' });

export const remark = (id: string, extra: Partial<Remark> = {}): Remark => ({
  id, reviewId: 'r1', sittingId: 's1', examId: 'e1', groupId: 'g1', candidateNumber: '120001', questionId: `q-${id}`,
  questionNumber: 1, kind: 'key', text: `remark ${id}`, createdAt: '2026-06-01T09:05:00.000Z', updatedAt: '2026-06-01T09:05:00.000Z',
  status: 'open', ...extra,
});

export const login = (user: string, expires = 2_000_000_000_000): StoredSession => ({ data: { userId: user, cookie: { path: '/' } }, expires });
export const reviewRecord = (id: string, extra: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id, sittingId: 's1', groupId: 'g1', examId: 'e1', candidateNumber: '1001', kioskId: 'k1', kioskName: 'Kiosk 1',
  approvedById: 'u1', approvedBy: 'sup1', approvedByName: 'Sup 1', startedAt: '2026-06-01T09:00:00.000Z',
  endsAt: '2026-06-01T09:30:00.000Z', endedAt: '2026-06-01T09:10:00.000Z', endReason: 'ended-by-supervisor', endedBy: 'u1',
  viewed: ['q1'], opened: [], remarkCount: 0, ...extra,
});
