-- CreateEnum
CREATE TYPE "report_outcome" AS ENUM ('criticised', 'fined', 'prosecuted', 'counselled_psychological', 'counselled_legal', 'counselled_health', 'counselled_vocational', 'referred_shelter');

-- AlterTable
ALTER TABLE "handoff_session" ADD COLUMN     "first_reply_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "meeting" ADD COLUMN     "attendance" INTEGER;

-- AlterTable
ALTER TABLE "reports" ADD COLUMN     "closed_at" TIMESTAMP(3),
ADD COLUMN     "outcomes" "report_outcome"[],
ALTER COLUMN "details_sealed" DROP NOT NULL;

-- CreateTable
CREATE TABLE "legal_topic_count" (
    "day" DATE NOT NULL,
    "topic" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "legal_topic_count_pkey" PRIMARY KEY ("day","topic")
);

-- Reports closed before this migration start their retention clock at their last change.
UPDATE "reports" SET "closed_at" = "updated_at" WHERE "status" = 'closed';

-- The first counselor reply of earlier conversations, from their transcripts.
UPDATE "handoff_session" s SET "first_reply_at" = m.first_at
  FROM (SELECT "session_id", min("created_at") AS first_at FROM "handoff_message" WHERE "kind" = 'counselor' GROUP BY "session_id") m
  WHERE m."session_id" = s."id";
