/** A staff member's HTTP client: the session cookie and the Origin header a same-origin page sends. */
import { STAFF_PASSWORD } from './env.ts';

export interface HttpResult { status: number; json: any; ms: number }

export class Staff {
  cookie = '';
  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: unknown): Promise<HttpResult> {
    const headers: Record<string, string> = { accept: 'application/json', origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const t0 = performance.now();
    const r = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    const ms = performance.now() - t0;
    const set = r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('inzage.sid='));
    if (set) this.cookie = set;
    return { status: r.status, json: text ? JSON.parse(text) : null, ms };
  }

  static async login(base: string, username: string): Promise<Staff> {
    const s = new Staff(base);
    const r = await s.call('POST', '/api/auth/login', { username, password: STAFF_PASSWORD });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
    return s;
  }
}
