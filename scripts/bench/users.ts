// The benchmark's accounts: an ADMIN and a LAWYER per team, on the demo domain, enrolled in
// two-factor sign-in with the published demo secrets (lib/auth/demo-totp.ts), exactly like the
// demo's ADMIN and LAWYER accounts. Never use these on a real installation.
import { generate } from "otplib";
import { demoTotpSecret } from "@/lib/auth/demo-totp";
import { DEMO_EMAIL_DOMAIN } from "@/lib/domain/user/security-demo";

export const BENCH_TEAMS = ["Bench Team A", "Bench Team B", "Bench Team C"] as const;
/** Share of the cases each team holds. */
export const TEAM_SHARES = [0.45, 0.35, 0.2] as const;

export type BenchUser = { email: string; displayName: string; role: "ADMIN" | "LAWYER"; team: number };

export const BENCH_USERS: readonly BenchUser[] = BENCH_TEAMS.flatMap((_, team) => {
  const letter = "abc"[team]!;
  return [
    { email: `bench.admin.${letter}${DEMO_EMAIL_DOMAIN}`, displayName: `Bench admin ${letter.toUpperCase()}`, role: "ADMIN" as const, team },
    { email: `bench.lawyer.${letter}${DEMO_EMAIL_DOMAIN}`, displayName: `Bench lawyer ${letter.toUpperCase()}`, role: "LAWYER" as const, team },
  ];
});

/** Published like the demo passwords (e2e/helpers.ts): `<local part>-bench-pass`. */
export const benchPassword = (email: string) => `${email.split("@")[0]}-bench-pass`;

/** The account's code for the time step `offsetSeconds` from now. */
export function benchTotpCode(email: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret: demoTotpSecret(email), epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}
