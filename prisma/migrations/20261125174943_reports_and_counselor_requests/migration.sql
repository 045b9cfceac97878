-- CreateEnum
CREATE TYPE "affected_person" AS ENUM ('self', 'child', 'elderly', 'acquaintance', 'other');

-- CreateEnum
CREATE TYPE "violence_kind" AS ENUM ('physical', 'mental', 'sexual', 'economic', 'isolation', 'forced', 'other');

-- CreateEnum
CREATE TYPE "report_urgency" AS ENUM ('immediate', 'ongoing', 'past', 'unknown');

-- CreateEnum
CREATE TYPE "report_status" AS ENUM ('received', 'in_progress', 'referred_police', 'referred_health', 'referred_legal_aid', 'closed');

-- CreateEnum
CREATE TYPE "contact_consent" AS ENUM ('none', 'phone', 'chat');

-- CreateEnum
CREATE TYPE "counselor_request_priority" AS ENUM ('urgent', 'normal');

-- CreateEnum
CREATE TYPE "counselor_request_status" AS ENUM ('open', 'taken', 'closed');

-- CreateTable
CREATE TABLE "reports" (
    "id" UUID NOT NULL,
    "code" VARCHAR(8) NOT NULL,
    "reporter_pseudonym" TEXT,
    "channel" TEXT,
    "affected" "affected_person",
    "kinds" "violence_kind"[],
    "province_code" TEXT,
    "district_code" TEXT,
    "commune_code" TEXT,
    "routed_area_code" TEXT NOT NULL,
    "urgency" "report_urgency" NOT NULL,
    "status" "report_status" NOT NULL DEFAULT 'received',
    "details_sealed" TEXT NOT NULL,
    "contact_consent" "contact_consent" NOT NULL DEFAULT 'none',
    "contact_sealed" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_additions" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "text_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_additions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "counselor_requests" (
    "id" UUID NOT NULL,
    "pseudonym" TEXT,
    "channel" TEXT NOT NULL,
    "priority" "counselor_request_priority" NOT NULL,
    "reason" TEXT NOT NULL,
    "routed_area_code" TEXT NOT NULL,
    "conversation_sealed" TEXT,
    "status" "counselor_request_status" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "counselor_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reports_code_key" ON "reports"("code");

-- CreateIndex
CREATE INDEX "reports_routed_area_code_status_created_at_idx" ON "reports"("routed_area_code", "status", "created_at");

-- CreateIndex
CREATE INDEX "reports_reporter_pseudonym_idx" ON "reports"("reporter_pseudonym");

-- CreateIndex
CREATE INDEX "report_additions_report_id_created_at_idx" ON "report_additions"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "counselor_requests_routed_area_code_status_created_at_idx" ON "counselor_requests"("routed_area_code", "status", "created_at");

-- CreateIndex
CREATE INDEX "counselor_requests_pseudonym_idx" ON "counselor_requests"("pseudonym");

-- AddForeignKey
ALTER TABLE "report_additions" ADD CONSTRAINT "report_additions_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
