// Trygghetsmätning (module `surveys`): the safety survey run in Trygg in six languages — or the
// police's results imported — as data per area, item and year, with intervals, suppression and
// trends; perceived safety beside reported crime and other incidents; results cited in promises.
// Listed once in src/modules/index.ts; everything the platform needs from it is in the object.
import type { TryggModule } from "../../platform/module.ts";
import { seedSurveysDemo } from "./demo/seed.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerSurveyRoutes } from "./routes/index.ts";
import { closeEndedRounds } from "./service/surveys.ts";
import { navigation, openSurveyNoticeOnStart, publicLinks, staffWidget, surveyIndicators } from "./widgets.ts";

export const surveysModule: TryggModule = {
  name: "surveys",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerSurveyRoutes,
  navigation,
  publicLinks,
  publicNotices: [openSurveyNoticeOnStart],
  staffWidgets: [staffWidget],
  promiseIndicators: surveyIndicators,
  styles: [new URL("./web/surveys.css", import.meta.url)],
  // Every night, rounds whose field period has ended are closed and their results compiled.
  jobs: [{ name: "surveys.close-ended", cron: "40 1 * * *", run: async (_data, deps) => void (await closeEndedRounds(deps.database.db)) }],
  demo: seedSurveysDemo,
  testing: () => import("./testing.ts"),
};
