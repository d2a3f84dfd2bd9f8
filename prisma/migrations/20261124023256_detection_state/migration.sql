-- CreateTable
CREATE TABLE "DetectionSettings" (
    "orgId" UUID NOT NULL,
    "paranoiaLevel" INTEGER NOT NULL DEFAULT 1,
    "inboundThreshold" INTEGER NOT NULL DEFAULT 5,
    "riskHalfLifeMinutes" INTEGER NOT NULL DEFAULT 60,
    "riskAlertThreshold" INTEGER NOT NULL DEFAULT 70,
    "autoBlockEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoBlockScore" INTEGER NOT NULL DEFAULT 90,
    "autoBlockMinutes" INTEGER NOT NULL DEFAULT 60,
    "blockedIpAction" TEXT NOT NULL DEFAULT 'reject',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DetectionSettings_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "RuleSetting" (
    "orgId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "threshold" INTEGER,
    "windowSeconds" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RuleSetting_pkey" PRIMARY KEY ("orgId","ruleId")
);

-- CreateTable
CREATE TABLE "CustomRule" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "yaml" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleStat" (
    "orgId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "hits" BIGINT NOT NULL DEFAULT 0,
    "lastHitAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RuleStat_pkey" PRIMARY KEY ("orgId","ruleId")
);

-- CreateTable
CREATE TABLE "EntityRisk" (
    "orgId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityValue" TEXT NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "categories" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "EntityRisk_pkey" PRIMARY KEY ("orgId","entityType","entityValue")
);

-- CreateTable
CREATE TABLE "EntityRiskSample" (
    "id" BIGSERIAL NOT NULL,
    "orgId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityValue" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "EntityRiskSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpBlock" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "ip" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "alertId" UUID,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "liftedAt" TIMESTAMPTZ(3),
    "liftedBy" TEXT,

    CONSTRAINT "IpBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomRule_orgId_ruleId_key" ON "CustomRule"("orgId", "ruleId");

-- CreateIndex
CREATE INDEX "EntityRisk_orgId_updatedAt_idx" ON "EntityRisk"("orgId", "updatedAt");

-- CreateIndex
CREATE INDEX "EntityRiskSample_orgId_entityType_entityValue_at_idx" ON "EntityRiskSample"("orgId", "entityType", "entityValue", "at");

-- CreateIndex
CREATE INDEX "IpBlock_orgId_ip_expiresAt_idx" ON "IpBlock"("orgId", "ip", "expiresAt");
