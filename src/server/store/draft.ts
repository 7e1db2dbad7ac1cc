/**
 * A draft of a stored document for a change function. Each top-level field is deep-copied the
 * first time the change reads or writes it; the others stay shared with the stored document and
 * are never handed out. A change then costs what it touches, not the size of the whole document
 * (a person's full history), and the stored document is left as it was if the change throws.
 */
export function draftOf<T extends object>(doc: T): { draft: T; touched: () => Map<keyof T & string, unknown> } {
  const parts = new Map<string, unknown>();
  const source = doc as Record<string, unknown>;
  const read = (key: string) => {
    if (!parts.has(key) && Object.hasOwn(source, key)) parts.set(key, copyJson(source[key]));
    return parts.get(key);
  };
  const draft = new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (typeof key === 'string' ? read(key) : undefined),
    set: (_target, key, value) => {
      if (typeof key !== 'string') return false;
      parts.set(key, value);
      return true;
    },
    deleteProperty: (_target, key) => {
      if (typeof key === 'string') parts.set(key, undefined);
      return true;
    },
    has: (_target, key) => typeof key === 'string' && read(key) !== undefined,
    ownKeys: () => [...new Set([...Object.keys(source), ...parts.keys()])].filter((key) => read(key) !== undefined),
    getOwnPropertyDescriptor: (_target, key) => {
      const value = typeof key === 'string' ? read(key) : undefined;
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
  return { draft: draft as T, touched: () => parts as Map<keyof T & string, unknown> };
}

/** A deep copy of JSON data; `__proto__` stays an ordinary key (as JSON.parse leaves it). */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, writable: true, enumerable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
