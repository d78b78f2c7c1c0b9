// Kysely table types of the walks module (migrations/0600_init.sql), merged into the
// platform's DB type.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const WALKS_STATUSES = ["utkast", "publicerad"] as const;
export type WalksStatus = (typeof WALKS_STATUSES)[number];

export type WalksItemsTable = {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  body: string;
  status: ColumnType<WalksStatus, WalksStatus | undefined, WalksStatus>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WalksTables = { walks_items: WalksItemsTable };

declare module "../../platform/db/schema.ts" {
  interface DB extends WalksTables {}
}
