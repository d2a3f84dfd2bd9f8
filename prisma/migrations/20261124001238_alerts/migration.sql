-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "groupKey" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "assignee" TEXT,
    "entityType" TEXT NOT NULL,
    "entityValue" TEXT NOT NULL,
    "techniques" TEXT[],
    "count" INTEGER NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "breakdown" JSONB NOT NULL,
    "eventIds" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_orgId_groupKey_lastSeenAt_idx" ON "Alert"("orgId", "groupKey", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_status_lastSeenAt_idx" ON "Alert"("orgId", "status", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_entityType_entityValue_idx" ON "Alert"("orgId", "entityType", "entityValue");
