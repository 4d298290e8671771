-- api_tokens is tenant-owned: its key leads with tenant_id like every other tenant table.
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_pkey";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
CREATE INDEX "api_tokens_user" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_scope" ON "memberships" USING btree ("tenant_id","geo_unit_id");
