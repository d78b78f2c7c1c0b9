// The walks module's part of the Osby demo (outside production only; idempotent): the
// medborgarvandring in Lönsboda centrum on 2021-11-10 — a real event (Osby's medborgarlöfte 2021,
// "tillsammans arrangera minst en medborgarvandring") — with a plausible route, observations and
// an action list followed through to completion, its re-walk a year later with before/after, and
// one coming walk with an open invitation. Everything but the date, the place and the promise is
// demo data (see PROVENANCE.md and the note on each walk).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../../analysis/index.ts";
import type { DB } from "../../../platform/db/schema.ts";
import { DEMO_DOCUMENT_IDS, listPromiseActivities, listPromises } from "../../promises/index.ts";
import { listOrganisations, listPlaces } from "../../tenants/index.ts";
import type { ActionStatus, Category, ParticipantGroup, Urgency } from "../domain/categories.ts";
import { dayOfDate, stockholmDate, stockholmInstant } from "../domain/time.ts";
import type { WalkStatus } from "../domain/lifecycle.ts";

/** Fixed ids, so tests and links can point at the demo walks. */
export const DEMO_WALK_IDS = {
  lonsboda2021: "0a1c0000-0000-4000-8000-00000000a021",
  rewalk2022: "0a1c0000-0000-4000-8000-00000000a022",
  coming: "0a1c0000-0000-4000-8000-00000000c0e1",
} as const;

export const DEMO_OBSERVATION_IDS = {
  parkingLight: "0a1c0000-0000-4000-8000-0000000b0001",
} as const;

export const DEMO_ACTION_IDS = {
  /** The first action of the 2021 walk (the parking lights, done). */
  parkingLight: "0a1c0000-0000-4000-8000-0000000d0001",
  /** The re-walk's open action (the tunnel light), owned by Samhällsbyggnadsförvaltningen. */
  tunnelLight: "0a1c0000-0000-4000-8000-0000000d0101",
} as const;

const DEMO_NOTE =
  "Demodata: datum, plats och löfte är verkliga (Osby kommuns medborgarlöfte 2021); rutten, observationerna och åtgärderna är påhittade exempel.";

type DemoChange = { on: string; status: ActionStatus; feedback?: string; due?: string };
type DemoObservation = {
  id?: string;
  stop: number;
  dLat: number;
  dLon: number;
  category: Category;
  unsafe: boolean | null;
  unsafeFor?: string;
  description: string;
  measure: string;
  urgency: Urgency;
  noAction?: boolean;
  action?: { owner: string; place: string; plan?: string; changes: DemoChange[] };
};

const CENTRE = { lat: 56.398, lon: 14.319 };
const STOPS: Array<{ name: string; dLat: number; dLon: number; note: string }> = [
  { name: "Torget", dLat: 0, dLon: 0, note: "Samling. Belysning och överblick över torget." },
  { name: "Parkeringen vid livsmedelsbutiken", dLat: 0.0012, dLon: 0.0021, note: "Mörkt på kvällen enligt förmötet." },
  { name: "Gång- och cykelvägen mot skolan", dLat: 0.0026, dLon: -0.0008, note: "Häck och buskar längs vägen." },
  { name: "Busshållplatsen", dLat: -0.0009, dLon: -0.0024, note: "Väntar man tryggt här efter mörkrets inbrott?" },
  { name: "Lekplatsen i parken", dLat: -0.0021, dLon: 0.0011, note: "Nedskräpning och häng kvällstid." },
  { name: "Bostadsområdets innergård", dLat: 0.0004, dLon: 0.0032, note: "Entréer och gårdsbelysning." },
];

const OBSERVATIONS: DemoObservation[] = [
  {
    id: DEMO_OBSERVATION_IDS.parkingLight,
    stop: 2,
    dLat: 0.0013,
    dLon: 0.0022,
    category: "belysning",
    unsafe: true,
    unsafeFor: "alla som går hit efter mörkrets inbrott, särskilt äldre",
    description: "Två av fyra belysningsstolpar på parkeringen lyser inte; bortre delen är helt mörk.",
    measure: "Laga belysningen och byt till LED med jämnare ljus.",
    urgency: "hog",
    action: {
      owner: "Samhällsbyggnadsförvaltningen",
      place: "Parkeringen vid livsmedelsbutiken",
      plan: "Felanmält direkt; byte till LED ingår i vinterns belysningsprogram.",
      changes: [
        { on: "2021-11-30", status: "ny" },
        { on: "2021-12-14", status: "planerad", due: "2022-02-28", feedback: "Trasiga armaturer lagade. Byte till LED beställt." },
        { on: "2022-02-16", status: "atgardad", feedback: "Alla fyra stolparna har nu LED-armaturer. Parkeringen är jämnt upplyst." },
      ],
    },
  },
  {
    stop: 3,
    dLat: 0.0024,
    dLon: -0.0007,
    category: "vaxtlighet",
    unsafe: true,
    unsafeFor: "unga som går till och från skolan och träningen",
    description: "Hög häck och buskar skymmer gång- och cykelvägen på en sträcka av cirka 50 meter.",
    measure: "Klipp ner häcken och gallra buskarna så att man ser hela sträckan.",
    urgency: "medel",
    action: {
      owner: "Samhällsbyggnadsförvaltningen",
      place: "Gång- och cykelvägen mot skolan",
      plan: "Klipps inom ordinarie skötsel före jul.",
      changes: [
        { on: "2021-11-30", status: "ny" },
        { on: "2021-12-08", status: "atgardad", feedback: "Häcken är nedklippt till 80 cm och buskarna gallrade. Sträckan sköts nu två gånger per år." },
      ],
    },
  },
  {
    stop: 4,
    dLat: -0.0009,
    dLon: -0.0025,
    category: "trafikmiljo",
    unsafe: true,
    unsafeFor: "barn och äldre som korsar vägen",
    description: "Bilar kör fort förbi hållplatsen; övergångsstället saknar belysning.",
    measure: "Sänk hastigheten och belys övergångsstället.",
    urgency: "hog",
    action: {
      owner: "Samhällsbyggnadsförvaltningen",
      place: "Busshållplatsen",
      plan: "Vägen är statlig; kommunen skickar önskemålet vidare.",
      changes: [
        { on: "2021-11-30", status: "ny" },
        {
          on: "2022-01-20",
          status: "avslagen",
          feedback:
            "Vägen är statlig och kommunen kan inte ändra hastigheten där. Önskemålet om lägre hastighet och belyst övergångsställe är skickat till Trafikverket, som har diariefört det.",
        },
      ],
    },
  },
  {
    stop: 4,
    dLat: -0.0008,
    dLon: -0.0023,
    category: "klotter",
    unsafe: false,
    description: "Klotter på väderskyddet vid hållplatsen.",
    measure: "Sanera klottret.",
    urgency: "lag",
    action: {
      owner: "Samhällsbyggnadsförvaltningen",
      place: "Busshållplatsen",
      changes: [
        { on: "2021-11-30", status: "ny" },
        { on: "2021-12-03", status: "atgardad", feedback: "Klottret sanerades inom 72 timmar enligt kommunens klotterpolicy." },
      ],
    },
  },
  {
    stop: 5,
    dLat: -0.002,
    dLon: 0.0012,
    category: "nedskrapning",
    unsafe: false,
    description: "Mycket skräp och glas runt lekplatsen; papperskorgarna är fulla.",
    measure: "Fler papperskorgar och tätare tömning.",
    urgency: "medel",
    action: {
      owner: "Samhällsbyggnadsförvaltningen",
      place: "Lekplatsen i parken",
      changes: [
        { on: "2021-11-30", status: "ny" },
        { on: "2021-12-10", status: "planerad", due: "2022-04-30", feedback: "Två nya papperskorgar sätts upp i vår." },
        { on: "2022-04-12", status: "atgardad", feedback: "Två nya papperskorgar är uppsatta och töms två gånger i veckan." },
      ],
    },
  },
  {
    stop: 5,
    dLat: -0.0022,
    dLon: 0.001,
    category: "hang",
    unsafe: true,
    unsafeFor: "föräldrar med barn på kvällen",
    description: "Grupper samlas vid lekplatsen sena kvällar; flera i gruppen kände sig otrygga att passera.",
    measure: "Vuxennärvaro kvällstid, till exempel nattvandring och polisens kvällspass.",
    urgency: "medel",
    action: {
      owner: "Polisen, lokalpolisområde Hässleholm",
      place: "Lekplatsen i parken",
      plan: "Polisen lägger in platsen i kvällspassen; kommunen stöttar nattvandring med föreningarna.",
      changes: [
        { on: "2021-11-30", status: "ny" },
        { on: "2021-12-15", status: "planerad", due: "2022-05-31", feedback: "Platsen ingår i polisens kvällspass från januari." },
        {
          on: "2022-06-01",
          status: "atgardad",
          feedback: "Polisen har besökt platsen i kvällspassen och nattvandrare har gått helger under våren. Färre samlingar rapporteras.",
        },
      ],
    },
  },
  {
    stop: 6,
    dLat: 0.0005,
    dLon: 0.0031,
    category: "trasigt",
    unsafe: true,
    unsafeFor: "de som bor i huset",
    description: "Entrébelysningen vid port 3 är trasig och porten går inte i lås.",
    measure: "Laga belysningen och låset.",
    urgency: "hog",
    action: {
      owner: "Osbybostäder AB",
      place: "Bostadsområdets innergård",
      plan: "Åtgärdas av fastighetsskötaren.",
      changes: [
        { on: "2021-11-30", status: "ny" },
        { on: "2021-12-02", status: "atgardad", feedback: "Belysningen och låset är lagade. Hyresgästerna kan felanmäla dygnet runt." },
      ],
    },
  },
  {
    stop: 1,
    dLat: 0.0001,
    dLon: 0.0002,
    category: "belysning",
    unsafe: false,
    description: "Torget är väl upplyst och har liv på kvällen – gruppen upplevde det som tryggt.",
    measure: "",
    urgency: "lag",
    noAction: true,
  },
];

/** "HH:MM" of minutes after midnight. */
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

type WalkSpec = {
  id: string;
  title: string;
  status: WalkStatus;
  date: string;
  start: string;
  end: string;
  purpose: string;
  participants?: Record<ParticipantGroup, number>;
  summary?: string;
  publishedOn?: string;
  closing?: { on: string; notes: string };
  rewalkOf?: string;
  promiseId?: string | null;
  activityId?: string | null;
};

export async function seedWalksDemo(db: Kysely<DB>, tenantId: string): Promise<void> {
  const existing = await db.selectFrom("walks").select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst();
  if (existing) return;
  const [orgs, places] = await Promise.all([listOrganisations(db, tenantId), listPlaces(db, tenantId)]);
  const org = (name: string) => orgs.find((o) => o.name === name)?.id ?? null;
  const place = places.find((p) => p.name === "Lönsboda centrum") ?? null;
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("email", "in", ["samordnare@osby.demo", "polis@osby.demo", "atgard@osby.demo", "rapportor@osby.demo"])
    .execute();
  const user = (email: string) => users.find((u) => u.email === email) ?? null;
  const coordinator = user("samordnare@osby.demo");
  const police = user("polis@osby.demo");

  // The 2021 promise "tillsammans arrangera minst en medborgarvandring" and the activity logged on it.
  const promise = (await listPromises(db, tenantId, [DEMO_DOCUMENT_IDS[2021]])).find((p) => p.target_unit === "medborgarvandring") ?? null;
  const activity = promise ? ((await listPromiseActivities(db, tenantId, promise.id)).find((a) => a.occurred_on === "2021-11-10") ?? null) : null;

  const invited = ["Samhällsbyggnadsförvaltningen", "Osbybostäder AB", "Polisen, lokalpolisområde Hässleholm", "Räddningstjänsten"]
    .map(org)
    .filter((x): x is string => x !== null);

  async function insertWalk(s: WalkSpec) {
    const starts = stockholmInstant(s.date, s.start)!;
    const ends = stockholmInstant(s.date, s.end)!;
    await db
      .insertInto("walks")
      .values({
        id: s.id,
        tenant_id: tenantId,
        kind: "medborgarvandring",
        title: s.title,
        place_id: place?.id ?? null,
        meeting_point: "Torget i Lönsboda centrum",
        lat: CENTRE.lat,
        lon: CENTRE.lon,
        route: null,
        starts_at: starts,
        ends_at: ends,
        purpose: s.purpose,
        organisers: JSON.stringify(["Osby kommun, trygghetssamordnaren", "Polisen, lokalpolisområde Hässleholm"]),
        decision_makers: JSON.stringify(["Kommunstyrelsens ordförande", "Kommunpolisen"]),
        accessibility_note:
          "Rutten är cirka 1,5 km på asfalt och grus utan trappor. Vi går i lugnt tempo och stannar vid varje stopp. Säg till vid anmälan om du behöver hjälp för att delta. (Demodata.)",
        signup_cap: 20,
        captures_feelings: true,
        status: s.status,
        ...(s.participants
          ? {
              participants_boende: s.participants.boende,
              participants_kommun: s.participants.kommun,
              participants_polis: s.participants.polis,
              participants_fastighetsagare: s.participants.fastighetsagare,
              participants_foreningar: s.participants.foreningar,
              participants_ovriga: s.participants.ovriga,
            }
          : {}),
        protocol_summary: s.summary ?? "",
        protocol_published_at: s.publishedOn ? `${s.publishedOn}T10:00:00+01:00` : null,
        closing_meeting_on: s.closing?.on ?? null,
        closing_meeting_notes: s.closing?.notes ?? "",
        rewalk_of_id: s.rewalkOf ?? null,
        promise_id: s.promiseId ?? null,
        promise_activity_id: s.activityId ?? null,
        created_by: coordinator?.id ?? null,
        created_at: `${s.date}T09:00:00+01:00`,
      })
      .execute();
    if (invited.length)
      await db
        .insertInto("walk_invitations")
        .values(invited.map((organisation_id) => ({ tenant_id: tenantId, walk_id: s.id, organisation_id })))
        .execute();
    const stops: string[] = [];
    for (const [i, st] of STOPS.entries()) {
      const r = await db
        .insertInto("walk_stops")
        .values({ tenant_id: tenantId, walk_id: s.id, position: i + 1, name: st.name, lat: CENTRE.lat + st.dLat, lon: CENTRE.lon + st.dLon, note: st.note })
        .returning("id")
        .executeTakeFirstOrThrow();
      stops.push(r.id);
    }
    return stops;
  }

  async function event(walkId: string, on: string, action: string, who: { id: string; name: string } | null, note: string | null = null) {
    await db
      .insertInto("walk_document_events")
      .values({
        tenant_id: tenantId,
        document_id: walkId,
        action,
        actor_id: who?.id ?? null,
        actor_name: who?.name ?? null,
        note,
        created_at: new Date(`${on}T10:00:00+01:00`),
      })
      .execute();
  }

  async function observation(
    walkId: string,
    stops: string[],
    date: string,
    time: string,
    o: Omit<DemoObservation, "action"> & { followsActionId?: string; resolved?: boolean | null },
    observer: typeof coordinator,
  ) {
    const lat = CENTRE.lat + o.dLat;
    const lon = CENTRE.lon + o.dLon;
    const grid = latLonToSweref(lat, lon);
    const r = await db
      .insertInto("walk_observations")
      .values({
        id: o.id ?? crypto.randomUUID(),
        tenant_id: tenantId,
        walk_id: walkId,
        stop_id: stops[o.stop - 1] ?? null,
        lat,
        lon,
        n: grid.n,
        e: grid.e,
        day: dayOfDate(date),
        category: o.category,
        unsafe: o.unsafe,
        unsafe_for: o.unsafeFor ?? "",
        description: o.description,
        proposed_measure: o.measure,
        urgency: o.urgency,
        follows_action_id: o.followsActionId ?? null,
        resolved: o.resolved ?? null,
        no_action: o.noAction ?? false,
        observed_at: stockholmInstant(date, time)!,
        observer_id: observer?.id ?? null,
        observer_name: observer?.name ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return r.id;
  }

  // 1. The Lönsboda walk of 2021-11-10, closed after the closing meeting; every action followed to the end.
  const first: WalkSpec = {
    id: DEMO_WALK_IDS.lonsboda2021,
    title: "Medborgarvandring i Lönsboda centrum",
    status: "avslutad",
    date: "2021-11-10",
    start: "18:00",
    end: "20:00",
    purpose: `Kommunen och polisen lovade i medborgarlöftet 2021 att tillsammans arrangera minst en medborgarvandring. Trygghetsmätningen pekade ut Lönsboda centrum, där boende upplevde otrygghet kvällstid. Vi går tillsammans när det är mörkt och noterar vad som gör platserna trygga eller otrygga.\n\n${DEMO_NOTE}`,
    participants: { boende: 11, kommun: 3, polis: 2, fastighetsagare: 1, foreningar: 2, ovriga: 0 },
    summary: `Nitton personer gick rutten i mörker. Gruppen såg brister i belysningen, skymmande växtlighet längs gång- och cykelvägen och en otrygg trafikmiljö vid busshållplatsen. Torget upplevdes som tryggt.\n\n${DEMO_NOTE}`,
    publishedOn: "2021-11-30",
    closing: {
      on: "2021-12-15",
      notes: `Samhällsbyggnadsförvaltningen, Osbybostäder AB och polisen redovisade sina planer för varje åtgärd. Trafikfrågan vid busshållplatsen skickas till Trafikverket. En återvandring görs om ett år.\n\n${DEMO_NOTE}`,
    },
    promiseId: promise?.id ?? null,
    activityId: activity?.id ?? null,
  };
  const stops = await insertWalk(first);
  await event(first.id, "2021-10-04", "planned", coordinator);
  await event(first.id, "2021-10-11", "publish", coordinator);
  await event(first.id, "2021-11-10", "hold", coordinator);
  await event(first.id, "2021-11-30", "publishProtocol", coordinator);
  await event(first.id, "2021-12-15", "close", coordinator);
  await event(first.id, "2022-10-03", "rewalkScheduled", coordinator, DEMO_WALK_IDS.rewalk2022);

  const actionIds: string[] = [];
  let number = 1;
  for (const [i, o] of OBSERVATIONS.entries()) {
    const observer = i % 2 === 0 ? coordinator : police;
    const obsId = await observation(first.id, stops, first.date, clock(18 * 60 + 10 + i * 12), o, observer);
    if (!o.action) continue;
    const last = o.action.changes.at(-1)!;
    const ownerId = org(o.action.owner);
    const a = await db
      .insertInto("walk_actions")
      .values({
        id: `0a1c0000-0000-4000-8000-0000000d${String(number).padStart(4, "0")}`,
        tenant_id: tenantId,
        walk_id: first.id,
        observation_id: obsId,
        number: number++,
        title: o.measure,
        place_text: o.action.place,
        organisation_id: ownerId,
        owner_reason: null,
        status: last.status,
        due_on: [...o.action.changes].reverse().find((c) => c.due)?.due ?? null,
        public_feedback: last.feedback ?? "",
        stated_plan: o.action.plan ?? "",
        status_changed_at: new Date(`${last.on}T12:00:00+01:00`),
        sent_at: new Date("2021-11-30T10:05:00+01:00"),
        created_at: new Date("2021-11-29T15:00:00+01:00"),
        updated_at: new Date(`${last.on}T12:00:00+01:00`),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    actionIds.push(a.id);
    for (const ch of o.action.changes) {
      const actor = ch.status === "ny" ? null : o.action.owner.startsWith("Polisen") ? police : user("atgard@osby.demo");
      await db
        .insertInto("walk_action_changes")
        .values({
          tenant_id: tenantId,
          action_id: a.id,
          status: ch.status,
          due_on: ch.due ?? null,
          organisation_id: ownerId,
          public_feedback: ch.feedback ?? "",
          actor_id: actor?.id ?? null,
          actor_name: actor?.name ?? null,
          created_at: new Date(`${ch.on}T12:00:00+01:00`),
        })
        .execute();
    }
  }

  // 2. The re-walk a year later: the same stops, before and after, one new action still open.
  const rewalk: WalkSpec = {
    id: DEMO_WALK_IDS.rewalk2022,
    title: "Återvandring: Medborgarvandring i Lönsboda centrum",
    status: "protokoll",
    date: "2022-11-09",
    start: "18:00",
    end: "19:30",
    purpose: `Vi går samma rutt som den 10 november 2021 och ser om åtgärderna har gjort skillnad.\n\n${DEMO_NOTE}`,
    participants: { boende: 8, kommun: 2, polis: 1, fastighetsagare: 1, foreningar: 1, ovriga: 0 },
    summary: `Gruppen såg att belysningen på parkeringen, häcken vid gång- och cykelvägen och entrén vid innergården är åtgärdade. Trafiken vid busshållplatsen är oförändrad. En ny brist: belysningen i gångtunneln vid parken.\n\n${DEMO_NOTE}`,
    publishedOn: "2022-11-21",
    rewalkOf: DEMO_WALK_IDS.lonsboda2021,
  };
  const rewalkStops = await insertWalk(rewalk);
  await event(rewalk.id, "2022-10-03", "planned", coordinator, first.title);
  await event(rewalk.id, "2022-10-10", "publish", coordinator);
  await event(rewalk.id, "2022-11-09", "hold", coordinator);
  await event(rewalk.id, "2022-11-21", "publishProtocol", coordinator);
  const followUps: Array<[number, boolean, string]> = [
    [0, true, "Parkeringen är jämnt upplyst med de nya LED-armaturerna."],
    [1, true, "Häcken är låg och hela sträckan syns."],
    [2, false, "Bilarna kör fortfarande fort; Trafikverket har inte beslutat ännu."],
    [6, true, "Entrén är upplyst och porten går i lås."],
  ];
  for (const [i, [index, resolved, text]] of followUps.entries()) {
    const o = OBSERVATIONS.filter((x) => x.action)[index]!;
    await observation(
      rewalk.id,
      rewalkStops,
      rewalk.date,
      clock(18 * 60 + 10 + i * 10),
      { ...o, id: undefined, description: text, measure: "", noAction: false, followsActionId: actionIds[index], resolved },
      coordinator,
    );
  }
  const tunnel = await observation(
    rewalk.id,
    rewalkStops,
    rewalk.date,
    "19:05",
    {
      stop: 5,
      dLat: -0.0025,
      dLon: 0.0016,
      category: "belysning",
      unsafe: true,
      unsafeFor: "alla som går genom parken på kvällen",
      description: "Belysningen i gångtunneln vid parken är trasig.",
      measure: "Laga belysningen i gångtunneln.",
      urgency: "hog",
    },
    police,
  );
  const samhallsbyggnad = org("Samhällsbyggnadsförvaltningen");
  const newAction = await db
    .insertInto("walk_actions")
    .values({
      id: DEMO_ACTION_IDS.tunnelLight,
      tenant_id: tenantId,
      walk_id: rewalk.id,
      observation_id: tunnel,
      number: 1,
      title: "Laga belysningen i gångtunneln.",
      place_text: "Gångtunneln vid parken",
      organisation_id: samhallsbyggnad,
      owner_reason: "samePlaceCategory",
      status: "planerad",
      due_on: stockholmDate(new Date(Date.now() + 60 * 86_400_000)),
      public_feedback: "Felanmält. Armaturen byts när reservdelen har kommit.",
      status_changed_at: new Date("2022-11-28T12:00:00+01:00"),
      sent_at: new Date("2022-11-21T10:05:00+01:00"),
      created_at: new Date("2022-11-18T15:00:00+01:00"),
      updated_at: new Date("2022-11-28T12:00:00+01:00"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [on, status, feedback] of [
    ["2022-11-21", "ny", ""],
    ["2022-11-28", "planerad", "Felanmält. Armaturen byts när reservdelen har kommit."],
  ] as const)
    await db
      .insertInto("walk_action_changes")
      .values({
        tenant_id: tenantId,
        action_id: newAction.id,
        status,
        organisation_id: samhallsbyggnad,
        public_feedback: feedback,
        created_at: new Date(`${on}T12:00:00+01:00`),
      })
      .execute();

  // 3. A coming walk with an open invitation (a month from the day the demo is made).
  const comingDate = stockholmDate(new Date(Date.now() + 30 * 86_400_000));
  await insertWalk({
    id: DEMO_WALK_IDS.coming,
    title: "Medborgarvandring i Osby centrum",
    status: "inbjudan",
    date: comingDate,
    start: "18:30",
    end: "20:00",
    purpose: `Trygghetsmätningen visar att många i Osby tätort känner sig otrygga ute sent på kvällen. Välkommen att gå med och berätta vad du ser – och tyck gärna till om rutten i förväg.\n\n${DEMO_NOTE}`,
  });
  // The coming walk starts at Osby centrum rather than Lönsboda.
  const osby = places.find((p) => p.name === "Osby centrum");
  if (osby) {
    await db
      .updateTable("walks")
      .set({ place_id: osby.id, lat: osby.lat, lon: osby.lon, meeting_point: "Stortorget i Osby" })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", DEMO_WALK_IDS.coming)
      .execute();
    await db.deleteFrom("walk_stops").where("tenant_id", "=", tenantId).where("walk_id", "=", DEMO_WALK_IDS.coming).execute();
    const osbyStops = [
      { name: "Stortorget", dLat: 0, dLon: 0, note: "Samling." },
      { name: "Stationen och busshållplatserna", dLat: -0.0016, dLon: 0.0012, note: "Väntan efter mörkrets inbrott." },
      { name: "Gågatan", dLat: 0.0009, dLon: -0.0011, note: "Öppettider och liv på kvällen." },
    ];
    for (const [i, s] of osbyStops.entries())
      await db
        .insertInto("walk_stops")
        .values({
          tenant_id: tenantId,
          walk_id: DEMO_WALK_IDS.coming,
          position: i + 1,
          name: s.name,
          lat: osby.lat + s.dLat,
          lon: osby.lon + s.dLon,
          note: s.note,
        })
        .execute();
  }
  await event(DEMO_WALK_IDS.coming, stockholmDate(new Date()), "planned", coordinator);
  await event(DEMO_WALK_IDS.coming, stockholmDate(new Date()), "publish", coordinator);
  await db.insertInto("walk_signups").values({ tenant_id: tenantId, walk_id: DEMO_WALK_IDS.coming, name: null, party_size: 2, needs: "" }).execute();
  await db
    .insertInto("walk_viewpoints")
    .values({
      tenant_id: tenantId,
      walk_id: DEMO_WALK_IDS.coming,
      lat: (osby?.lat ?? CENTRE.lat) - 0.0014,
      lon: (osby?.lon ?? CENTRE.lon) + 0.0009,
      category: "belysning",
      body: "Gångvägen mellan stationen och parkeringen är mörk och känns otrygg på vintern. (Demodata.)",
    })
    .execute();
}
