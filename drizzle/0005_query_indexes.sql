ALTER TABLE "influence_links" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "reporting_lines" ADD COLUMN "account_id" uuid;--> statement-breakpoint
-- Relationships, reporting lines and influence links carry their contact's account, so a query
-- about one account reads one index range instead of probing each contact. Triggers keep the
-- copy right: writers never set account_id themselves.
UPDATE "relationships" r SET "account_id" = c."account_id" FROM "contacts" c WHERE c."id" = r."contact_id";--> statement-breakpoint
UPDATE "reporting_lines" r SET "account_id" = c."account_id" FROM "contacts" c WHERE c."id" = r."contact_id";--> statement-breakpoint
UPDATE "influence_links" l SET "account_id" = c."account_id" FROM "contacts" c WHERE c."id" = l."from_contact_id";--> statement-breakpoint
CREATE OR REPLACE FUNCTION o2o_copy_contact_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.account_id INTO NEW.account_id FROM contacts c WHERE c.id = NEW.contact_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION o2o_copy_influence_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.account_id INTO NEW.account_id FROM contacts c WHERE c.id = NEW.from_contact_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
-- A contact moved to another account takes its relationships and links along.
CREATE OR REPLACE FUNCTION o2o_move_contact_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE relationships SET account_id = NEW.account_id WHERE tenant_id = NEW.tenant_id AND contact_id = NEW.id;
  UPDATE reporting_lines SET account_id = NEW.account_id WHERE tenant_id = NEW.tenant_id AND contact_id = NEW.id;
  UPDATE influence_links SET account_id = NEW.account_id WHERE tenant_id = NEW.tenant_id AND from_contact_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER relationships_copy_account BEFORE INSERT OR UPDATE OF contact_id, account_id ON "relationships"
  FOR EACH ROW EXECUTE FUNCTION o2o_copy_contact_account();--> statement-breakpoint
CREATE TRIGGER reporting_lines_copy_account BEFORE INSERT OR UPDATE OF contact_id, account_id ON "reporting_lines"
  FOR EACH ROW EXECUTE FUNCTION o2o_copy_contact_account();--> statement-breakpoint
CREATE TRIGGER influence_links_copy_account BEFORE INSERT OR UPDATE OF from_contact_id, account_id ON "influence_links"
  FOR EACH ROW EXECUTE FUNCTION o2o_copy_influence_account();--> statement-breakpoint
CREATE TRIGGER contacts_move_links AFTER UPDATE OF account_id ON "contacts"
  FOR EACH ROW WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id) EXECUTE FUNCTION o2o_move_contact_links();--> statement-breakpoint
CREATE INDEX "contacts_account_cover_idx" ON "contacts" USING btree ("tenant_id","account_id","status","id","title","seniority","normalized_name");--> statement-breakpoint
CREATE INDEX "contacts_tenant_name_idx" ON "contacts" USING btree ("tenant_id","normalized_name");--> statement-breakpoint
CREATE INDEX "influence_links_account_idx" ON "influence_links" USING btree ("tenant_id","account_id","from_contact_id","weight");--> statement-breakpoint
CREATE INDEX "relationships_account_idx" ON "relationships" USING btree ("tenant_id","account_id","contact_id","member_id","visibility");--> statement-breakpoint
CREATE INDEX "reporting_lines_account_current_idx" ON "reporting_lines" USING btree ("tenant_id","account_id","contact_id","manager_id") WHERE "reporting_lines"."valid_to" is null;
