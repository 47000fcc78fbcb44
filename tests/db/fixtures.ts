// Small builders for database tests: teams, users and the Viewer objects the domain takes.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/generated/prisma/enums";
import { createTeam } from "@/lib/domain/team/mutations";
import { createUser } from "@/lib/domain/user/mutations";
import { createUserSession, markReauth } from "@/lib/auth/user-session";
import { deflateSync } from "node:zlib";

export const system = { system: "test" };

export function ensureTestKeys() {
  process.env.HAVEN_ENCRYPTION_KEYS ??= `k1:${randomBytes(32).toString("base64")}`;
  process.env.HAVEN_AUDIT_KEY ??= randomBytes(32).toString("base64");
}

export async function makeTeam(name = `Team ${randomBytes(4).toString("hex")}`) {
  return (await createTeam(system, { name })).id;
}

export async function makeViewer(role: Role, teamIds: string[]): Promise<Viewer> {
  const email = `${role.toLowerCase()}.${randomBytes(5).toString("hex")}@test.example`;
  const displayName = `${role} ${email}`;
  const { id } = await createUser(system, { email, displayName, role, password: "a test password 123", teamIds });
  return { id, email, displayName, role, locale: "en", teamIds, requestId: "test-request", ip: null };
}

/**
 * The viewer with a real, fully signed-in session row; with `reauth`, one that re-authenticated
 * just now (what /account/reauth leaves behind), as every privilege change needs (S7).
 */
export async function withSession(viewer: Viewer, reauth = true): Promise<Viewer> {
  const now = new Date();
  const sessionId = await createUserSession(prisma(), { userId: viewer.id, ip: null, userAgent: null, secondFactorDone: true, now });
  if (reauth) await markReauth(prisma(), sessionId, now);
  return { ...viewer, sessionId };
}

/** An admin whose session re-authenticated just now. */
export async function makeFreshAdmin(teamIds: string[] = []): Promise<Viewer> {
  return withSession(await makeViewer("ADMIN", teamIds));
}

export async function makeFacility(overrides: Partial<{ nameEn: string; province: string; country: string }> = {}) {
  const f = await prisma().detentionFacility.create({
    data: { nameEn: overrides.nameEn ?? "Test Border Detention Centre", type: "BORDER_DEFENCE_STATION", country: overrides.country ?? "CN", province: overrides.province ?? "Jilin" },
    select: { id: true },
  });
  return f.id;
}

/** The smallest valid PNG (1×1): an upload every evidence check accepts. */
export function png(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])), chunk("IDAT", deflateSync(Buffer.alloc(5))), chunk("IEND", Buffer.alloc(0)),
  ]));
}
