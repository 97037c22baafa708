/** `inzage serve`: hands over to `server/main.ts` (README, Command line). */
import { Option, type Command } from 'commander';
import { dataOption, usageError } from './common.ts';

interface ServeOpts { port: string; host?: string; data: string; demo?: boolean; tlsCert?: string; tlsKey?: string }

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the server: console at /admin/, kiosk at /kiosk/')
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'address to listen on (default 0.0.0.0; 127.0.0.1 with --demo)').env('HOST'))
    .addOption(dataOption())
    .option('--demo', 'demo data and demo accounts (in a temporary data directory unless --data is given)')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM), together with --tls-key')
    .option('--tls-key <file>', 'the private key (PEM) for --tls-cert')
    .action(async (opts: ServeOpts, cmd: Command) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) throw usageError(`--port must be a number from 0 to 65535, not "${opts.port}"`);
      if (!opts.tlsCert !== !opts.tlsKey) throw usageError('--tls-cert and --tls-key go together');
      const { serve } = await import('../main.ts'); // loaded only here: the other commands stay light
      await serve({
        port,
        host: opts.host ?? (opts.demo ? '127.0.0.1' : '0.0.0.0'),
        // without --data (or INZAGE_DATA), main decides: ./data, or a temporary directory for --demo
        dataDir: cmd.getOptionValueSource('data') === 'default' ? undefined : opts.data,
        demo: !!opts.demo,
        tlsCert: opts.tlsCert,
        tlsKey: opts.tlsKey,
      });
    });
}
