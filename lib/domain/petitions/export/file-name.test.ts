import { describe, expect, it } from "vitest";
import { exportFileName } from "./file-name";

describe("exportFileName", () => {
  it("joins reference and date", () => {
    expect(exportFileName({ reference: "HV-PET-2026-0007", date: "2026-11-29" }, "pdf")).toBe("HV-PET-2026-0007_2026-11-29.pdf");
    expect(exportFileName({ reference: "HV-PET-2026-0007", date: "2026-11-29" }, "docx")).toBe("HV-PET-2026-0007_2026-11-29.docx");
  });

  it("keeps only ASCII letters, digits, dash and underscore from the reference", () => {
    const name = exportFileName({ reference: 'HV/PET "7"; filename=evil.exe\r\nX: 김영희 图们', date: "2026-11-29" }, "pdf");
    expect(name).toBe("HV-PET-7-filename-evil-exe-X_2026-11-29.pdf");
    expect(name).toMatch(/^[A-Za-z0-9_-]+\.pdf$/);
  });

  it("falls back to a neutral name and drops a date that is not ISO", () => {
    expect(exportFileName({ reference: "김영희", date: "29/11/2026" }, "docx")).toBe("petition.docx");
    expect(exportFileName({ reference: "../..", date: "2026-11-29" }, "pdf")).toBe("petition_2026-11-29.pdf");
  });

  it("bounds the length", () => {
    expect(exportFileName({ reference: "A".repeat(500), date: "2026-11-29" }, "pdf")).toBe(`${"A".repeat(80)}_2026-11-29.pdf`);
  });
});
