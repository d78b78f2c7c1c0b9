-- Named places of a tenant (a small gazetteer): localities with a centre point, used to describe
-- hot spots in words ("250 m sydost om centrala Osby"). precision_m says how exact the point is;
-- descriptions never claim to be finer than that. source names where the coordinates came from.
-- Until the EST module brings its own named places, this is the list describePlace reads.
CREATE TABLE analysis_places (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind          text NOT NULL DEFAULT 'locality' CHECK (kind IN ('locality', 'place')),
  lat           double precision NOT NULL CHECK (lat BETWEEN 55 AND 70),
  lon           double precision NOT NULL CHECK (lon BETWEEN 10 AND 25),
  precision_m   int NOT NULL DEFAULT 500 CHECK (precision_m > 0),
  source        text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);
