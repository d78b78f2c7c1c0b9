-- Trygghetsvandringar: the module's tables. Every tenant-owned table has tenant_id, created_at, updated_at;
-- foreign keys between tenant-owned tables are composite (tenant_id, id).

CREATE TABLE walks_items (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body        text NOT NULL DEFAULT '' CHECK (length(body) <= 5000),
  status      text NOT NULL DEFAULT 'utkast' CHECK (status IN ('utkast', 'publicerad')),
  created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX walks_items_tenant_idx ON walks_items (tenant_id, created_at DESC);
