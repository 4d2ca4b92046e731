CREATE TABLE "posted_messages" (
	"conversation_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"part" text NOT NULL,
	"slack_ts" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posted_messages_conversation_id_revision_part_pk" PRIMARY KEY("conversation_id","revision","part")
);
--> statement-breakpoint
ALTER TABLE "posted_messages" ADD CONSTRAINT "posted_messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;