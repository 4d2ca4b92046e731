-- array_to_string() is only STABLE, and a generated column accepts IMMUTABLE expressions only. Joining a text[]
-- with a fixed separator does not depend on any setting, so this wrapper is safe to declare IMMUTABLE.
-- design_revisions.search (migration 0001) depends on it.
CREATE OR REPLACE FUNCTION ia_array_to_string(arr text[], sep text)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  RETURNS NULL ON NULL INPUT
AS $$ SELECT array_to_string(arr, sep) $$;
