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
 *
 * With several processes (server/cluster/backoff.ts) the three counts and the known pairs are kept in PostgreSQL,
 * the same for every process; with one, in memory.
 */
import type { ServerConfig } from '../config.ts';
import { Backoff, type BackoffRule } from './backoff.ts';
import type { SharedBackoffs } from '../cluster/backoff.ts';

const MAX_KNOWN = 10_000;

export class LoginLimits {
  private readonly pair: Backoff;
  private readonly ip: Backoff;
  private readonly account: Backoff;
  /** `username\nip` pairs that logged in before: exempt from the per-account back-off. */
  private readonly known = new Set<string>();

  constructor(
    config: Pick<ServerConfig, 'loginFreeFailuresPerAccountIp' | 'loginFreeFailuresPerIp' | 'loginFreeFailuresPerAccount'>,
    now: () => number,
    private readonly shared?: SharedBackoffs,
  ) {
    const forgetMs = 24 * 60 * 60_000;
    this.pair = new Backoff({ free: config.loginFreeFailuresPerAccountIp, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs }, now);
    this.ip = new Backoff({ free: config.loginFreeFailuresPerIp, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs }, now);
    this.account = new Backoff({ free: config.loginFreeFailuresPerAccount, baseMs: 2_000, maxMs: 60_000, forgetMs }, now);
  }

  /** The three keys of an attempt, for the shared back-off. */
  private keys(username: string, ip: string): { name: string; rule: BackoffRule; key: string }[] {
    return [
      { name: 'login-pair', rule: this.pair.rule, key: `${username}\n${ip}` },
      { name: 'login-ip', rule: this.ip.rule, key: ip },
      { name: 'login-account', rule: this.account.rule, key: username },
    ];
  }

  /** Reserve an attempt, or say how many ms to wait (nothing reserved then). */
  async begin(username: string, ip: string): Promise<{ ok: true } | { ok: false; waitMs: number }> {
    if (this.shared) {
      const known = await this.shared.isMarked('login-known', `${username}\n${ip}`);
      const waitMs = await this.shared.begin(this.keys(username, ip).map((k) => ({ ...k, exempt: known && k.name === 'login-account' })));
      return waitMs > 0 ? { ok: false, waitMs } : { ok: true };
    }
    const pair = `${username}\n${ip}`;
    const waitMs = Math.max(this.pair.wait(pair), this.ip.wait(ip), this.known.has(pair) ? 0 : this.account.wait(username));
    if (waitMs > 0) return { ok: false, waitMs };
    this.pair.reserve(pair);
    this.ip.reserve(ip);
    this.account.reserve(username);
    return { ok: true };
  }

  async failed(username: string, ip: string): Promise<void> {
    if (this.shared) return this.shared.settle(this.keys(username, ip).map((k) => ({ ...k, how: 'fail' })));
    this.pair.fail(`${username}\n${ip}`);
    this.ip.fail(ip);
    this.account.fail(username);
  }

  async succeeded(username: string, ip: string): Promise<void> {
    if (this.shared) {
      await this.shared.settle(this.keys(username, ip).map((k) => ({ ...k, how: k.name === 'login-pair' ? 'forgive' : 'release' })));
      return this.shared.mark('login-known', `${username}\n${ip}`);
    }
    const pair = `${username}\n${ip}`;
    this.pair.release(pair, true);
    this.ip.release(ip);
    this.account.release(username);
    if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.values().next().value!);
    this.known.add(pair);
  }

  /** The check itself failed (not the password): the attempt does not count. */
  async aborted(username: string, ip: string): Promise<void> {
    if (this.shared) return this.shared.settle(this.keys(username, ip).map((k) => ({ ...k, how: 'release' })));
    this.pair.release(`${username}\n${ip}`);
    this.ip.release(ip);
    this.account.release(username);
  }
}
