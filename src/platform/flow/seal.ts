import { sealText, unsealText } from '../crypto.js';

// A value a flow must show again (e.g. a keyword on screen) is kept sealed with a key only
// the owning browser holds: the database alone cannot read it.
const PURPOSE = 'flow-seal';

export const seal = (browserKey: string, text: string): string => sealText(browserKey, PURPOSE, text);

/** The text, or null if the value was sealed for another browser or altered. */
export const unseal = (browserKey: string, sealed: string): string | null => unsealText(browserKey, PURPOSE, sealed);
