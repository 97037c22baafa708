/**
 * One-time pairing codes (docs/design.md: Transport): 6 characters from an alphabet without look-alikes, valid 10 minutes,
 * held in memory for the unpaired socket that shows them.
 */
import { randomInt } from 'node:crypto';
import { PAIRING_ALPHABET, PAIRING_TTL_MS, normalizePairingCode } from '../../shared/rules.ts';

export interface PendingCode {
  code: string; socketId: string; expiresAt: number;
  /** several processes: resolves once every process can find the code */
  shared?: Promise<void>;
}

/** Several processes (server/cluster/): each code issued or withdrawn here is also written where every process finds it. */
export interface SharedCodes {
  codeIssued(code: string, socketId: string, expiresAt: number, ip: string): Promise<void>;
  codeRevoked(socketId: string): void;
}

export class PairingCodes {
  private byCode = new Map<string, PendingCode>();
  private bySocket = new Map<string, string>();

  constructor(private readonly now: () => number, private readonly ttlMs = PAIRING_TTL_MS, private readonly shared?: SharedCodes) {}

  /** A fresh code for this socket (replacing its previous one). */
  issue(socketId: string, ip = ''): PendingCode {
    this.revoke(socketId);
    this.sweep();
    let code: string;
    do {
      code = Array.from({ length: 6 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('');
    } while (this.byCode.has(code));
    const pending: PendingCode = { code, socketId, expiresAt: this.now() + this.ttlMs };
    this.byCode.set(code, pending);
    this.bySocket.set(socketId, code);
    if (this.shared) pending.shared = this.shared.codeIssued(code, socketId, pending.expiresAt, ip);
    return pending;
  }

  /** The live code as typed by an admin (`abc-123`, `ABC123`), or undefined; it stays live. */
  find(input: string): PendingCode | undefined {
    const pending = this.byCode.get(normalizePairingCode(input));
    return pending && pending.expiresAt > this.now() ? pending : undefined;
  }

  /** As `find`, but single use: it removes the code. */
  take(input: string): PendingCode | undefined {
    const pending = this.find(input);
    if (pending) this.revoke(pending.socketId);
    return pending;
  }

  revoke(socketId: string): void {
    const code = this.bySocket.get(socketId);
    if (code) this.byCode.delete(code);
    this.bySocket.delete(socketId);
    if (code) this.shared?.codeRevoked(socketId);
  }

  private sweep() {
    const now = this.now();
    for (const [code, p] of this.byCode) if (p.expiresAt <= now) { this.byCode.delete(code); this.bySocket.delete(p.socketId); }
  }
}
