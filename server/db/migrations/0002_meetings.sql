CREATE TABLE "meeting_holds" (
	"meeting_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "meeting_holds_meeting_id_account_id_pk" PRIMARY KEY("meeting_id","account_id"),
	CONSTRAINT "meeting_holds_order" CHECK ("meeting_holds"."ends_at" > "meeting_holds"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "meeting_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"method" text NOT NULL,
	"sequence" integer NOT NULL,
	"subject" text NOT NULL,
	"ics" text NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_policies" (
	"expo_id" uuid PRIMARY KEY NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"day_start_minute" integer DEFAULT 480 NOT NULL,
	"day_end_minute" integer DEFAULT 1320 NOT NULL,
	"visitors_may_book" boolean DEFAULT true NOT NULL,
	"exhibitors_may_invite" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "availability_slots" ADD COLUMN "slot_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "availability_slots" ADD COLUMN "buffer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "last_reminder" integer;--> statement-breakpoint
ALTER TABLE "meeting_holds" ADD CONSTRAINT "meeting_holds_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_holds" ADD CONSTRAINT "meeting_holds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_policies" ADD CONSTRAINT "meeting_policies_expo_id_expos_id_fk" FOREIGN KEY ("expo_id") REFERENCES "public"."expos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_invitations_meeting" ON "meeting_invitations" USING btree ("meeting_id","created_at");