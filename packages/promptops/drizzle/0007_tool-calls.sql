CREATE TABLE "tool_calls" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"round" integer NOT NULL,
	"call_id" text NOT NULL,
	"prompt" text NOT NULL,
	"tool" text NOT NULL,
	"side_effect" text,
	"decision" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"arguments" jsonb,
	"result_summary" text,
	"attempts" integer NOT NULL,
	"duration_ms" double precision NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"authorized_by" text,
	CONSTRAINT "tool_calls_run_seq_unique" UNIQUE("run_id","seq")
);
--> statement-breakpoint
ALTER TABLE "tool_calls" ADD CONSTRAINT "tool_calls_run_id_run_records_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."run_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tool_calls_prompt_tool_index" ON "tool_calls" USING btree ("prompt","tool","started_at");