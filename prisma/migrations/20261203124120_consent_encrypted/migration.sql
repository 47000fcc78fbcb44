-- Consent givers' names and consent notes are restricted data (issue 12 item 7): encrypted
-- columns next to the legacy plaintext ones. SQL cannot encrypt, so existing values are moved by
-- `npm run keys:rotate` (lib/crypto/rotate.ts), which encrypts them into the *Enc columns and
-- clears the plaintext; the app writes only the *Enc columns from now on (docs/operations.md).
-- AlterTable
ALTER TABLE "Consent" ADD COLUMN     "givenByNameEnc" TEXT,
ADD COLUMN     "notesEnc" TEXT;
