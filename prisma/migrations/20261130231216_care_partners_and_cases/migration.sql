-- CreateEnum
CREATE TYPE "S396Status" AS ENUM ('PREPARATION', 'READINESS', 'READINESS_REVIEWED', 'FINDINGS_DISCUSSED', 'RECOMMENDED', 'ENDORSED', 'APPROVED', 'IN_QUALITY_ASSURANCE', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "CareEscalationStatus" AS ENUM ('RAISED', 'ACKNOWLEDGED', 'ESCALATED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "FundingModelKind" AS ENUM ('FIXED', 'INDIVIDUALISED', 'DYNAMIC');

-- CreateEnum
CREATE TYPE "FundingRequestKind" AS ENUM ('AD_HOC', 'ADDITIONAL_SUPPORT_RATE');

-- CreateEnum
CREATE TYPE "FundingRequestStatus" AS ENUM ('REQUESTED', 'APPROVED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "SharedCaseStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "S396Application" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "status" "S396Status" NOT NULL DEFAULT 'PREPARATION',
    "step" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "startedById" UUID NOT NULL,
    "reviewFindings" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,
    "findingsNotes" TEXT,
    "findingsDiscussedAt" TIMESTAMPTZ(3),
    "findingsDiscussedById" UUID,
    "recommendation" TEXT,
    "recommendationRationale" TEXT,
    "recommendedAt" TIMESTAMPTZ(3),
    "recommendedById" UUID,
    "endorsementNote" TEXT,
    "endorsedAt" TIMESTAMPTZ(3),
    "endorsedById" UUID,
    "decisionOutcome" TEXT,
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "qualityAssuranceFrom" TIMESTAMPTZ(3),
    "withdrawalReason" TEXT,
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawnById" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "S396Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "S396ReadinessEntry" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "section" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID NOT NULL,

    CONSTRAINT "S396ReadinessEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "S396Event" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "fromStatus" "S396Status",
    "toStatus" "S396Status" NOT NULL,
    "note" TEXT,
    "section" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID NOT NULL,

    CONSTRAINT "S396Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "S396FundingAgreement" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID NOT NULL,

    CONSTRAINT "S396FundingAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityCycleItem" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "organisationId" UUID NOT NULL,
    "applicationId" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "dueBy" TIMESTAMPTZ(3) NOT NULL,
    "assignedRole" "Role" NOT NULL,
    "participants" TEXT[],
    "feedsReconfirmation" BOOLEAN NOT NULL DEFAULT false,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" UUID,
    "sourceId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualityCycleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareEscalation" (
    "id" UUID NOT NULL,
    "carePartnerOrganisationId" UUID NOT NULL,
    "involvedOrganisationIds" UUID[],
    "status" "CareEscalationStatus" NOT NULL DEFAULT 'RAISED',
    "concern" TEXT NOT NULL,
    "childRef" TEXT,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "raisedById" UUID NOT NULL,
    "raisedByOrganisationId" UUID NOT NULL,
    "acknowledgeBy" TIMESTAMPTZ(3) NOT NULL,
    "resolveBy" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "acknowledgementNote" TEXT,
    "escalatedAt" TIMESTAMPTZ(3),
    "escalatedById" UUID,
    "escalationReason" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" UUID,
    "resolution" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CareEscalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareEscalationEvent" (
    "id" UUID NOT NULL,
    "escalationId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "fromStatus" "CareEscalationStatus",
    "toStatus" "CareEscalationStatus" NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID NOT NULL,

    CONSTRAINT "CareEscalationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareAgreement" (
    "id" UUID NOT NULL,
    "carePartnerOrganisationId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "fundingModel" "FundingModelKind" NOT NULL,
    "fixedAmountCents" INTEGER,
    "fixedPer" TEXT,
    "individualChildRef" TEXT,
    "individualRatePerDayCents" INTEGER,
    "highNeedsServicesInput" JSONB,
    "generalSupportRateCents" INTEGER,
    "agreedAt" TIMESTAMPTZ(3) NOT NULL,
    "agreedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CareAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlacement" (
    "id" UUID NOT NULL,
    "careAgreementId" UUID NOT NULL,
    "childRef" TEXT NOT NULL,
    "from" TIMESTAMPTZ(3) NOT NULL,
    "to" TIMESTAMPTZ(3),
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarePlacement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingRequest" (
    "id" UUID NOT NULL,
    "careAgreementId" UUID NOT NULL,
    "carePartnerOrganisationId" UUID NOT NULL,
    "kind" "FundingRequestKind" NOT NULL,
    "childRef" TEXT,
    "amountCents" INTEGER,
    "incurredOn" DATE,
    "ratePerDayCents" INTEGER,
    "from" DATE,
    "to" DATE,
    "reason" TEXT NOT NULL,
    "status" "FundingRequestStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "requestedById" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "agreedCents" INTEGER,
    "decisionReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FundingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharedCase" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" "SharedCaseStatus" NOT NULL DEFAULT 'OPEN',
    "leadOrganisationId" UUID NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "openedById" UUID NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "closureReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SharedCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharedCaseMember" (
    "caseId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL,
    "addedById" UUID NOT NULL,

    CONSTRAINT "SharedCaseMember_pkey" PRIMARY KEY ("caseId","organisationId")
);

-- CreateTable
CREATE TABLE "SharedCaseOfficer" (
    "caseId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SharedCaseOfficer_pkey" PRIMARY KEY ("caseId","userId","organisationId")
);

-- CreateTable
CREATE TABLE "CaseDiscussion" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "heldAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedByOrganisationId" UUID NOT NULL,
    "attendeeUserIds" UUID[],
    "minutes" TEXT NOT NULL,
    "informationKinds" "InformationKind"[],

    CONSTRAINT "CaseDiscussion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAction" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "discussionId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "ownerUserId" UUID NOT NULL,
    "dueOn" DATE NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" UUID,

    CONSTRAINT "CaseAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAssessmentAnswer" (
    "caseId" UUID NOT NULL,
    "section" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredById" UUID NOT NULL,
    "answeredByOrganisationId" UUID NOT NULL,
    "revisions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseAssessmentAnswer_pkey" PRIMARY KEY ("caseId","section")
);

-- CreateTable
CREATE TABLE "SharedCaseReferral" (
    "caseId" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "linkedAt" TIMESTAMPTZ(3) NOT NULL,
    "linkedById" UUID NOT NULL,

    CONSTRAINT "SharedCaseReferral_pkey" PRIMARY KEY ("caseId","referralId")
);

-- CreateTable
CREATE TABLE "SharedCaseEvent" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID NOT NULL,
    "byOrganisationId" UUID NOT NULL,
    "note" TEXT,

    CONSTRAINT "SharedCaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "S396Application_organisationId_status_idx" ON "S396Application"("organisationId", "status");

-- CreateIndex
CREATE INDEX "S396Application_status_idx" ON "S396Application"("status");

-- CreateIndex
CREATE UNIQUE INDEX "S396ReadinessEntry_applicationId_section_key" ON "S396ReadinessEntry"("applicationId", "section");

-- CreateIndex
CREATE INDEX "S396Event_applicationId_at_idx" ON "S396Event"("applicationId", "at");

-- CreateIndex
CREATE INDEX "S396FundingAgreement_applicationId_idx" ON "S396FundingAgreement"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "QualityCycleItem_key_key" ON "QualityCycleItem"("key");

-- CreateIndex
CREATE INDEX "QualityCycleItem_organisationId_dueBy_idx" ON "QualityCycleItem"("organisationId", "dueBy");

-- CreateIndex
CREATE INDEX "QualityCycleItem_assignedRole_completedAt_dueBy_idx" ON "QualityCycleItem"("assignedRole", "completedAt", "dueBy");

-- CreateIndex
CREATE INDEX "CareEscalation_carePartnerOrganisationId_status_idx" ON "CareEscalation"("carePartnerOrganisationId", "status");

-- CreateIndex
CREATE INDEX "CareEscalation_status_acknowledgeBy_idx" ON "CareEscalation"("status", "acknowledgeBy");

-- CreateIndex
CREATE INDEX "CareEscalationEvent_escalationId_at_idx" ON "CareEscalationEvent"("escalationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "CareAgreement_carePartnerOrganisationId_reference_key" ON "CareAgreement"("carePartnerOrganisationId", "reference");

-- CreateIndex
CREATE INDEX "CarePlacement_careAgreementId_childRef_idx" ON "CarePlacement"("careAgreementId", "childRef");

-- CreateIndex
CREATE INDEX "FundingRequest_careAgreementId_status_idx" ON "FundingRequest"("careAgreementId", "status");

-- CreateIndex
CREATE INDEX "SharedCase_personId_idx" ON "SharedCase"("personId");

-- CreateIndex
CREATE INDEX "SharedCase_leadOrganisationId_status_idx" ON "SharedCase"("leadOrganisationId", "status");

-- CreateIndex
CREATE INDEX "SharedCaseMember_organisationId_idx" ON "SharedCaseMember"("organisationId");

-- CreateIndex
CREATE INDEX "SharedCaseOfficer_userId_idx" ON "SharedCaseOfficer"("userId");

-- CreateIndex
CREATE INDEX "CaseDiscussion_caseId_heldAt_idx" ON "CaseDiscussion"("caseId", "heldAt");

-- CreateIndex
CREATE INDEX "CaseAction_caseId_completedAt_dueOn_idx" ON "CaseAction"("caseId", "completedAt", "dueOn");

-- CreateIndex
CREATE INDEX "CaseAction_ownerUserId_completedAt_idx" ON "CaseAction"("ownerUserId", "completedAt");

-- CreateIndex
CREATE INDEX "SharedCaseEvent_caseId_at_idx" ON "SharedCaseEvent"("caseId", "at");

-- AddForeignKey
ALTER TABLE "S396Application" ADD CONSTRAINT "S396Application_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "S396ReadinessEntry" ADD CONSTRAINT "S396ReadinessEntry_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "S396Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "S396Event" ADD CONSTRAINT "S396Event_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "S396Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "S396FundingAgreement" ADD CONSTRAINT "S396FundingAgreement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "S396Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualityCycleItem" ADD CONSTRAINT "QualityCycleItem_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualityCycleItem" ADD CONSTRAINT "QualityCycleItem_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "S396Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareEscalation" ADD CONSTRAINT "CareEscalation_carePartnerOrganisationId_fkey" FOREIGN KEY ("carePartnerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareEscalationEvent" ADD CONSTRAINT "CareEscalationEvent_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "CareEscalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareAgreement" ADD CONSTRAINT "CareAgreement_carePartnerOrganisationId_fkey" FOREIGN KEY ("carePartnerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlacement" ADD CONSTRAINT "CarePlacement_careAgreementId_fkey" FOREIGN KEY ("careAgreementId") REFERENCES "CareAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingRequest" ADD CONSTRAINT "FundingRequest_careAgreementId_fkey" FOREIGN KEY ("careAgreementId") REFERENCES "CareAgreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCase" ADD CONSTRAINT "SharedCase_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCase" ADD CONSTRAINT "SharedCase_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCaseMember" ADD CONSTRAINT "SharedCaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCaseMember" ADD CONSTRAINT "SharedCaseMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCaseOfficer" ADD CONSTRAINT "SharedCaseOfficer_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDiscussion" ADD CONSTRAINT "CaseDiscussion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_discussionId_fkey" FOREIGN KEY ("discussionId") REFERENCES "CaseDiscussion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssessmentAnswer" ADD CONSTRAINT "CaseAssessmentAnswer_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCaseReferral" ADD CONSTRAINT "SharedCaseReferral_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCaseReferral" ADD CONSTRAINT "SharedCaseReferral_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedCaseEvent" ADD CONSTRAINT "SharedCaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SharedCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
