-- CreateTable
CREATE TABLE "meeting_change" (
    "id" BIGSERIAL NOT NULL,
    "meeting_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "old_starts_at" TIMESTAMP(3) NOT NULL,
    "old_place" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notices_enqueued_at" TIMESTAMP(3),

    CONSTRAINT "meeting_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "meeting_change_notices_enqueued_at_idx" ON "meeting_change"("notices_enqueued_at");

-- AddForeignKey
ALTER TABLE "meeting_change" ADD CONSTRAINT "meeting_change_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
