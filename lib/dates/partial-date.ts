// Partial dates: "arrested in October 2023" is a date plus a precision. Stored as the first day
// of the known period (UTC) so they sort sensibly, and shown only to the precision known.
export type DatePrecision = "DAY" | "MONTH" | "YEAR";
export type PartialDate = { date: Date; precision: DatePrecision };

const PATTERN = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** Parses "2023", "2023-10" or "2023-10-09"; null when the text is not such a date. */
export function parsePartialDate(text: string): PartialDate | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (year < 1900 || year > 2100 || month < 1 || month > 12) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null; // 2023-02-30
  const precision: DatePrecision = m[3] ? "DAY" : m[2] ? "MONTH" : "YEAR";
  return { date, precision };
}

/** The canonical text form, for inputs and CSV: "2023", "2023-10", "2023-10-09". */
export function partialDateToInput(value: PartialDate | null | undefined): string {
  if (!value) return "";
  const iso = value.date.toISOString().slice(0, 10);
  return value.precision === "DAY" ? iso : value.precision === "MONTH" ? iso.slice(0, 7) : iso.slice(0, 4);
}

const FORMATS: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  DAY: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" },
  MONTH: { year: "numeric", month: "long", timeZone: "UTC" },
  YEAR: { year: "numeric", timeZone: "UTC" },
};

/** "9 October 2023" / "October 2023" / "2023"; in Korean "2023년 10월 9일" / "2023년 10월" / "2023년". */
// Building an Intl.DateTimeFormat costs far more than using one, and a facility page formats
// hundreds of dates: one formatter per language and precision, made once.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatPartialDate(value: PartialDate | null | undefined, locale: string): string {
  if (!value) return "";
  const tag = locale === "ko" ? "ko-KR" : "en-GB";
  const key = `${tag}|${value.precision}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(tag, FORMATS[value.precision])));
  return formatter.format(value.date);
}

/** Builds a PartialDate from the two stored columns (either may be null). */
export function fromColumns(date: Date | null | undefined, precision: DatePrecision | null | undefined): PartialDate | null {
  return date ? { date, precision: precision ?? "DAY" } : null;
}

/** The last day a partial date could mean (used to compare periods whose precision differs). */
export function partialDateEnd(value: PartialDate): Date {
  const d = value.date;
  if (value.precision === "DAY") return d;
  if (value.precision === "MONTH") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return new Date(Date.UTC(d.getUTCFullYear(), 11, 31));
}
