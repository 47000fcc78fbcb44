// Renders a petition PDF on a worker thread (pdf-worker.ts), so an export does not stop every
// other request of the server for the 100–300 ms the font work takes (issue 11: no request
// blocks the event loop for more than 50 ms). One thread per server process, started on the
// first export and kept: it holds the parsed font. Jobs queue in the thread's message order.
import { Worker } from "node:worker_threads";
import type { PetitionDocument } from "../types";

type Reply = { id: number; bytes?: Uint8Array; error?: string };
type Pending = { resolve: (b: Buffer) => void; reject: (e: Error) => void };

const state = globalThis as unknown as { __havenPdfThread?: { worker: Worker; pending: Map<number, Pending>; next: number } };

function thread() {
  if (state.__havenPdfThread) return state.__havenPdfThread;
  // Next's bundler turns the URL into the built worker chunk; under tsx or Vitest it stays the
  // TypeScript source, which the thread then loads through tsx.
  const worker = new Worker(new URL("./pdf-worker.ts", import.meta.url), { execArgv: import.meta.url.endsWith(".ts") ? ["--require", "tsx/cjs"] : [] });
  const pending = new Map<number, Pending>();
  const t = { worker, pending, next: 1 };
  worker.on("message", (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (reply.bytes) job.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else job.reject(new Error(reply.error ?? "PDF worker failed"));
  });
  const fail = (e: Error) => {
    // A dead thread fails what it held; the next export starts a new one.
    if (state.__havenPdfThread === t) state.__havenPdfThread = undefined;
    for (const job of pending.values()) job.reject(e);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`PDF worker exited with code ${code}`)));
  worker.unref(); // an idle export thread must not keep a script's process alive
  state.__havenPdfThread = t;
  return t;
}

/** renderPetitionPdf on the export thread: same bytes, without blocking the event loop. */
export function renderPetitionPdfOffThread(doc: PetitionDocument): Promise<Buffer> {
  const t = thread();
  const id = t.next++;
  return new Promise<Buffer>((resolve, reject) => {
    t.pending.set(id, { resolve, reject });
    t.worker.postMessage({ id, doc });
  });
}
