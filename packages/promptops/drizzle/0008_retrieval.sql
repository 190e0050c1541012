CREATE TABLE "context_summaries" (
	"source" text NOT NULL,
	"doc_id" text NOT NULL,
	"doc_version" text NOT NULL,
	"summarizer" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "context_summaries_pk" PRIMARY KEY("source","doc_id","doc_version","summarizer")
);
--> statement-breakpoint
CREATE TABLE "retrieval_documents" (
	"source" text NOT NULL,
	"doc_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"version" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "body"), 'B')) STORED NOT NULL,
	CONSTRAINT "retrieval_documents_pk" PRIMARY KEY("source","doc_id")
);
--> statement-breakpoint
CREATE TABLE "retrieved_passages" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"prompt" text NOT NULL,
	"source" text NOT NULL,
	"passage_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"doc_version" text,
	"title" text,
	"tokens" integer NOT NULL,
	"form" text NOT NULL,
	CONSTRAINT "retrieved_passages_run_seq_unique" UNIQUE("run_id","seq")
);
--> statement-breakpoint
ALTER TABLE "retrieved_passages" ADD CONSTRAINT "retrieved_passages_run_id_run_records_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."run_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retrieval_documents_search_index" ON "retrieval_documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "retrieved_passages_source_doc_index" ON "retrieved_passages" USING btree ("source","doc_id");