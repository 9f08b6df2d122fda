-- AlterTable
ALTER TABLE "ReferralFlowRollupState" ADD COLUMN     "agencyWatermark" TIMESTAMPTZ(3);
