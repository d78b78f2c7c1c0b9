-- A person an admin added to a tenant, as the admin named them, until the person first signs in
-- after being added. An account that already exists (for another tenant) keeps its own name: the
-- admin sees the name they typed and the status "invited", exactly as for a new person, so
-- adding an address reveals neither that it has an account elsewhere nor that account's name.
CREATE TABLE member_invitations (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  invited_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  accepted_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX member_invitations_pending_idx ON member_invitations (user_id) WHERE accepted_at IS NULL;
