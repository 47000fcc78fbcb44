-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordChangedAt" TIMESTAMP(3),
ADD COLUMN     "totpLastStep" INTEGER;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "orgAddress" TEXT,
ADD COLUMN     "orgEmail" TEXT,
ADD COLUMN     "orgLegalName" TEXT,
ADD COLUMN     "orgNameKo" TEXT,
ADD COLUMN     "orgPhone" TEXT,
ADD COLUMN     "orgSignatory" TEXT,
ADD COLUMN     "orgWebsite" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "approvalOverrideReason" TEXT,
ADD COLUMN     "closedOn" DATE,
ADD COLUMN     "submittedById" TEXT,
ADD COLUMN     "submittedVia" TEXT,
ADD COLUMN     "transmittedOn" DATE,
ADD COLUMN     "withdrawnReason" TEXT;

-- CreateTable
CREATE TABLE "PetitionTransition" (
    "id" TEXT NOT NULL,
    "petitionId" TEXT NOT NULL,
    "fromStatus" "PetitionStatus",
    "toStatus" "PetitionStatus" NOT NULL,
    "actorId" TEXT,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PetitionTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PetitionFile" (
    "id" TEXT NOT NULL,
    "petitionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PetitionFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "secondFactorAt" TIMESTAMP(3),
    "reauthAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OneTimeToken" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "userId" TEXT,
    "payload" JSONB,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneTimeToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PetitionTransition_petitionId_at_idx" ON "PetitionTransition"("petitionId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PetitionFile_storageKey_key" ON "PetitionFile"("storageKey");

-- CreateIndex
CREATE INDEX "PetitionFile_petitionId_createdAt_idx" ON "PetitionFile"("petitionId", "createdAt");

-- CreateIndex
CREATE INDEX "UserSession_userId_revokedAt_idx" ON "UserSession"("userId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OneTimeToken_tokenHash_key" ON "OneTimeToken"("tokenHash");

-- CreateIndex
CREATE INDEX "OneTimeToken_userId_kind_idx" ON "OneTimeToken"("userId", "kind");

-- AddForeignKey
ALTER TABLE "PetitionTransition" ADD CONSTRAINT "PetitionTransition_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PetitionFile" ADD CONSTRAINT "PetitionFile_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
