-- CreateTable
CREATE TABLE "bot_state" (
    "key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "etag" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bot_state_pkey" PRIMARY KEY ("key")
);
