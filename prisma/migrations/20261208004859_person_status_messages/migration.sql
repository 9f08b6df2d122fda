-- CreateEnum
CREATE TYPE "PersonMessageChannel" AS ENUM ('NONE', 'EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "MessageLanguage" AS ENUM ('EN', 'MI');

-- AlterEnum
ALTER TYPE "ReferralEventType" ADD VALUE 'CONSENT_WITHDRAWN';

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "messageLanguage" "MessageLanguage" NOT NULL DEFAULT 'EN',
ADD COLUMN     "statusChannel" "PersonMessageChannel" NOT NULL DEFAULT 'NONE';
