/**
 * A process that holds a data directory's lock until it is killed, as a server or a running command would:
 * `node --import=tsx tests/support/holdLock.ts DIR [ROLE]`. Prints `locked` once it holds it.
 */
import { acquireLock } from '../../server/store/lock.ts';

const [dir, role = 'an inzage server'] = process.argv.slice(2);
await acquireLock(dir!, { role });
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
