import MarkdownIt, { type MarkdownIt as Renderer } from 'markdown-it';

// The one Markdown renderer for the preview, the HTML and the PDF: what the editor shows is
// what gets printed. Post-mortems are typed by people and pasted from anywhere, so:
// - raw HTML is never passed through (html: false: `<script>` is shown as text);
// - links and images may point only at http(s), mailto or an in-page #anchor; anything else
//   (javascript:, data:, vbscript:, file:, relative paths) stays plain text;
// - images are rendered as links, never loaded: Cordon works offline and a remote image
//   would be a beacon;
// - external links open outside the app (target=_blank, no opener, no referrer).

const allowed = /^(https?:\/\/|mailto:|#)/i;

/** The link validator: only http(s), mailto and in-page anchors. */
export function isAllowedUrl(url: string): boolean {
  const trimmed = url.trim();
  // Control characters and whitespace inside a scheme are a classic filter bypass.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return false;
  return allowed.test(trimmed);
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

let shared: Renderer | null = null;

export function createMarkdownRenderer(): Renderer {
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });
  md.validateLink = isAllowedUrl;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!token) return '';
    const src = String(token.attrGet('src') ?? '');
    const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
    return `<a class="image-link" href="${escapeHtml(src)}" target="_blank" rel="noopener noreferrer">[image: ${escapeHtml(alt)}]</a>`;
  };
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = String(token?.attrGet('href') ?? '');
    if (token && !href.startsWith('#')) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

/** Markdown -> sanitised HTML fragment. */
export function renderMarkdown(markdown: string): string {
  shared ??= createMarkdownRenderer();
  return shared.render(markdown);
}
