// 申込内容確認書: a one-document PDF of a stored application. Japanese text needs an embedded
// font: Noto Sans JP (OFL) from an npm package; pdfkit embeds only the glyphs used (a subset).
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
}

const MARGIN = 50;
const LABEL_WIDTH = 170;
const GAP = 10;

/** Renders the document; resolves to the PDF bytes. */
export function renderApplicationPdf(content: ApplicationPdf): Promise<Buffer> {
  const { regular, bold } = loadPdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
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

  const width = doc.page.width - MARGIN * 2;
  doc.font('jp-bold').fontSize(18).text(content.title, { align: 'center' });
  doc.moveDown(0.5);
  doc.font('jp').fontSize(10);
  for (const line of content.lead) doc.text(line, { align: 'right' });
  doc.moveDown(0.5);

  for (const section of content.sections) {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.6);
    doc.font('jp-bold').fontSize(12).text(section.title, MARGIN, doc.y, { width });
    const lineY = doc.y + 2;
    doc.moveTo(MARGIN, lineY).lineTo(MARGIN + width, lineY).lineWidth(0.8).stroke('#0b5394');
    doc.y = lineY + 4;
    doc.fontSize(10);
    const labelWidth = section.labelWidth ?? LABEL_WIDTH;
    const valueWidth = width - labelWidth - GAP;
    for (const [label, value] of section.rows) {
      const height = Math.max(doc.font('jp-bold').heightOfString(label, { width: labelWidth }), doc.font('jp').heightOfString(value, { width: valueWidth }));
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
      const top = doc.y;
      doc.font('jp-bold').text(label, MARGIN, top, { width: labelWidth });
      doc.font('jp').text(value, MARGIN + labelWidth + GAP, top, { width: valueWidth });
      doc.y = top + height + 3;
      doc.moveTo(MARGIN, doc.y - 1).lineTo(MARGIN + width, doc.y - 1).lineWidth(0.3).stroke('#d9dee4');
    }
  }

  doc.moveDown(1);
  doc.font('jp').fontSize(9);
  for (const line of content.footer) doc.text(line, MARGIN, doc.y, { width });
  doc.end();
  return done;
}
