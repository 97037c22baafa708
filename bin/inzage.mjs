#!/usr/bin/env node
// The `inzage` command: runs the TypeScript sources through tsx, so that `npm install` alone is enough.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
