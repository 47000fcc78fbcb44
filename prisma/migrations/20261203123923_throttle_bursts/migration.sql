-- CreateTable
CREATE TABLE "ThrottleBurst" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "userId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ThrottleBurst_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThrottleBurst_lastAt_idx" ON "ThrottleBurst"("lastAt");
