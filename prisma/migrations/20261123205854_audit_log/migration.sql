-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "targetLabel" TEXT,
    "outcome" TEXT NOT NULL,
    "sourceIp" TEXT,
    "userAgent" TEXT,
    "requestId" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "orgId" UUID NOT NULL,
    "lastSeq" BIGINT NOT NULL DEFAULT 0,
    "lastHash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "throughSeq" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "removed" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_orgId_at_idx" ON "AuditEntry"("orgId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_orgId_action_seq_idx" ON "AuditEntry"("orgId", "action", "seq");

-- CreateIndex
CREATE INDEX "AuditEntry_orgId_actorId_seq_idx" ON "AuditEntry"("orgId", "actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEntry_orgId_targetId_seq_idx" ON "AuditEntry"("orgId", "targetId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_orgId_seq_key" ON "AuditEntry"("orgId", "seq");

-- CreateIndex
CREATE INDEX "AuditCheckpoint_orgId_throughSeq_idx" ON "AuditCheckpoint"("orgId", "throughSeq");

-- Append-only: UPDATE, DELETE and TRUNCATE on audit entries are rejected, except inside a
-- transaction that has set securenet.audit_retention = 'on' (the audited retention job).
CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('securenet.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEntry_append_only_row"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"();

CREATE TRIGGER "AuditEntry_append_only_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_append_only"();
