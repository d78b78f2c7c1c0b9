// The peer of the reports benchmark: a bare Fastify answering "hello" (same Fastify, same Node,
// its own process), so the reports endpoints' requests/s can be given as a share of it.
import Fastify from "fastify";

const port = Number(process.argv[2] ?? 3999);
const app = Fastify({ logger: false });
app.get("/", async () => "hello");
await app.listen({ port, host: "127.0.0.1" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void app.close().then(() => process.exit(0)));
