-- Tenant safety by construction (foundation). A row of one tenant can only point at rows of the
-- same tenant: every foreign key between tenant-owned tables references (tenant_id, id), so the
-- database itself refuses a cross-tenant reference. Modules do the same for their tables
-- (0101, 0201). See docs/decisions/0013-tenant-safety-without-row-level-security.md.
--
-- Organisations are special: one is either the tenant's own (organisations.tenant_id = T) or
-- regional (tenant_id NULL) and serves tenants through organisation_tenants. From here on
-- organisation_tenants is THE set of organisations usable in a tenant: every tenant-owned
-- organisation is linked to its own tenant (backfilled here, kept by a trigger on insert) and
-- can never be linked to another one (refused by a trigger). Memberships and a promise's
-- responsible organisations reference organisation_tenants (tenant_id, organisation_id).

-- 1. Referenced keys of tenant-owned tables that other tables point at (areas: for the modules
--    to come — reports, surveys and walks belong to an area of the same tenant).
ALTER TABLE areas ADD CONSTRAINT areas_tenant_id_id_key UNIQUE (tenant_id, id);
ALTER TABLE files ADD CONSTRAINT files_tenant_id_id_key UNIQUE (tenant_id, id);

-- 2. organisation_tenants: what already exists must hold the rule, then the backfill.
DO $$
DECLARE
  bad int;
BEGIN
  SELECT count(*) INTO bad
  FROM organisation_tenants ot JOIN organisations o ON o.id = ot.organisation_id
  WHERE o.tenant_id IS NOT NULL AND o.tenant_id <> ot.tenant_id;
  IF bad > 0 THEN
    RAISE EXCEPTION 'organisation_tenants: % rad(er) kopplar en kommuns egen organisation till en annan kommun; rätta dem före migreringen', bad;
  END IF;
END $$;

INSERT INTO organisation_tenants (tenant_id, organisation_id)
SELECT tenant_id, id FROM organisations WHERE tenant_id IS NOT NULL
ON CONFLICT DO NOTHING;

-- A tenant-owned organisation may only be linked to its own tenant.
CREATE FUNCTION organisation_tenants_own_tenant_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner uuid;
BEGIN
  SELECT tenant_id INTO owner FROM organisations WHERE id = NEW.organisation_id;
  IF owner IS NOT NULL AND owner <> NEW.tenant_id THEN
    RAISE EXCEPTION 'organisationen % tillhör en annan kommun och kan inte kopplas till kommunen %', NEW.organisation_id, NEW.tenant_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'organisation_tenants', CONSTRAINT = 'organisation_tenants_own_tenant_only';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER organisation_tenants_own_tenant_only
  BEFORE INSERT OR UPDATE ON organisation_tenants
  FOR EACH ROW EXECUTE FUNCTION organisation_tenants_own_tenant_only();

-- A tenant-owned organisation is usable in its tenant from the moment it exists; one that is
-- moved to a tenant (or made tenant-owned) must not stay linked to any other tenant.
CREATE FUNCTION organisations_link_own_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND EXISTS (
    SELECT 1 FROM organisation_tenants WHERE organisation_id = NEW.id AND tenant_id <> NEW.tenant_id
  ) THEN
    RAISE EXCEPTION 'organisationen % används i en annan kommun och kan inte bli egen organisation för kommunen %', NEW.id, NEW.tenant_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'organisations', CONSTRAINT = 'organisations_link_own_tenant';
  END IF;
  IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM organisations WHERE parent_id = NEW.id AND tenant_id IS NULL) THEN
    RAISE EXCEPTION 'organisationen % har regionala organisationer under sig och kan inte bli egen organisation för kommunen %', NEW.id, NEW.tenant_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'organisations', CONSTRAINT = 'organisations_link_own_tenant';
  END IF;
  INSERT INTO organisation_tenants (tenant_id, organisation_id) VALUES (NEW.tenant_id, NEW.id)
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;

CREATE TRIGGER organisations_link_own_tenant
  AFTER INSERT OR UPDATE OF tenant_id ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_link_own_tenant();

-- 3. Organisation hierarchy. A tenant-owned organisation's parent must be usable in its tenant
--    (composite key to organisation_tenants). The composite key is not checked for a regional
--    organisation (tenant_id NULL, MATCH SIMPLE), so a regional one's parent must be regional
--    (trigger), and the single-column key stays for existence and ON DELETE SET NULL.
ALTER TABLE organisations
  ADD CONSTRAINT organisations_parent_usable_fkey FOREIGN KEY (tenant_id, parent_id)
  REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (parent_id);

CREATE FUNCTION organisations_regional_parent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id IS NULL AND NEW.parent_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM organisations WHERE id = NEW.parent_id AND tenant_id IS NOT NULL) THEN
    RAISE EXCEPTION 'en regional organisation kan inte ligga under en kommuns egen organisation (%)', NEW.parent_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'organisations', CONSTRAINT = 'organisations_regional_parent';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER organisations_regional_parent
  BEFORE INSERT OR UPDATE OF tenant_id, parent_id ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_regional_parent();

-- 4. A membership's organisation is one usable in the membership's tenant.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.conname
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.contype = 'f' AND c.conrelid = 'memberships'::regclass
      AND cardinality(c.conkey) = 1 AND a.attname = 'organisation_id'
  LOOP
    EXECUTE format('ALTER TABLE memberships DROP CONSTRAINT %I', r.conname);
  END LOOP;
END $$;

ALTER TABLE memberships
  ADD CONSTRAINT memberships_organisation_usable_fkey FOREIGN KEY (tenant_id, organisation_id)
  REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id);
