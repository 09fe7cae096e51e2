-- Route handlers cache API key rows per process while config_version stands: a revoke or a scope change must move it.
-- last_used_at (touched once a minute per key) does not.
CREATE TRIGGER api_keys_config_version_insert_delete AFTER INSERT OR DELETE OR TRUNCATE ON "api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE TRIGGER api_keys_config_version_update AFTER UPDATE OF "revoked_at", "scopes", "key_hash" ON "api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
