-- Hand-edited: drizzle-kit wrote DROP INDEX + CREATE INDEX, which would rebuild the index of every design under a
-- lock. Changing the storage parameter is instant; the entries already pending are merged here instead of at the
-- next vacuum.
ALTER INDEX "design_search_document_idx" SET (fastupdate = false);--> statement-breakpoint
SELECT gin_clean_pending_list('design_search_document_idx'::regclass);
