import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_FLAGS = ['--no-sandbox', '--lang=ja-JP', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'];

/** The system Chromium (CHROME_PATH, else /usr/bin/chromium); fails loudly, never skips. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install it (apt-get update && apt-get install -y chromium) or set CHROME_PATH.`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}

/** Where browser tests put the screenshots docs/guide.md shows. */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ?? 'docs/screenshots';
  mkdirSync(dir, { recursive: true });
  return `${dir}/${name}.png`;
}
