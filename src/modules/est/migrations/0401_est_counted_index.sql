-- The lägesbild reads the counted reports of a tenant's recent weeks (every report not merged into
-- another): their day, category and projected point for the figures and the engine's cells, and
-- the week's WGS84 points for the map. A partial index holding exactly those columns lets
-- PostgreSQL answer from the index alone (decision 0026, bench/lagesbild).
CREATE INDEX est_reports_counted_idx ON est_reports (tenant_id, day) INCLUDE (category, n, e, lat, lon) WHERE status <> 'sammanslagen';
