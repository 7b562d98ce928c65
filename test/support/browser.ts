import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// A Japanese person's browser unless a test says otherwise: --lang alone leaves Accept-Language at en-US.
export const CHROMIUM_FLAGS = ['--no-sandbox', '--lang=ja-JP', '--accept-lang=ja-JP,ja', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'];

/** The system Chromium (CHROME_PATH, else /usr/bin/chromium); fails loudly, never skips. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

/** Where the system Chromium is (CHROME_PATH, else /usr/bin/chromium); fails loudly when it is not there. */
export function chromiumPath(): string {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install it (apt-get update && apt-get install -y chromium) or set CHROME_PATH.`);
  }
  return executablePath;
}

/** Where browser tests put the screenshots docs/guide.md shows. */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ?? 'docs/screenshots';
  mkdirSync(dir, { recursive: true });
  return `${dir}/${name}.png`;
}
