-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "ackExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "ackReason" TEXT,
ADD COLUMN     "acknowledgedAt" TIMESTAMPTZ(3),
ADD COLUMN     "disposition" TEXT,
ADD COLUMN     "incidentId" UUID,
ADD COLUMN     "resolvedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "ruleIds" TEXT[],
    "entityType" TEXT,
    "entityValue" TEXT,
    "reason" TEXT NOT NULL,
    "alertId" UUID,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "liftedAt" TIMESTAMPTZ(3),
    "hits" INTEGER NOT NULL DEFAULT 0,
    "lastHitAt" TIMESTAMPTZ(3),

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "severity" TEXT NOT NULL,
    "owner" TEXT,
    "summary" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDestination" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "urlSealed" TEXT NOT NULL,
    "urlHint" TEXT NOT NULL,
    "minSeverity" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationDestination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "destinationId" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT,
    "responseStatus" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Suppression_orgId_expiresAt_idx" ON "Suppression"("orgId", "expiresAt");

-- CreateIndex
CREATE INDEX "Incident_orgId_status_updatedAt_idx" ON "Incident"("orgId", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_status_nextAttemptAt_idx" ON "NotificationDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_orgId_createdAt_idx" ON "NotificationDelivery"("orgId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDelivery_destinationId_alertId_key" ON "NotificationDelivery"("destinationId", "alertId");

-- CreateIndex
CREATE INDEX "Alert_orgId_createdAt_idx" ON "Alert"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_incidentId_idx" ON "Alert"("orgId", "incidentId");
