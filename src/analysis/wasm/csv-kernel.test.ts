import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createSwerefProjector } from "../fast-projection.ts";
import { createCsvKernel } from "./csv-kernel.ts";
import { CSV_KERNEL_WASM_BASE64 } from "./csv-kernel.wasm.ts";

function hasWat2wasm(): boolean {
  try {
    execFileSync("wat2wasm", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("WebAssembly kernel", () => {
  it("projection is bit-identical to the JavaScript fast projector (incl. edges and outside)", () => {
    const k = createCsvKernel(1024, 50_000);
    assert.ok(k);
    const js = createSwerefProjector();
    let s = 77;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      k.a[i] = 51.5 + rnd() * 21;
      k.b[i] = 4.5 + rnd() * 26;
    }
    k.a[0] = 72;
    k.b[0] = 30;
    k.a[1] = 52;
    k.b[1] = 5;
    k.a[2] = Number.NaN;
    k.project(n);
    const north = new Float64Array(n);
    const east = new Float64Array(n);
    js.project(k.a, k.b, north, east, 0, n);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(k.north[i], north[i]) && Object.is(k.east[i], east[i]), `point ${i}: ${k.a[i]},${k.b[i]}`);
    }
  });

  // Outside CI a machine without wabt skips this (the runner lists the skip); in CI (CI=true,
  // where .ci/run installs Debian's wabt) a missing wat2wasm is a failure, never a skip.
  const wat2wasm = hasWat2wasm();
  const ci = /^(true|1)$/i.test(process.env.CI ?? "");
  it("the committed module is built from csv-kernel.wat", { skip: !wat2wasm && !ci && "wat2wasm saknas (Debians paket wabt)" }, () => {
    assert.ok(wat2wasm, "wat2wasm saknas: i CI måste WASM-modulens ursprung kontrolleras – installera Debians paket wabt (.ci/run gör det)");
    const dir = mkdtempSync(join(tmpdir(), "trygg-wat-"));
    try {
      const out = join(dir, "k.wasm");
      execFileSync("wat2wasm", [fileURLToPath(new URL("./csv-kernel.wat", import.meta.url)), "-o", out]);
      assert.equal(readFileSync(out).toString("base64"), CSV_KERNEL_WASM_BASE64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
