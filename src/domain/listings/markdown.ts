// Partner-written Markdown → HTML that is safe to insert: marked renders, sanitize-html enforces an allowlist.
import { escapeHtml } from "../shared/html.ts";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

const ALLOWED_TAGS = ["p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre"];
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const LINK_REL = "nofollow noopener noreferrer";

/** Only absolute http(s) and mailto URLs: relative ones would make partner text link into our own site. */
export function safeLinkHref(href: string | undefined): string | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}

const marked = new Marked({ async: false, gfm: true, breaks: true });
marked.use({
  renderer: {
    // Raw HTML in the source is shown as the text the partner typed, never interpreted.
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
    },
    // No images (tracking pixels, off-site content): keep the alt text only.
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
    // Tables are not in the allowlist: one line per row keeps them readable instead of a run of words.
    table({ header, rows }: Tokens.Table) {
      const line = (cells: Tokens.TableCell[]) => cells.map((cell) => this.parser.parseInline(cell.tokens)).join(" | ");
      return `<p>${[header, ...rows].map(line).join("<br>")}</p>\n`;
    },
    // The page already has h1 (name) and h2 (sections): partner headings start at h3.
    heading({ tokens, depth }: Tokens.Heading) {
      const level = depth <= 1 ? 3 : 4;
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedStyles: {},
  // Disallowed tags vanish but keep their text; these vanish with their content.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template", "svg", "math"],
  disallowedTagsMode: "discard",
  transformTags: {
    a: (_tagName, attribs) => {
      const href = safeLinkHref(attribs.href);
      const kept: sanitizeHtml.Attributes = href ? { href, rel: LINK_REL } : {};
      return { tagName: "a", attribs: kept };
    },
  },
  // A link we won't keep is unwrapped to its text. (Renaming it to a disallowed tag instead trips a
  // sanitize-html 2.18 bug: the stale rename closes the next link at the same depth with the wrong tag.)
  exclusiveFilter: (frame) => (frame.tag === "a" && !frame.attribs.href ? "excludeTag" : false),
};

/** The allowlist pass on its own: the second layer, which holds even if the Markdown step let HTML through. */
export function sanitizeListingHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

/** Markdown to sanitized HTML: only ALLOWED_TAGS, links only absolute http/https/mailto with a forced rel. */
export function renderMarkdown(md: string): string {
  return sanitizeListingHtml(marked.parse(md, { async: false }));
}
