// The entry of a results parse worker (parsePool.ts). The worker runs TypeScript through tsx, as the server
// does; module hooks registered in the main thread (bin/inzage.mjs, or --import=tsx for tests and the bench)
// do not reach a worker thread on Node 20, so the worker registers tsx itself.
(await import('tsx/esm/api')).register();
await import('./parseWorker.ts');
