// Today's date where the users are (HAVEN_TIME_ZONE, default Asia/Seoul), not in UTC: at 08:00 in
// Seoul it is still yesterday in UTC, and a custody period or file name dated yesterday misleads.
export function localIsoDate(now: Date = new Date(), timeZone = process.env.HAVEN_TIME_ZONE ?? "Asia/Seoul"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
