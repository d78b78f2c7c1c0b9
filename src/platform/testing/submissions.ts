// A bounded client for the crash proofs (test/reliability/crash.int.test.ts, bench/crash): a few
// workers submit writes — each carrying a unique marker — to whichever Trygg instance is up, and
// record which were acknowledged (2xx). Afterwards every acknowledged marker must be stored exactly
// once; one that failed (the connection died with the process) may be stored once or not at all,
// never twice. The writes are data: one `Submission` per kind of record (a promise activity; the
// modules that land add theirs — resident reports, survey answers).
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

/** What a submission needs to know about the running demo (found once, before the load). */
export type SubmissionContext = { cookie: string; ids: Record<string, string> };

export type Submission = {
  name: string;
  /** Ids the requests need, found on the running demo (signed in with `cookie`). */
  prepare(base: string, cookie: string): Promise<Record<string, string>>;
  /** The request that stores one record carrying `marker`. */
  request(marker: string, ctx: SubmissionContext): { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer };
  /** How many stored records carry `marker`. */
  count(db: Kysely<DB>, marker: string): Promise<number>;
};

export type Outcome = { submission: string; marker: string; status: number | null; error?: string };

export type ClientOptions = {
  /** The base URL of an instance to send to (asked per request: instances come and go). */
  target: () => string;
  submissions: readonly Submission[];
  context: SubmissionContext;
  workers: number;
  /** Stop after this many requests in all. */
  limit: number;
  /** Marker prefix, unique per run. */
  prefix: string;
  /** Give up a request after this long (a killed server may leave it hanging). */
  timeoutMs?: number;
};

export class BoundedClient {
  readonly outcomes: Outcome[] = [];
  private sent = 0;
  private stopped = false;
  private running: Promise<void>[] = [];
  private readonly o: ClientOptions;

  constructor(o: ClientOptions) {
    this.o = o;
  }

  get acknowledged(): number {
    return this.outcomes.filter((x) => x.status !== null && x.status >= 200 && x.status < 300).length;
  }

  start(): void {
    for (let w = 0; w < this.o.workers; w++) this.running.push(this.work(w));
  }

  /** Stop sending; resolves when every worker's last request has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** Resolves when every request up to the limit has been answered or has failed. */
  async finished(): Promise<void> {
    await Promise.all(this.running);
  }

  private async work(w: number): Promise<void> {
    while (!this.stopped && this.sent < this.o.limit) {
      const n = this.sent++;
      const s = this.o.submissions[n % this.o.submissions.length]!;
      const marker = `${this.o.prefix}-${w}-${n}`;
      const r = s.request(marker, this.o.context);
      try {
        const res = await fetch(`${this.o.target()}${r.path}`, {
          method: r.method,
          headers: { cookie: this.o.context.cookie, ...r.headers },
          body: r.body === undefined ? undefined : typeof r.body === "string" ? r.body : new Uint8Array(r.body),
          redirect: "manual",
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
        });
        await res.arrayBuffer();
        this.outcomes.push({ submission: s.name, marker, status: res.status });
        if (res.status >= 500) await pause(50);
      } catch (err) {
        this.outcomes.push({
          submission: s.name,
          marker,
          status: null,
          error: (err as Error).cause ? String((err as Error & { cause: { code?: string } }).cause.code) : (err as Error).name,
        });
        await pause(200); // the server is away: do not spin
      }
    }
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Verdict = {
  acknowledged: number;
  failed: number;
  /** Acknowledged but not stored (must be empty). */
  lost: string[];
  /** Stored more than once (must be empty). */
  doubled: string[];
  /** Not acknowledged, yet stored (allowed: the answer was lost with the process). */
  storedUnanswered: number;
  /** Answered with an error status (4xx/5xx), by status. */
  refused: Record<string, number>;
};

/** Compare what was acknowledged with what is stored. */
export async function verdict(db: Kysely<DB>, outcomes: readonly Outcome[], submissions: readonly Submission[]): Promise<Verdict> {
  const byName = new Map(submissions.map((s) => [s.name, s]));
  const v: Verdict = { acknowledged: 0, failed: 0, lost: [], doubled: [], storedUnanswered: 0, refused: {} };
  for (const o of outcomes) {
    const n = await byName.get(o.submission)!.count(db, o.marker);
    const ok = o.status !== null && o.status >= 200 && o.status < 300;
    if (n > 1) v.doubled.push(o.marker);
    if (ok) {
      v.acknowledged++;
      if (n === 0) v.lost.push(o.marker);
    } else {
      v.failed++;
      if (n > 0) v.storedUnanswered++;
      const key = o.status === null ? (o.error ?? "error") : String(o.status);
      v.refused[key] = (v.refused[key] ?? 0) + 1;
    }
  }
  return v;
}

/** A promise activity through the JSON API (staff; the demo's promise, a date in its period). */
export const activitySubmission: Submission = {
  name: "aktivitet (medborgarlöfte)",
  async prepare(base, cookie) {
    const choose = await (await fetch(`${base}/t/osby/arbete/medborgarloften/aktivitet`, { headers: { cookie } })).text();
    const promiseId = /aktivitet\?lofte=([0-9a-f-]{36})/.exec(choose)?.[1];
    if (!promiseId) throw new Error("demon har inget löfte att logga aktiviteter på");
    const form = await (await fetch(`${base}/t/osby/arbete/medborgarloften/aktivitet?lofte=${promiseId}`, { headers: { cookie } })).text();
    const occurredOn = /name="occurred_on"[^>]*value="([0-9-]{10})"/.exec(form)?.[1] ?? /value="([0-9-]{10})"[^>]*name="occurred_on"/.exec(form)?.[1];
    if (!occurredOn) throw new Error("aktivitetsformuläret saknar datum");
    return { promiseId, occurredOn };
  },
  request(marker, ctx) {
    return {
      method: "POST",
      path: "/api/t/osby/promise-activities",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ promise_id: ctx.ids.promiseId, title: marker, occurred_on: ctx.ids.occurredOn, description: "krocktest åäö" }),
    };
  },
  async count(db, marker) {
    const r = await db
      .selectFrom("promise_activities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("title", "=", marker)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};

/**
 * An EST incident through the JSON API (staff who may report; a point on Osby's square, an hour
 * ago). The marker is the description: lower-case letters, digits and dashes pass the
 * personal-data screening.
 */
export const estReportSubmission: Submission = {
  name: "EST-händelse",
  async prepare() {
    return { estOccurredAt: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, "+00:00") };
  },
  request(marker, ctx) {
    return {
      method: "POST",
      path: "/api/t/osby/est/reports",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        when: "tid",
        occurred_at: ctx.ids.estOccurredAt,
        lat: 56.380894,
        lon: 13.994137,
        setting: "utomhus",
        category: "nedskrapning",
        description: marker,
        assessment: "osakert",
      }),
    };
  },
  async count(db, marker) {
    const r = await db
      .selectFrom("est_reports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("description", "=", marker)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};

/** Every submission's ids, merged (names must not collide). */
export async function prepareContext(base: string, cookie: string, submissions: readonly Submission[]): Promise<SubmissionContext> {
  const ids: Record<string, string> = {};
  for (const s of submissions) Object.assign(ids, await s.prepare(base, cookie));
  return { cookie, ids };
}
