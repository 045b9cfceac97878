-- CreateIndex
CREATE INDEX "inbound_event_unfinished_lane_idx" ON "inbound_event"("lane_key", "seq") WHERE (status = ANY (ARRAY['pending'::text, 'processing'::text]));

-- CreateIndex
CREATE INDEX "outbox_message_unfinished_lane_idx" ON "outbox_message"("lane_key", "seq") WHERE (status = ANY (ARRAY['pending'::text, 'processing'::text]));
