-- AlterTable
ALTER TABLE "WebhookSubscription" ADD COLUMN     "previousSecret" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "secretRotatedAt" TIMESTAMPTZ(3);
