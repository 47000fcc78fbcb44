-- AlterTable
ALTER TABLE "Detainee" ADD COLUMN     "importKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Detainee_teamId_importKey_key" ON "Detainee"("teamId", "importKey");
