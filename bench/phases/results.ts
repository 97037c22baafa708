/**
 * Row 4: `GET /api/groups/:id/results` for a full group (300 candidates) with every sitting stored.
 * Timed on the client over loopback (request to last byte of the body): an upper bound of the server time.
 */
import type { Dataset } from '../generate.ts';
import type { Staff } from '../lib/staff.ts';
import { latency, type Latency } from '../lib/stats.ts';

export interface ResultsResult { latency: Latency; rows: number; bytes: number }

export async function measureResults(staff: Staff, data: Dataset, samples: number, groupSize = 300, warmup = 5): Promise<ResultsResult> {
  const full = data.groups.filter((g) => g.candidateNumbers.length === groupSize);
  const groups = full.length ? full : data.groups;
  const times: number[] = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i < samples + warmup; i++) {
    const g = groups[(i * 7919) % groups.length]!;
    const r = await staff.call('GET', `/api/groups/${encodeURIComponent(g.id)}/results`);
    if (r.status !== 200) throw new Error(`results of ${g.id}: ${r.status}`);
    rows = r.json.rows.length;
    bytes = JSON.stringify(r.json).length;
    if (i >= warmup) times.push(r.ms);
  }
  return { latency: latency(times), rows, bytes };
}
