// A UN reply (or any other document) kept with a petition (issue 12 item 9): a plain multipart
// form on the petition page posts here. Session, permission and the petition's scope are checked
// before the body is read, and the file is streamed to a `.part` on disk as it arrives
// (lib/http/upload-route.ts, streamed-form.ts); storeStagedPetitionFile types the file by its
// content and saves it with its row.
import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { assertMayUploadPetitionFile, storeStagedPetitionFile } from "@/lib/domain/petitions/files";
import { handleStreamedUpload } from "@/lib/http/upload-route";

export async function POST(request: Request, context: { params: Promise<{ petitionId: string }> }): Promise<Response> {
  const { petitionId } = await context.params;
  return handleStreamedUpload(request, {
    name: "upload:petitionFile",
    entityType: "Petition",
    rawId: petitionId,
    authorize: assertMayUploadPetitionFile,
    page: (id) => `/petitions/${id}`,
    anchor: "files-h",
    save: async (viewer, id, { file }) => {
      if (!file || file.sizeBytes === 0) throw new AppError("INVALID", "The file is empty.", { file: ["fileEmpty"] });
      await storeStagedPetitionFile(viewer, { petitionId: id, kind: "UPLOAD", fileName: file.fileName || "document", mimeType: file.mimeType || "application/octet-stream" }, file);
    },
    revalidate: (id) => revalidatePath(`/petitions/${id}`),
  });
}
