/**
 * The import (server/import) under malformed files: a valid export broken at any point (a value of the wrong
 * type or size, a key removed or added, prototype keys, deep nesting, duplicated elements, hostile HTML), and
 * texts that are not JSON at all. The import must never throw: it answers every error with its JSON path,
 * writes nothing for an invalid file (on the CLI's path and over HTTP), and what it accepts is sanitised.
 */
import { expect } from 'chai';
import { parseJsonText } from '../../shared/jsonText.ts';
import { importData, sanitizeExamHtml, validateImport } from '../../server/import/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { loggedIn, startTestServer, type StaffClient, type TestServer } from '../helpers/server.ts';
import { dirHash, removeDir, storeHash, tempDir } from '../support/dataDir.ts';
import { check, expectCodedError, expectNoLeak, fc, heavy, junk, objectOf, POISON_KEYS } from '../support/fuzz.ts';
import { exampleImport, type Json } from '../support/importFixture.ts';

type Path = (string | number)[];

/** Every path to a value inside `v` (not the root itself). */
function pathsOf(v: Json, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...at, k], ...pathsOf(v[k], [...at, k])]);
}

function valueAt(root: Json, path: Path): Json {
  let v = root;
  for (const k of path) v = v[k];
  return v;
}
const parentOf = (root: Json, path: Path): Json => valueAt(root, path.slice(0, -1));

/** HTML that must never survive sanitising, and markup that strains a parser. */
const hostileHtml = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<p style="x" onclick="y">t</p>',
    '<iframe src="https://x"></iframe>', '<img src="data:text/html;base64,PHNjcmlwdD4=">', '<svg onload=alert(1)>', '<!--', '<p', '</div></div>',
    '<scr<script>ipt>alert(1)</script>', '<IMG SRC=JaVaScRiPt:alert(1)>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  ),
  fc.integer({ min: 100, max: 5000 }).map((n) => '<div>'.repeat(n)),
  fc.integer({ min: 100, max: 2000 }).map((n) => '<b><i>'.repeat(n) + 'x' + '</i></b>'.repeat(n)),
);

const poisonObject = fc.tuple(fc.constantFrom(...POISON_KEYS), junk).map(([k, v]) => objectOf([[k, v]]));

/** One way to break a file at `path`. */
type Mutation = { kind: 'replace'; path: Path; value: unknown } | { kind: 'delete'; path: Path } | { kind: 'addKey'; path: Path; key: string; value: unknown } | { kind: 'duplicate'; path: Path };

function mutations(base: Json): fc.Arbitrary<Mutation> {
  const all = pathsOf(base);
  const path = fc.constantFrom(...all);
  const objects = all.filter((p) => { const v = valueAt(base, p); return v && typeof v === 'object' && !Array.isArray(v); });
  const elements = all.filter((p) => typeof p.at(-1) === 'number');
  const value = fc.oneof(junk, junk, heavy, hostileHtml, poisonObject, fc.constantFrom(1e308, -1, 0.5, 1000.0001, '', ' ', '2026-02-30T10:00:00Z'));
  return fc.oneof(
    fc.tuple(path, value).map(([p, v]) => ({ kind: 'replace' as const, path: p, value: v })),
    path.map((p) => ({ kind: 'delete' as const, path: p })),
    fc.tuple(fc.constantFrom(...objects, []), fc.oneof(fc.constantFrom(...POISON_KEYS), fc.string({ minLength: 1, maxLength: 10 })), junk)
      .map(([p, key, v]) => ({ kind: 'addKey' as const, path: p, key, value: v })),
    fc.constantFrom(...elements).map((p) => ({ kind: 'duplicate' as const, path: p })),
  );
}

function apply(base: Json, ms: Mutation[]): Json {
  const file = JSON.parse(JSON.stringify(base));
  for (const m of ms) {
    try {
      const parent = m.path.length ? parentOf(file, m.path) : null;
      const last = m.path.at(-1)!;
      if (m.kind === 'replace') Object.defineProperty(parent, last, { value: m.value, enumerable: true, writable: true, configurable: true });
      else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last];
      else if (m.kind === 'duplicate') parent.push(JSON.parse(JSON.stringify(parent[last])));
      else {
        const target = m.path.length ? parent[last] : file;
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      }
    } catch {
      // an earlier mutation removed what this one aimed at: the file is broken enough already
    }
  }
  return file;
}

/** A whole file gone wrong, or a valid one broken in one to three places; as the JSON text an admin uploads. */
function brokenFile(base: Json): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(mutations(base), { minLength: 1, maxLength: 3 }).map((ms) => JSON.stringify(apply(base, ms))) },
    { weight: 1, arbitrary: fc.oneof(junk, heavy, poisonObject).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('inzage/v2', '', null).map((format) => JSON.stringify({ ...base, format })) },
  );
}

/** What sanitised exam HTML may never contain. */
const UNSAFE_HTML = /<script|<iframe|<svg|<math|<a[\s>]|\son\w+\s*=|style=|javascript:|data:text/i;

function expectErrors(errors: unknown, what: string) {
  expect(errors, what).to.be.an('array').that.is.not.empty;
  for (const e of errors as unknown[]) {
    expect(e, what).to.be.a('string');
    expect(e as string, what).to.match(/^(\(root\)|(format|exams|candidates|groups|sittings)\b)/);
  }
  expectNoLeak(JSON.stringify(errors), what);
}

describe('fuzz: the import refuses malformed files by path, writes nothing, and sanitises what it takes', function () {
  this.timeout(300_000);

  describe('importData (the CLI\'s path), against stored data', () => {
    let dir: string;
    let store: Store;
    let hash: string;
    const base = exampleImport();
    before(async () => {
      dir = tempDir('fuzz-import');
      store = openStore(dir);
      expect((await importData(store, exampleImport(), { actor: 'test' })).ok).to.equal(true);
      await store.flush();
      hash = dirHash(dir);
    });
    after(async () => {
      await store.flush();
      removeDir(dir);
    });

    it('answers a broken file with every error by its path, and leaves the data directory as it was', async () => {
      let refused = 0;
      await check(fc.asyncProperty(brokenFile(base), async (text) => {
        const what = text.slice(0, 300);
        const v = validateImport(JSON.parse(text), store.content);
        if (v.ok) {
          // still a valid file: a dry run writes nothing, and the HTML it would store is safe
          for (const e of v.data.exams) {
            for (const q of e.questions) {
              const html = [q.stem, ...('scheme' in q ? [q.scheme] : []), ...['options', 'items', 'left', 'right'].flatMap((k) => ((q as Json)[k] ?? []).map((o: { text: string }) => o.text))];
              for (const h of html) {
                expect(h, `${what}: unsafe HTML kept`).not.to.match(UNSAFE_HTML);
                expect(sanitizeExamHtml(h), 'sanitising is idempotent').to.equal(h);
              }
            }
          }
          expect((await importData(store, JSON.parse(text), { dryRun: true })).ok, what).to.equal(true);
        } else {
          refused++;
          const r = await importData(store, JSON.parse(text), { actor: 'fuzz' });
          expect(r.ok, what).to.equal(false);
          expectErrors(!r.ok && r.errors, what);
          expect(!r.ok && r.errors, `${what}: the same errors as the validation`).to.deep.equal(v.errors);
        }
        await store.flush();
        expect(dirHash(dir), `${what}: wrote to the data directory`).to.equal(hash);
      }));
      expect(refused, 'most broken files are refused').to.be.greaterThan(0);
    });

    it('says where a text that is not JSON breaks, whatever the text', () => {
      const good = JSON.stringify(base, null, 2);
      const texts = fc.oneof(
        fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.slice(0, n)),
        fc.tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })).map(([n, s]) => good.slice(0, n) + s + good.slice(n)),
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 1000, max: 100_000 }).map((n) => '['.repeat(n)),
      );
      fc.assert(fc.property(texts, (text) => {
        let valid = true;
        try { JSON.parse(text); } catch { valid = false; }
        const r = parseJsonText(text);
        expect(r.ok, JSON.stringify(text.slice(0, 100))).to.equal(valid);
        if (!r.ok) {
          expect(r.line).to.be.within(1, text.split('\n').length);
          expect(r.column).to.be.at.least(1);
          expect(r.message).to.match(/^line \d+, column \d+: unexpected /);
        }
      }), { seed: Number(process.env.FUZZ_SEED ?? 20260610), numRuns: Math.max(200, Number(process.env.FUZZ_RUNS) || 0) * 2 });
    });
  });

  describe('POST /api/imports (the console\'s path)', () => {
    let ts: TestServer;
    let boss: StaffClient;
    let hash: string;
    const base = exampleImport();
    before(async () => {
      ts = await startTestServer({ data: base });
      boss = await loggedIn(ts.base, 'boss');
      hash = await storeHash(ts.store);
    });
    after(() => ts.close());

    it('answers a broken file with 400 invalid-input and every error by its path, and writes nothing', async () => {
      await check(fc.asyncProperty(brokenFile(base), fc.boolean(), async (text, dryRun) => {
        if (validateImport(JSON.parse(text), ts.store.content).ok) return; // a valid file is not the point here
        const what = text.slice(0, 300);
        const r = await boss.call('POST', `/api/imports${dryRun ? '?dryRun=1' : ''}`, text);
        expectNoLeak(r.text, what);
        expect(r.status, `${what}: ${r.text.slice(0, 300)}`).to.equal(400);
        expectCodedError(r.json.error, what);
        expectErrors(r.json.error.details.errors, what);
        expect(await storeHash(ts.store), `${what}: wrote to the data directory`).to.equal(hash);
      }), 0.5);
      expect((await fetch(`${ts.base}/healthz`)).status).to.equal(200);
      expect((await boss.call('GET', '/api/groups')).json.map((g: { id: string }) => g.id)).to.deep.equal(base.groups.map((g: { id: string }) => g.id));
    });
  });
});
