// zod schemas of the walks module: the same schema validates the form, the API request and
// shapes the response (unknown keys stripped, so internal columns never leak).
import { z } from "zod";
import { WALKS_STATUSES } from "./tables.ts";

export const ItemInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(5000).default(""),
  status: z.enum(WALKS_STATUSES).default("utkast"),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const ItemOut = z
  .object({ id: z.uuid(), title: z.string(), body: z.string(), status: z.enum(WALKS_STATUSES), created_at: z.string() })
  .meta({ id: "WalksItem" });
