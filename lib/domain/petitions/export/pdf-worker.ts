// The PDF exporter's worker thread (pdf-thread.ts starts it). Font subsetting and OpenType
// shaping of a CJK font take 100–300 ms of synchronous CPU per document; here they block only
// this thread, not the server's event loop. The parsed font stays cached for the thread's life.
import { parentPort } from "node:worker_threads";
import { renderPetitionPdf } from "./pdf";
import type { PetitionDocument } from "../types";

type Job = { id: number; doc: PetitionDocument };

parentPort?.on("message", (job: Job) => {
  renderPetitionPdf(job.doc).then(
    (bytes) => {
      const out = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
      parentPort!.postMessage({ id: job.id, bytes: out }, [out.buffer]);
    },
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
