// The embedded database, the local secrets and the evidence files are readable by Haven's own
// operating-system user only (issue 12 item 8): directories 0700, files 0600. Every process that
// opens the data dir or writes uploads sets a private umask first, so what it creates is private
// whatever umask it was started with; and since PGlite writes its initial data dir with explicit
// 0666 modes (umask or not), a data dir is also tightened after it is opened, and on each server
// start, logging what it fixed.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** No permission bits at all for group and others on anything this process creates. */
export const PRIVATE_UMASK = 0o077;
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Sets the private umask for this process (no-op where the platform has none, e.g. workers). */
export function setPrivateUmask(): void {
  try {
    process.umask(PRIVATE_UMASK);
  } catch {
    // Worker threads cannot change the umask; their files are written with explicit modes.
  }
}

/** Creates `dir` (and missing parents) 0700, and makes `dir` itself 0700 if it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((lstatSync(/*turbopackIgnore: true*/ dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(/*turbopackIgnore: true*/ dir, PRIVATE_DIR_MODE);
}

export type TightenReport = { dirs: number; files: number };

/**
 * Walks `dir` (not following symbolic links) and takes every group/other permission away:
 * directories become 0700, files 0600. Returns how many entries it had to change; a directory
 * that does not exist yet is left alone.
 */
export function tightenPrivateTree(dir: string, log: (line: string) => void = (line) => console.warn(line)): TightenReport {
  const report: TightenReport = { dirs: 0, files: 0 };
  const visit = (p: string) => {
    const st = lstatSync(/*turbopackIgnore: true*/ p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) {
        chmodSync(/*turbopackIgnore: true*/ p, PRIVATE_DIR_MODE);
        report.dirs++;
      }
      for (const name of readdirSync(/*turbopackIgnore: true*/ p)) visit(path.join(/*turbopackIgnore: true*/ p, name));
    } else if (st.isFile() && (st.mode & 0o077) !== 0) {
      chmodSync(/*turbopackIgnore: true*/ p, PRIVATE_FILE_MODE);
      report.files++;
    }
  };
  try {
    visit(dir);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && e.code === "ENOENT") return report;
    throw e;
  }
  if (report.dirs + report.files > 0) {
    log(`made ${dir} private: ${report.dirs} directories set to 0700 and ${report.files} files to 0600 (they were open to other local users)`);
  }
  return report;
}

/** The usual start of a process that touches the data dir: private umask, dir created 0700, tightened. */
export function preparePrivateDir(dir: string, log?: (line: string) => void): TightenReport {
  setPrivateUmask();
  ensurePrivateDir(dir);
  return tightenPrivateTree(dir, log);
}
