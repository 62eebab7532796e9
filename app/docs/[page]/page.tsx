import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DOC_PAGES, renderDoc } from '../render';

/** Rendered per request, as the dashboard is: the page's scripts carry the request's CSP nonce. */
export const dynamic = 'force-dynamic';

/** A listed doc's text; any other name is a 404. */
function source(page: string): string {
  if (!(DOC_PAGES as readonly string[]).includes(page)) notFound();
  return readFileSync(join(process.cwd(), 'docs', `${page}.md`), 'utf8');
}

export async function generateMetadata({ params }: { params: Promise<{ page: string }> }): Promise<Metadata> {
  const { page } = await params;
  const title = /^# (.+)$/m.exec(source(page))?.[1] ?? page;
  return { title: `${title} · Riskdial` };
}

/** A doc of the project, rendered at build time: the formulas the dashboard's definitions link to. */
export default async function DocPage({ params }: { params: Promise<{ page: string }> }) {
  const { page } = await params;
  const html = renderDoc(source(page));
  return (
    <main className="mx-auto max-w-4xl px-5 py-6">
      <nav className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href="/" className="font-medium text-indigo-700 underline">
          ← Back to the dashboard
        </a>
        {DOC_PAGES.map((p) => (
          <a key={p} href={`/docs/${p}`} aria-current={p === page ? 'page' : undefined} className="text-slate-700 underline aria-[current=page]:font-semibold">
            {p}
          </a>
        ))}
      </nav>
      <article className="doc" dangerouslySetInnerHTML={{ __html: html }} />
    </main>
  );
}
