import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/form-fields";
import type { ActionResult } from "@/lib/errors";
import { formatManualKey, totpQrDataUrl } from "@/lib/auth/totp";

type Props = {
  secret: string;
  uri: string;
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  messages: Record<string, string>;
  successMessage?: string;
};

/** QR code (drawn on the server as a data: URL, so the secret never leaves Haven) + manual key + first code. */
export async function EnrolmentPanel({ secret, uri, action, messages, successMessage }: Props) {
  const [t, qr] = await Promise.all([getTranslations("twoFactor"), totpQrDataUrl(uri)]);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm font-medium">{t("scan")}</p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL; next/image adds nothing here */}
        <img src={qr} alt={t("qrAlt")} width={224} height={224} className="mt-2 rounded border border-stone-200 bg-white" />
        <p className="mt-3 text-sm text-stone-700">{t("manual")}</p>
        <code data-testid="totp-manual-key" className="mt-1 block break-all rounded bg-stone-100 px-3 py-2 font-mono text-sm">{formatManualKey(secret)}</code>
      </div>
      <ActionForm action={action} messages={messages} submitLabel={t("confirmSubmit")} successMessage={successMessage}>
        <p className="text-sm font-medium">{t("confirm")}</p>
        <TextField name="code" id="enrol-code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required />
      </ActionForm>
    </div>
  );
}
