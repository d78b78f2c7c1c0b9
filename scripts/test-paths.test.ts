import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTestPaths, outsideReferences, ROOT, testSourceFiles } from "./test-paths.ts";

// The shared folder's name, built so that this file does not mention it literally.
const SHARED = ["..", "shared"].join("/");

describe("every file a test reads lives in the repository", () => {
  it("no test file or test helper refers to ../shared or a path outside the repository", () => {
    assert.deepEqual(checkTestPaths(), []);
  });

  it("looks at the test files, the e2e helpers and the testing modules", () => {
    const files = testSourceFiles();
    for (const f of ["src/analysis/projection.test.ts", "test/e2e/server.ts", "src/platform/testing/harness.ts", "scripts/test-paths.test.ts"]) {
      assert.ok(files.includes(f), f);
    }
  });

  it("finds the shared folder however it is written", () => {
    const text = [
      `const a = new URL("../../../${SHARED}/data/x.csv", import.meta.url);`,
      `const b = resolve(ROOT, '${SHARED}/data/y.json');`,
      "const c = `" + SHARED + "/data/z.geojson`;",
    ].join("\n");
    const found = outsideReferences("src/analysis/x.test.ts", text);
    assert.equal(found.length, 3, found.join("\n"));
    assert.match(found[0]!, /^src\/analysis\/x\.test\.ts:1: .*test\/fixtures\/shared/);
    assert.match(found[2]!, /:3: /);
  });

  it("finds relative paths that leave the repository and absolute paths beside it", () => {
    const text = [
      'new URL("../../../../elsewhere/file.csv", import.meta.url);', // src/analysis/x → above the root
      'readFileSync("/work/data/file.csv");',
      `readFileSync(${JSON.stringify(`${ROOT}-other/file.csv`)});`,
    ].join("\n");
    const found = outsideReferences("src/analysis/x.test.ts", text);
    assert.deepEqual(
      found.map((p) => p.split(": ")[0]),
      ["src/analysis/x.test.ts:1", "src/analysis/x.test.ts:2", "src/analysis/x.test.ts:3"],
    );
  });

  it("accepts paths inside the repository, system programs, temp dirs and comments", () => {
    const text = [
      'new URL("../../test/fixtures/shared/sweref99tm-testpoints.csv", import.meta.url);',
      'new URL("../..", import.meta.url);',
      'const CHROMIUM = "/usr/bin/chromium";',
      'mkdtempSync(join(tmpdir(), "trygg-"));',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is a template literal on purpose
      "const t = `${dir}/../x`;",
      `// see ${SHARED}/data/README.md for the source`,
    ].join("\n");
    assert.deepEqual(outsideReferences("src/analysis/x.test.ts", text), []);
  });

  it("accepts a test's scratch file in /tmp also when the checkout itself is a fresh clone in /tmp", () => {
    const text = ['const socket = "/tmp/s.sock";', 'readFileSync("/work/data/file.csv");'].join("\n");
    const found = outsideReferences("scripts/x.test.ts", text, "/tmp/ci-check");
    assert.deepEqual(
      found.map((p) => p.split(": ")[0]),
      ["scripts/x.test.ts:2"],
    );
  });
});
