/** Where a consent's encrypted field lives (bound into its ciphertext, lib/crypto/field.ts). */
export function consentSite(id: string, field: "givenByNameEnc" | "notesEnc") {
  return { table: "Consent", id, field };
}
