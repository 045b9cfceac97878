-- CreateIndex
CREATE INDEX "inbound_event_status_next_attempt_at_idx" ON "inbound_event"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_message_status_next_attempt_at_idx" ON "outbox_message"("status", "next_attempt_at");
