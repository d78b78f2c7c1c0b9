// The template every tenant starts from: the themes of the police's local safety survey
// (Polisregion Syd; docs BRIEF §3) — problems in the residential area, insecurity out alone late
// in the evening, activities refrained from, worry about specific crimes, victimisation in the
// last 12 months and trust in the police's local work — with background questions (area, age
// group, sex) for per-area results and optional weighting. Swedish and English ship here; Arabic,
// Somali, Finnish and Persian are translation slots staff fill. The wording is Trygg's own (the
// police's questionnaire is not public as text); item keys are stable across years, so trends
// and imported official results meet on them.
import type { DefinitionContent, ItemDef, OptionDef, Text } from "./definition.ts";

const t = (sv: string, en: string): Text => ({ sv, en });
const opt = (key: string, sv: string, en: string, dontKnow = false): OptionDef => ({ key, text: t(sv, en), ...(dontKnow ? { dontKnow } : {}) });

const VET_EJ = opt("vet_ej", "Vet ej", "Don't know", true);

const PROBLEM_SCALE: OptionDef[] = [
  opt("inget", "Inget problem alls", "No problem at all"),
  opt("litet", "Ganska litet problem", "A fairly small problem"),
  opt("ganska_stort", "Ganska stort problem", "A fairly big problem"),
  opt("mycket_stort", "Mycket stort problem", "A very big problem"),
  VET_EJ,
];
const PROBLEM_MEASURE = { kind: "problem" as const, options: ["ganska_stort", "mycket_stort"] };

const WORRY_SCALE: OptionDef[] = [
  opt("inte_alls", "Inte alls orolig", "Not at all worried"),
  opt("lite", "Ganska lite orolig", "A little worried"),
  opt("ganska", "Ganska orolig", "Fairly worried"),
  opt("mycket", "Mycket orolig", "Very worried"),
  VET_EJ,
];
const WORRY_MEASURE = { kind: "worried" as const, options: ["ganska", "mycket"] };

const AGREE_SCALE: OptionDef[] = [
  opt("helt", "Stämmer helt", "Completely true"),
  opt("ganska_bra", "Stämmer ganska bra", "Fairly true"),
  opt("ganska_daligt", "Stämmer ganska dåligt", "Not very true"),
  opt("inte_alls", "Stämmer inte alls", "Not true at all"),
  VET_EJ,
];
const TRUST_MEASURE = { kind: "trust" as const, options: ["helt", "ganska_bra"] };

function problem(key: string, sv: string, en: string): ItemDef {
  return { key, type: "scale", page: 2, theme: "problem", text: t(sv, en), options: PROBLEM_SCALE, measure: PROBLEM_MEASURE };
}
function worry(key: string, sv: string, en: string): ItemDef {
  return { key, type: "scale", page: 4, theme: "oro", text: t(sv, en), options: WORRY_SCALE, measure: WORRY_MEASURE };
}
function victim(key: string, sv: string, en: string): ItemDef {
  return { key, type: "yesno", page: 5, theme: "utsatthet", text: t(sv, en), options: [], measure: { kind: "victim", options: ["ja"] } };
}
function police(key: string, sv: string, en: string): ItemDef {
  return { key, type: "scale", page: 6, theme: "polisen", text: t(sv, en), options: AGREE_SCALE, measure: TRUST_MEASURE };
}

/** Items whose results the perceived-and-reported comparison reads by default. */
export const INSECURITY_ITEM = "otrygg_kvall";

export function surveyTemplate(): DefinitionContent {
  return {
    intro: t(
      "Kommunen och Polisen vill veta hur du upplever tryggheten där du bor. Svaren används för att välja vad vi ska arbeta med i nästa medborgarlöfte. Det tar ungefär tio minuter.",
      "The municipality and the police want to know how safe you feel where you live. The answers decide what we work on in the next citizen promise. It takes about ten minutes.",
    ),
    ui: {},
    items: [
      {
        key: "omrade",
        type: "area",
        page: 1,
        theme: "bakgrund",
        text: t("I vilket område bor du?", "Which area do you live in?"),
        options: [],
      },
      {
        key: "alder",
        type: "choice",
        page: 1,
        theme: "bakgrund",
        role: "age",
        text: t("Hur gammal är du?", "How old are you?"),
        options: [
          opt("16_24", "16–24 år", "16–24 years"),
          opt("25_34", "25–34 år", "25–34 years"),
          opt("35_44", "35–44 år", "35–44 years"),
          opt("45_54", "45–54 år", "45–54 years"),
          opt("55_64", "55–64 år", "55–64 years"),
          opt("65_74", "65–74 år", "65–74 years"),
          opt("75_85", "75–85 år", "75–85 years"),
        ],
      },
      {
        key: "kon",
        type: "choice",
        page: 1,
        theme: "bakgrund",
        role: "sex",
        text: t("Vilket kön har du?", "What is your sex?"),
        options: [opt("kvinna", "Kvinna", "Woman"), opt("man", "Man", "Man"), opt("annat", "Annat eller vill inte svara", "Other or prefer not to say")],
      },
      {
        key: "ar_i_omradet",
        type: "number",
        page: 1,
        theme: "bakgrund",
        text: t("Hur många år har du bott i området?", "How many years have you lived in the area?"),
        help: t("Skriv 0 om du har bott där kortare tid än ett år.", "Write 0 if you have lived there for less than a year."),
        options: [],
        min: 0,
        max: 99,
      },
      problem("fortkorning", "Bilar som kör för fort", "Cars driving too fast"),
      problem("buskorning", "Buskörning med moped, motorcykel eller A-traktor", "Reckless riding on mopeds, motorcycles or A-tractors"),
      problem("nedskrapning", "Nedskräpning", "Littering"),
      problem("skadegorelse", "Skadegörelse, till exempel klotter och krossade fönster", "Vandalism, for example graffiti and broken windows"),
      problem("brak_utomhus", "Folk som bråkar och slåss utomhus", "People quarrelling and fighting outdoors"),
      problem("ungdomar_stor", "Ungdomar som stör ordningen", "Young people causing disturbances"),
      problem("paverkade", "Påverkade personer utomhus", "Intoxicated people outdoors"),
      {
        key: INSECURITY_ITEM,
        type: "scale",
        page: 3,
        theme: "otrygghet",
        text: t(
          "Hur trygg eller otrygg skulle du känna dig om du gick ut ensam sent en kväll i ditt bostadsområde?",
          "How safe or unsafe would you feel walking alone late in the evening in your residential area?",
        ),
        options: [
          opt("mycket_trygg", "Mycket trygg", "Very safe"),
          opt("ganska_trygg", "Ganska trygg", "Fairly safe"),
          opt("ganska_otrygg", "Ganska otrygg", "Fairly unsafe"),
          opt("mycket_otrygg", "Mycket otrygg", "Very unsafe"),
          opt("gar_inte_ut", "Går inte ut ensam på grund av otrygghet", "Do not go out alone because I feel unsafe"),
          VET_EJ,
        ],
        measure: { kind: "unsafe", options: ["ganska_otrygg", "mycket_otrygg", "gar_inte_ut"] },
      },
      {
        key: "avstatt",
        type: "yesno",
        page: 3,
        theme: "avstatt",
        text: t(
          "Har du under de senaste 12 månaderna avstått från någon aktivitet för att du kände dig otrygg?",
          "In the last 12 months, have you refrained from any activity because you felt unsafe?",
        ),
        options: [],
        measure: { kind: "refrained", options: ["ja"] },
      },
      {
        key: "avstatt_vad",
        type: "multi",
        page: 4,
        theme: "avstatt",
        text: t("Vad har du avstått från?", "What have you refrained from?"),
        help: t("Välj allt som stämmer.", "Choose everything that applies."),
        options: [
          opt("promenad", "Promenad eller motion utomhus", "A walk or outdoor exercise"),
          opt("kollektivtrafik", "Att åka buss eller tåg", "Taking the bus or train"),
          opt("noje", "Nöjen, restaurang eller föreningsliv på kvällen", "Evening entertainment, restaurants or club activities"),
          opt("handla", "Att handla eller uträtta ärenden", "Shopping or running errands"),
          opt("annat", "Något annat", "Something else"),
        ],
        condition: { item: "avstatt", anyOf: ["ja"] },
      },
      worry("oro_inbrott", "Hur orolig är du för att någon ska bryta sig in i din bostad?", "How worried are you that someone will break into your home?"),
      worry(
        "oro_fordon",
        "Hur orolig är du för att din bil, moped eller cykel ska bli stulen eller skadad?",
        "How worried are you that your car, moped or bicycle will be stolen or damaged?",
      ),
      worry("oro_overfall", "Hur orolig är du för att bli överfallen eller misshandlad?", "How worried are you about being assaulted?"),
      victim(
        "utsatt_vald",
        "Har du under de senaste 12 månaderna blivit utsatt för våld eller hot om våld?",
        "In the last 12 months, have you been subjected to violence or threats of violence?",
      ),
      victim("utsatt_stold", "Har du under de senaste 12 månaderna blivit utsatt för stöld?", "In the last 12 months, has anything been stolen from you?"),
      victim(
        "utsatt_skadegorelse",
        "Har du under de senaste 12 månaderna blivit utsatt för skadegörelse?",
        "In the last 12 months, has your property been vandalised?",
      ),
      victim("utsatt_bedrageri", "Har du under de senaste 12 månaderna blivit utsatt för bedrägeri?", "In the last 12 months, have you been defrauded?"),
      police("polis_bryr_sig", "Polisen bryr sig om de lokala problemen där jag bor.", "The police care about the local problems where I live."),
      police("polis_fortroende", "Jag har förtroende för polisens arbete där jag bor.", "I trust the police's work where I live."),
      police("polis_synlig", "Polisen syns tillräckligt ofta där jag bor.", "The police are seen often enough where I live."),
      {
        key: "fritext",
        type: "text",
        page: 7,
        theme: "ovrigt",
        text: t("Finns det något mer du vill berätta om tryggheten där du bor?", "Is there anything else you want to tell us about safety where you live?"),
        help: t(
          "Skriv inte namn, telefonnummer eller annat som visar vem någon är.",
          "Do not write names, phone numbers or anything else that shows who someone is.",
        ),
        options: [],
      },
    ],
  };
}

/**
 * Summary indices the police publish (total problem index and others) that have no single item
 * behind them: known item keys for the official results import, with their names.
 */
export const SUMMARY_INDICES: Record<string, Text> = {
  problemindex: t("Problemindex (totalt)", "Problem index (total)"),
  oroindex: t("Oro för brott (index)", "Worry about crime (index)"),
  utsatthetsindex: t("Utsatthet för brott (index)", "Victimisation (index)"),
  totalindex: t("Totalindex", "Total index"),
};
