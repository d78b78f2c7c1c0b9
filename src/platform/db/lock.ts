// Exclusive ownership of a PGlite data directory. PGlite has no multi-process locking: two
// processes on one directory silently lose rows. The first process writes DIR/trygg.lock with
// O_EXCL; a second one fails at once with a clear message (nothing written). A lock left by a
// process that no longer runs is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number, info: string) {
    super(
      `datakatalogen ${dir} används redan av en annan Trygg-process (pid ${pid}${info ? `, ${info}` : ""}). ` +
        "Stoppa den först, eller använd den körande servern.",
    );
    this.pid = pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type DirLock = { release(): void };

export function lockDataDir(dir: string, purpose: string): DirLock {
  const file = join(dir, "trygg.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(readFileSync(file, "utf8")) as { pid: number };
          if (held.pid === process.pid) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let held: { pid?: number; purpose?: string } = {};
      try {
        held = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        /* half-written lock: treat as stale */
      }
      if (held.pid && held.pid !== process.pid && isAlive(held.pid)) {
        throw new DataDirInUseError(dir, held.pid, held.purpose ?? "");
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`kunde inte låsa datakatalogen ${dir}`);
}
