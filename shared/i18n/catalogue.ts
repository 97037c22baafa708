/**
 * The typed message lookup both apps use (docs/design.md: Front-end i18n).
 *
 * A catalogue is a flat object of texts per language; the Dutch one is the source (`as const`, so its texts
 * are literal types). A text names its parameters in braces: 'Vraag {n} van {total}'. From that the type system
 * knows that `t('active.question', { n, total })` needs exactly `n` and `total`, and that a text without
 * parameters takes none. Every other language is a `Translation` of the Dutch catalogue: the same keys, no more,
 * no fewer, and each text mentions every parameter of its Dutch original.
 */
import { formatNumber } from './format.ts';
import type { Lang } from './lang.ts';

export type Catalogue = Readonly<Record<string, string>>;

/** The parameter names of a text: ParamNames<'Vraag {n} van {total}'> = 'n' | 'total'. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;

export type ParamValue = string | number;
export type Params<S extends string> = { readonly [P in ParamNames<S>]: ParamValue };

/**
 * The arguments after the key: none for a text without parameters, else one object naming each parameter.
 * A text typed only as `string` (one built at runtime, or a key held as a wide union) may take any.
 */
export type ParamArgs<S extends string> = string extends S
  ? [params?: Readonly<Record<string, ParamValue>>]
  : [ParamNames<S>] extends [never] ? [] : [params: Params<S>];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** A string that mentions `{p}` for every parameter p. */
type Mentions<P extends string> = [P] extends [never] ? string : UnionToIntersection<P extends string ? `${string}{${P}}${string}` : never>;

/** Another language's catalogue: exactly the keys of the source, each text with the source's parameters. */
export type Translation<C extends Catalogue> = { readonly [K in keyof C]: Mentions<ParamNames<C[K]>> };

/** Keys that come in a singular and a plural form: 'exams.questions' for 'exams.questions.one' and '.other'. */
export type PluralBase<C extends Catalogue> = {
  [K in keyof C & string]: K extends `${infer B}.one` ? (`${B}.other` extends keyof C ? B : never) : never;
}[keyof C & string];

/** The parameters of a plural text other than `n`, which is the count itself. */
export type PluralArgs<S extends string> = [Exclude<ParamNames<S>, 'n'>] extends [never]
  ? []
  : [params: { readonly [P in Exclude<ParamNames<S>, 'n'>]: ParamValue }];

/** Puts the parameters into a text; a number is written the language's way ("1.234" in Dutch). */
export function fill(lang: Lang, text: string, params?: Readonly<Record<string, ParamValue>>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

/** The parameter names a text uses, sorted: for the runtime parity test of two catalogues. */
export function paramNamesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

export interface Translator<C extends Catalogue> {
  /** `t('nl', 'active.question', { n: 3, total: 12 })` → "Vraag 3 van 12" */
  t<K extends keyof C & string>(lang: Lang, key: K, ...args: ParamArgs<C[K]>): string;
  /** `plural('nl', 'exams.questions', 1)` → "1 vraag"; the form follows the language's plural rules. */
  plural<B extends PluralBase<C>>(lang: Lang, base: B, n: number, ...args: PluralArgs<C[`${B}.other` & keyof C]>): string;
  /** Whether a key built at runtime ('audit.action.' + action) is in the catalogue. */
  has(key: string): key is keyof C & string;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
function pluralForm(lang: Lang, n: number): 'one' | 'other' {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  // Dutch and English know only these two forms.
  return rules.select(n) === 'one' ? 'one' : 'other';
}

/** The lookup over one catalogue per language; `nl` is the source the types come from. */
export function translator<C extends Catalogue>(catalogues: { readonly nl: C; readonly en: Translation<C> }): Translator<C> {
  const texts = catalogues as unknown as Record<Lang, Catalogue>;
  return {
    t(lang, key, ...args) {
      return fill(lang, texts[lang][key]!, args[0]);
    },
    plural(lang, base, n, ...args) {
      return fill(lang, texts[lang][`${base}.${pluralForm(lang, n)}`]!, { ...args[0], n });
    },
    has(key): key is keyof C & string {
      return Object.hasOwn(catalogues.nl, key);
    },
  };
}
