-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT,
    "category" TEXT[],
    "action" TEXT,
    "outcome" TEXT,
    "module" TEXT,
    "dataset" TEXT,
    "sourceIp" TEXT,
    "sourcePort" INTEGER,
    "destinationIp" TEXT,
    "destinationPort" INTEGER,
    "userName" TEXT,
    "hostName" TEXT,
    "urlOriginal" TEXT,
    "httpMethod" TEXT,
    "httpStatus" INTEGER,
    "userAgent" TEXT,
    "message" TEXT,
    "doc" JSONB NOT NULL,
    "apiKeyId" UUID,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_orgId_timestamp_idx" ON "Event"("orgId", "timestamp");

-- CreateIndex
CREATE INDEX "Event_orgId_sourceIp_timestamp_idx" ON "Event"("orgId", "sourceIp", "timestamp");

-- CreateIndex
CREATE INDEX "Event_orgId_userName_timestamp_idx" ON "Event"("orgId", "userName", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "Event_orgId_eventId_key" ON "Event"("orgId", "eventId");
