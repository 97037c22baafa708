/**
 * Namespaces in XML 1.0 for our element tree: the declarations in scope at an element, the namespace of its
 * name, and the refusals of a namespace-ill-formed file (an unbound prefix, a misused `xml`/`xmlns`). Done here
 * rather than by saxes' `xmlns` mode, which resolves every attribute of every element and costs a third of the
 * parse; results files declare their namespaces on the root element only.
 */
const XML = 'http://www.w3.org/XML/1998/namespace';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** prefix (`''`: the default namespace) → namespace (`''`: none) */
export type Scope = ReadonlyMap<string, string>;

export const DOCUMENT_SCOPE: Scope = new Map([['xml', XML], ['xmlns', XMLNS]]);

/** Why a declaration is refused, or `undefined`. */
function misdeclared(prefix: string, uri: string): string | undefined {
  if (prefix === 'xmlns') return 'the xmlns prefix may not be declared.';
  if ((prefix === 'xml') !== (uri === XML)) return `only the xml prefix is bound to ${XML}.`;
  if (uri === XMLNS) return `no prefix may be bound to ${XMLNS}.`;
  if (prefix && !uri) return `the prefix ${prefix} may not be undeclared (xmlns:${prefix}="").`;
  return undefined;
}

/** A name with a colon is `prefix:local`, both non-empty, one colon only (Namespaces in XML 1.0, QName). */
const badQName = (name: string, colon: number) => colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0;

export type Resolved = { scope: Scope; namespaceURI: string | undefined } | { error: string };

/**
 * An element's scope (its parent's with the element's own `xmlns` declarations) and namespace, its name's and
 * attributes' prefixes checked. One pass over the attributes: most have no prefix, and are passed by.
 */
export function resolveElement(parent: Scope, name: string, attributes: Readonly<Record<string, string>>): Resolved {
  let scope: Map<string, string> | undefined;
  let prefixed: string[] | undefined;
  for (const a in attributes) {
    const colon = a.indexOf(':');
    if (colon < 0 && a !== 'xmlns') continue;
    if (colon >= 0 && badQName(a, colon)) return { error: `"${a}" is not a qualified name.` };
    const prefix = colon < 0 ? '' : a.slice(0, colon);
    if (prefix !== 'xmlns' && a !== 'xmlns') {
      (prefixed ??= []).push(a);
      continue;
    }
    const declared = colon < 0 ? '' : a.slice(colon + 1);
    const error = misdeclared(declared, attributes[a]!);
    if (error) return { error };
    (scope ??= new Map(parent)).set(declared, attributes[a]!);
  }
  const inScope = scope ?? parent;
  const colon = name.indexOf(':');
  if (colon >= 0 && badQName(name, colon)) return { error: `"${name}" is not a qualified name.` };
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const uri = inScope.get(prefix);
  if (prefix && uri === undefined) return { error: `unbound namespace prefix: "${prefix}".` };
  if (!prefixed) return { scope: inScope, namespaceURI: uri || undefined };
  const expanded = new Set<string>();
  for (const a of prefixed) {
    const at = a.indexOf(':');
    const p = a.slice(0, at);
    if (!inScope.has(p)) return { error: `unbound namespace prefix: "${p}" (attribute ${a}).` };
    // two prefixes for one namespace do not make two attributes of one name
    const key = `${inScope.get(p)} ${a.slice(at + 1)}`;
    if (expanded.has(key)) return { error: `duplicate attribute: ${a} (the same namespace and name as another).` };
    expanded.add(key);
  }
  return { scope: inScope, namespaceURI: uri || undefined };
}
