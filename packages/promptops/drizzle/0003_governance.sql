CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "change_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"change_request_id" integer NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"role" text,
	"body" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "change_request_events_kind_check" CHECK ("change_request_events"."kind" in ('propose', 'comment', 'approve', 'reject', 'withdraw', 'deploy'))
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"artifact_id" integer NOT NULL,
	"version" integer NOT NULL,
	"environment" text NOT NULL,
	"base_version" integer,
	"title" text NOT NULL,
	"author" text NOT NULL,
	"state" text NOT NULL,
	"revision" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "change_requests_state_check" CHECK ("change_requests"."state" in ('open', 'approved', 'rejected', 'deployed', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "eval_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"artifact_id" integer NOT NULL,
	"version" integer NOT NULL,
	"suite" text NOT NULL,
	"pass_rate" double precision NOT NULL,
	"passed" integer NOT NULL,
	"total" integer NOT NULL,
	"details" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "eval_results_pass_rate_check" CHECK ("eval_results"."pass_rate" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "freezes" (
	"id" serial PRIMARY KEY NOT NULL,
	"environment" text NOT NULL,
	"reason" text NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_by" text,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"prefix" text NOT NULL,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "role_grants_user_id_role_prefix_pk" PRIMARY KEY("user_id","role","prefix"),
	CONSTRAINT "role_grants_role_check" CHECK ("role_grants"."role" in ('viewer', 'author', 'reviewer', 'approver', 'deployer', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"secret_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text,
	"password_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "canary_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_request_events" ADD CONSTRAINT "change_request_events_change_request_id_change_requests_id_fk" FOREIGN KEY ("change_request_id") REFERENCES "public"."change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_version_fk" FOREIGN KEY ("artifact_id","version") REFERENCES "public"."artifact_versions"("artifact_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_results" ADD CONSTRAINT "eval_results_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_secret_hash_unique" ON "api_tokens" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_user_name_unique" ON "api_tokens" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "change_request_events_request_index" ON "change_request_events" USING btree ("change_request_id","id");--> statement-breakpoint
CREATE INDEX "change_requests_state_index" ON "change_requests" USING btree ("state");--> statement-breakpoint
CREATE INDEX "change_requests_artifact_index" ON "change_requests" USING btree ("artifact_id");--> statement-breakpoint
CREATE INDEX "eval_results_version_index" ON "eval_results" USING btree ("artifact_id","version","suite");--> statement-breakpoint
CREATE INDEX "sessions_user_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_unique" ON "users" USING btree ("username");--> statement-breakpoint
-- A change request's comments and approvals, and recorded eval results, are history: append-only.
CREATE TRIGGER change_request_events_append_only BEFORE UPDATE OR DELETE ON change_request_events
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();
--> statement-breakpoint
CREATE TRIGGER eval_results_append_only BEFORE UPDATE OR DELETE ON eval_results
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();
