/**
 * Login limits that neither lock staff out nor let guesses through (docs/design.md: Security model, Limits).
 *
 * - per account and IP: 5 free failures, then back-off from 30 s, doubling, up to 15 minutes. A guesser at one
 *   address is slowed; the same account elsewhere is not touched.
 * - per IP: 30 free failures (only failures: 30 staff behind one NAT logging in do not count), then the same
 *   back-off: one address cannot try many accounts.
 * - per account over all IPs: 20 free failures, then a short back-off (2 s, doubling, at most 1 minute) that
 *   slows a guesser with many addresses. It does not apply at an address this account logged in from before
 *   (in this process), so an attacker cannot keep an admin out of their own PC.
 *
 * Each attempt is reserved in all three before the password is hashed, so parallel guesses each count.
 */
import type { ServerConfig } from '../config.ts';
import { Backoff } from './backoff.ts';

const MAX_KNOWN = 10_000;

export class LoginLimits {
  private readonly pair: Backoff;
  private readonly ip: Backoff;
  private readonly account: Backoff;
  /** `username\nip` pairs that logged in before: exempt from the per-account back-off. */
  private readonly known = new Set<string>();

  constructor(config: Pick<ServerConfig, 'loginFreeFailuresPerAccountIp' | 'loginFreeFailuresPerIp' | 'loginFreeFailuresPerAccount'>, now: () => number) {
    const forgetMs = 24 * 60 * 60_000;
    this.pair = new Backoff({ free: config.loginFreeFailuresPerAccountIp, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs }, now);
    this.ip = new Backoff({ free: config.loginFreeFailuresPerIp, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs }, now);
    this.account = new Backoff({ free: config.loginFreeFailuresPerAccount, baseMs: 2_000, maxMs: 60_000, forgetMs }, now);
  }

  /** Reserve an attempt, or say how many ms to wait (nothing reserved then). */
  begin(username: string, ip: string): { ok: true } | { ok: false; waitMs: number } {
    const pair = `${username}\n${ip}`;
    const waitMs = Math.max(this.pair.wait(pair), this.ip.wait(ip), this.known.has(pair) ? 0 : this.account.wait(username));
    if (waitMs > 0) return { ok: false, waitMs };
    this.pair.reserve(pair);
    this.ip.reserve(ip);
    this.account.reserve(username);
    return { ok: true };
  }

  failed(username: string, ip: string): void {
    this.pair.fail(`${username}\n${ip}`);
    this.ip.fail(ip);
    this.account.fail(username);
  }

  succeeded(username: string, ip: string): void {
    const pair = `${username}\n${ip}`;
    this.pair.release(pair, true);
    this.ip.release(ip);
    this.account.release(username);
    if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.values().next().value!);
    this.known.add(pair);
  }

  /** The check itself failed (not the password): the attempt does not count. */
  aborted(username: string, ip: string): void {
    this.pair.release(`${username}\n${ip}`);
    this.ip.release(ip);
    this.account.release(username);
  }
}
