-- Trigram matching for the free-text search (q) of the alerts list.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "Alert_orgId_createdAt_idx";

-- DropIndex
DROP INDEX "Alert_orgId_entityType_entityValue_idx";

-- DropIndex
DROP INDEX "Alert_orgId_status_lastSeenAt_idx";

-- CreateIndex
CREATE INDEX "Alert_list_lastSeen_idx" ON "Alert"("orgId", "lastSeenAt", "id", "ruleId", "count");

-- CreateIndex
CREATE INDEX "Alert_list_created_idx" ON "Alert"("orgId", "createdAt", "id", "severity", "acknowledgedAt", "resolvedAt");

-- CreateIndex
CREATE INDEX "Alert_list_score_idx" ON "Alert"("orgId", "score", "id");

-- CreateIndex
CREATE INDEX "Alert_list_status_idx" ON "Alert"("orgId", "status", "lastSeenAt", "id", "severity");

-- CreateIndex
CREATE INDEX "Alert_list_rule_idx" ON "Alert"("orgId", "ruleId", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Alert_list_entity_idx" ON "Alert"("orgId", "entityValue", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Alert_list_assignee_idx" ON "Alert"("orgId", "assignee", "lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Alert_orgId_updatedAt_idx" ON "Alert"("orgId", "updatedAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_firstSeenAt_idx" ON "Alert"("orgId", "firstSeenAt");

-- CreateIndex
CREATE INDEX "Alert_search_trgm_idx" ON "Alert" USING GIN ("title" gin_trgm_ops, "entityValue" gin_trgm_ops, "ruleId" gin_trgm_ops);
