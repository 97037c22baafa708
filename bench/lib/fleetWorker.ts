/**
 * The second client process: holds the idle kiosk connections (most of the 1,000) and, while they are not
 * what is measured, the consoles, so that the runner's own event loop carries only what it times. Driven
 * over IPC by `Fleet` (fleet.ts); its sockets come in named groups.
 */
import { connectConsole, connectKiosks } from './kiosks.ts';
import type { FleetReply, FleetRequest } from './fleet.ts';

const groups = new Map<string, { close(): void }[]>();
const reply = (r: FleetReply) => process.send!(r);
const closeGroup = (name: string) => {
  for (const s of groups.get(name) ?? []) s.close();
  groups.delete(name);
};

process.on('message', async (m: FleetRequest) => {
  try {
    if (m.type === 'connect') {
      const t0 = performance.now();
      closeGroup(m.group);
      groups.set(m.group, await connectKiosks(m.base, m.kiosks, { waitFor: m.waitFor, concurrency: m.concurrency }));
      reply({ type: 'connected', n: groups.get(m.group)!.length, ms: performance.now() - t0 });
    } else if (m.type === 'consoles') {
      closeGroup(m.group);
      groups.set(m.group, await Promise.all(m.cookies.map((c) => connectConsole(m.base, c))));
      reply({ type: 'connected', n: m.cookies.length, ms: 0 });
    } else if (m.type === 'close') {
      closeGroup(m.group);
      reply({ type: 'closed' });
    } else if (m.type === 'exit') {
      for (const name of [...groups.keys()]) closeGroup(name);
      process.exit(0);
    }
  } catch (e) {
    reply({ type: 'error', message: (e as Error).message });
  }
});
process.on('disconnect', () => process.exit(0));
