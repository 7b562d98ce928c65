// 申込内容確認書: a one-document PDF of a stored application. Japanese text needs an embedded
// font: Noto Sans JP (OFL) from an npm package; pdfkit embeds only the glyphs used (a subset).
// The same font has the Latin glyphs, so the English document uses it too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** The two weights, read once (about 5 MB each); throws at start if the package is missing. */
export function loadPdfFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fonts;
}

export interface PdfSection {
  title: string;
  rows: Array<[string, string]>;
  /** Points for the label column (long labels such as the confirmations need more). */
  labelWidth?: number;
}

export interface ApplicationPdf {
  title: string;
  /** Lines under the title: the insurer, the 受付番号, the date. */
  lead: string[];
  sections: PdfSection[];
  footer: string[];
  author: string;
  createdAt: Date;
  /** The document's language for screen readers (BCP 47); ja-JP when not given. */
  lang?: string;
}

const MARGIN = 50;
const LABEL_WIDTH = 170;
const GAP = 10;
/** Type sizes tried in turn until the whole document fits one A4 page; the smallest still paginates. */
const SMALLEST = 0.78;
const SCALES = [1, 0.92, 0.85, SMALLEST];

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

const size = (points: number, scale: number) => points * scale;

/** The height the sections and footer take at this scale (the same sums the drawing makes). */
function bodyHeight(doc: Doc, content: ApplicationPdf, width: number, scale: number): number {
  let height = 0;
  for (const section of content.sections) {
    doc.fontSize(size(12, scale));
    height += doc.currentLineHeight(true) * 0.6 + doc.font('jp-bold').heightOfString(section.title, { width }) + 6;
    doc.fontSize(size(10, scale));
    const labelWidth = section.labelWidth ?? LABEL_WIDTH;
    for (const [label, value] of section.rows) height += rowHeight(doc, label, value, labelWidth, width - labelWidth - GAP) + 3;
  }
  doc.font('jp').fontSize(size(9, scale));
  height += doc.currentLineHeight(true);
  for (const line of content.footer) height += doc.heightOfString(line, { width });
  return height;
}

const rowHeight = (doc: Doc, label: string, value: string, labelWidth: number, valueWidth: number) =>
  Math.max(doc.font('jp-bold').heightOfString(label, { width: labelWidth }), doc.font('jp').heightOfString(value, { width: valueWidth }));

/** A rule between parts: decoration, not content (an Artifact for screen readers). */
function rule(doc: Doc, y: number, width: number, lineWidth: number, colour: string): void {
  doc.markContent('Artifact', { type: 'Layout' });
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(lineWidth).stroke(colour);
  doc.endMarkedContent();
}

/** One section as a heading and a two-column table (TH label, TD value) in the structure tree. */
function drawSection(doc: Doc, root: Struct, section: PdfSection, width: number, scale: number): void {
  doc.fontSize(size(12, scale));
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.6);
  doc.font('jp-bold').text(section.title, MARGIN, doc.y, { width, structParent: root, structType: 'H2' });
  const lineY = doc.y + 2;
  rule(doc, lineY, width, 0.8, '#0b5394');
  doc.y = lineY + 4;
  doc.fontSize(size(10, scale));
  const labelWidth = section.labelWidth ?? LABEL_WIDTH;
  const valueWidth = width - labelWidth - GAP;
  const table = doc.struct('Table');
  root.add(table);
  for (const [label, value] of section.rows) {
    const height = rowHeight(doc, label, value, labelWidth, valueWidth);
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    const row = doc.struct('TR');
    table.add(row);
    doc.font('jp-bold').text(label, MARGIN, top, { width: labelWidth, structParent: row, structType: 'TH' });
    doc.font('jp').text(value, MARGIN + labelWidth + GAP, top, { width: valueWidth, structParent: row, structType: 'TD' });
    row.end();
    doc.y = top + height + 3;
    rule(doc, doc.y - 1, width, 0.3, '#d9dee4');
  }
  table.end();
}

/**
 * Renders the document; resolves to the PDF bytes. A tagged PDF (PDF/UA's structure: H1, P, H2 and a
 * table per section, rules as artifacts, the document's language: ja-JP or en), on one page wherever a smaller type
 * size down to 78 % makes it fit.
 */
export function renderApplicationPdf(content: ApplicationPdf): Promise<Buffer> {
  const { regular, bold } = loadPdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: content.lang ?? 'ja-JP',
    displayTitle: true,
    info: { Title: content.title, Author: content.author, Creator: 'Keizoku', CreationDate: content.createdAt },
  });
  doc.registerFont('jp', regular);
  doc.registerFont('jp-bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);

  const width = doc.page.width - MARGIN * 2;
  doc.font('jp-bold').fontSize(18).text(content.title, { align: 'center', structParent: root, structType: 'H1' });
  doc.moveDown(0.5);
  doc.font('jp').fontSize(10);
  for (const line of content.lead) doc.text(line, { align: 'right', structParent: root, structType: 'P' });
  doc.moveDown(0.5);

  const room = doc.page.height - MARGIN - doc.y;
  const scale = SCALES.find((s) => bodyHeight(doc, content, width, s) <= room) ?? SMALLEST;
  for (const section of content.sections) drawSection(doc, root, section, width, scale);

  doc.font('jp').fontSize(size(9, scale));
  doc.moveDown(1);
  for (const line of content.footer) doc.text(line, MARGIN, doc.y, { width, structParent: root, structType: 'P' });
  root.end();
  doc.end();
  return done;
}
