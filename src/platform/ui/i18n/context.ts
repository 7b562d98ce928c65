import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_LOCALE, type Locale } from './locale.js';

/**
 * The page's language for the shared components (form controls, error summary, step list):
 * Layout provides it, so a view passes no locale to every control. The console sets none: Japanese.
 */
export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export const useLocale = (): Locale => useContext(LocaleContext);
