// Registers the module's message catalogs (imported for its effect by index.ts and by code that
// may run on its own, such as the PDF renderer in a unit test).
import { registerMessages } from "../../platform/i18n/i18n.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };

registerMessages({ sv, en });
