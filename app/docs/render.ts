/**
 * The project's docs (docs/*.md) as the page serves them, so that every definition on the dashboard
 * links to its formula on the same origin, offline too. Headings get GitHub's anchors; links between
 * the docs stay links between these pages.
 */
import { Marked } from 'marked';

/** The docs the page serves, by file name without ".md". */
export const DOC_PAGES = ['metrics', 'assumptions', 'model', 'architecture', 'reliability', 'bring-your-own'] as const;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export const headingAnchor = (text: string): string =>
  text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

/** A link as the served page needs it: `metrics.md#x` → `/docs/metrics#x`; anything else unchanged. */
export function servedHref(href: string): string {
  const doc = /^(?:\.\/)?(?:docs\/)?([\w-]+)\.md(#.*)?$/.exec(href);
  return doc && (DOC_PAGES as readonly string[]).includes(doc[1]!) ? `/docs/${doc[1]}${doc[2] ?? ''}` : href;
}

export function renderDoc(markdown: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        const id = headingAnchor(tokens.map((t) => ('text' in t ? t.text : t.raw)).join(''));
        return `<h${depth} id="${id}"><a href="#${id}">${html}</a></h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        return `<a href="${servedHref(href)}"${title ? ` title="${title}"` : ''}>${text}</a>`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}
