/**
 * A number with its unit (2026年12月27日, 128,000円, 9:00, 15等級, 1回目) as one piece that a line never
 * cuts: a phone 360 px wide otherwise breaks 2026/年 or 128,000/円 at the end of a line.
 */
const NUMBER = /(?:[+−±]?\d[\d,.:]*(?:億(?:\d[\d,]*)?)?(?:万)?(?:円|等級|歳以上|歳|年|か月|月|日|回目|時|分|%)?)+/g;

/** The text with each number-and-unit run in a `nowrap` span; text without numbers as it is. */
export function NoBreakNumbers({ text }: { text: string }) {
  const parts: Array<string | { run: string }> = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER)) {
    const run = match[0];
    if (run.length < 2) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ run });
    last = match.index + run.length;
  }
  if (parts.length === 0) return <>{text}</>;
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts.map((part) => (typeof part === 'string' ? part : <span class="nw">{part.run}</span>))}</>;
}
