-- AlterTable
ALTER TABLE "channel_user" ADD COLUMN     "bot_paused_until" TIMESTAMP(3),
ADD COLUMN     "opted_out_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "zalo_token" (
    "app_id" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "refresh_token" TEXT NOT NULL,
    "access_expires_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zalo_token_pkey" PRIMARY KEY ("app_id")
);
