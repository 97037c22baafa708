/**
 * Property-based fuzzing (fast-check): seeded and bounded so that `npm test` stays fast and repeatable;
 * `FUZZ_RUNS=5000 npx mocha tests/fuzz` for a long run, `FUZZ_SEED=…` to replay one a failure printed.
 *
 * The generators build malformed input on purpose: wrong types, strings up to and just over their limits,
 * prototype keys (`__proto__`, `constructor`, `prototype`), deep nesting, huge lists, extra arguments.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { ERROR_STATUS } from '../../shared/errors.ts';

export { fc };

/**
 * Runs per property: 200 in `npm test`, scaled by `factor` where one property of many covers a route (the
 * suite runs a few thousand inputs in all, in about a minute on two cores); `FUZZ_RUNS` for a long run.
 */
export function fuzzRuns(factor = 1): number {
  const env = Number(process.env.FUZZ_RUNS);
  return Math.max(1, Math.round((Number.isFinite(env) && env > 0 ? env : 200) * factor));
}

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260610);

/**
 * `fc.assert` with the suite's seed and run count; a failure names the seed, the shrunk input (cut short: some
 * inputs are megabytes) and the assertion that failed.
 */
export async function check<Ts extends [unknown, ...unknown[]]>(prop: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>, factor = 1): Promise<void> {
  await fc.assert(prop as fc.IAsyncProperty<Ts>, {
    seed: FUZZ_SEED, numRuns: fuzzRuns(factor), endOnFailure: true,
    reporter(details) {
      if (!details.failed) return;
      const input = fc.stringify(details.counterexample);
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`Property failed (seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} runs)\n` +
        `input: ${input.length > 1500 ? `${input.slice(0, 1500)}… (${input.length} characters)` : input}\n${cause}`);
    },
  });
}

// ---------- values ----------

export const POISON_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object key: a poison key, a near-miss of a real one, or anything short. */
export const key = (real: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...POISON_KEYS),
    ...(real.length ? [fc.constantFrom(...real), fc.constantFrom(...real).map((k) => k.toUpperCase() + ' ')] : []),
    fc.string({ maxLength: 12 }),
  );

/** A plain object with own properties for every key (a `__proto__` key stays a key, as JSON.parse makes it). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Nested `depth` deep: arrays or objects (with a poison key on the way down now and then). */
export function nested(depth: number, kind: 'array' | 'object' | 'poison', leaf: unknown = 'x'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : objectOf([[kind === 'poison' && i % 2 ? '__proto__' : 'a', v]]);
  return v;
}

/** Any JSON value, small or nasty; objects may carry poison keys. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -1, 1e308, -0, 2 ** 53, 1e-7),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', ' ', '\u0000', '<script>alert(1)</script>', '../../etc/passwd', '%00', '\ud800', 'null', 'true', '{}'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key(), tie('value')), { maxLength: 4 }).map(objectOf),
  ),
})).value;

/** Values whose nesting or size is the attack: deep arrays and objects, many keys, long lists and strings. */
export const heavy: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 100, max: 3000 }).chain((d) => fc.constantFrom(nested(d, 'array'), nested(d, 'object'), nested(d, 'poison'))),
  fc.integer({ min: 100, max: 5000 }).map((n) => objectOf(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 100, max: 5000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => 'x'.repeat(n)),
);

/** A value that is not a string (for a field that must be one). */
export const notString: fc.Arbitrary<unknown> = junk.filter((v) => typeof v !== 'string');
/** A value that is not a boolean. */
export const notBoolean: fc.Arbitrary<unknown> = junk.filter((v) => typeof v !== 'boolean');
/** A string that is too long for a field of at most `max` characters: just over, or far over. */
export const tooLong = (max: number): fc.Arbitrary<string> =>
  fc.oneof(fc.constant('x'.repeat(max + 1)), fc.integer({ min: max + 1, max: max * 20 + 100 }).map((n) => 'é'.repeat(n)));
/** A string that trims to nothing. */
export const blank: fc.Arbitrary<string> = fc.constantFrom('', ' ', '\t\n', '\u00a0');

/**
 * A malformed version of a valid object: one field of the wrong type, too long or blank, an unknown or poison
 * key added, a required field missing, or not an object at all. `fields` says how each field breaks; the
 * result never passes the route's (strict) schema.
 */
export function malformedObject(valid: Record<string, unknown>, fields: Record<string, fc.Arbitrary<unknown>>, required: string[]): fc.Arbitrary<unknown> {
  const names = Object.keys(fields);
  const broken = fc.constantFrom(...names).chain((name) => fields[name]!.map((bad) => objectOf([...Object.entries(valid).filter(([k]) => k !== name), [name, bad]])));
  const extra = fc.tuple(fc.oneof(fc.constantFrom(...POISON_KEYS), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in valid) && !names.includes(k))), junk)
    .map(([k, v]) => objectOf([...Object.entries(valid), [k, v]]));
  const missing = required.length ? [fc.constantFrom(...required).map((name) => objectOf(Object.entries(valid).filter(([k]) => k !== name)))] : [];
  const notObject = fc.oneof(junk, heavy).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
  return fc.oneof(broken, extra, ...missing, notObject);
}

// ---------- what every refusal must look like ----------

/** Text that only a leaked stack trace or internal error would put in an answer. */
const LEAKS = [/\n\s+at /, /\bat .+:\d+:\d+/, /\.(ts|js|mjs|cjs):\d+/, /node_modules/, /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/, /Unexpected (token|end|non-whitespace)/, /Maximum call stack/, /\/work\/|\/tmp\//];

export function expectNoLeak(text: string, what: string): void {
  for (const re of LEAKS) expect(re.test(text), `${what} leaks internals (${re}): ${text.slice(0, 300)}`).to.equal(false);
}

/** A coded error: `{ code, message }` with a code from the one list, never `internal`. */
export function expectCodedError(error: unknown, what: string): { code: string; message: string } {
  expect(error, `${what}: no error object`).to.be.an('object');
  const { code, message } = error as { code: unknown; message: unknown };
  expect(Object.keys(ERROR_STATUS), `${what}: unknown code ${String(code)}`).to.include(code);
  expect(code, `${what}: internal error`).not.to.equal('internal');
  expect(message, `${what}: no message`).to.be.a('string').and.not.equal('');
  return { code: code as string, message: message as string };
}
