-- CreateTable
CREATE TABLE "CareCelebration" (
    "id" UUID NOT NULL,
    "carePartnerOrganisationId" UUID NOT NULL,
    "summary" TEXT NOT NULL,
    "who" TEXT NOT NULL,
    "happenedOn" DATE NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "raisedById" UUID NOT NULL,
    "raisedByOrganisationId" UUID NOT NULL,
    "communityOfPracticeKey" TEXT,
    "shareOn" DATE NOT NULL,
    "sharedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CareCelebration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CareCelebration_carePartnerOrganisationId_raisedAt_idx" ON "CareCelebration"("carePartnerOrganisationId", "raisedAt");

-- AddForeignKey
ALTER TABLE "CareCelebration" ADD CONSTRAINT "CareCelebration_carePartnerOrganisationId_fkey" FOREIGN KEY ("carePartnerOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
