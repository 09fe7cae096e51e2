-- Accent-insensitive lead search ("nguyen" finds "Nguyễn"): unaccent is not IMMUTABLE, so an index needs an immutable wrapper
-- with the dictionary named explicitly (schema-qualified: Postgres 17+ builds indexes with a safe search_path); a trigram index serves the ILIKE '%…%' the leads list runs.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.lf_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- Given name on both sides of the family name, so "nguyen thi lan" and "lan nguyen" both match whichever order was stored.
CREATE OR REPLACE FUNCTION public.lf_lead_search_text(email text, first_name text, last_name text, company text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(public.lf_unaccent(concat_ws(' ', first_name, last_name, first_name, email, company))) $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS leads_search_trgm_idx ON leads USING gin (public.lf_lead_search_text(email, first_name, last_name, company) gin_trgm_ops);
