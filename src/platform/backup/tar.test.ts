// The backup's tar: what is written is read back byte for byte (plain and gzip, long names
// through pax headers), and `tar` itself lists and extracts it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createTarWriter, readTar, TarFormatError } from "./tar.ts";

const dir = mkdtempSync(join(tmpdir(), "trygg-tar-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const entries = [
  { name: "trygg-backup/manifest.json", data: Buffer.from('{"å":"ä"}') },
  { name: "trygg-backup/empty", data: Buffer.alloc(0) },
  { name: "trygg-backup/exactly-one-block", data: Buffer.alloc(512, 7) },
  {
    name: `trygg-backup/files/${"a".repeat(40)}/promises/${"b".repeat(36)}/${"c".repeat(30)}`,
    data: Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)),
  },
];

describe("backup tar", () => {
  for (const gzip of [false, true]) {
    it(`round-trips entries ${gzip ? "gzipped" : "plain"}, and tar reads them`, async () => {
      const path = join(dir, gzip ? "x.tar.gz" : "x.tar");
      const w = createTarWriter(path, { gzip });
      for (const e of entries) await w.add(e.name, e.data);
      await w.close();
      const got: Array<{ name: string; data: Buffer }> = [];
      for await (const e of readTar(path)) got.push(e);
      assert.deepEqual(got, entries);
      const listed = execFileSync("tar", [gzip ? "tzf" : "tf", path], { encoding: "utf8" })
        .trim()
        .split("\n");
      assert.deepEqual(
        listed,
        entries.map((e) => e.name),
      );
      const out = join(dir, gzip ? "gz" : "plain");
      execFileSync("mkdir", ["-p", out]);
      execFileSync("tar", [gzip ? "xzf" : "xf", path, "-C", out]);
      assert.deepEqual(readFileSync(join(out, entries[3]!.name)), entries[3]!.data);
    });
  }

  it("refuses a file cut short", async () => {
    const path = join(dir, "y.tar");
    const w = createTarWriter(path);
    for (const e of entries) await w.add(e.name, e.data);
    await w.close();
    const cut = join(dir, "cut.tar");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(cut, readFileSync(path).subarray(0, 2000));
    await assert.rejects(
      (async () => {
        for await (const _ of readTar(cut)) {
          /* read all */
        }
      })(),
      TarFormatError,
    );
  });
});
