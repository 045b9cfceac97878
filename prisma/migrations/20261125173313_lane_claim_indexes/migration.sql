-- DropIndex
DROP INDEX "inbound_event_status_lane_key_seq_idx";

-- DropIndex
DROP INDEX "outbox_message_status_lane_key_seq_idx";

-- CreateIndex
CREATE INDEX "inbound_event_status_seq_idx" ON "inbound_event"("status", "seq");

-- CreateIndex
CREATE INDEX "inbound_event_lane_key_seq_idx" ON "inbound_event"("lane_key", "seq");

-- CreateIndex
CREATE INDEX "outbox_message_status_seq_idx" ON "outbox_message"("status", "seq");

-- CreateIndex
CREATE INDEX "outbox_message_lane_key_seq_idx" ON "outbox_message"("lane_key", "seq");
