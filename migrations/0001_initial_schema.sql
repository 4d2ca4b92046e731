CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"thread_ts" text NOT NULL,
	"user_id" text NOT NULL,
	"channel_is_private" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'collecting' NOT NULL,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_status_check" CHECK (status IN ('collecting', 'generating', 'ready', 'revising', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "design_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "design_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"conversation_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"systems" text[] DEFAULT '{}'::text[] NOT NULL,
	"inputs" jsonb NOT NULL,
	"markdown" text NOT NULL,
	"sections" jsonb NOT NULL,
	"quality" jsonb NOT NULL,
	"engine" text NOT NULL,
	"model" text,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cache_read_tokens" integer DEFAULT 0 NOT NULL,
	"cache_creation_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, ia_array_to_string(systems, ' ')), 'B') || setweight(jsonb_to_tsvector('english'::regconfig, coalesce(inputs, '{}'::jsonb), '["string"]'::jsonb) || to_tsvector('english'::regconfig, coalesce(markdown, '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "installations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"install_key" text NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_token_encrypted" text NOT NULL,
	"installation_encrypted" text,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "installations_install_key_unique" UNIQUE("install_key")
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"key" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thread_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "thread_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"conversation_id" uuid NOT NULL,
	"slack_ts" text NOT NULL,
	"author" text NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thread_messages_role_check" CHECK (role IN ('user', 'assistant', 'system'))
);
--> statement-breakpoint
ALTER TABLE "design_revisions" ADD CONSTRAINT "design_revisions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_messages" ADD CONSTRAINT "thread_messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_thread_uq" ON "conversations" USING btree ("team_id","channel_id","thread_ts");--> statement-breakpoint
CREATE INDEX "conversations_team_user_idx" ON "conversations" USING btree ("team_id","user_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "design_revisions_conversation_revision_uq" ON "design_revisions" USING btree ("conversation_id","revision");--> statement-breakpoint
CREATE INDEX "design_revisions_search_idx" ON "design_revisions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "design_revisions_created_at_idx" ON "design_revisions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "processed_events_created_at_idx" ON "processed_events" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "thread_messages_conversation_ts_uq" ON "thread_messages" USING btree ("conversation_id","slack_ts");