CREATE TABLE "eval_case_candidates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"suite" text NOT NULL,
	"prompt" text NOT NULL,
	"source" jsonb NOT NULL,
	"test_case" jsonb NOT NULL,
	"variables_from" text NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision" text,
	CONSTRAINT "eval_case_candidates_state_check" CHECK ("eval_case_candidates"."state" in ('proposed', 'added', 'dismissed')),
	CONSTRAINT "eval_case_candidates_variables_check" CHECK ("eval_case_candidates"."variables_from" in ('redacted-input', 'supplied', 'suite-case'))
);
--> statement-breakpoint
CREATE TABLE "run_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"prompt" text NOT NULL,
	"version" integer,
	"score" double precision NOT NULL,
	"comment" text,
	"source" text,
	"posted_by" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "run_feedback_score_check" CHECK ("run_feedback"."score" >= -1 and "run_feedback"."score" <= 1)
);
--> statement-breakpoint
ALTER TABLE "run_feedback" ADD CONSTRAINT "run_feedback_run_id_run_records_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."run_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eval_case_candidates_suite_index" ON "eval_case_candidates" USING btree ("suite","state","id");--> statement-breakpoint
CREATE INDEX "eval_case_candidates_prompt_index" ON "eval_case_candidates" USING btree ("prompt","id");--> statement-breakpoint
CREATE INDEX "run_feedback_run_index" ON "run_feedback" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "run_feedback_prompt_index" ON "run_feedback" USING btree ("prompt","version");