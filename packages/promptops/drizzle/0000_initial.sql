CREATE TABLE "artifact_versions" (
	"artifact_id" integer NOT NULL,
	"version" integer NOT NULL,
	"parent_version" integer,
	"content_hash" text NOT NULL,
	"content" jsonb NOT NULL,
	"author" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "artifact_versions_artifact_id_version_pk" PRIMARY KEY("artifact_id","version")
);
--> statement-breakpoint
CREATE TABLE "artifacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner" text,
	"risk" text,
	"task" text,
	"classification" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"head_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "artifacts_kind_check" CHECK ("artifacts"."kind" in ('prompt', 'fragment', 'example-bank')),
	CONSTRAINT "artifacts_status_check" CHECK ("artifacts"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"position" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_kind" text NOT NULL,
	"target" text NOT NULL,
	"reason" text,
	"details" jsonb NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"artifact_id" integer NOT NULL,
	"environment" text NOT NULL,
	"action" text NOT NULL,
	"from_version" integer,
	"to_version" integer,
	"canary_version" integer,
	"canary_percent_bp" integer,
	"revision" integer NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"artifact_id" integer NOT NULL,
	"environment" text NOT NULL,
	"stable_version" integer NOT NULL,
	"canary_version" integer,
	"canary_percent_bp" integer,
	"revision" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "deployments_artifact_id_environment_pk" PRIMARY KEY("artifact_id","environment"),
	CONSTRAINT "deployments_canary_percent_check" CHECK ("deployments"."canary_percent_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"name" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "artifact_versions" ADD CONSTRAINT "artifact_versions_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifact_versions" ADD CONSTRAINT "artifact_versions_parent_fk" FOREIGN KEY ("artifact_id","parent_version") REFERENCES "public"."artifact_versions"("artifact_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_events" ADD CONSTRAINT "deployment_events_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_environment_environments_name_fk" FOREIGN KEY ("environment") REFERENCES "public"."environments"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_stable_fk" FOREIGN KEY ("artifact_id","stable_version") REFERENCES "public"."artifact_versions"("artifact_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_canary_fk" FOREIGN KEY ("artifact_id","canary_version") REFERENCES "public"."artifact_versions"("artifact_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "artifact_versions_hash_lookup" ON "artifact_versions" USING btree ("artifact_id","content_hash","version");--> statement-breakpoint
CREATE UNIQUE INDEX "artifacts_kind_name_unique" ON "artifacts" USING btree ("kind","name");--> statement-breakpoint
CREATE INDEX "artifacts_owner_index" ON "artifacts" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "audit_entries_target_index" ON "audit_entries" USING btree ("target_kind","target");--> statement-breakpoint
CREATE INDEX "audit_entries_at_index" ON "audit_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "deployment_events_artifact_index" ON "deployment_events" USING btree ("artifact_id","environment","id");