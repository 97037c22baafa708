/**
 * Packages that only some set-ups use, loaded when first used rather than when the server starts (docs/design.md:
 * Start-up): PostgreSQL's client and the Socket.IO cluster adapters with Redis's client are ~680 of the ~1,080
 * CommonJS files a file-store server loaded at boot (`@redis/*` alone ~650), all for a set-up with
 * `INZAGE_DATABASE_URL`. They are CommonJS packages, so a synchronous `require` at the first use keeps every
 * caller as it was; their types are imported as types only.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const pgPackage = (): typeof import('pg') => require('pg') as typeof import('pg');
export const redisPackage = (): typeof import('redis') => require('redis') as typeof import('redis');
export const redisAdapterPackage = (): typeof import('@socket.io/redis-streams-adapter') => require('@socket.io/redis-streams-adapter') as typeof import('@socket.io/redis-streams-adapter');
export const pgAdapterPackage = (): typeof import('@socket.io/postgres-adapter') => require('@socket.io/postgres-adapter') as typeof import('@socket.io/postgres-adapter');
