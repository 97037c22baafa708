/** `inzage kiosk list`. */
import type { Command } from 'commander';
import { dataDir, dataOption, openExistingStore, say, table } from './common.ts';

export function registerKiosk(program: Command): void {
  const kiosk = program.command('kiosk').description('review stations (pairing and unpairing happen in the console)');
  kiosk
    .command('list')
    .description('list paired kiosks: id, name, paired at, last seen')
    .addOption(dataOption())
    .action((opts: { data: string }) => {
      const kiosks = openExistingStore(dataDir(opts)).kiosks.all();
      if (!kiosks.length) return say('No kiosks paired.');
      say(table(['ID', 'NAME', 'PAIRED AT', 'LAST SEEN'], kiosks.map((k) => [k.id, k.name, k.pairedAt, k.lastSeenAt ?? 'never'])));
    });
}
