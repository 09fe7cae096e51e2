-- Every write to what ingestion caches bumps config_version in the writer's own transaction, whoever the writer is.
INSERT INTO "config_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE config_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER scoring_rules_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "scoring_rules"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE TRIGGER settings_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "settings"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE TRIGGER journey_versions_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "journey_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE TRIGGER journeys_config_version_insert_delete AFTER INSERT OR DELETE OR TRUNCATE ON "journeys"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
-- Draft autosaves do not count; any other column (status, published version, or one added later) does.
CREATE TRIGGER journeys_config_version_update AFTER UPDATE ON "journeys"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'draft_graph' - 'draft_revision' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'draft_graph' - 'draft_revision' - 'updated_at'))
  EXECUTE FUNCTION bump_config_version();
