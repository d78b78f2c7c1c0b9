import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createDiskStorage } from "./storage.ts";

describe("disk storage", () => {
  const dir = mkdtempSync(join(tmpdir(), "trygg-files-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const storage = createDiskStorage(dir);

  it("stores, reads and removes by key with a checksum", async () => {
    const data = Buffer.from("foto från Lönsboda");
    const r = await storage.put("t1/abc.jpg", data, "image/jpeg");
    assert.equal(r.size, data.length);
    assert.match(r.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(await storage.get("t1/abc.jpg"), data);
    await storage.remove("t1/abc.jpg");
    assert.equal(await storage.get("t1/abc.jpg"), null);
  });
  it("refuses keys that could escape the directory", async () => {
    await assert.rejects(storage.put("../x", Buffer.from("x"), "text/plain"), /ogiltig filnyckel/);
    await assert.rejects(storage.get("a/../../etc/passwd"), /ogiltig filnyckel/);
  });
});
