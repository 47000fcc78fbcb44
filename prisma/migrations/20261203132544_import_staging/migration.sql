-- CreateTable
CREATE TABLE "ImportStaging" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentEnc" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportStaging_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportStaging_userId_idx" ON "ImportStaging"("userId");

-- CreateIndex
CREATE INDEX "ImportStaging_expiresAt_idx" ON "ImportStaging"("expiresAt");
