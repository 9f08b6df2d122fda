-- CreateEnum
CREATE TYPE "InteractionOutcome" AS ENUM ('INFORMATION_GIVEN', 'SUPPORT_ARRANGED', 'REFERRED', 'FOLLOW_UP_NEEDED', 'NO_FURTHER_ACTION');

-- CreateEnum
CREATE TYPE "WeeklyReportStatus" AS ENUM ('SUBMITTED');

-- CreateEnum
CREATE TYPE "FundLedgerKind" AS ENUM ('ALLOCATION', 'GRANT');

-- CreateEnum
CREATE TYPE "GrantNeedCategory" AS ENUM ('RENT_ARREARS', 'MEDICAL_DOCTORS_BILL', 'MEDICAL_PRESCRIPTION', 'UTILITY_PHONE', 'UTILITY_INTERNET_OR_DATA', 'UTILITY_POWER', 'HOUSEHOLD_CLOTHING', 'HOUSEHOLD_BLANKETS', 'HOUSEHOLD_BEDDING', 'TRANSPORT_MEDICAL_APPOINTMENT', 'TRANSPORT_DELIVERY_OR_COLLECTION', 'EDUCATION_ACTIVITY_PACK', 'FOOD', 'VEHICLE_PURCHASE', 'CIGARETTES_OR_ALCOHOL');

-- CreateEnum
CREATE TYPE "GrantRequestStatus" AS ENUM ('APPROVED', 'REFUSED');

-- CreateTable
CREATE TABLE "Interaction" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedSameDay" BOOLEAN NOT NULL,
    "reportWeek" TEXT NOT NULL,
    "method" "ContactMethod" NOT NULL,
    "needCategories" TEXT[],
    "referredCategories" TEXT[],
    "outcome" "InteractionOutcome",
    "notes" TEXT,
    "regionCode" TEXT NOT NULL,
    "territorialAuthorityCode" TEXT,

    CONSTRAINT "Interaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklyReport" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "week" TEXT NOT NULL,
    "weekStart" TIMESTAMPTZ(3) NOT NULL,
    "status" "WeeklyReportStatus" NOT NULL DEFAULT 'SUBMITTED',
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedById" UUID NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL,
    "interactionCount" INTEGER NOT NULL,
    "grantCount" INTEGER NOT NULL,

    CONSTRAINT "WeeklyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorFund" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "allocatedCents" INTEGER NOT NULL DEFAULT 0,
    "balanceCents" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConnectorFund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundLedgerEntry" (
    "id" UUID NOT NULL,
    "fundId" UUID NOT NULL,
    "kind" "FundLedgerKind" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "balanceAfterCents" INTEGER NOT NULL,
    "grantRequestId" UUID,
    "byUserId" UUID NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FundLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantRequest" (
    "id" UUID NOT NULL,
    "fundId" UUID,
    "connectorId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "category" "GrantNeedCategory" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "checkWhatYouMightGetDone" BOOLEAN,
    "checkWhatYouMightGetOutcome" TEXT,
    "checkWhatYouMightGetAt" TIMESTAMPTZ(3),
    "caseManagerName" TEXT,
    "caseManagerConfirmedAt" TIMESTAMPTZ(3),
    "timeCriticalImperative" TEXT,
    "note" TEXT,
    "status" "GrantRequestStatus" NOT NULL,
    "basis" TEXT,
    "reasons" JSONB,
    "suggestion" TEXT,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "reportWeek" TEXT NOT NULL,

    CONSTRAINT "GrantRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Interaction_organisationId_reportWeek_idx" ON "Interaction"("organisationId", "reportWeek");

-- CreateIndex
CREATE INDEX "Interaction_connectorId_occurredAt_idx" ON "Interaction"("connectorId", "occurredAt");

-- CreateIndex
CREATE INDEX "Interaction_personId_idx" ON "Interaction"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyReport_organisationId_week_key" ON "WeeklyReport"("organisationId", "week");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectorFund_connectorId_key" ON "ConnectorFund"("connectorId");

-- CreateIndex
CREATE INDEX "ConnectorFund_organisationId_idx" ON "ConnectorFund"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "FundLedgerEntry_grantRequestId_key" ON "FundLedgerEntry"("grantRequestId");

-- CreateIndex
CREATE INDEX "FundLedgerEntry_fundId_at_idx" ON "FundLedgerEntry"("fundId", "at");

-- CreateIndex
CREATE INDEX "GrantRequest_organisationId_reportWeek_idx" ON "GrantRequest"("organisationId", "reportWeek");

-- CreateIndex
CREATE INDEX "GrantRequest_connectorId_decidedAt_idx" ON "GrantRequest"("connectorId", "decidedAt");

-- CreateIndex
CREATE INDEX "GrantRequest_personId_idx" ON "GrantRequest"("personId");

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReport" ADD CONSTRAINT "WeeklyReport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorFund" ADD CONSTRAINT "ConnectorFund_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundLedgerEntry" ADD CONSTRAINT "FundLedgerEntry_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "ConnectorFund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundLedgerEntry" ADD CONSTRAINT "FundLedgerEntry_grantRequestId_fkey" FOREIGN KEY ("grantRequestId") REFERENCES "GrantRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantRequest" ADD CONSTRAINT "GrantRequest_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "ConnectorFund"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantRequest" ADD CONSTRAINT "GrantRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
