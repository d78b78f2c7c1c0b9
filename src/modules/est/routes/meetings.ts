// The weekly meeting: the list and a new meeting; one meeting's agenda and record (focus areas,
// notes, targeted places per organisation, held); deciding insatser at the meeting.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import { type FieldErrors, field, fields, isConfirmed } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App, TenantRow } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { listPromisesValidOn } from "../../promises/index.ts";
import { listOrganisations, listPlaces } from "../../tenants/index.ts";
import { currentWeek, dayOfIsoDate, isoDate, parseWeek, today, weekDays, weekLabel, weekOfDay } from "../domain/time.ts";
import { errorsOf, estBase } from "../pages/common.ts";
import { confirmRemoveTargetPage, type InsatsFormInput, meetingPage, type MeetingPageInput, meetingsPage } from "../pages/meetings.ts";
import { can } from "../policy.ts";
import { listInsatser } from "../repo/insatser.ts";
import { listMeetings, listTargets, type MeetingRow } from "../repo/meetings.ts";
import { InsatsInput, MeetingInput } from "../schema.ts";
import { createInsats, type InsatsOutcome } from "../service/insatser.ts";
import { areaScope, buildLagesbild } from "../service/lagesbild.ts";
import { addTarget, createMeeting, holdMeeting, type MeetingOutcome, removeTarget, updateMeetingRecord } from "../service/meetings.ts";
import { estSettings } from "../settings.ts";
import type { EstAccess } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const MeetingParams = z.object({ tenant: z.string(), meetingId: z.string() });
const TargetParams = z.object({ tenant: z.string(), meetingId: z.string(), targetId: z.string() });
const tags = ["EST (sidor för personal)"];

/** The insats form's body as the schema's input. */
export function insatsFormInput(body: unknown): Record<string, unknown> {
  const opt = (k: string) => field(body, k) || undefined;
  return {
    title: field(body, "title"),
    description: field(body, "description"),
    place_id: opt("place_id"),
    radius_m: field(body, "radius_m"),
    categories: fields(body, "categories"),
    organisation_id: opt("organisation_id"),
    starts_on: field(body, "starts_on"),
    ends_on: field(body, "ends_on"),
    promise_id: field(body, "promise_id"),
    comparison_place_id: field(body, "comparison_place_id"),
  };
}

export function insatsFormValues(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of ["title", "description", "place_id", "radius_m", "organisation_id", "starts_on", "ends_on", "promise_id", "comparison_place_id"])
    out[k] = field(body, k);
  out.categories = fields(body, "categories");
  return out;
}

/** The insats form's parts for a tenant (places, organisations, categories, promises valid on `on`). */
export async function insatsFormParts(app: App, tenant: TenantRow, on: string) {
  const [places, organisations, promises] = await Promise.all([
    listPlaces(app.db, tenant.id),
    listOrganisations(app.db, tenant.id),
    listPromisesValidOn(app.db, tenant.id, on),
  ]);
  return { places, organisations, promises, categories: estSettings(tenant).categories };
}

/** An insats use case's outcome on its form, or null when it went through. */
export function insatsProblems(
  req: FastifyRequest,
  r: InsatsOutcome,
  text: Record<string, string>,
): Pick<InsatsFormInput, "errors" | "formError" | "personalData"> | null {
  switch (r.kind) {
    case "ok":
      return null;
    case "invalid":
      return { errors: errorsOf(req, r.problems) };
    case "personalData":
      return {
        errors: { [r.field]: req.t("est.privacy.fieldError") },
        personalData: { field: r.field, fieldLabel: req.t(`est.field.${r.field}`), text: text[r.field] ?? "", findings: r.findings, certain: r.certain },
      };
    case "conflict":
      return { formError: req.t("est.error.conflict") };
    case "forbidden":
      throw HttpError.of(403, "est.error.forbidden");
    case "notFound":
      throw HttpError.of(404);
  }
}

export async function registerMeetingRoutes(app: App, access: EstAccess): Promise<void> {
  async function renderList(req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors, status = 200) {
    const { tenant, actor } = access.meetings.of(req);
    const meetings = await listMeetings(app.db, tenant.id);
    return sendPageAsync(
      req,
      reply,
      async (ctx) => meetingsPage(ctx, { meetings, mayManage: can(actor, "meeting.manage", { tenant_id: tenant.id }), values, ...(errors ? { errors } : {}) }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/est/moten",
    {
      schema: {
        tags,
        summary: "Veckomötena och formuläret för ett nytt",
        params: TenantParams,
        querystring: z.object({ vecka: z.string().optional(), lang: z.string().optional() }),
        response: htmlResponses,
      },
      ...access.meetings.options,
    },
    async (req, reply) => {
      const suggested = parseWeek(req.query.vecka ?? "") ?? currentWeek() - 1;
      return renderList(req, reply, { week: weekLabel(suggested), held_on: isoDate(Math.max(today(), weekDays(suggested + 1).from)) });
    },
  );

  app.post(
    "/t/:tenant/arbete/est/moten",
    {
      schema: { tags, summary: "Öppna veckomötet för en veckas lägesbild", params: TenantParams, body: FormBody, response: htmlResponses },
      ...access.createMeeting.options,
    },
    async (req, reply) => {
      const { tenant, actor } = access.createMeeting.of(req);
      const values = { week: field(req.body, "week").trim().toUpperCase(), held_on: field(req.body, "held_on") };
      const parsed = validateBilingual(MeetingInput, values);
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field] ??= req.locale === "en" ? i.message_en : i.message;
        return renderList(req, reply, values, errors, 400);
      }
      const r = await createMeeting(app.db, tenant, actor, parsed.value);
      if (r.kind === "invalid") return renderList(req, reply, values, errorsOf(req, r.problems), 400);
      if (r.kind === "forbidden") throw HttpError.of(403, "est.error.forbidden");
      const m = (r as { meeting: MeetingRow }).meeting;
      return redirectWithFlash(
        reply,
        `${estBase(tenant.slug)}/moten/${m.id}`,
        req.t(r.kind === "exists" ? "est.flash.meetingExists" : "est.flash.meetingCreated"),
      );
    },
  );

  async function renderMeeting(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<Pick<MeetingPageInput, "record" | "target">> & { insats?: Partial<InsatsFormInput> } = {},
    status = 200,
  ) {
    const { tenant, actor, loaded } = access.meeting.of(req);
    const meeting = loaded.meeting as MeetingRow;
    const week = parseWeek(meeting.week) as number;
    const { scope, areas } = await areaScope(app.db, tenant.id, "");
    const [lagesbild, targets, insatser, parts] = await Promise.all([
      buildLagesbild(app.db, tenant, week, scope!, areas, app.ui.incidentSources),
      listTargets(app.db, tenant.id, meeting.id),
      listInsatser(app.db, tenant.id, { meetingId: meeting.id }),
      insatsFormParts(app, tenant, meeting.held_on),
    ]);
    const mayManage = can(actor, "meeting.manage", { tenant_id: tenant.id });
    const mayDecide = can(actor, "insats.create", { tenant_id: tenant.id });
    // "Next week" after the meeting: Monday to Sunday of the week after it.
    const next = weekOfDay(dayOfIsoDate(meeting.held_on) as number) + 1;
    const insatsForm: InsatsFormInput | undefined = mayDecide
      ? {
          action: `${estBase(tenant.slug)}/moten/${meeting.id}/insatser`,
          ...parts,
          values: { starts_on: isoDate(weekDays(next).from), ends_on: isoDate(weekDays(next).to - 1), radius_m: "250" },
          ...extra.insats,
        }
      : undefined;
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        meetingPage(ctx, {
          meeting,
          week,
          lagesbild,
          targets,
          insatser,
          places: parts.places,
          organisations: parts.organisations,
          mayManage,
          ...(extra.record ? { record: extra.record } : {}),
          ...(extra.target ? { target: extra.target } : {}),
          ...(insatsForm ? { insatsForm } : {}),
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/est/moten/:meetingId",
    {
      schema: { tags, summary: "Ett veckomöte: dagordning från lägesbilden, protokoll, platser, insatser", params: MeetingParams, response: htmlResponses },
      ...access.meeting.options,
    },
    async (req, reply) => renderMeeting(req, reply),
  );

  function meetingProblem(req: FastifyRequest, r: MeetingOutcome, texts: Record<string, string>) {
    switch (r.kind) {
      case "invalid":
        return { errors: errorsOf(req, r.problems) };
      case "personalData":
        return {
          errors: { [r.field.split(".")[0]!]: req.t("est.privacy.fieldError") },
          personalData: {
            field: r.field,
            fieldLabel: req.t(`est.field.${r.field.split(".")[0]}`),
            text: texts[r.field] ?? "",
            findings: r.findings,
            certain: r.certain,
          },
        };
      case "forbidden":
        throw HttpError.of(403, "est.error.forbidden");
      case "notFound":
        throw HttpError.of(404);
      default:
        return null;
    }
  }

  app.post(
    "/t/:tenant/arbete/est/moten/:meetingId/protokoll",
    {
      schema: { tags, summary: "Spara mötets fokusområden och anteckningar", params: MeetingParams, body: FormBody, response: htmlResponses },
      ...access.manageMeeting.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.manageMeeting.of(req);
      const values = { focus_areas: field(req.body, "focus_areas"), notes: field(req.body, "notes") };
      const focus = values.focus_areas
        .split(/\r?\n/)
        .map((x) => x.trim())
        .filter(Boolean);
      if (focus.length > 10 || focus.some((f) => f.length > 120) || values.notes.length > 4000)
        return renderMeeting(req, reply, { record: { values, errors: { focus_areas: req.t("est.meeting.error.focus") } } }, 400);
      const texts: Record<string, string> = { notes: values.notes };
      focus.forEach((f, i) => {
        texts[`focus_areas.${i}`] = f;
      });
      const r = await updateMeetingRecord(app.db, tenant, actor, loaded.meeting, {
        focus_areas: focus,
        notes: values.notes.trim(),
        version: Number(field(req.body, "version")),
        confirm_not_names: fields(req.body, "confirm_not_names"),
      });
      if (r.kind === "conflict") return renderMeeting(req, reply, { record: { values, conflict: true } }, 409);
      const problem = meetingProblem(req, r, texts);
      if (problem) return renderMeeting(req, reply, { record: { values, ...problem } }, 400);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/moten/${loaded.meeting.id}#protokoll`, req.t("est.flash.recordSaved"));
    },
  );

  app.post(
    "/t/:tenant/arbete/est/moten/:meetingId/hallet",
    { schema: { tags, summary: "Markera mötet som hållet", params: MeetingParams, body: FormBody, response: htmlResponses }, ...access.manageMeeting.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.manageMeeting.of(req);
      const r = await holdMeeting(app.db, tenant, actor, loaded.meeting, Number(field(req.body, "version")));
      if (r.kind === "conflict") return renderMeeting(req, reply, { record: { values: {}, conflict: true } }, 409);
      const problem = meetingProblem(req, r, {});
      if (problem) return renderMeeting(req, reply, { record: { values: {}, ...problem } }, 400);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/moten/${loaded.meeting.id}`, req.t("est.flash.meetingHeld"));
    },
  );

  app.post(
    "/t/:tenant/arbete/est/moten/:meetingId/mal",
    {
      schema: {
        tags,
        summary: "Lägg till en plats som en organisation riktar in sig på nästa vecka",
        params: MeetingParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...access.manageMeeting.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.manageMeeting.of(req);
      const values = {
        organisation_id: field(req.body, "organisation_id"),
        place_id: field(req.body, "place_id"),
        place_name: field(req.body, "place_name"),
        note: field(req.body, "note"),
      };
      if (!values.organisation_id)
        return renderMeeting(req, reply, { target: { values, errors: { organisation_id: req.t("est.meeting.error.organisation") } } }, 400);
      if (values.note.length > 500) return renderMeeting(req, reply, { target: { values, errors: { note: req.t("est.meeting.error.noteLong") } } }, 400);
      const r = await addTarget(app.db, tenant, actor, loaded.meeting, {
        ...values,
        place_id: values.place_id || undefined,
        place_name: values.place_name || undefined,
        note: values.note.trim(),
      });
      const problem = meetingProblem(req, r, values);
      if (problem) return renderMeeting(req, reply, { target: { values, ...problem } }, 400);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/moten/${loaded.meeting.id}#platser`, req.t("est.flash.targetAdded"));
    },
  );

  app.post(
    "/t/:tenant/arbete/est/moten/:meetingId/mal/:targetId/ta-bort",
    { schema: { tags, summary: "Ta bort en riktad plats", params: TargetParams, body: FormBody, response: htmlResponses }, ...access.target.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.target.of(req);
      // A deletion is confirmed in a second step (works without JavaScript).
      if (!isConfirmed(req.body)) {
        const target = (await listTargets(app.db, tenant.id, loaded.meeting.id)).find((x) => x.id === loaded.target.id);
        if (!target) throw HttpError.of(404);
        return sendPageAsync(req, reply, async (ctx) => confirmRemoveTargetPage(ctx, { meeting: loaded.meeting, target }));
      }
      await removeTarget(app.db, tenant, actor, loaded.meeting, loaded.target.id);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/moten/${loaded.meeting.id}#platser`, req.t("est.flash.targetRemoved"));
    },
  );

  app.post(
    "/t/:tenant/arbete/est/moten/:meetingId/insatser",
    {
      schema: { tags, summary: "Besluta en insats på mötet", params: MeetingParams, body: FormBody, response: htmlResponses },
      ...access.decideAtMeeting.options,
    },
    async (req, reply) => {
      const { tenant, actor, loaded } = access.decideAtMeeting.of(req);
      const values = insatsFormValues(req.body);
      const parsed = validateBilingual(InsatsInput, insatsFormInput(req.body));
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        for (const i of parsed.issues) errors[i.field.split(".")[0]!] ??= req.locale === "en" ? i.message_en : i.message;
        return renderMeeting(req, reply, { insats: { values, errors } }, 400);
      }
      const r = await createInsats(app.db, tenant, actor, loaded.meeting.id, parsed.value);
      const problem = insatsProblems(req, r, { title: parsed.value.title, description: parsed.value.description });
      if (problem) return renderMeeting(req, reply, { insats: { values, ...problem } }, 400);
      return redirectWithFlash(reply, `${estBase(tenant.slug)}/moten/${loaded.meeting.id}#insatser`, req.t("est.flash.insatsDecided"));
    },
  );
}
