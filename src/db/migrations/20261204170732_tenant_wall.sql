-- Row-level security as a second wall behind the services' tenant filters (src/db/tenant-wall.ts).
-- Requests to /api/tenants/{code}/… on PostgreSQL run as the role lossledger_app with the setting
-- lossledger.tenant_id; the policies below then show and accept only that tenant's rows, whatever
-- a query forgets. The owner that runs migrations, the CLI and bulk COPY is not bound by them.
-- Creating the role needs CREATEROLE: without it the wall stays down (the server says so at start).
DO $wall$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lossledger_app') THEN
    CREATE ROLE lossledger_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT lossledger_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'lossledger_app not created (%): row-level security stays inactive', SQLERRM;
END
$wall$;
--> statement-breakpoint
DO $wall$
DECLARE
  t record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lossledger_app') THEN
    EXECUTE 'GRANT USAGE ON SCHEMA public TO lossledger_app';
    EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lossledger_app';
    EXECUTE 'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO lossledger_app';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lossledger_app';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO lossledger_app';
  END IF;
  -- Every table with a tenant_id column; audit_log's global rows (tenant_id null) stay invisible.
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format(
      'CREATE POLICY tenant_wall ON %I USING (tenant_id = nullif(current_setting(''lossledger.tenant_id'', true), '''')::int) WITH CHECK (tenant_id = nullif(current_setting(''lossledger.tenant_id'', true), '''')::int)',
      t.table_name);
  END LOOP;
  -- The tenant itself: only its own row.
  ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
  CREATE POLICY tenant_wall ON tenants
    USING (id = nullif(current_setting('lossledger.tenant_id', true), '')::int)
    WITH CHECK (id = nullif(current_setting('lossledger.tenant_id', true), '')::int);
END
$wall$;
