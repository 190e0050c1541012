CREATE TABLE "budget_ledger" (
	"budget" text NOT NULL,
	"period" text NOT NULL,
	"spent" double precision DEFAULT 0 NOT NULL,
	"reserved" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_ledger_budget_period_pk" PRIMARY KEY("budget","period")
);
--> statement-breakpoint
CREATE TABLE "run_records" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"root_id" text NOT NULL,
	"kind" text NOT NULL,
	"request_id" text,
	"prompt" text NOT NULL,
	"version" integer,
	"environment" text,
	"arm" text,
	"provider" text,
	"model" text,
	"status" text NOT NULL,
	"error_code" text,
	"error_message" text,
	"started_at" timestamp with time zone NOT NULL,
	"latency_ms" double precision NOT NULL,
	"time_to_first_token_ms" double precision,
	"input_tokens" integer,
	"output_tokens" integer,
	"tokens_estimated" boolean DEFAULT false NOT NULL,
	"cost" double precision,
	"currency" text,
	"retries" integer DEFAULT 0 NOT NULL,
	"fallbacks" jsonb NOT NULL,
	"verdicts" jsonb NOT NULL,
	"validation" jsonb,
	"confidence" double precision,
	"input_fingerprint" text,
	"redacted_input" text,
	"redacted_output" text,
	"metadata" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "run_records_prompt_time_index" ON "run_records" USING btree ("prompt","started_at");--> statement-breakpoint
CREATE INDEX "run_records_time_index" ON "run_records" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "run_records_root_index" ON "run_records" USING btree ("root_id");