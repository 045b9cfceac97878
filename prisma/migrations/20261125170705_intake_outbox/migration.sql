-- CreateTable
CREATE TABLE "channel_user" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "reference" TEXT,
    "last_inbound_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_event" (
    "seq" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "lane_key" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMP(3),
    "last_error" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "inbound_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "seq" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "lane_key" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'reply',
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMP(3),
    "last_error" TEXT,
    "platform_message_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "inbound_event_status_lane_key_seq_idx" ON "inbound_event"("status", "lane_key", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_event_channel_dedupe_key_key" ON "inbound_event"("channel", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_dedupe_key_key" ON "outbox_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_message_status_lane_key_seq_idx" ON "outbox_message"("status", "lane_key", "seq");
