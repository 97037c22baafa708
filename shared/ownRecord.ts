/**
 * Sets `record[key]` as an own, enumerable property, even for a key like `__proto__` (which plain assignment
 * would treat as the prototype): response identifiers come from files and may be any name.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
