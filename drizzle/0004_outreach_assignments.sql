CREATE TABLE "outreach_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"via_member_id" uuid,
	"via_contact_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"note" text,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_via_member_id_members_id_fk" FOREIGN KEY ("via_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_via_contact_id_contacts_id_fk" FOREIGN KEY ("via_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_assigned_by_members_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_assignments_open_uq" ON "outreach_assignments" USING btree ("deal_id","contact_id") WHERE "outreach_assignments"."status" = 'open';--> statement-breakpoint
CREATE INDEX "outreach_assignments_member_idx" ON "outreach_assignments" USING btree ("tenant_id","member_id","status");