CREATE SEQUENCE "public"."design_search_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "design_search" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"revision_id" bigint NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"channel_is_private" boolean NOT NULL,
	"author_id" text NOT NULL,
	"revised_by" text NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"systems" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"head" "tsvector" NOT NULL,
	"document" "tsvector" NOT NULL
);
--> statement-breakpoint
DROP INDEX "design_revisions_search_idx";--> statement-breakpoint
ALTER TABLE "design_search" ADD CONSTRAINT "design_search_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_search" ADD CONSTRAINT "design_search_revision_id_design_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."design_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "design_search_document_idx" ON "design_search" USING gin ("document");--> statement-breakpoint
ALTER TABLE "design_revisions" DROP COLUMN "search";--> statement-breakpoint
-- Hand-written: the search document's builders. The design_search table is only ever written through
-- ia_index_revisions(), so the migration's backfill and the app build documents the same way.

-- A scope word: 'ia:<kind>:<16 hex digits of md5(value)>'. The text parser splits typed words on ':', so no query
-- a person types can form one; hashing keeps any id or system name safe to quote inside a tsquery.
CREATE OR REPLACE FUNCTION ia_search_key(kind text, value text)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  RETURNS NULL ON NULL INPUT
AS $$ SELECT 'ia:' || kind || ':' || left(md5(value), 16) $$;
--> statement-breakpoint
-- The tsquery matching one scope word.
CREATE OR REPLACE FUNCTION ia_search_key_query(kind text, value text)
  RETURNS tsquery
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  RETURNS NULL ON NULL INPUT
AS $$ SELECT ('''' || ia_search_key(kind, value) || '''')::tsquery $$;
--> statement-breakpoint
-- What the person asked for, weighted for ranking: title A, systems B, the string values of their inputs C.
CREATE OR REPLACE FUNCTION ia_search_head(title text, systems text[], inputs jsonb)
  RETURNS tsvector
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(ia_array_to_string(systems, ' '), '')), 'B')
      || setweight(jsonb_to_tsvector('english'::regconfig, coalesce(inputs, '{}'::jsonb), '["string"]'::jsonb), 'C')
$$;
--> statement-breakpoint
-- Scope words: team, channel, authors, systems (lower-cased), and the seq bucket at each size 2^10, 2^12, … 2^22
-- (src/db/repositories/search.ts walks them newest first; the two must agree).
CREATE OR REPLACE FUNCTION ia_search_scope(team_id text, channel_id text, authors text[], systems text[], seq bigint)
  RETURNS tsvector
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
AS $$
  SELECT array_to_tsvector(
    ARRAY[ia_search_key('t', team_id), ia_search_key('c', channel_id),
          'ia:b0:' || (seq >> 10), 'ia:b1:' || (seq >> 12), 'ia:b2:' || (seq >> 14), 'ia:b3:' || (seq >> 16),
          'ia:b4:' || (seq >> 18), 'ia:b5:' || (seq >> 20), 'ia:b6:' || (seq >> 22)]
    || ARRAY(SELECT DISTINCT ia_search_key('a', a) FROM unnest(authors) AS a WHERE a IS NOT NULL)
    || ARRAY(SELECT DISTINCT ia_search_key('s', lower(s)) FROM unnest(systems) AS s WHERE s IS NOT NULL))
$$;
--> statement-breakpoint
-- Makes the given revisions their designs' search documents (the newest of them per design, never replacing a
-- newer one). Each document takes the next seq, oldest revision first.
CREATE OR REPLACE FUNCTION ia_index_revisions(ids bigint[])
  RETURNS void
  LANGUAGE sql
  VOLATILE
AS $$
  INSERT INTO design_search AS s (conversation_id, revision_id, team_id, channel_id, channel_is_private, author_id, revised_by,
                                  revision, title, systems, created_at, seq, head, document)
  SELECT d.conversation_id, d.id, d.team_id, d.channel_id, d.channel_is_private, d.user_id, d.created_by,
         d.revision, d.title, d.systems, d.created_at, d.seq, d.head,
         d.head || to_tsvector('english'::regconfig, d.markdown)
                || ia_search_scope(d.team_id, d.channel_id, ARRAY[d.user_id, d.created_by], d.systems, d.seq)
  FROM (
    -- nextval() at this level runs in the order of the sorted subquery below (which is never flattened).
    SELECT o.*, nextval('design_search_seq') AS seq, ia_search_head(o.title, o.systems, o.inputs) AS head
    FROM (
      SELECT l.*
      FROM (
        SELECT DISTINCT ON (r.conversation_id) r.*, c.team_id, c.channel_id, c.channel_is_private, c.user_id
        FROM design_revisions r
        JOIN conversations c ON c.id = r.conversation_id
        WHERE r.id = ANY(ids)
        ORDER BY r.conversation_id, r.revision DESC
      ) l
      ORDER BY l.created_at, l.id
    ) o
  ) d
  ON CONFLICT (conversation_id) DO UPDATE SET
    revision_id = EXCLUDED.revision_id, revised_by = EXCLUDED.revised_by, revision = EXCLUDED.revision,
    title = EXCLUDED.title, systems = EXCLUDED.systems, created_at = EXCLUDED.created_at, seq = EXCLUDED.seq,
    head = EXCLUDED.head, document = EXCLUDED.document
  WHERE s.revision <= EXCLUDED.revision
$$;
--> statement-breakpoint
SELECT ia_index_revisions(ARRAY(SELECT id FROM design_revisions));
