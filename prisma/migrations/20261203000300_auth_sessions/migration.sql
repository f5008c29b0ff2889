-- Sign-in (issue 11): a catalog team's provider group, and server-side sessions.

-- AlterTable
ALTER TABLE "Team" ADD COLUMN "providerGroup" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Team_providerGroup_key" ON "Team"("providerGroup");

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "groups" TEXT[],
    "idToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthSession_expiresAt_idx" ON "AuthSession"("expiresAt");

-- CreateIndex
CREATE INDEX "AuthSession_subject_idx" ON "AuthSession"("subject");
