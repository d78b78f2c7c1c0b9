// Process entry: config, database (embedded or server), listen, jobs, graceful shutdown.
// `trygg start` (src/cli/start.ts) is the usual way in; `node src/main.ts` starts with the
// environment's configuration only.
import { buildApp } from "./app.ts";
import { loadConfig } from "./config/index.ts";
import { modules } from "./modules/index.ts";
import { seedOsby } from "./modules/seed.ts";
import { findKnownPasswordAccounts } from "./modules/tenants/seed.ts";
import { type Jobs, startJobs } from "./platform/jobs/jobs.ts";
import { createStorage } from "./platform/storage/storage.ts";
import { buildDeps, isEmptyDatabase, prepareDatabase } from "./runtime.ts";

export type StartOptions = { demo: boolean; onListening?: (url: string) => void };

export class ProductionSafetyError extends Error {}

export async function startServer(config: ReturnType<typeof loadConfig>, opts: StartOptions) {
  const { database } = await prepareDatabase(config, `trygg start (port ${config.PORT})`);
  let seeded = false;
  try {
    if (config.NODE_ENV === "production") {
      // Production never seeds the demo and never runs with an account whose password is public.
      const known = await findKnownPasswordAccounts(database.db);
      if (known.length) {
        throw new ProductionSafetyError(
          `databasen har konton med demolösenordet (${known.join(", ")}); ta bort dem eller byt lösenord innan Trygg startas i produktion`,
        );
      }
    } else if (opts.demo && (await isEmptyDatabase(database))) {
      await seedOsby(database.db, { storage: createStorage(config) });
      seeded = true;
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  const deps = buildDeps(config, database);
  const app = await buildApp(deps);
  try {
    // Put right what a process that died left half-done, before any request is taken.
    for (const m of modules) await m.onStart?.(deps, app.log);
  } catch (err) {
    await app.close();
    await database.close();
    throw err;
  }
  let jobs: Jobs | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const grace = config.SHUTDOWN_GRACE_SECONDS * 1000;
    app.log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "stänger ner");
    // Past the grace period, requests still open are cut (their clients see the connection close);
    // past it by 10 s more, something is stuck: leave at once.
    const cut = setTimeout(() => {
      app.log.warn("stänger ner: förfrågningar som fortfarande pågår avbryts");
      app.server.closeAllConnections();
    }, grace);
    const abandon = setTimeout(() => {
      app.log.error("stänger ner: avbryter utan att vänta längre");
      process.exit(1);
    }, grace + 10_000);
    cut.unref();
    abandon.unref();
    // Stop taking requests and finish those in flight (then the modules' onClose: worker pools),
    // and meanwhile let running jobs finish; then close the database.
    try {
      await Promise.all([app.close(), jobs?.stop()]);
      clearTimeout(cut);
      await database.close();
    } catch (err) {
      app.log.error({ err }, "stänger ner: fel vid stängning");
      process.exit(1);
    }
    app.log.info("stängd");
    process.exit(0);
  };
  // `on`, not `once`: Ctrl+C reaches both a launcher (bin/trygg.js under an older Node) and this
  // process, and the launcher passes its copy on — a second signal must not kill the server
  // halfway through closing the database. SIGHUP: the terminal closed.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await app.close();
    await database.close();
    throw err;
  }
  // Jobs start after the server listens, so they never delay the first page.
  const specs = [
    { name: "mail.deliver", run: async (data: Record<string, unknown>) => deps.mailer.deliver(database.db, String(data.id)) },
    ...modules
      .flatMap((m) => m.jobs ?? [])
      .map((j) => ({ ...j, run: (data: Record<string, unknown>) => j.run(data, deps), enabled: j.enabled?.(deps) ?? true })),
  ];
  jobs = await startJobs(database, specs, (err) => app.log.error({ err }, "jobbfel"));
  // Compile the analysis engine's hot paths once (~0.1 s) so the first lägesbild of the day is as
  // fast as the rest (10⁴ incidents: ~30 ms cold, 3–7 ms warm).
  setTimeout(() => void import("./analysis/index.ts").then((m) => m.warmUpAnalysis()), 500).unref();
  const queue = jobs;
  deps.mailer.useQueue((id, db) => queue.send("mail.deliver", { id }, { db: db as never }));
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.PORT;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  return { app, database, url: `http://${host}:${port}`, seeded };
}

if (import.meta.main) {
  const config = loadConfig();
  const { url } = await startServer(config, { demo: true });
  process.stdout.write(`Trygg kör på ${url}\n`);
}
