import type { Page } from 'playwright-core';

/** The phone width the walk was done at (the narrowest common Android screen). */
export const NARROW_PHONE = { width: 360, height: 740 };

/** At least this many CSS pixels in each direction for anything a thumb taps. */
export const MIN_TAP_PX = 44;

/**
 * What a phone user would feel on the page, measured with getBoundingClientRect and text ranges:
 * tap targets smaller than MIN_TAP_PX (a radio button or checkbox is measured by its label, the
 * thing a thumb taps; a link inside a sentence is the WCAG 2.5.8 inline exception), numbers broken
 * across lines (9:0/0, 128,000/円), and short words in controls, labels and headings broken
 * across lines (ログアウ/ト, サービ/ス); and an error summary's link that leads to no field.
 */
export async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(String.raw`(() => { const MIN = ${MIN_TAP_PX};
    const problems = [];
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
    const shown = (r) => r.width > 1 && r.height > 1;
    for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
      const control = el;
      let target = control;
      if (control.matches('input[type=radio], input[type=checkbox]')) target = (control.labels && control.labels[0]) || null;
      if (!target) {
        problems.push('no label to tap: ' + describe(control));
        continue;
      }
      const box = target.getBoundingClientRect();
      if (!shown(box) || getComputedStyle(target).visibility === 'hidden') continue;
      const parentText = ((target.parentElement && target.parentElement.textContent) || '').trim();
      const inSentence = target.matches('a') && getComputedStyle(target).display === 'inline' && parentText.length > (target.textContent || '').trim().length;
      if (inSentence) continue;
      if (box.height < MIN - 0.5 || box.width < MIN - 0.5) problems.push('tap target ' + Math.round(box.width) + '×' + Math.round(box.height) + ' px: ' + describe(target));
    }
    const lines = (node, start, end) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top + r.height / 2);
      return tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 8;
    };
    // Inside a visually hidden box (a phone table's 1 px header row): read by screen readers, never seen.
    const clippedAway = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const r = e.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const controls = 'a, button, label, legend, dt, th, h1, h2, h3, summary, .steps li, .badge, .site-header';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, [hidden]') || clippedAway(parent)) continue;
      const text = node.data;
      for (const m of text.matchAll(/[+−±]?\d[\d,.:]*\d?(?:億|万)?(?:円|等級|歳|年|か月|日|時|分|%)?/g)) {
        if (m[0].length > 1 && lines(node, m.index, m.index + m[0].length)) problems.push('number broken across lines: "' + m[0] + '" in ' + describe(parent));
      }
      if (!parent.closest(controls)) continue;
      for (const m of text.matchAll(/[^\s、。・，,（）()「」/／：:～]+/g)) {
        if (m[0].length <= 12 && lines(node, m.index, m.index + m[0].length)) problems.push('word broken across lines: "' + m[0] + '" in ' + describe(parent));
      }
    }
    for (const link of document.querySelectorAll('.error-summary a[href^="#"]')) {
      if (!document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)))) problems.push('summary link to no field: ' + describe(link));
    }
    return problems;
})()`);
}
