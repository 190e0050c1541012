CREATE TABLE "experiments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"prompt" text NOT NULL,
	"environment" text NOT NULL,
	"control_version" integer NOT NULL,
	"treatment_version" integer NOT NULL,
	"canary_started_at" timestamp with time zone,
	"metric" text NOT NULL,
	"direction" text NOT NULL,
	"guardrails" jsonb NOT NULL,
	"min_per_arm" integer NOT NULL,
	"max_duration" text NOT NULL,
	"ends_by" timestamp with time zone NOT NULL,
	"alpha" double precision NOT NULL,
	"guardrail_alpha" double precision NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"reason" text NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_by" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"result" jsonb,
	CONSTRAINT "experiments_state_check" CHECK ("experiments"."state" in ('running', 'concluded', 'interrupted', 'stopped')),
	CONSTRAINT "experiments_direction_check" CHECK ("experiments"."direction" in ('higher', 'lower')),
	CONSTRAINT "experiments_alpha_check" CHECK ("experiments"."alpha" > 0 and "experiments"."alpha" < 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "experiments_running_unique" ON "experiments" USING btree ("prompt","environment") WHERE "experiments"."state" = 'running';--> statement-breakpoint
CREATE INDEX "experiments_prompt_index" ON "experiments" USING btree ("prompt","id");--> statement-breakpoint
CREATE INDEX "experiments_state_index" ON "experiments" USING btree ("state","id");