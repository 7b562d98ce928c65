import type { ImportReport } from './service.js';

/** The lines `keizoku import-policies` prints: every rejected row, then the counts. */
export function formatReport(report: ImportReport, file: string): string[] {
  const lines = report.rejected.map((r) => `line ${r.line}: ${r.reason}`);
  if (report.ignoredColumns.length) lines.push(`ignored columns (not in the policies CSV format): ${report.ignoredColumns.join(', ')}`);
  lines.push(
    `${file}: inserted ${report.inserted}, updated ${report.updated}, rejected ${report.rejected.length}` +
      ` (agencies created ${report.agenciesCreated}, renamed ${report.agenciesRenamed})`,
  );
  return lines;
}

/** 0 when every row was stored, 1 when some were rejected (the others are stored). */
export const exitCodeOf = (report: ImportReport): number => (report.rejected.length ? 1 : 0);
