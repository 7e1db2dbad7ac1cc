/**
 * One value per process under a global symbol. The start script runs these modules from source
 * while the server bundle carries its own copies of them, so a module-level variable would exist
 * twice; a value kept here (the open store, the session cache, the built catalogue) exists once.
 */
export function perProcess<T>(name: string): { get(): T | undefined; set(value: T): T; clear(): void } {
  const key = Symbol.for(`fairplay.${name}`);
  const holder = globalThis as { [key]?: T };
  return {
    get: () => holder[key],
    set: (value) => {
      holder[key] = value;
      return value;
    },
    clear: () => {
      delete holder[key];
    },
  };
}
