-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "regionId" UUID,
ADD COLUMN     "territorialAuthorityId" UUID;

-- CreateIndex
CREATE INDEX "Referral_regionId_sentAt_idx" ON "Referral"("regionId", "sentAt");

-- CreateIndex
CREATE INDEX "Referral_coverage_flow_idx" ON "Referral"("sentAt", "regionId", "territorialAuthorityId", "categoryTermId", "fromOrganisationId", "status", "respondBy", "respondedAt", "escalatedAt", "outcome");

-- CreateIndex
CREATE INDEX "Service_lastVerifiedAt_idx" ON "Service"("lastVerifiedAt");
