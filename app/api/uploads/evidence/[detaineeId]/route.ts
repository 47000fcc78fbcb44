// Evidence upload (S22; issue 12 item 9): a plain multipart form on the case page posts here.
// Session, permission and the case's scope are checked before the body is read
// (lib/http/upload-route.ts); then uploadAttachment checks the file and saves it with its row.
import { revalidatePath } from "next/cache";
import { formToObject } from "@/lib/actions";
import { assertMayUploadAttachment, uploadAttachment } from "@/lib/domain/attachment/mutations";
import type { UploadAttachmentInput, UploadedFile } from "@/lib/domain/attachment/schemas";
import { handleUpload } from "@/lib/http/upload-route";

export async function POST(request: Request, context: { params: Promise<{ detaineeId: string }> }): Promise<Response> {
  const { detaineeId } = await context.params;
  return handleUpload(request, {
    name: "upload:evidence",
    entityType: "Detainee",
    rawId: detaineeId,
    authorize: assertMayUploadAttachment,
    page: (id) => `/detainees/${id}`,
    anchor: "evidence-h",
    save: async (viewer, id, form) => {
      const part = form.get("file");
      const file: UploadedFile | null = part !== null && typeof part === "object" ? part : null;
      const { file: _file, detaineeId: _formId, ...fields } = formToObject(form);
      await uploadAttachment(viewer, { ...fields, detaineeId: id } as UploadAttachmentInput, file);
    },
    revalidate: (id) => revalidatePath(`/detainees/${id}`),
  });
}
