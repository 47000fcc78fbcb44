// Server start (instrumentation.ts): the private umask, then the embedded data dir and the
// upload dir made private, with what was fixed in the log.
import { pgliteDataDir, serverDatabaseUrl } from "@/lib/db/engine";
import { uploadDir } from "@/lib/domain/attachment/storage";
import { logger } from "@/lib/logger";
import { preparePrivateDir, setPrivateUmask } from "./private-files";

export function makeServerFilesPrivate(): void {
  setPrivateUmask();
  const log = (line: string) => logger.warn({ event: "files.private" }, line);
  const dirs = [...(serverDatabaseUrl() ? [] : [pgliteDataDir()]), uploadDir()];
  for (const dir of dirs) {
    try {
      preparePrivateDir(dir, log);
    } catch (e) {
      // Not fatal here: the first write there fails with its own error if the dir is unusable.
      logger.error({ event: "files.private", err: e }, `could not make ${dir} private`);
    }
  }
}
