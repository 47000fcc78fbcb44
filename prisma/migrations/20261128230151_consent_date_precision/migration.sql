-- AlterTable
ALTER TABLE "Consent" ADD COLUMN     "givenOnPrecision" "DatePrecision" NOT NULL DEFAULT 'DAY';
