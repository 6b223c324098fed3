-- Nobody is double-booked: two active holds of one person may not overlap. The database decides, atomically,
-- however many bookings race for one slot (no check-then-write). btree_gist lets uuid equality join the gist index.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "meeting_holds" ADD CONSTRAINT "meeting_holds_no_overlap"
  EXCLUDE USING gist ("account_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("active");
