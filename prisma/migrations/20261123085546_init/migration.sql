-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('PROVIDER', 'AGENCY');

-- CreateEnum
CREATE TYPE "ServiceStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED');

-- CreateEnum
CREATE TYPE "CapacityStatus" AS ENUM ('ACCEPTING', 'WAITLIST', 'NO_CAPACITY');

-- CreateEnum
CREATE TYPE "DeliveryMode" AS ENUM ('IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH');

-- CreateEnum
CREATE TYPE "CulturalFocus" AS ENUM ('KAUPAPA_MAORI', 'PACIFIC', 'ETHNIC_COMMUNITIES');

-- CreateEnum
CREATE TYPE "LocationType" AS ENUM ('PHYSICAL', 'POSTAL', 'VIRTUAL');

-- CreateEnum
CREATE TYPE "ScheduleFrequency" AS ENUM ('WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "AccreditationScheme" AS ENUM ('MSD_SSAS', 'TE_KAHUI_KAHU', 'OT_S396');

-- CreateEnum
CREATE TYPE "AccreditationStatus" AS ENUM ('ACTIVE', 'PROVISIONAL', 'SUSPENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('COMMUNITY_CONNECTOR', 'PROVIDER_INTAKE', 'PROVIDER_ADMIN', 'TRIAGE_OFFICER', 'OT_OFFICER', 'REGIONAL_COMMISSIONER', 'REGIONAL_LEAD', 'QUALITY_HUB', 'QUALITY_MANAGER', 'DCE_MPC', 'BUDGET_MANAGER', 'NATIONAL_ADMIN');

-- CreateEnum
CREATE TYPE "InformationKind" AS ENUM ('CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('VERBAL', 'WRITTEN', 'DIGITAL');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'CANCELLED', 'REDIRECTED');

-- CreateEnum
CREATE TYPE "ReferralPriority" AS ENUM ('ROUTINE', 'URGENT');

-- CreateEnum
CREATE TYPE "ReferralOutcome" AS ENUM ('NEEDS_MET', 'PARTLY_MET', 'NOT_MET');

-- CreateEnum
CREATE TYPE "ReferralFailureReason" AS ENUM ('UNABLE_TO_CONTACT', 'PERSON_DECLINED_SERVICE');

-- CreateEnum
CREATE TYPE "ReferralEventType" AS ENUM ('CREATED', 'SENT', 'ACCEPTED', 'DECLINED', 'CONTACT_ATTEMPTED', 'STARTED', 'PUT_ON_HOLD', 'RESUMED', 'COMPLETED', 'FAILED', 'CANCELLED', 'REDIRECTED', 'ESCALATED', 'SLA_BREACHED', 'NOTE_ADDED');

-- CreateEnum
CREATE TYPE "ContactMethod" AS ENUM ('PHONE', 'TEXT', 'EMAIL', 'VISIT', 'VIDEO');

-- CreateEnum
CREATE TYPE "ContactResult" AS ENUM ('REACHED', 'NO_ANSWER', 'LEFT_MESSAGE', 'WRONG_DETAILS');

-- CreateTable
CREATE TABLE "Region" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "isoCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameMi" TEXT,
    "island" TEXT NOT NULL,
    "council" TEXT NOT NULL,
    "population" INTEGER,
    "landAreaKm2" INTEGER,
    "centroidLat" DOUBLE PRECISION NOT NULL,
    "centroidLng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerritorialAuthority" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameAscii" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "regionId" UUID NOT NULL,
    "otherRegionCodes" TEXT[],
    "population" INTEGER,

    CONSTRAINT "TerritorialAuthority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "kind" "OrganisationKind" NOT NULL DEFAULT 'PROVIDER',
    "code" TEXT,
    "name" TEXT NOT NULL,
    "alternateName" TEXT,
    "description" TEXT NOT NULL,
    "email" TEXT,
    "website" TEXT,
    "legalStatus" TEXT,
    "yearIncorporated" INTEGER,
    "logoUrl" TEXT,
    "lastVerifiedAt" TIMESTAMPTZ(3),
    "lastVerifiedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationIdentifier" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "identifierScheme" TEXT,
    "identifierType" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,

    CONSTRAINT "OrganisationIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "alternateName" TEXT,
    "description" TEXT NOT NULL,
    "url" TEXT,
    "email" TEXT,
    "status" "ServiceStatus" NOT NULL DEFAULT 'ACTIVE',
    "interpretationServices" TEXT,
    "applicationProcess" TEXT,
    "feesDescription" TEXT,
    "freeOfCharge" BOOLEAN NOT NULL DEFAULT true,
    "eligibilityDescription" TEXT,
    "minimumAge" INTEGER,
    "maximumAge" INTEGER,
    "alert" TEXT,
    "capacityStatus" "CapacityStatus" NOT NULL DEFAULT 'ACCEPTING',
    "capacityUpdatedAt" TIMESTAMPTZ(3),
    "deliveryModes" "DeliveryMode"[],
    "culturalFocus" "CulturalFocus"[],
    "nationwide" BOOLEAN NOT NULL DEFAULT false,
    "lastVerifiedAt" TIMESTAMPTZ(3),
    "lastVerifiedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Taxonomy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "uri" TEXT,
    "version" TEXT,

    CONSTRAINT "Taxonomy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxonomyTerm" (
    "id" UUID NOT NULL,
    "taxonomyId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameMi" TEXT,
    "description" TEXT,
    "groupCode" TEXT,
    "parentId" UUID,
    "equivalentTermId" UUID,
    "language" TEXT,
    "termUri" TEXT,

    CONSTRAINT "TaxonomyTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceTaxonomyTerm" (
    "serviceId" UUID NOT NULL,
    "taxonomyTermId" UUID NOT NULL,

    CONSTRAINT "ServiceTaxonomyTerm_pkey" PRIMARY KEY ("serviceId","taxonomyTermId")
);

-- CreateTable
CREATE TABLE "Location" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "locationType" "LocationType" NOT NULL DEFAULT 'PHYSICAL',
    "name" TEXT NOT NULL,
    "alternateName" TEXT,
    "description" TEXT,
    "transportation" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "suburb" TEXT,
    "city" TEXT,
    "postcode" TEXT,
    "regionId" UUID NOT NULL,
    "territorialAuthorityId" UUID,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAtLocation" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "description" TEXT,

    CONSTRAINT "ServiceAtLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceArea" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "regionId" UUID,
    "territorialAuthorityId" UUID,
    "name" TEXT,
    "description" TEXT,

    CONSTRAINT "ServiceArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" UUID NOT NULL,
    "organisationId" UUID,
    "serviceId" UUID,
    "locationId" UUID,
    "serviceAtLocationId" UUID,
    "name" TEXT,
    "title" TEXT,
    "department" TEXT,
    "email" TEXT,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Phone" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "extension" TEXT,
    "type" TEXT,
    "description" TEXT,
    "organisationId" UUID,
    "serviceId" UUID,
    "locationId" UUID,
    "serviceAtLocationId" UUID,
    "contactId" UUID,

    CONSTRAINT "Phone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" UUID NOT NULL,
    "serviceId" UUID,
    "locationId" UUID,
    "serviceAtLocationId" UUID,
    "validFrom" DATE,
    "validTo" DATE,
    "dtstart" DATE,
    "timezone" TEXT NOT NULL DEFAULT 'Pacific/Auckland',
    "until" DATE,
    "count" INTEGER,
    "freq" "ScheduleFrequency" DEFAULT 'WEEKLY',
    "interval" INTEGER,
    "byday" TEXT,
    "bymonthday" TEXT,
    "opensAt" TEXT,
    "closesAt" TEXT,
    "description" TEXT,
    "attendingType" TEXT,
    "notes" TEXT,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Language" (
    "id" UUID NOT NULL,
    "serviceId" UUID,
    "locationId" UUID,
    "phoneId" UUID,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "Language_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostOption" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "validFrom" DATE,
    "validTo" DATE,
    "option" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'NZD',
    "amountCents" INTEGER,
    "amountDescription" TEXT,

    CONSTRAINT "CostOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Accessibility" (
    "id" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "description" TEXT,
    "details" TEXT,
    "url" TEXT,

    CONSTRAINT "Accessibility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Accreditation" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "scheme" "AccreditationScheme" NOT NULL,
    "level" INTEGER,
    "status" "AccreditationStatus" NOT NULL DEFAULT 'ACTIVE',
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),
    "evidenceNote" TEXT,
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Accreditation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequiredAccreditation" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "scheme" "AccreditationScheme" NOT NULL,
    "minimumLevel" INTEGER,

    CONSTRAINT "RequiredAccreditation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMPTZ(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "regionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT,
    "preferredName" TEXT,
    "dateOfBirth" DATE,
    "phone" TEXT,
    "email" TEXT,
    "addressLine" TEXT,
    "regionId" UUID NOT NULL,
    "territorialAuthorityId" UUID,
    "needsSummary" TEXT,
    "recordedByOrganisationId" UUID NOT NULL,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WhanauMember" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "dateOfBirth" DATE,
    "dependent" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,

    CONSTRAINT "WhanauMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "informationKinds" "InformationKind"[],
    "method" "ConsentMethod" NOT NULL,
    "selfReferral" BOOLEAN NOT NULL DEFAULT false,
    "recordedById" UUID NOT NULL,
    "recordedByOrganisationId" UUID NOT NULL,
    "givenAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawnById" UUID,
    "withdrawalReason" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentRecipient" (
    "consentId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,

    CONSTRAINT "ConsentRecipient_pkey" PRIMARY KEY ("consentId","organisationId")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "fromOrganisationId" UUID NOT NULL,
    "senderId" UUID NOT NULL,
    "toOrganisationId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "categoryTermId" UUID,
    "status" "ReferralStatus" NOT NULL DEFAULT 'DRAFT',
    "priority" "ReferralPriority" NOT NULL DEFAULT 'ROUTINE',
    "sharedInformationKinds" "InformationKind"[],
    "needsSummary" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "respondBy" TIMESTAMPTZ(3),
    "respondedAt" TIMESTAMPTZ(3),
    "declineReason" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "outcome" "ReferralOutcome",
    "failureReason" "ReferralFailureReason",
    "cancelReason" TEXT,
    "escalatedAt" TIMESTAMPTZ(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "routingOverrideReason" TEXT,
    "routingOverrideById" UUID,
    "redirectedFromId" UUID,
    "idempotencyKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralEvent" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "type" "ReferralEventType" NOT NULL,
    "fromStatus" "ReferralStatus",
    "toStatus" "ReferralStatus",
    "actorId" UUID,
    "actorOrganisationId" UUID,
    "note" TEXT,
    "data" JSONB,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactAttempt" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "attemptNumber" INTEGER NOT NULL,
    "method" "ContactMethod" NOT NULL,
    "result" "ContactResult" NOT NULL,
    "note" TEXT,
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRecord" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "referralId" UUID,
    "consentId" UUID,
    "purpose" TEXT NOT NULL,
    "fields" TEXT[],
    "accessedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditRecord" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorOrganisationId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "data" JSONB,
    "requestId" TEXT,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "aggregateId" TEXT,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "processedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Region_isoCode_key" ON "Region"("isoCode");

-- CreateIndex
CREATE UNIQUE INDEX "Region_name_key" ON "Region"("name");

-- CreateIndex
CREATE UNIQUE INDEX "TerritorialAuthority_code_key" ON "TerritorialAuthority"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TerritorialAuthority_name_key" ON "TerritorialAuthority"("name");

-- CreateIndex
CREATE INDEX "TerritorialAuthority_regionId_idx" ON "TerritorialAuthority"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");

-- CreateIndex
CREATE INDEX "Organisation_name_idx" ON "Organisation"("name");

-- CreateIndex
CREATE INDEX "Organisation_updatedAt_idx" ON "Organisation"("updatedAt");

-- CreateIndex
CREATE INDEX "OrganisationIdentifier_organisationId_idx" ON "OrganisationIdentifier"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationIdentifier_identifierType_identifier_key" ON "OrganisationIdentifier"("identifierType", "identifier");

-- CreateIndex
CREATE INDEX "Service_organisationId_idx" ON "Service"("organisationId");

-- CreateIndex
CREATE INDEX "Service_status_capacityStatus_idx" ON "Service"("status", "capacityStatus");

-- CreateIndex
CREATE INDEX "Service_updatedAt_idx" ON "Service"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Taxonomy_name_key" ON "Taxonomy"("name");

-- CreateIndex
CREATE INDEX "TaxonomyTerm_parentId_idx" ON "TaxonomyTerm"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "TaxonomyTerm_taxonomyId_code_key" ON "TaxonomyTerm"("taxonomyId", "code");

-- CreateIndex
CREATE INDEX "ServiceTaxonomyTerm_taxonomyTermId_idx" ON "ServiceTaxonomyTerm"("taxonomyTermId");

-- CreateIndex
CREATE INDEX "Location_organisationId_idx" ON "Location"("organisationId");

-- CreateIndex
CREATE INDEX "Location_regionId_idx" ON "Location"("regionId");

-- CreateIndex
CREATE INDEX "Location_territorialAuthorityId_idx" ON "Location"("territorialAuthorityId");

-- CreateIndex
CREATE INDEX "ServiceAtLocation_locationId_idx" ON "ServiceAtLocation"("locationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAtLocation_serviceId_locationId_key" ON "ServiceAtLocation"("serviceId", "locationId");

-- CreateIndex
CREATE INDEX "ServiceArea_serviceId_idx" ON "ServiceArea"("serviceId");

-- CreateIndex
CREATE INDEX "ServiceArea_regionId_idx" ON "ServiceArea"("regionId");

-- CreateIndex
CREATE INDEX "ServiceArea_territorialAuthorityId_idx" ON "ServiceArea"("territorialAuthorityId");

-- CreateIndex
CREATE INDEX "Contact_organisationId_idx" ON "Contact"("organisationId");

-- CreateIndex
CREATE INDEX "Contact_serviceId_idx" ON "Contact"("serviceId");

-- CreateIndex
CREATE INDEX "Phone_organisationId_idx" ON "Phone"("organisationId");

-- CreateIndex
CREATE INDEX "Phone_serviceId_idx" ON "Phone"("serviceId");

-- CreateIndex
CREATE INDEX "Phone_locationId_idx" ON "Phone"("locationId");

-- CreateIndex
CREATE INDEX "Schedule_serviceId_idx" ON "Schedule"("serviceId");

-- CreateIndex
CREATE INDEX "Schedule_locationId_idx" ON "Schedule"("locationId");

-- CreateIndex
CREATE INDEX "Language_serviceId_idx" ON "Language"("serviceId");

-- CreateIndex
CREATE INDEX "Language_code_idx" ON "Language"("code");

-- CreateIndex
CREATE INDEX "CostOption_serviceId_idx" ON "CostOption"("serviceId");

-- CreateIndex
CREATE INDEX "Accessibility_locationId_idx" ON "Accessibility"("locationId");

-- CreateIndex
CREATE INDEX "Accreditation_organisationId_scheme_idx" ON "Accreditation"("organisationId", "scheme");

-- CreateIndex
CREATE INDEX "Accreditation_scheme_validTo_idx" ON "Accreditation"("scheme", "validTo");

-- CreateIndex
CREATE UNIQUE INDEX "RequiredAccreditation_serviceId_scheme_key" ON "RequiredAccreditation"("serviceId", "scheme");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_organisationId_idx" ON "Membership"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organisationId_role_key" ON "Membership"("userId", "organisationId", "role");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Person_recordedByOrganisationId_idx" ON "Person"("recordedByOrganisationId");

-- CreateIndex
CREATE INDEX "Person_regionId_idx" ON "Person"("regionId");

-- CreateIndex
CREATE INDEX "WhanauMember_personId_idx" ON "WhanauMember"("personId");

-- CreateIndex
CREATE INDEX "Consent_personId_idx" ON "Consent"("personId");

-- CreateIndex
CREATE INDEX "ConsentRecipient_organisationId_idx" ON "ConsentRecipient"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_reference_key" ON "Referral"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_redirectedFromId_key" ON "Referral"("redirectedFromId");

-- CreateIndex
CREATE INDEX "Referral_toOrganisationId_status_idx" ON "Referral"("toOrganisationId", "status");

-- CreateIndex
CREATE INDEX "Referral_fromOrganisationId_status_idx" ON "Referral"("fromOrganisationId", "status");

-- CreateIndex
CREATE INDEX "Referral_status_respondBy_idx" ON "Referral"("status", "respondBy");

-- CreateIndex
CREATE INDEX "Referral_personId_idx" ON "Referral"("personId");

-- CreateIndex
CREATE INDEX "Referral_sentAt_idx" ON "Referral"("sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_fromOrganisationId_idempotencyKey_key" ON "Referral"("fromOrganisationId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ReferralEvent_referralId_occurredAt_idx" ON "ReferralEvent"("referralId", "occurredAt");

-- CreateIndex
CREATE INDEX "ReferralEvent_type_occurredAt_idx" ON "ReferralEvent"("type", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContactAttempt_referralId_attemptNumber_key" ON "ContactAttempt"("referralId", "attemptNumber");

-- CreateIndex
CREATE INDEX "AccessRecord_personId_accessedAt_idx" ON "AccessRecord"("personId", "accessedAt");

-- CreateIndex
CREATE INDEX "AccessRecord_userId_accessedAt_idx" ON "AccessRecord"("userId", "accessedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_seq_key" ON "AuditRecord"("seq");

-- CreateIndex
CREATE INDEX "AuditRecord_entityType_entityId_idx" ON "AuditRecord"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditRecord_actorId_occurredAt_idx" ON "AuditRecord"("actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_processedAt_availableAt_idx" ON "OutboxMessage"("processedAt", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_topic_idx" ON "OutboxMessage"("topic");

-- AddForeignKey
ALTER TABLE "TerritorialAuthority" ADD CONSTRAINT "TerritorialAuthority_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationIdentifier" ADD CONSTRAINT "OrganisationIdentifier_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxonomyTerm" ADD CONSTRAINT "TaxonomyTerm_taxonomyId_fkey" FOREIGN KEY ("taxonomyId") REFERENCES "Taxonomy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxonomyTerm" ADD CONSTRAINT "TaxonomyTerm_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "TaxonomyTerm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxonomyTerm" ADD CONSTRAINT "TaxonomyTerm_equivalentTermId_fkey" FOREIGN KEY ("equivalentTermId") REFERENCES "TaxonomyTerm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceTaxonomyTerm" ADD CONSTRAINT "ServiceTaxonomyTerm_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceTaxonomyTerm" ADD CONSTRAINT "ServiceTaxonomyTerm_taxonomyTermId_fkey" FOREIGN KEY ("taxonomyTermId") REFERENCES "TaxonomyTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_territorialAuthorityId_fkey" FOREIGN KEY ("territorialAuthorityId") REFERENCES "TerritorialAuthority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAtLocation" ADD CONSTRAINT "ServiceAtLocation_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAtLocation" ADD CONSTRAINT "ServiceAtLocation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceArea" ADD CONSTRAINT "ServiceArea_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceArea" ADD CONSTRAINT "ServiceArea_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceArea" ADD CONSTRAINT "ServiceArea_territorialAuthorityId_fkey" FOREIGN KEY ("territorialAuthorityId") REFERENCES "TerritorialAuthority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_serviceAtLocationId_fkey" FOREIGN KEY ("serviceAtLocationId") REFERENCES "ServiceAtLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_serviceAtLocationId_fkey" FOREIGN KEY ("serviceAtLocationId") REFERENCES "ServiceAtLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phone" ADD CONSTRAINT "Phone_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_serviceAtLocationId_fkey" FOREIGN KEY ("serviceAtLocationId") REFERENCES "ServiceAtLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Language" ADD CONSTRAINT "Language_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Language" ADD CONSTRAINT "Language_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Language" ADD CONSTRAINT "Language_phoneId_fkey" FOREIGN KEY ("phoneId") REFERENCES "Phone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostOption" ADD CONSTRAINT "CostOption_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accessibility" ADD CONSTRAINT "Accessibility_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accreditation" ADD CONSTRAINT "Accreditation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequiredAccreditation" ADD CONSTRAINT "RequiredAccreditation_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_territorialAuthorityId_fkey" FOREIGN KEY ("territorialAuthorityId") REFERENCES "TerritorialAuthority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_recordedByOrganisationId_fkey" FOREIGN KEY ("recordedByOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WhanauMember" ADD CONSTRAINT "WhanauMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRecipient" ADD CONSTRAINT "ConsentRecipient_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRecipient" ADD CONSTRAINT "ConsentRecipient_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_fromOrganisationId_fkey" FOREIGN KEY ("fromOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_toOrganisationId_fkey" FOREIGN KEY ("toOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_categoryTermId_fkey" FOREIGN KEY ("categoryTermId") REFERENCES "TaxonomyTerm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_redirectedFromId_fkey" FOREIGN KEY ("redirectedFromId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralEvent" ADD CONSTRAINT "ReferralEvent_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactAttempt" ADD CONSTRAINT "ContactAttempt_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRecord" ADD CONSTRAINT "AccessRecord_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRecord" ADD CONSTRAINT "AccessRecord_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRecord" ADD CONSTRAINT "AccessRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRecord" ADD CONSTRAINT "AccessRecord_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;
