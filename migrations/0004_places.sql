-- Named places of a tenant (Osby station, Lönsboda centrum, a school, a park): a point or a
-- polygon with a name, used when residents, reporters and walk participants say where something
-- is, in the lägesbild and hot spot descriptions, and as targets of insatser. Geometry is GeoJSON
-- in WGS84 (decision 0005); lat/lon is the point, or a point inside the polygon, for lookups.

CREATE TABLE places (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind        text NOT NULL DEFAULT 'annan'
              CHECK (kind IN ('centrum', 'station', 'skola', 'park', 'idrott', 'handel', 'bostadsomrade', 'vag', 'ort', 'annan')),
  lat         double precision NOT NULL CHECK (lat BETWEEN 55 AND 70),
  lon         double precision NOT NULL CHECK (lon BETWEEN 10 AND 25),
  geometry    jsonb,
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name)
);
CREATE INDEX places_tenant_idx ON places (tenant_id, name);
