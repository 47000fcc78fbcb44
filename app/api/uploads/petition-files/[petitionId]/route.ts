// A UN reply (or any other document) kept with a petition (issue 12 item 9): a plain multipart
// form on the petition page posts here. Session, permission and the petition's scope are checked
// before the body is read (lib/http/upload-route.ts); storePetitionFile types the file by its
// content and saves it with its row.
import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { assertMayUploadPetitionFile, storePetitionFile } from "@/lib/domain/petitions/files";
import { handleUpload } from "@/lib/http/upload-route";

export async function POST(request: Request, context: { params: Promise<{ petitionId: string }> }): Promise<Response> {
  const { petitionId } = await context.params;
  return handleUpload(request, {
    name: "upload:petitionFile",
    entityType: "Petition",
    rawId: petitionId,
    authorize: assertMayUploadPetitionFile,
    page: (id) => `/petitions/${id}`,
    anchor: "files-h",
    save: async (viewer, id, form) => {
      const part = form.get("file");
      if (part === null || typeof part === "string" || part.size === 0) throw new AppError("INVALID", "The file is empty.", { file: ["fileEmpty"] });
      const bytes = new Uint8Array(await part.arrayBuffer());
      await storePetitionFile(viewer, { petitionId: id, kind: "UPLOAD", fileName: part.name || "document", mimeType: part.type || "application/octet-stream", bytes });
    },
    revalidate: (id) => revalidatePath(`/petitions/${id}`),
  });
}
