'use client';

import { useState } from 'react';
import type { ClampReport } from '@/lib/scenario';
import { formatInteger, formatNumber } from './format';
import { Button } from './ui/button';

/** How long "Link copied" stays before the button reads as before. */
const COPIED_MS = 1500;

/** Under the sliders: the link to this scenario, inputs held inside the model's range, and link parts ignored. */
export function ScenarioFootnotes({
  onCopyLink,
  clamped,
  ignored,
}: {
  onCopyLink: () => Promise<void>;
  clamped: readonly ClampReport[];
  ignored: readonly string[];
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await onCopyLink();
    setCopied(true);
    window.setTimeout(() => setCopied(false), COPIED_MS);
  };
  return (
    <div className="space-y-2 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600">
      <Button onClick={copy} data-testid="copy-link">
        {copied ? 'Link copied' : 'Copy link to this scenario'}
      </Button>
      {clamped.map((c) => (
        <p key={c.input} data-testid="clamp-note">
          {formatInteger(c.loans)} loans: {c.input} held inside the model&apos;s training range ({formatNumber(c.range[0])}–
          {formatNumber(c.range[1])}).
        </p>
      ))}
      {ignored.length > 0 && <p className="text-warning-fg">Ignored in the link: {ignored.join(' ')}</p>}
    </div>
  );
}
