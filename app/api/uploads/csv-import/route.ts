// CSV import upload (issue 12 item 9): the import page's plain multipart form posts the file here,
// with or without JavaScript. Same origin, a session and the import permission are checked before
// the body is read (lib/http/upload-route.ts), and at most 5 MB (+ the form's other fields) is
// read. The file is then checked with the import's own preview code and staged server-side,
// encrypted, for this user and team (lib/domain/detainee/csv/staging.ts); the answer is a 303 to
// the import page with the staged id, which shows the preview and commits by id alone.
import { assertCan } from "@/lib/domain/authz";
import { MAX_IMPORT_BYTES } from "@/lib/domain/detainee/csv/parse";
import { stageDetaineeImport, type StagedFile } from "@/lib/domain/detainee/csv/staging";
import { handleUpload } from "@/lib/http/upload-route";

const IMPORT_BODY_CAP = MAX_IMPORT_BYTES + 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  return handleUpload(request, {
    name: "upload:csv-import",
    entityType: "Team",
    rawId: "import",
    authorize: async (viewer) => {
      assertCan(viewer, "detainee.import");
      return "import";
    },
    page: () => "/detainees/import",
    anchor: "import-form",
    cap: IMPORT_BODY_CAP,
    tooLargeMessages: "csv.form",
    save: async (viewer, _id, form) => {
      const part = form.get("file");
      const file: StagedFile | null = part !== null && typeof part === "object" ? part : null;
      const teamId = form.get("teamId");
      const { id } = await stageDetaineeImport(viewer, { teamId: typeof teamId === "string" ? teamId : "", file });
      return { location: `/detainees/import?staged=${id}#preview-h` };
    },
    revalidate: () => {},
  });
}
