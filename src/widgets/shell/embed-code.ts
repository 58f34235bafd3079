/** The message an `/embed/<id>/` page posts to its parent whenever its height changes. */
export const RESIZE_MESSAGE = 'ghost-goroutines:resize';

export interface ResizeMessage {
  readonly type: typeof RESIZE_MESSAGE;
  readonly id: string;
  readonly height: number;
}

/** Absolute URL of the embed page for widget `id`, under the site's base path, with `query`. */
export function embedUrl(origin: string, basePath: string, id: string, query: string): string {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const search = query === '' || query === '?' ? '' : query.startsWith('?') ? query : `?${query}`;
  return `${origin}${base}embed/${encodeURIComponent(id)}/${search}`;
}

function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * A self-contained snippet a host page pastes as is: the iframe plus a few lines of script that
 * listen for the embed page's resize message and set the iframe's height, so the widget never
 * shows a scrollbar. The script accepts messages only from the widget's origin and only for the
 * iframe that sent them.
 */
export function embedCode(src: string, title: string, initialHeight: number): string {
  const origin = new URL(src).origin;
  const script =
    `(function(){var o=${JSON.stringify(origin)};addEventListener('message',function(e){` +
    `var d=e.data;if(e.origin!==o||!d||d.type!=='${RESIZE_MESSAGE}')return;` +
    `document.querySelectorAll('iframe[data-ghost-goroutines]').forEach(function(f){` +
    `if(f.contentWindow===e.source)f.style.height=Math.ceil(d.height)+'px';});});})();`;
  return (
    `<iframe data-ghost-goroutines src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
    `loading="lazy" style="width:100%;height:${Math.round(initialHeight)}px;border:0"></iframe>\n` +
    `<script>${script}</script>`
  );
}
