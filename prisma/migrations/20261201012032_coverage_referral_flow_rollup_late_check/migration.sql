-- AlterTable
ALTER TABLE "ReferralFlowRollupState" ADD COLUMN     "agencyLateCheck" TEXT,
ADD COLUMN     "lateCheck" TEXT;
