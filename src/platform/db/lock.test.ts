// The data-directory lock: one process per PGlite directory; a lock left by a dead process (or by
// a process whose pid was reused, or from before a reboot) is taken over — by exactly one of
// several processes starting at once.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { bootId, DataDirInUseError, describeSelf, holderState, lockDataDir, processStart } from "./lock.ts";

const dirs: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), "trygg-lock-"));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A pid that runs no process now (a child that has exited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

describe("data-directory lock", () => {
  it("refuses a second holder while the first lives, and frees the directory on release", () => {
    const dir = freshDir();
    const lock = lockDataDir(dir, "första");
    assert.throws(
      () => lockDataDir(dir, "andra"),
      (err: unknown) => err instanceof DataDirInUseError && err.pid === process.pid && /första/.test(err.message),
    );
    lock.release();
    assert.equal(existsSync(join(dir, "trygg.lock")), false);
    lockDataDir(dir, "tredje").release();
  });

  it("records the machine, the boot and the holder's start time", () => {
    const me = describeSelf("x");
    assert.equal(me.host, hostname());
    if (existsSync("/proc/self/stat")) {
      assert.equal(me.boot, bootId());
      assert.match(me.start ?? "", /^\d+$/);
      assert.equal(processStart(process.pid), me.start);
    }
  });

  it("takes over a lock whose process died (kill -9 leaves the file behind)", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "trygg.lock"), JSON.stringify({ pid: await deadPid(), purpose: "trygg start", since: "2026-01-01T00:00:00Z", host: hostname() }));
    const lock = lockDataDir(dir, "ny");
    assert.equal(JSON.parse(readFileSync(join(dir, "trygg.lock"), "utf8")).pid, process.pid);
    lock.release();
  });

  it("takes over a lock whose pid now belongs to another, newer process, or that is from before a reboot", async () => {
    if (!existsSync("/proc/self/stat")) return;
    // A live process, but one that started after the lock was written: its number was reused.
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const reused = { pid: other.pid!, purpose: "gammal", host: hostname(), boot: bootId() ?? undefined, start: String(Number(processStart(other.pid!)) - 1) };
      assert.equal(holderState(reused), "dead");
      assert.equal(holderState({ ...reused, start: processStart(other.pid!)! }), "alive");
      const rebooted = { ...describeSelf("gammal"), boot: "00000000-0000-0000-0000-000000000000" };
      assert.equal(holderState(rebooted), "dead");
      const dir = freshDir();
      writeFileSync(join(dir, "trygg.lock"), JSON.stringify(reused));
      lockDataDir(dir, "ny").release();
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("never takes over a lock held on another machine (a shared directory)", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "trygg.lock"), JSON.stringify({ pid: 1, host: "en-annan-dator", purpose: "trygg start" }));
    assert.throws(() => lockDataDir(dir, "ny"), /annan dator \(en-annan-dator, pid 1\).*PostgreSQL/);
  });

  it("treats a damaged lock file as stale", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "trygg.lock"), '{"pid":');
    lockDataDir(dir, "ny").release();
  });

  it("of many processes starting at once on a stale lock, exactly one gets the directory", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "trygg.lock"), JSON.stringify({ pid: await deadPid(), purpose: "död", host: hostname() }));
    const script = `
      import { lockDataDir } from ${JSON.stringify(new URL("./lock.ts", import.meta.url).href)};
      const go = Number(process.argv[2]);
      while (Date.now() < go) {}
      try { lockDataDir(process.argv[1], "racer"); console.log("got"); setTimeout(() => {}, 1500); }
      catch (err) { console.log(err.constructor.name); }`;
    for (let round = 0; round < 2; round++) {
      const go = Date.now() + 1500;
      const racers = Array.from({ length: 6 }, () =>
        spawn(process.execPath, ["--input-type=module", "-e", script, dir, String(go)], { stdio: ["ignore", "pipe", "inherit"] }),
      );
      const outs = await Promise.all(
        racers.map(
          (c) =>
            new Promise<string>((resolve) => {
              let out = "";
              c.stdout.on("data", (d: Buffer) => {
                out += d.toString();
              });
              c.once("exit", () => resolve(out.trim()));
            }),
        ),
      );
      assert.equal(outs.filter((o) => o === "got").length, 1, `round ${round}: ${outs.join(", ")}`);
      assert.deepEqual(
        outs.filter((o) => o !== "got"),
        Array(5).fill("DataDirInUseError"),
      );
      // The winner has exited (its lock is stale again) and no takeover guard is left behind.
      assert.deepEqual(
        readdirSync(dir).filter((f) => f !== "trygg.lock"),
        [],
      );
    }
  });
});
