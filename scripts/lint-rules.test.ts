/**
 * The architecture's import rules (eslint.config.mjs) fire on a planted violation of each, and stay
 * quiet on the allowed form beside it: a rule that cannot fire would hold nothing.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The messages ESLint reports for `code` as if it were the file at `filePath`. */
async function findings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const restricted = (messages: string[]) => messages.filter((m) => m.startsWith('@typescript-eslint/no-restricted-imports'));

describe('import boundaries', () => {
  const planted: [string, string, string, RegExp][] = [
    ['lib/ imports React', 'lib/engine/planted.ts', "import { useState } from 'react';\nexport const x = useState;\n", /framework-free/],
    ['lib/ imports Next', 'lib/engine/planted.ts', "import dynamic from 'next/dynamic';\nexport const x = dynamic;\n", /framework-free/],
    ['lib/ imports Recharts', 'lib/metrics/planted.ts', "import { Bar } from 'recharts';\nexport const x = Bar;\n", /framework-free/],
    [
      'lib/ imports a component',
      'lib/engine/planted.ts',
      "import { formatUsd } from '../../components/format';\nexport const x = formatUsd;\n",
      /never imports app\/ or components\//,
    ],
    [
      'lib/ imports app/',
      'lib/engine/planted.ts',
      "import { KPIS } from '@/app/kpis';\nexport const x = KPIS;\n",
      /never imports app\/ or components\//,
    ],
    [
      'lib/ imports a node: module',
      'lib/model/planted.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      /Node modules/,
    ],
    ['lib/ imports a bare Node module', 'lib/model/planted.ts', "import { join } from 'path';\nexport const x = join;\n", /Node modules/],
    [
      'lib/ imports its test helpers',
      'lib/engine/planted.ts',
      "import { openBundled } from '../testing';\nexport const x = openBundled;\n",
      /for tests only/,
    ],
    [
      'lib/ reaches inside a sibling folder',
      'lib/engine/planted.ts',
      "import { irbRiskWeight } from '../metrics/irb';\nexport const x = irbRiskWeight;\n",
      /sibling lib\/ folder itself/,
    ],
    [
      'a component imports lib/ values',
      'components/planted.tsx',
      "import { ASSUMPTIONS } from '@/lib/scenario';\nexport const x = ASSUMPTIONS;\n",
      /types only/,
    ],
    [
      'a component imports app/',
      'components/planted.tsx',
      "import { KPIS } from '@/app/kpis';\nexport const x = KPIS;\n",
      /never import app\//,
    ],
    [
      'app/ ships training code',
      'app/planted.ts',
      "import { trainChampion } from '@/lib/training';\nexport const x = trainChampion;\n",
      /never ships training or test code/,
    ],
    [
      'app/ ships test helpers',
      'app/planted.ts',
      "import { openBundled } from '@/lib/testing';\nexport const x = openBundled;\n",
      /never ships training or test code/,
    ],
    [
      'app/ imports a Node module',
      'app/planted.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      /runs in the browser/,
    ],
    [
      'app/ reaches inside a lib folder',
      'app/planted.ts',
      "import { EngineClient } from '@/lib/worker/client';\nexport const x = EngineClient;\n",
      /lib\/ folder itself/,
    ],
    [
      'a script reaches inside a lib folder',
      'scripts/planted.ts',
      "import { openEngine } from '../lib/engine/open';\nexport const x = openEngine;\n",
      /lib\/ folder itself/,
    ],
  ];

  it.each(planted)('fires when %s', async (_what, filePath, code, message) => {
    const found = restricted(await findings(filePath, code));
    expect(found).toContainEqual(expect.stringMatching(message));
  });

  const allowed: [string, string, string][] = [
    [
      'lib/ imports a sibling folder through its index',
      'lib/engine/planted.ts',
      "import { irbRiskWeight } from '../metrics';\nexport const x = irbRiskWeight;\n",
    ],
    [
      'a lib/ test reads files with Node',
      'lib/model/planted.test.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'a component imports lib/ types',
      'components/planted.tsx',
      "import type { Assumptions } from '@/lib/scenario';\nexport type X = Assumptions;\n",
    ],
    ['app/ imports a lib folder', 'app/planted.ts', "import { EngineClient } from '@/lib/worker';\nexport const x = EngineClient;\n"],
    ['a script reads files with Node', 'scripts/planted.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ];

  it.each(allowed)('allows %s', async (_what, filePath, code) => {
    expect(restricted(await findings(filePath, code))).toEqual([]);
  });
});

describe('React rules', () => {
  it('a hook called conditionally is refused', async () => {
    const code =
      "import { useState } from 'react';\nexport function A({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await findings('components/planted.tsx', code)).toEqual([expect.stringMatching(/^react-hooks\/rules-of-hooks/)]);
  });

  it('an effect that misses a dependency is refused', async () => {
    const code =
      "import { useEffect } from 'react';\nexport function A({ v }: { v: number }) {\n  useEffect(() => console.log(v), []);\n  return null;\n}\n";
    expect(await findings('app/planted.tsx', code)).toEqual([expect.stringMatching(/^react-hooks\/exhaustive-deps/)]);
  });
});
