-- DropIndex
DROP INDEX "inbound_event_status_next_attempt_at_idx";

-- DropIndex
DROP INDEX "inbound_event_status_seq_idx";

-- DropIndex
DROP INDEX "outbox_message_status_next_attempt_at_idx";

-- DropIndex
DROP INDEX "outbox_message_status_seq_idx";

-- CreateIndex
CREATE INDEX "inbound_event_pending_seq_idx" ON "inbound_event"("seq") WHERE (status = 'pending'::text);

-- CreateIndex
CREATE INDEX "inbound_event_processing_lease_idx" ON "inbound_event"("locked_until") WHERE (status = 'processing'::text);

-- CreateIndex
CREATE INDEX "outbox_message_pending_seq_idx" ON "outbox_message"("seq") WHERE (status = 'pending'::text);

-- CreateIndex
CREATE INDEX "outbox_message_processing_lease_idx" ON "outbox_message"("locked_until") WHERE (status = 'processing'::text);
