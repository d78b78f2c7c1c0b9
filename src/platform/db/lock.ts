// Exclusive ownership of a PGlite data directory. PGlite has no multi-process locking: two
// processes on one directory silently lose rows. The first process writes DIR/trygg.lock with
// O_EXCL; a second one fails at once with a clear message (nothing written).
//
// A lock left by a process that died (kill -9, power cut) is taken over, safely:
// - "died" is decided by more than the pid: the lock records the machine (host name), the boot
//   (Linux boot_id) and the holder's start time (/proc/<pid>/stat). A lock from another boot is
//   stale; a pid that runs but started at another time is a new process that reused the number
//   (stale); a lock from another host is never taken over (the directory is shared between
//   machines — PGlite must not be used that way, so refuse and say so).
// - a lock file appears whole or not at all: it is written under a private name and hard-linked
//   to trygg.lock (link fails if the name exists — the O_EXCL of a complete file).
// - only one process takes a stale lock over: the takeover happens under a second O_EXCL file
//   (trygg.lock.takeover), and the stale lock is removed only if it is still the very file that
//   was judged stale. Without that, two processes starting together could each remove the stale
//   lock, one of them after the other had already created its new one — and both would run.
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number, info: string) {
    super(
      `datakatalogen ${dir} används redan av en annan Trygg-process (pid ${pid}${info ? `, ${info}` : ""}). ` +
        "Stoppa den först, eller använd den körande servern. Flera instanser samtidigt kräver PostgreSQL (DATABASE_URL).",
    );
    this.pid = pid;
  }
}

/** What a lock file says about its holder. `boot` and `start` are absent where /proc is not. */
export type LockHolder = { pid: number; purpose?: string; since?: string; host?: string; boot?: string; start?: string };

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** This boot of the machine (Linux), or null. */
export function bootId(): string | null {
  return readText("/proc/sys/kernel/random/boot_id")?.trim() || null;
}

/** When process `pid` started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or null. */
export function processStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may contain spaces and parentheses: count from its closing one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function describeSelf(purpose: string): LockHolder {
  const me: LockHolder = { pid: process.pid, purpose, since: new Date().toISOString(), host: hostname() };
  const boot = bootId();
  const start = processStart(process.pid);
  if (boot) me.boot = boot;
  if (start) me.start = start;
  return me;
}

/** Whether the holder of a lock may still hold it: "alive", "dead", or "elsewhere" (another machine). */
export function holderState(held: LockHolder): "alive" | "dead" | "elsewhere" {
  if (held.host && held.host !== hostname()) return "elsewhere";
  const boot = bootId();
  if (held.boot && boot && held.boot !== boot) return "dead"; // the machine has restarted since
  if (!pidRuns(held.pid)) return "dead";
  if (held.start) {
    const start = processStart(held.pid);
    if (start && start !== held.start) return "dead"; // the number was reused by a newer process
  }
  return "alive";
}

export type DirLock = { release(): void };

function parseHolder(text: string | null): LockHolder | null {
  if (!text) return null;
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === "number" ? h : null;
  } catch {
    return null;
  }
}

const TAKEOVER_WAIT_MS = 5_000;

/** Create `path` with `content`, whole, failing with EEXIST when it exists. */
function createExclusive(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Run `fn` holding DIR/trygg.lock.takeover (O_EXCL). A guard left by a process that died while
 * holding it (it is held for microseconds) is removed; a live holder is waited for.
 */
function underTakeoverGuard(dir: string, fn: () => void): void {
  const guard = join(dir, "trygg.lock.takeover");
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    try {
      createExclusive(guard, JSON.stringify(describeSelf("takeover")));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const text = readText(guard);
      const held = parseHolder(text);
      if ((text !== null && held === null) || (held && holderState(held) === "dead")) rmSync(guard, { force: true });
      else if (Date.now() > deadline) throw new Error(`kunde inte ta över låset i ${dir}: ${guard} hålls av en annan process`);
      else sleepSync(5);
    }
  }
  try {
    fn();
  } finally {
    rmSync(guard, { force: true });
  }
}

export function lockDataDir(dir: string, purpose: string): DirLock {
  const file = join(dir, "trygg.lock");
  const me = describeSelf(purpose);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      createExclusive(file, JSON.stringify(me));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
          if (held.pid === process.pid && held.since === me.since) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const text = readText(file);
      if (text === null) continue; // removed meanwhile: try again
      const held = parseHolder(text);
      // An unreadable lock (not written by this version, or damaged) is treated as stale.
      if (held) {
        const state = holderState(held);
        if (state === "alive") throw new DataDirInUseError(dir, held.pid, held.purpose ?? "");
        if (state === "elsewhere") {
          throw new Error(
            `datakatalogen ${dir} är låst av en Trygg-process på en annan dator (${held.host}, pid ${held.pid}). ` +
              "Den inbäddade databasen kan inte delas mellan datorer – använd PostgreSQL (DATABASE_URL) för flera instanser.",
          );
        }
      }
      // Stale: remove it only if it is still exactly the lock judged stale, one process at a time.
      underTakeoverGuard(dir, () => {
        if (readText(file) === text) rmSync(file, { force: true });
      });
    }
  }
  throw new Error(`kunde inte låsa datakatalogen ${dir}`);
}
