-- CreateTable
CREATE TABLE "DetectionBacklog" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "eventIds" TEXT[],
    "pendingBlocks" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DetectionBacklog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DetectionBacklog_orgId_createdAt_idx" ON "DetectionBacklog"("orgId", "createdAt");
