import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TryggModule } from "../../platform/module.ts";
import { emailHoldersWithoutPersonalData } from "./register.ts";

const mod = (name: string, tables: string[], withHolder: boolean): TryggModule => ({
  name,
  messages: { sv: {}, en: {} },
  routes: () => {},
  processing: [{ name, purpose: "", legalBasis: "", dataSubjects: [], categories: [], recipients: [], retention: "", tables }],
  ...(withHolder ? { personalData: { find: async () => ({}), erase: async () => ({}) } } : {}),
});

describe("e-mail addresses and the resident's extract", () => {
  const model = new Map([
    ["reports", ["id", "reporter_email", "body"]],
    ["report_subscriptions", ["id", "email_hash", "email"]],
    ["users", ["id", "email"]],
    ["walks", ["id", "title"]],
  ]);

  it("names a module whose tables hold e-mail addresses but that declares no personalData", () => {
    assert.deepEqual(emailHoldersWithoutPersonalData([mod("reports", ["reports", "report_subscriptions"], false)], model), [
      "reports: report_subscriptions.email",
      "reports: reports.reporter_email",
    ]);
  });

  it("accepts the module once it declares personalData, staff accounts, and tables without addresses", () => {
    assert.deepEqual(
      emailHoldersWithoutPersonalData([mod("reports", ["reports"], true), mod("users", ["users"], false), mod("walks", ["walks"], false)], model),
      [],
    );
  });
});
