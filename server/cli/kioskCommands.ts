/** `inzage kiosk list`. */
import type { Command } from 'commander';
import { dataDir, dataOption, say, table, withStore } from './common.ts';

export function registerKiosk(program: Command): void {
  const kiosk = program.command('kiosk').description('review stations (pairing and unpairing happen in the console)');
  kiosk
    .command('list')
    .description('list paired kiosks: id, name, room, paired at, last seen')
    .addOption(dataOption())
    .action((opts: { data: string }) => withStore(dataDir(opts), (store) => {
      const kiosks = store.kiosks.all();
      if (!kiosks.length) return say('No kiosks paired.');
      const room = (id: string | undefined) => (id ? store.rooms.get(id)?.name ?? id : '-');
      say(table(['ID', 'NAME', 'ROOM', 'PAIRED AT', 'LAST SEEN'], kiosks.map((k) => [k.id, k.name, room(k.roomId), k.pairedAt, k.lastSeenAt ?? 'never'])));
    }, { requireData: true }));
}
