CREATE TABLE "run_samples" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"prompt" text NOT NULL,
	"version" integer NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"scored_at" timestamp with time zone,
	"pass" boolean,
	"score" double precision,
	"assertions" jsonb,
	"judge" jsonb,
	"judge_score" double precision,
	"rating" text,
	"rating_comment" text,
	"rated_by" text,
	"rated_at" timestamp with time zone,
	CONSTRAINT "run_samples_run_unique" UNIQUE("run_id"),
	CONSTRAINT "run_samples_status_check" CHECK ("run_samples"."status" in ('pending', 'scored', 'failed')),
	CONSTRAINT "run_samples_rating_check" CHECK ("run_samples"."rating" is null or "run_samples"."rating" in ('good', 'bad'))
);
--> statement-breakpoint
ALTER TABLE "run_samples" ADD CONSTRAINT "run_samples_run_id_run_records_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."run_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_samples_due_index" ON "run_samples" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "run_samples_prompt_index" ON "run_samples" USING btree ("prompt","version","id");