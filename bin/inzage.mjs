#!/usr/bin/env node
// The `inzage` command. Runs the server as built by `npm run build` (dist/server, scripts/build-server.mjs) when
// that build is of the sources as they are now; otherwise (or with INZAGE_FROM_SOURCES=1) runs the TypeScript
// sources through tsx, so that `npm install` alone is enough and an edited source is never shadowed by an old build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli } from './builtServer.mjs';

const built = process.env.INZAGE_FROM_SOURCES === '1' ? null : builtCli(join(dirname(fileURLToPath(import.meta.url)), '..'));
if (built) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/cli.ts');
}
