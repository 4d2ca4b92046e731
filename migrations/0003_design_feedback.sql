CREATE TABLE "design_feedback" (
	"conversation_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"user_id" text NOT NULL,
	"vote" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "design_feedback_conversation_id_revision_user_id_pk" PRIMARY KEY("conversation_id","revision","user_id"),
	CONSTRAINT "design_feedback_vote_check" CHECK (vote IN ('up', 'down'))
);
--> statement-breakpoint
ALTER TABLE "design_feedback" ADD CONSTRAINT "design_feedback_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;