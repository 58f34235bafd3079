/**
 * A short, stable key for a widget's params (FNV-1a over the sorted pairs), so two embeds of one
 * widget with different presets get different element ids.
 */
export function presetKey(params: Readonly<Record<string, string>>): string {
  const text = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key] ?? ''}`)
    .join('&');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
