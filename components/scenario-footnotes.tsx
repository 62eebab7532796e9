'use client';

import { memo, useState } from 'react';
import { Button } from './ui/button';

/** How long "Link copied" stays before the button reads as before. */
const COPIED_MS = 1500;

/** Under the sliders: the link to this scenario, and the parts of the opening link that were ignored. Memoised: `onCopyLink` reads the sliders when pressed. */
export const ScenarioFootnotes = memo(function ScenarioFootnotes({
  onCopyLink,
  ignored,
}: {
  onCopyLink: () => Promise<void>;
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
      {ignored.length > 0 && (
        <div className="break-words text-warning-fg" data-testid="link-ignored">
          <p>Ignored in the link:</p>
          <ul className="list-disc pl-4">
            {ignored.map((message, i) => (
              <li key={i}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
