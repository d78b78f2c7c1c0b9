import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnalysisError } from "./errors.ts";
import { KERNELS, kernelDensity, kernelValue } from "./kde.ts";

describe("kernel density", () => {
  it("peak values: K(0) for each kernel", () => {
    const R = 100;
    assert.equal(kernelValue("quartic", 0, R), 3 / (Math.PI * R * R));
    assert.equal(kernelValue("epanechnikov", 0, R), 2 / (Math.PI * R * R));
    assert.equal(kernelValue("disc", 0, R), 1 / (Math.PI * R * R));
    assert.equal(kernelValue("gaussian", 0, 50), 1 / (2 * Math.PI * 2500));
  });
  it("known values at d = R/2 and the boundary convention (disc includes d = R)", () => {
    const R = 10;
    assert.ok(Math.abs(kernelValue("quartic", 25, R) - (3 / (Math.PI * 100)) * 0.75 ** 2) < 1e-18);
    assert.ok(Math.abs(kernelValue("epanechnikov", 25, R) - (2 / (Math.PI * 100)) * 0.75) < 1e-18);
    assert.equal(kernelValue("disc", 100, R), 1 / (Math.PI * 100));
    assert.equal(kernelValue("quartic", 100, R), 0);
    assert.equal(kernelValue("epanechnikov", 100, R), 0);
    assert.ok(Math.abs(kernelValue("gaussian", 100, R) - Math.exp(-0.5) / (2 * Math.PI * 100)) < 1e-18);
  });
  for (const kernel of KERNELS) {
    it(`${kernel}: Σ density · step² ≈ Σ weights (integrates to 1)`, () => {
      const x = Float64Array.of(1000.3, 1210.7);
      const y = Float64Array.of(2000.1, 1905.5);
      const w = Float64Array.of(1, 2.5);
      const res = kernelDensity(x, y, w, {
        kernel,
        radius: 60,
        sigma: 20,
        grid: { x0: 700, y0: 1600, x1: 1500, y1: 2300, step: 1 },
      });
      let s = 0;
      for (const d of res.density) s += d;
      assert.ok(Math.abs(s - 3.5) < (kernel === "disc" ? 0.02 : 1e-3), `${kernel}: ${s}`);
    });
  }
  it("grid nodes: both ends included; point on a node gets the peak", () => {
    const res = kernelDensity(Float64Array.of(10), Float64Array.of(20), undefined, {
      kernel: "quartic",
      radius: 5,
      grid: { x0: 0, y0: 0, x1: 30, y1: 30, step: 10 },
    });
    assert.deepEqual(Array.from(res.xs), [0, 10, 20, 30]);
    assert.deepEqual(Array.from(res.ys), [0, 10, 20, 30]);
    assert.equal(res.density[2 * 4 + 1], 3 / (Math.PI * 25));
    assert.equal(
      res.density.reduce((a, b) => a + b, 0),
      3 / (Math.PI * 25),
    );
    const odd = kernelDensity(Float64Array.of(0), Float64Array.of(0), undefined, {
      kernel: "disc",
      radius: 1,
      grid: { x0: 0, y0: 0, x1: 0.3, y1: 0, step: 0.1 },
    });
    assert.equal(odd.nx, 4);
    assert.equal(odd.xs[3], 0.3);
  });
  it("bad options raise AnalysisError", () => {
    const g = { x0: 0, y0: 0, x1: 10, y1: 10, step: 1 };
    const x = Float64Array.of(1);
    assert.throws(() => kernelDensity(x, x, undefined, { kernel: "gaussian", radius: 5, grid: g }), AnalysisError);
    assert.throws(() => kernelDensity(x, x, undefined, { kernel: "quartic", radius: 0, grid: g }), AnalysisError);
    assert.throws(() => kernelDensity(x, x, undefined, { kernel: "quartic", radius: 1, grid: { ...g, step: 0 } }), AnalysisError);
  });
});
