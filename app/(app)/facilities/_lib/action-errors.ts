import "server-only";
// The domain's errors carry English sentences (for logs and tests). Errors that belong to no
// field are turned into message keys here, so the form shows them in the viewer's language; an
// edit conflict keeps its details (who, when, the saved values) with enum values translated.
import { AppError, isAppError } from "@/lib/errors";
import { StaleVersionError } from "@/lib/domain/facility/conflict";

type Localise = (field: string, value: string) => Promise<string>;

export async function withMessageKeys<T>(work: () => Promise<T>, conflictKey: string, localise?: Localise): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof StaleVersionError) {
      const changes = await Promise.all(e.changes.map(async (c) => ({ field: c.field, value: localise && c.value ? await localise(c.field, c.value) : c.value })));
      throw new StaleVersionError(conflictKey, e.changedBy, e.changedAt, changes);
    }
    if (isAppError(e) && !e.fieldErrors) {
      if (e.code === "CONFLICT") throw new AppError("CONFLICT", conflictKey);
      if (e.code === "NOT_FOUND") throw new AppError("NOT_FOUND", "recordNotFound");
      if (e.code === "FORBIDDEN") throw new AppError("FORBIDDEN", "forbidden");
    }
    throw e;
  }
}
