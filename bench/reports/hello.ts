// The peers of the reports benchmark: a bare Fastify answering "hello" (same Fastify, same Node,
// its own process), so the reports endpoints' requests/s can be given as a share of it; and, at
// /bytes/N, N bytes from memory — a bare server sending as much as the endpoint under test (the
// bytes cost the client on the same machine too).
import Fastify from "fastify";

const port = Number(process.argv[2] ?? 3999);
const app = Fastify({ logger: false });
app.get("/", async () => "hello");
const bodies = new Map<number, Buffer>();
app.get<{ Params: { n: string } }>("/bytes/:n", async (req, reply) => {
  const n = Math.min(Number(req.params.n) || 0, 10_000_000);
  let body = bodies.get(n);
  if (!body) {
    body = Buffer.alloc(n, "x");
    bodies.set(n, body);
  }
  return reply.type("application/octet-stream").send(body);
});
await app.listen({ port, host: "127.0.0.1" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void app.close().then(() => process.exit(0)));
