/**
 * The Config Keys an admin types for a room's Safe Exam Browser requirement: one per line, each a SHA-256 in
 * hexadecimal (64 characters, as SEB shows it); blank lines are skipped. The server checks the same rule
 * (shared/protocol.ts PatchRoomBody).
 */
export type ParsedKeys = { ok: true; keys: string[] } | { ok: false; badLines: number[] };

export function parseConfigKeys(text: string): ParsedKeys {
  const keys: string[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().toLowerCase();
    if (!line) return;
    if (/^[0-9a-f]{64}$/.test(line)) keys.push(line);
    else badLines.push(i + 1);
  });
  return badLines.length ? { ok: false, badLines } : { ok: true, keys };
}
