/**
 * The group that QTI results come in for, against the group stored under that id: created when there is none
 * (the name given, else its id); else kept and widened: the candidates of these results are added to its own,
 * its start moves to the earliest sitting, and its name changes only when one is given. A stored group of
 * another exam is an error: a group is one exam's.
 */
import type { Group } from '../../../shared/schema.ts';
import { say } from '../issues.ts';

export type GroupMerge = { ok: true; group: Group } | { ok: false; error: string };

export function mergeResultsGroup(built: Group, stored: Group | undefined, name: string | undefined): GroupMerge {
  if (!stored) return { ok: true, group: built };
  if (stored.examId !== built.examId) {
    return { ok: false, error: say('group-other-exam', { group: stored.id, stored: stored.examId, exam: built.examId }) };
  }
  const members = new Set(stored.candidateNumbers);
  const startsAt = Date.parse(built.startsAt) < Date.parse(stored.startsAt) ? built.startsAt : stored.startsAt;
  return {
    ok: true,
    group: {
      ...stored,
      name: name ?? stored.name,
      startsAt,
      candidateNumbers: [...stored.candidateNumbers, ...built.candidateNumbers.filter((n) => !members.has(n))],
    },
  };
}
