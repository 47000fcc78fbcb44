// Thin wrappers over poppler-utils and LibreOffice for the exporters' tests (CI installs both:
// `apt-get install -y poppler-utils libreoffice-writer fonts-noto-cjk`).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "haven-export-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function saveTo(dir: string, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** Text of the whole PDF, or of one page (1-based). */
export async function pdfText(file: string, page?: number): Promise<string> {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", ...range, file, "-"]);
  return stdout;
}

export async function pdfInfo(file: string): Promise<{ pages: number; pageSize: string; raw: string }> {
  const { stdout } = await run("pdfinfo", [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
  const pageSize = /^Page size:\s+(.*)$/m.exec(stdout)?.[1] ?? "";
  return { pages, pageSize, raw: stdout };
}

export async function pdfFonts(file: string): Promise<string> {
  return (await run("pdffonts", [file])).stdout;
}

/** Converts office files to PDF with a private profile, so parallel runs do not share a lock. */
export async function convertWithLibreOffice(files: string[], outDir: string): Promise<void> {
  const profile = await mkdtemp(path.join(tmpdir(), "haven-lo-profile-"));
  try {
    await run("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, ...files], { timeout: 120_000 });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
