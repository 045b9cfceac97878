-- CreateTable
CREATE TABLE "directory_entry" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL,
    "hours_vi" TEXT NOT NULL DEFAULT '',
    "hours_en" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "offers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "managed_by" TEXT NOT NULL DEFAULT 'seed',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "directory_entry_area_code_idx" ON "directory_entry"("area_code");
