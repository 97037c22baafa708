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

const prefixOf = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon);
};

/** The scope inside an element: its parent's, with the element's own `xmlns` declarations; or why not. */
function declare(parent: Scope, attributes: Readonly<Record<string, string>>): Scope | { error: string } {
  let scope: Map<string, string> | undefined;
  for (const name in attributes) {
    if (!name.startsWith('xmlns') || (name.length > 5 && name[5] !== ':')) continue;
    const prefix = name.slice(6);
    const uri = attributes[name]!;
    if (prefix === 'xmlns') return { error: 'the xmlns prefix may not be declared.' };
    if ((prefix === 'xml') !== (uri === XML)) return { error: `only the xml prefix is bound to ${XML}.` };
    if (uri === XMLNS) return { error: `no prefix may be bound to ${XMLNS}.` };
    if (prefix && !uri) return { error: `the prefix ${prefix} may not be undeclared (xmlns:${prefix}="").` };
    (scope ??= new Map(parent)).set(prefix, uri);
  }
  return scope ?? parent;
}

export type Resolved = { scope: Scope; namespaceURI: string | undefined } | { error: string };

/** An element's scope and namespace, its name's and attributes' prefixes checked. */
export function resolveElement(parent: Scope, name: string, attributes: Readonly<Record<string, string>>): Resolved {
  const scope = declare(parent, attributes);
  if ('error' in scope) return scope;
  const prefix = prefixOf(name);
  const uri = scope.get(prefix);
  if (prefix && uri === undefined) return { error: `unbound namespace prefix: "${prefix}".` };
  for (const a in attributes) {
    const p = prefixOf(a);
    if (p && p !== 'xmlns' && !scope.has(p)) return { error: `unbound namespace prefix: "${p}" (attribute ${a}).` };
  }
  return { scope, namespaceURI: uri || undefined };
}
