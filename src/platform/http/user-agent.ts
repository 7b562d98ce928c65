import Bowser from 'bowser';

type Language = 'ja' | 'en';
const UNKNOWN_BROWSER: Record<Language, string> = { ja: '不明なブラウザ', en: 'Unknown browser' };
const UNKNOWN_OS: Record<Language, string> = { ja: '不明なOS', en: 'unknown OS' };
const major = (version: string | undefined) => version?.split('.')[0] ?? '';

function browserWords(name: string | undefined, version: string | undefined, language: Language): string {
  if (!name) return UNKNOWN_BROWSER[language];
  // Safari's version is the OS's (iOS 18 ships Safari 18): the OS line says it.
  if (name === 'Safari' || !major(version)) return name;
  return `${name} ${major(version)}`;
}

function osWords(os: Bowser.Parser.OSDetails, model: string | undefined, language: Language): string {
  const name = os.name ?? '';
  if (name === 'iOS') return `${model ?? 'iOS'}${major(os.version) ? ` (iOS ${major(os.version)})` : ''}`;
  if (name === 'Windows') return os.versionName ? `Windows ${os.versionName}` : 'Windows';
  if (name === 'Android') return major(os.version) ? `Android ${major(os.version)}` : 'Android';
  // macOS's user agent is frozen at 10.15.7 whatever the release: no version is better than a wrong one.
  return name || UNKNOWN_OS[language];
}

/** "Chrome 131 / Windows 10", "Safari / iPhone (iOS 18)": a browser and its OS as a customer names them. */
export function describeUserAgent(userAgent: string | null | undefined, language: Language = 'ja'): string {
  const ua = (userAgent ?? '').trim();
  if (!ua) return UNKNOWN_BROWSER[language];
  const parsed = Bowser.parse(ua);
  if (!parsed.browser.name && !parsed.os.name) return UNKNOWN_BROWSER[language];
  return `${browserWords(parsed.browser.name, parsed.browser.version, language)} / ${osWords(parsed.os, parsed.platform.model, language)}`;
}
