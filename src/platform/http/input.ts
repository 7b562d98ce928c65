/**
 * Whether anything the client sent holds a NUL character (`%00`). No form needs one, and
 * PostgreSQL refuses it in text, so such a request is refused at the door instead of failing
 * in whatever query it reaches.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null || depth > 8) return false;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000') || containsNul(item, depth + 1)) return true;
  }
  return false;
}
