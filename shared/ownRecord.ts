/**
 * Sets `record[key]` as an own, enumerable property, even for a key like `__proto__` (which plain assignment
 * would treat as the prototype): response identifiers come from files and may be any name.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // `__proto__` is the one accessor Object.prototype has: any other key, assigned, becomes just such an own
  // property, and assignment keeps the record a fast object (defineProperty made it a slow dictionary)
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
