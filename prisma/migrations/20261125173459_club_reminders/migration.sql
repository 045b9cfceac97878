-- CreateTable
CREATE TABLE "club" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "province" TEXT NOT NULL DEFAULT '',
    "district" TEXT NOT NULL DEFAULT '',
    "commune" TEXT NOT NULL DEFAULT '',
    "village" TEXT NOT NULL DEFAULT '',
    "day_of_month" INTEGER,
    "week_of_month" INTEGER,
    "weekday" INTEGER,
    "every_months" INTEGER NOT NULL DEFAULT 1,
    "anchor_month" TEXT NOT NULL,
    "meeting_time" TEXT NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "organiser_contact" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "club_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting" (
    "id" SERIAL NOT NULL,
    "club_id" INTEGER NOT NULL,
    "rule_date" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "topic" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "club_subscription" (
    "id" SERIAL NOT NULL,
    "club_id" INTEGER NOT NULL,
    "channel_user_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "club_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "club_member" (
    "id" SERIAL NOT NULL,
    "club_id" INTEGER NOT NULL,
    "member_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "club_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_round" (
    "meeting_id" INTEGER NOT NULL,
    "offset_key" TEXT NOT NULL,
    "materialised_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_round_pkey" PRIMARY KEY ("meeting_id","offset_key")
);

-- CreateTable
CREATE TABLE "reminder" (
    "id" BIGSERIAL NOT NULL,
    "meeting_id" INTEGER NOT NULL,
    "channel_user_id" TEXT NOT NULL,
    "offset_key" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "skip_reason" TEXT,
    "locked_until" TIMESTAMP(3),
    "outbox_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMP(3),

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_rsvp" (
    "meeting_id" INTEGER NOT NULL,
    "channel_user_id" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "answered_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_rsvp_pkey" PRIMARY KEY ("meeting_id","channel_user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "club_code_key" ON "club"("code");

-- CreateIndex
CREATE INDEX "meeting_starts_at_idx" ON "meeting"("starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_club_id_rule_date_key" ON "meeting"("club_id", "rule_date");

-- CreateIndex
CREATE INDEX "club_subscription_channel_user_id_idx" ON "club_subscription"("channel_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "club_subscription_club_id_channel_user_id_key" ON "club_subscription"("club_id", "channel_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "club_member_club_id_member_key_key" ON "club_member"("club_id", "member_key");

-- CreateIndex
CREATE INDEX "reminder_status_due_at_idx" ON "reminder"("status", "due_at");

-- CreateIndex
CREATE INDEX "reminder_channel_user_id_idx" ON "reminder"("channel_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_meeting_id_channel_user_id_offset_key_key" ON "reminder"("meeting_id", "channel_user_id", "offset_key");

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "club_subscription" ADD CONSTRAINT "club_subscription_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "club_member" ADD CONSTRAINT "club_member_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
