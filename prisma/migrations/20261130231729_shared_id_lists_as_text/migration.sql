-- AlterTable
ALTER TABLE "CareEscalation" ALTER COLUMN "involvedOrganisationIds" SET DATA TYPE TEXT[];

-- AlterTable
ALTER TABLE "CaseDiscussion" ALTER COLUMN "attendeeUserIds" SET DATA TYPE TEXT[];
