-- CreateTable
CREATE TABLE "RegionalEscalation" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "regionId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgeBy" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "assignedToId" UUID,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" UUID,
    "outcome" TEXT,
    "escalatedAt" TIMESTAMPTZ(3),
    "escalatedById" UUID,
    "onwardContact" TEXT,
    "onwardReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RegionalEscalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionalEscalationNote" (
    "id" UUID NOT NULL,
    "escalationId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RegionalEscalationNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegionalEscalation_regionId_status_acknowledgeBy_idx" ON "RegionalEscalation"("regionId", "status", "acknowledgeBy");

-- CreateIndex
CREATE UNIQUE INDEX "RegionalEscalation_referralId_reason_key" ON "RegionalEscalation"("referralId", "reason");

-- CreateIndex
CREATE INDEX "RegionalEscalationNote_escalationId_at_idx" ON "RegionalEscalationNote"("escalationId", "at");

-- AddForeignKey
ALTER TABLE "RegionalEscalationNote" ADD CONSTRAINT "RegionalEscalationNote_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "RegionalEscalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
