// Evidence upload (S22; issue 12 item 9): a plain multipart form on the case page posts here.
// Session, permission and the case's scope are checked before the body is read, and the file is
// streamed to a `.part` on disk as it arrives (lib/http/upload-route.ts, streamed-form.ts); then
// uploadStagedAttachment checks the file again and saves it with its row.
import { revalidatePath } from "next/cache";
import { assertMayUploadAttachment, uploadStagedAttachment } from "@/lib/domain/attachment/mutations";
import type { UploadAttachmentInput } from "@/lib/domain/attachment/schemas";
import { handleStreamedUpload } from "@/lib/http/upload-route";

export async function POST(request: Request, context: { params: Promise<{ detaineeId: string }> }): Promise<Response> {
  const { detaineeId } = await context.params;
  return handleStreamedUpload(request, {
    name: "upload:evidence",
    entityType: "Detainee",
    rawId: detaineeId,
    authorize: assertMayUploadAttachment,
    page: (id) => `/detainees/${id}`,
    anchor: "evidence-h",
    save: async (viewer, id, { fields, file }) => {
      const { detaineeId: _formId, file: _file, ...rest } = fields;
      await uploadStagedAttachment(viewer, { ...rest, detaineeId: id } as UploadAttachmentInput, file);
    },
    revalidate: (id) => revalidatePath(`/detainees/${id}`),
  });
}
