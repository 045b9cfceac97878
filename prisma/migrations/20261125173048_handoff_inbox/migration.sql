-- CreateTable
CREATE TABLE "handoff_session" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "area_code" TEXT,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "danger" BOOLEAN NOT NULL DEFAULT false,
    "danger_at" TIMESTAMP(3),
    "counselor_id" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "report_id" TEXT,
    "outcome" TEXT,
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "notice_sent_at" TIMESTAMP(3),
    "bot_resumed_at" TIMESTAMP(3),

    CONSTRAINT "handoff_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoff_message" (
    "seq" BIGSERIAL NOT NULL,
    "session_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "counselor_id" TEXT,
    "body" TEXT NOT NULL,
    "attachments" TEXT,
    "outbox_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "handoff_message_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "counselor" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'counselor',
    "area_codes" TEXT[],
    "province" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "counselor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_session" (
    "id" TEXT NOT NULL,
    "counselor_id" TEXT NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inbox_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempt" (
    "seq" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "seq" BIGSERIAL NOT NULL,
    "counselor_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "handoff_session_person_id_state_idx" ON "handoff_session"("person_id", "state");

-- CreateIndex
CREATE INDEX "handoff_session_state_area_code_idx" ON "handoff_session"("state", "area_code");

-- CreateIndex
CREATE INDEX "handoff_message_session_id_seq_idx" ON "handoff_message"("session_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "counselor_username_key" ON "counselor"("username");

-- CreateIndex
CREATE INDEX "inbox_session_expires_at_idx" ON "inbox_session"("expires_at");

-- CreateIndex
CREATE INDEX "login_attempt_account_at_idx" ON "login_attempt"("account", "at");

-- CreateIndex
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt"("ip", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");
