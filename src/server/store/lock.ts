import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another server already owns the data folder. */
export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`Another Fairplay process (pid ${pid}) is using the data folder ${dir}. Stop it first, or set DATA_DIR to another folder.`);
    this.name = 'DataDirLockedError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes this process the only one using `dir`: lowdb keeps its write lock in memory, so two
 * processes on one folder would overwrite each other. A lock left by a crashed process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (pid === process.pid) return () => undefined;
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) throw new DataDirLockedError(dir, pid);
      unlinkSync(path); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
