// A loopback S3-compatible server for tests that run several Trygg instances on one storage
// (test/reliability/instances.int.test.ts, bench/load, bench/crash): path-style PUT/GET/DELETE on
// one bucket, objects in memory. It only checks that a request is signed with the expected access
// key — the signature itself is verified by src/platform/storage/storage.test.ts's own server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const S3_TEST = { accessKeyId: "AKIATRYGGLOOPBACK", secretAccessKey: "loopback/hemlighet+åäö", region: "eu-north-1", bucket: "trygg" } as const;

export type LoopbackS3 = {
  url: string;
  objects: Map<string, { data: Buffer; contentType: string | undefined }>;
  /** Requests served, by method. */
  counts: Record<string, number>;
  /** The configuration variables that point an instance at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
};

export async function startLoopbackS3(): Promise<LoopbackS3> {
  const objects: LoopbackS3["objects"] = new Map();
  const counts: Record<string, number> = {};
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? "";
    counts[method] = (counts[method] ?? 0) + 1;
    const error = (status: number, code: string) => {
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code></Error>`);
    };
    if (!(req.headers.authorization ?? "").startsWith(`AWS4-HMAC-SHA256 Credential=${S3_TEST.accessKeyId}/`)) return error(403, "AccessDenied");
    const path = (req.url ?? "/").split("?")[0]!;
    if (!path.startsWith(`/${S3_TEST.bucket}/`)) return error(404, "NoSuchBucket");
    const key = decodeURIComponent(path.slice(S3_TEST.bucket.length + 2));
    if (method === "PUT") {
      objects.set(key, { data: Buffer.concat(chunks), contentType: req.headers["content-type"] });
      res.writeHead(200);
      return res.end();
    }
    if (method === "GET") {
      const o = objects.get(key);
      if (!o) return error(404, "NoSuchKey");
      res.writeHead(200, o.contentType ? { "content-type": o.contentType } : {});
      return res.end(o.data);
    }
    if (method === "DELETE") {
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    error(405, "MethodNotAllowed");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    objects,
    counts,
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: url,
      S3_BUCKET: S3_TEST.bucket,
      S3_REGION: S3_TEST.region,
      S3_ACCESS_KEY_ID: S3_TEST.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_TEST.secretAccessKey,
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
