// One "instance" of Trygg's job runner for test/reliability/jobs.int.test.ts: the platform's
// startJobs (src/platform/jobs/jobs.ts) on a PostgreSQL database with the test jobs of
// job-specs.ts, in a process of its own.
//   node test/reliability/job-instance.ts <DATABASE_URL> <instance name>
// Prints "ready" when its workers and schedule are up; SIGTERM stops it gracefully.
import { openDatabase } from "../../src/platform/db/database.ts";
import { startJobs } from "../../src/platform/jobs/jobs.ts";
import { FAST, testJobs } from "./job-specs.ts";

const [url, name] = process.argv.slice(2) as [string, string];
const database = await openDatabase({ kind: "postgres", url });
const jobs = await startJobs(database, testJobs(database.db as never, name), (err) => process.stderr.write(`jobbfel: ${err.message}\n`), FAST);
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void jobs
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
