// The admin switch that extends the two-factor requirement from ADMIN/LAWYER to every role.
import { prisma } from "@/lib/db/client";

export const REQUIRE_2FA_FOR_ALL = "security.requireTwoFactorForAll";

export async function getRequireTwoFactorForAll(): Promise<boolean> {
  const row = await prisma().appSetting.findUnique({ where: { key: REQUIRE_2FA_FOR_ALL }, select: { value: true } });
  return row?.value === true;
}
