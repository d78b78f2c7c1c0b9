-- Public versions (decision 0015): one counter per tenant, bumped by triggers in the same
-- transaction as every change to data that the tenant's public pages, PDFs and open data show.
-- The public-page cache (src/platform/cache/) puts the counter in its keys, so a change is
-- visible on the next request, through any instance on the same database. Each bump also
-- NOTIFYs `trygg_public_version` with "tenant_id:version" (the embedded database's process
-- learns new versions from it without a query).
-- No foreign key to tenants: a tenant's deletion cascades into tables whose triggers bump it;
-- a bump for a tenant that no longer exists removes its counter instead.

CREATE TABLE public_versions (
  tenant_id   uuid PRIMARY KEY,
  version     bigint NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION trygg_bump_public_version(t uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  IF t IS NULL THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = t) THEN
    DELETE FROM public_versions WHERE tenant_id = t;
    RETURN;
  END IF;
  INSERT INTO public_versions AS p (tenant_id, version) VALUES (t, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET version = p.version + 1, changed_at = now()
  RETURNING p.version INTO v;
  PERFORM pg_notify('trygg_public_version', t::text || ':' || v::text);
END
$$;

-- Row trigger for a table whose rows belong to one tenant; TG_ARGV[0] names the column that
-- holds the tenant id ('tenant_id', or 'id' on tenants itself).
CREATE FUNCTION trygg_public_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_tenant uuid;
  old_tenant uuid;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    new_tenant := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
    PERFORM trygg_bump_public_version(new_tenant);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    old_tenant := (to_jsonb(OLD) ->> TG_ARGV[0])::uuid;
    IF old_tenant IS DISTINCT FROM new_tenant THEN
      PERFORM trygg_bump_public_version(old_tenant);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- Organisations may be shared by several tenants (Polisen): a change bumps the owning tenant and
-- every tenant the organisation works in.
CREATE FUNCTION trygg_organisation_public_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  org uuid;
  owner uuid;
  t uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    org := OLD.id;
    owner := OLD.tenant_id;
  ELSE
    org := NEW.id;
    owner := NEW.tenant_id;
    IF TG_OP = 'UPDATE' AND OLD.tenant_id IS DISTINCT FROM NEW.tenant_id THEN
      PERFORM trygg_bump_public_version(OLD.tenant_id);
    END IF;
  END IF;
  FOR t IN
    SELECT owner WHERE owner IS NOT NULL
    UNION
    SELECT ot.tenant_id FROM organisation_tenants ot WHERE ot.organisation_id = org
  LOOP
    PERFORM trygg_bump_public_version(t);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER tenants_public_version AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('id');
CREATE TRIGGER areas_public_version AFTER INSERT OR UPDATE OR DELETE ON areas
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER organisations_public_version AFTER INSERT OR UPDATE OR DELETE ON organisations
  FOR EACH ROW EXECUTE FUNCTION trygg_organisation_public_change();
CREATE TRIGGER organisation_tenants_public_version AFTER INSERT OR UPDATE OR DELETE ON organisation_tenants
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
