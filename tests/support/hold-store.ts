/**
 * Child process for the lock tests: opens the store in the folder given as the first argument,
 * prints `locked` once it owns it, and keeps it until killed (SIGTERM releases the lock on exit).
 */
import { JsonStore } from '../../src/server/store/json-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-store.ts DATA_DIR');
// Before `locked` is printed: a SIGTERM sent as soon as it is read must still release the lock.
process.on('SIGTERM', () => process.exit(0));
try {
  JsonStore.open(dir);
  process.stdout.write('locked\n');
} catch (error) {
  process.stdout.write(`error ${(error as Error).name}\n`);
  process.exit(2);
}
setInterval(() => undefined, 60_000);
