// Runs once when the server starts: refuse to serve without the secrets that protect sessions
// and restricted data (S18), rather than fail later on the first sensitive write.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NODE_ENV === "production") {
    const { assertProductionSettings } = await import("@/lib/config/startup-check");
    assertProductionSettings();
  }
}
