// The peer of bench/public-pages: a bare Fastify server answering "hello" — the most a Node
// HTTP server with Fastify can do on this machine. Prints its port on the first line.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => "hello");
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
