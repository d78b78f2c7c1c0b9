// Forgotten password (GET/POST /glomt-losenord) and choosing a new password from the mailed
// link (GET/POST /aterstall-losenord?token=…), which is also where invited people start.
import { clearSessionCookie } from "../../../platform/auth/session-cookie.ts";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { FormBody, HtmlPage, htmlResponses, redirectWithFlash, sendPage } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { forgotPage, forgotSentPage, resetInvalidPage, resetPage } from "../pages/password.ts";
import { checkPasswordToken, requestPasswordReset, resetPassword } from "../password-reset.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type PasswordProblem } from "../password-rules.ts";
import { ForgotBody, ResetBody, ResetQuery } from "../schema.ts";
import { field, parseForm } from "./form.ts";

const PROBLEM_FIELD: Record<PasswordProblem, "password" | "password_repeat"> = {
  tooShort: "password",
  tooLong: "password",
  sameAsEmail: "password",
  mismatch: "password_repeat",
};

/** Password links being made after their answers (see POST /glomt-losenord). */
const deferred = new Set<Promise<void>>();

/** Wait for the password links whose answers have been sent (tests read the outbox after this). */
export async function settlePasswordMail(): Promise<void> {
  while (deferred.size) await Promise.all([...deferred]);
}

export async function registerPasswordRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const page = pipeline({ tenant: "none", access: "public", present: "page" });
  const publicWrite = pipeline({
    tenant: "none",
    access: "public",
    present: "page",
    rateLimit: { max: config.PUBLIC_WRITE_RATE_LIMIT, timeWindow: "1 minute" },
  });

  app.get(
    "/glomt-losenord",
    { schema: { tags: ["konto"], summary: "Glömt lösenord: begär en länk", response: htmlResponses }, ...page.options },
    async (req, reply) => sendPage(req, reply, (ctx) => forgotPage(ctx, { email: "" })),
  );

  app.post(
    "/glomt-losenord",
    {
      ...publicWrite.options,
      schema: {
        tags: ["konto"],
        summary: "Skicka en länk för att välja nytt lösenord",
        description: "Svarar likadant oavsett om adressen har ett konto. Länken gäller en timme och kan användas en gång.",
        body: FormBody,
        response: { ...htmlResponses, 429: HtmlPage },
      },
    },
    async (req, reply) => {
      const parsed = parseForm(ForgotBody, req.body, req);
      if (!parsed.ok) return sendPage(req, reply, (ctx) => forgotPage(ctx, { email: field(req.body, "email"), errors: parsed.errors }), 400);
      // The token and the mail are made after the answer: before it, a known and an unknown address
      // take the same path, so neither the answer nor its timing tells whether an account exists.
      const email = parsed.value.email;
      const mail = { mailer: app.deps.mailer, baseUrl: config.baseUrl };
      reply.raw.once("finish", () => {
        const work = requestPasswordReset(app.db, mail, email)
          .then(() => undefined)
          .catch((err) => req.log.error({ err }, "kunde inte skicka återställningslänken"))
          .finally(() => deferred.delete(work));
        deferred.add(work);
      });
      return sendPage(req, reply, (ctx) => forgotSentPage(ctx));
    },
  );

  app.get(
    "/aterstall-losenord",
    { schema: { tags: ["konto"], summary: "Välj nytt lösenord (länk från e-post)", querystring: ResetQuery, response: htmlResponses }, ...page.options },
    async (req, reply) => {
      const token = req.query.token ?? "";
      const check = await checkPasswordToken(app.db, token);
      if (check.kind === "invalid") return sendPage(req, reply, (ctx) => resetInvalidPage(ctx), 400);
      return sendPage(req, reply, (ctx) => resetPage(ctx, { token, email: check.email, firstPassword: check.firstPassword }));
    },
  );

  app.post(
    "/aterstall-losenord",
    {
      ...publicWrite.options,
      schema: {
        tags: ["konto"],
        summary: "Spara nytt lösenord",
        description: `Minst ${MIN_PASSWORD_LENGTH} tecken, samma två gånger. Avslutar alla personens sessioner och häver en låsning.`,
        body: FormBody,
        response: { ...htmlResponses, 429: HtmlPage },
      },
    },
    async (req, reply) => {
      const parsed = parseForm(ResetBody, req.body, req);
      const input = parsed.ok ? parsed.value : { token: "", password: "", password_repeat: "" };
      const outcome = await resetPassword(app.db, { token: input.token, password: input.password, repeat: input.password_repeat });
      if (outcome.kind === "invalidToken") return sendPage(req, reply, (ctx) => resetInvalidPage(ctx), 400);
      if (outcome.kind === "rejected") {
        const check = await checkPasswordToken(app.db, input.token);
        if (check.kind === "invalid") return sendPage(req, reply, (ctx) => resetInvalidPage(ctx), 400);
        return sendPage(
          req,
          reply,
          (ctx) => {
            const errors: FieldErrors = {};
            for (const p of outcome.problems) {
              const name = PROBLEM_FIELD[p];
              errors[name] ??= ctx.t(`users.password.problem.${p}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
            }
            return resetPage(ctx, { token: input.token, email: check.email, firstPassword: check.firstPassword, errors });
          },
          400,
        );
      }
      // Every session of the person has ended; forget this browser's if it was one of them.
      if (req.actor?.userId === outcome.userId) clearSessionCookie(reply, config);
      return redirectWithFlash(reply, "/logga-in", req.t("users.reset.done"));
    },
  );
}
