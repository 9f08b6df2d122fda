-- AlterEnum
ALTER TYPE "ReferralFlowGrain" ADD VALUE 'WEEK';

-- DropIndex
DROP INDEX "Referral_coverage_open_idx";

-- DropIndex
DROP INDEX "ReferralFlowRollup_grain_agencyId_day_idx";

-- AlterTable
ALTER TABLE "ReferralFlowRollup" ADD COLUMN     "pending" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pendingRespondByMax" TIMESTAMPTZ(3),
ADD COLUMN     "unanswered" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unansweredRespondByMax" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "ReferralFlowRollupState" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ReferralFlowRollup_grain_agencyId_day_categoryTermId_unansw_idx" ON "ReferralFlowRollup"("grain", "agencyId", "day", "categoryTermId", "unansweredRespondByMax", "pendingRespondByMax");
