// The peers of bench/public-pages: a bare Fastify server answering "hello" — the most a Node HTTP
// server with Fastify can do on this machine — and, at /bytes/N, N bytes from memory (a bare
// server sending as much as the page under test, since the bytes cost the client too). Prints its
// port on the first line.
import Fastify from "fastify";

const app = Fastify({ logger: false });
const bodies = new Map<number, Buffer>();
app.get("/", async () => "hello");
app.get<{ Params: { n: string } }>("/bytes/:n", async (req, reply) => {
  const n = Math.min(Number(req.params.n) || 0, 10_000_000);
  let body = bodies.get(n);
  if (!body) {
    body = Buffer.alloc(n, "x");
    bodies.set(n, body);
  }
  return reply.type("application/octet-stream").send(body);
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
