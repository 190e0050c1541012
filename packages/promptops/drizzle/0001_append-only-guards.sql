-- Versions and audit entries are append-only. The application never updates or deletes them; these
-- triggers make an accidental or casual change fail loudly. They are not the tamper evidence (a
-- superuser can disable them): the audit hash chain is, and `promptops audit verify` checks it.
CREATE FUNCTION promptops_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();
--> statement-breakpoint
CREATE TRIGGER artifact_versions_append_only BEFORE UPDATE OR DELETE ON artifact_versions
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();
