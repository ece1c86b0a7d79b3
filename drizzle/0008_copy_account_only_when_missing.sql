-- An insert that supplies account_id keeps it. The import supplies it for the contacts it has
-- just created, because it writes thousands of rows at once and the per-row lookup took a large
-- share of its time. An insert without account_id still gets the contact's account, and an
-- update of contact_id or account_id still recomputes it from the contact.
DROP TRIGGER "relationships_copy_account" ON "relationships";--> statement-breakpoint
DROP TRIGGER "reporting_lines_copy_account" ON "reporting_lines";--> statement-breakpoint
DROP TRIGGER "influence_links_copy_account" ON "influence_links";--> statement-breakpoint
CREATE TRIGGER relationships_copy_account BEFORE INSERT ON "relationships"
  FOR EACH ROW WHEN (NEW.account_id IS NULL) EXECUTE FUNCTION o2o_copy_contact_account();--> statement-breakpoint
CREATE TRIGGER relationships_copy_account_on_update BEFORE UPDATE OF contact_id, account_id ON "relationships"
  FOR EACH ROW EXECUTE FUNCTION o2o_copy_contact_account();--> statement-breakpoint
CREATE TRIGGER reporting_lines_copy_account BEFORE INSERT ON "reporting_lines"
  FOR EACH ROW WHEN (NEW.account_id IS NULL) EXECUTE FUNCTION o2o_copy_contact_account();--> statement-breakpoint
CREATE TRIGGER reporting_lines_copy_account_on_update BEFORE UPDATE OF contact_id, account_id ON "reporting_lines"
  FOR EACH ROW EXECUTE FUNCTION o2o_copy_contact_account();--> statement-breakpoint
CREATE TRIGGER influence_links_copy_account BEFORE INSERT ON "influence_links"
  FOR EACH ROW WHEN (NEW.account_id IS NULL) EXECUTE FUNCTION o2o_copy_influence_account();--> statement-breakpoint
CREATE TRIGGER influence_links_copy_account_on_update BEFORE UPDATE OF from_contact_id, account_id ON "influence_links"
  FOR EACH ROW EXECUTE FUNCTION o2o_copy_influence_account();
