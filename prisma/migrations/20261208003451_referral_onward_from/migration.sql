-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "onwardFromId" UUID;

-- CreateIndex
CREATE INDEX "Referral_onwardFromId_idx" ON "Referral"("onwardFromId");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_onwardFromId_fkey" FOREIGN KEY ("onwardFromId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;
