import type { ImportReport } from './service.js';

/** The lines `keizoku import-policies` prints: every rejected row, then the counts (of a dry run: what it would do). */
export function formatReport(report: ImportReport, file: string, dryRun = false): string[] {
  const lines = report.rejected.map((r) => `line ${r.line}: ${r.reason}`);
  if (report.ignoredColumns.length) lines.push(`ignored columns (not in the policies CSV format): ${report.ignoredColumns.join(', ')}`);
  if (dryRun) {
    lines.push(
      `${file}: dry run, nothing written: would insert ${report.inserted}, update ${report.updated}, reject ${report.rejected.length}` +
        ` (agencies would be created ${report.agenciesCreated}, renamed ${report.agenciesRenamed})`,
    );
    return lines;
  }
  lines.push(
    `${file}: inserted ${report.inserted}, updated ${report.updated}, rejected ${report.rejected.length}` +
      ` (agencies created ${report.agenciesCreated}, renamed ${report.agenciesRenamed})`,
  );
  return lines;
}

/** 0 when every row was stored, 1 when some were rejected (the others are stored). */
export const exitCodeOf = (report: ImportReport): number => (report.rejected.length ? 1 : 0);
