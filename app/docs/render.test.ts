import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KPIS, LEVER_DOCS } from '../kpis';
import { headingAnchor, renderDoc, servedHref } from './render';

const anchorsOf = (page: string) =>
  new Set([...renderDoc(readFileSync(`docs/${page}.md`, 'utf8')).matchAll(/<h\d id="([^"]+)"/g)].map((m) => m[1]));

describe('the docs the page serves', () => {
  it('give headings GitHub’s anchors and keep links between docs as links between the served pages', () => {
    expect(headingAnchor('Basel IRB capital (other retail)')).toBe('basel-irb-capital-other-retail');
    expect(headingAnchor('Through the model: income, rate, utilisation')).toBe('through-the-model-income-rate-utilisation');
    expect(servedHref('metrics.md#rates')).toBe('/docs/metrics#rates');
    expect(servedHref('docs/model.md')).toBe('/docs/model');
    expect(servedHref('README.md')).toBe('README.md');
    expect(servedHref('https://example.org/basel_framework/')).toBe('https://example.org/basel_framework/');
    const html = renderDoc('## Rates\n\nSee [the model](model.md#calibration) and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(html).toContain('<h2 id="rates"><a href="#rates">Rates</a></h2>');
    expect(html).toContain('<a href="/docs/model#calibration">the model</a>');
    expect(html).toContain('<td>1</td>');
  });

  it('hold every formula a KPI or a lever links to: no definition points at a heading that is not there', () => {
    const links = [...KPIS.map((k) => k.doc), ...Object.values(LEVER_DOCS), '/docs/metrics#book-and-new-business'];
    for (const link of links) {
      const [, page, anchor] = /^\/docs\/([\w-]+)#(.+)$/.exec(link)!;
      expect(anchorsOf(page!), link).toContain(anchor);
    }
  });
});
