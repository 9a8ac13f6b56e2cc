// Listing descriptions: Markdown renders to a small tag allowlist, and XSS payloads come out inert (R10: public pages).
import { describe, expect, it } from "vitest";
import { renderMarkdown, safeLinkHref, sanitizeListingHtml } from "../../src/domain/listings/markdown.ts";

const ALLOWED = new Set(["p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre"]);

interface Tag {
  name: string;
  attributes: Record<string, string>;
}

/**
 * The real tags of the output. Text never holds a raw "<" (it is escaped), so each "<" opens a tag, and the
 * sanitizer writes every attribute as name="value" with quotes escaped.
 */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<\/?([^\s/>]+)([^>]*)>/g)) {
    const attributes: Record<string, string> = {};
    const rest = match[2]!.replace(/\/$/, "");
    for (const attr of rest.matchAll(/\s+([^\s=]+)(?:="([^"]*)")?/g)) attributes[attr[1]!.toLowerCase()] = attr[2] ?? "";
    expect(rest.replace(/\s+([^\s=]+)(?:="([^"]*)")?/g, "").trim(), `unparsed attribute text in ${match[0]}`).toBe("");
    tags.push({ name: match[1]!.toLowerCase(), attributes });
  }
  return tags;
}

/** Only allowlisted tags; only href/rel on links, with a safe scheme and the forced rel; nothing else anywhere. */
function expectInert(html: string) {
  for (const tag of tagsOf(html)) {
    expect(ALLOWED.has(tag.name), `tag <${tag.name}> in ${html}`).toBe(true);
    if (tag.name !== "a") {
      expect(tag.attributes, `attributes on <${tag.name}> in ${html}`).toEqual({});
      continue;
    }
    if (Object.keys(tag.attributes).length === 0) continue; // a closing </a>
    expect(Object.keys(tag.attributes).sort(), html).toEqual(["href", "rel"]);
    expect(tag.attributes.href, html).toMatch(/^(https?:\/\/[^/]|mailto:)/);
    expect(tag.attributes.rel).toBe("nofollow noopener noreferrer");
  }
  // Balanced: every opened non-void tag is closed in order (a stray close would swallow the rest of the page).
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (name === "br" || selfClosing) continue;
    if (closing) expect(stack.pop(), `</${name}> in ${html}`).toBe(name);
    else stack.push(name!);
  }
  expect(stack, `unclosed tags in ${html}`).toEqual([]);
}

describe("renderMarkdown: formatting", () => {
  it("renders paragraphs, emphasis, lists, quotes and code", () => {
    const html = renderMarkdown(
      "Hello **world** and _you_.\nSecond line\n\n- one\n- two\n\n1. first\n\n> said\n\n`inline` code\n\n```\nlet a = 1 < 2;\n```",
    );
    expect(html).toContain("<p>Hello <strong>world</strong> and <em>you</em>.<br />Second line</p>");
    expect(html).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(html).toContain("<ol>\n<li>first</li>\n</ol>");
    expect(html).toContain("<blockquote>\n<p>said</p>\n</blockquote>");
    expect(html).toContain("<code>inline</code>");
    expect(html).toContain("<pre><code>let a = 1 &lt; 2;\n</code></pre>");
    expectInert(html);
  });

  it("starts partner headings at h3, below the page's own h1/h2", () => {
    expect(renderMarkdown("# Top")).toBe("<h3>Top</h3>");
    expect(renderMarkdown("## Second")).toBe("<h4>Second</h4>");
    expect(renderMarkdown("###### Deep")).toBe("<h4>Deep</h4>");
    expect(renderMarkdown("Setext\n======")).toBe("<h3>Setext</h3>");
  });

  it("forces rel on http, https and mailto links and sets no target", () => {
    expect(renderMarkdown("[site](https://example.com/a?b=1&c=2)")).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">site</a></p>',
    );
    expect(renderMarkdown("[mail](mailto:sales@example.com)")).toBe(
      '<p><a href="mailto:sales@example.com" rel="nofollow noopener noreferrer">mail</a></p>',
    );
    const auto = renderMarkdown("See http://example.org for more");
    expect(auto).toContain('<a href="http://example.org/" rel="nofollow noopener noreferrer">http://example.org</a>');
    expect(auto).not.toContain("target");
  });

  it("keeps the text of links it drops (relative, protocol-relative, other schemes)", () => {
    expect(renderMarkdown("[home](/dev/mail)")).toBe("<p>home</p>");
    expect(renderMarkdown("[x](//evil.example)")).toBe("<p>x</p>");
    expect(renderMarkdown("[ftp](ftp://files.example.com)")).toBe("<p>ftp</p>");
    expect(renderMarkdown("[tel](tel:+8210)")).toBe("<p>tel</p>");
  });

  it("closes a good link correctly after dropping a bad one at the same depth", () => {
    const html = renderMarkdown("[bad](javascript:alert(1)) then [good](https://example.com) then **more**");
    expect(html).toBe(
      '<p>bad then <a href="https://example.com/" rel="nofollow noopener noreferrer">good</a> then <strong>more</strong></p>',
    );
    expectInert(html);
  });

  it("shows tables as one line per row instead of table tags", () => {
    expect(renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |")).toBe("<p>a | b<br />1 | 2</p>");
  });

  it("copes with empty and whitespace input", () => {
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown("  \n\n ")).toBe("");
  });

  it("keeps Korean text and entities as text", () => {
    expect(renderMarkdown("제로 트러스트 **보안** 컨설팅")).toBe("<p>제로 트러스트 <strong>보안</strong> 컨설팅</p>");
    expect(renderMarkdown("AT&T &amp; co")).toBe("<p>AT&amp;T &amp; co</p>");
  });
});

describe("renderMarkdown: XSS payloads come out inert", () => {
  const payloads: Array<[string, string]> = [
    ["script block", "<script>alert(1)</script>"],
    ["inline script", "hello <script>alert(document.cookie)</script> there"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["inline img onerror", "text <img src=x onerror=alert(1)> text"],
    ["markdown image", "![pixel](https://tracker.example/p.gif)"],
    ["markdown image with js", "![x](javascript:alert(1))"],
    ["javascript link", "[click](javascript:alert(1))"],
    ["mixed-case javascript", "[click](JaVaScRiPt:alert(1))"],
    ["entity-encoded javascript", "[click](&#106;avascript:alert(1))"],
    ["hex-entity javascript", "[click](&#x6A;avascript&#x3A;alert(1))"],
    ["tab inside scheme", "[click](java&#x09;script:alert(1))"],
    ["leading spaces", "[click](   javascript:alert(1))"],
    ["autolink javascript", "<javascript:alert(1)>"],
    ["vbscript", "[click](vbscript:msgbox(1))"],
    ["data URL link", "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["data URL image", "![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
    ["raw anchor", '<a href="javascript:alert(1)">x</a>'],
    ["raw anchor target", '<a href="https://example.com" target="_blank" onclick="x()">x</a>'],
    ["event handler div", '<div onmouseover="alert(1)" style="position:fixed;inset:0">cover</div>'],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["svg onload", "<svg onload=alert(1)><circle r=1 /></svg>"],
    ["style tag", "<style>body{display:none}</style>"],
    ["title attribute breakout", '[x](https://a.example "\\" onmouseover=alert(1) x=\\"")'],
    ["quote in URL", '[x](https://a.example/"onmouseover="alert(1))'],
    ["html comment", "<!-- <script>alert(1)</script> -->"],
    ["entity-encoded tags", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["nested markdown in link text", "[<img src=x onerror=alert(1)>](https://example.com)"],
    ["form", '<form action="https://evil.example"><input name=p></form>'],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ];

  it.each(payloads)("%s", (_name, payload) => {
    expectInert(renderMarkdown(payload));
  });

  it("shows raw HTML as the text the partner typed", () => {
    expect(renderMarkdown("<b>bold?</b>")).toBe("<p>&lt;b&gt;bold?&lt;/b&gt;</p>");
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("keeps the alt text of an image, not the image", () => {
    expect(renderMarkdown("![Our team](https://example.com/team.png)")).toBe("<p>Our team</p>");
  });
});

describe("sanitizeListingHtml: the allowlist holds on its own", () => {
  it("strips what a Markdown bug could let through", () => {
    const html = sanitizeListingHtml(
      '<p onclick="x()" style="color:red">ok</p><script>alert(1)</script><img src=x onerror=alert(1)>' +
        '<a href="javascript:alert(1)">js</a><a href="https://example.com" target="_blank" rel="opener">fine</a>' +
        '<iframe src="https://evil.example">inner</iframe><h1>big</h1><table><tr><td>cell</td></tr></table>',
    );
    expect(html).toBe(
      '<p>ok</p>js<a href="https://example.com/" rel="nofollow noopener noreferrer">fine</a>bigcell',
    );
    expectInert(html);
  });

  it("decodes entities before judging a link", () => {
    expect(sanitizeListingHtml('<a href="&#106;avascript:alert(1)">x</a>')).toBe("x");
    expect(sanitizeListingHtml('<a href="java&#x0A;script:alert(1)">x</a>')).toBe("x");
  });
});

describe("safeLinkHref", () => {
  it("accepts absolute http, https and mailto only", () => {
    expect(safeLinkHref("https://example.com")).toBe("https://example.com/");
    expect(safeLinkHref("mailto:a@example.com")).toBe("mailto:a@example.com");
    for (const bad of ["", undefined, "/relative", "//host", "javascript:alert(1)", "data:text/html,x", "http://", "https:"]) {
      expect(safeLinkHref(bad), String(bad)).toBeNull();
    }
  });
});
