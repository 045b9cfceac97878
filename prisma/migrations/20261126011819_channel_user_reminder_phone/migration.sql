-- AlterTable
ALTER TABLE "channel_user" ADD COLUMN     "reminder_phone" TEXT;
