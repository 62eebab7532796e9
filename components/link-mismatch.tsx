'use client';

import { useState } from 'react';
import { Notice } from './notice';
import { Button } from './ui/button';

interface Made {
  name: string;
  sha256: string;
}

/**
 * A shared link made on another tape or model than the one loaded here: the same levers give other
 * figures, and the page says so rather than show them as the sender's. Dismissed, it stays away.
 */
export function LinkMismatch({
  madeOn,
  tape,
  model,
  scenario,
}: {
  madeOn: { tape?: string; model?: string };
  tape: Made;
  model: Made;
  scenario?: string;
}) {
  const [dismissed, setDismissed] = useState(false);
  const differs = [
    ...(madeOn.tape && !tape.sha256.startsWith(madeOn.tape)
      ? [`a loan tape with SHA-256 ${madeOn.tape}…; ${tape.name} here is ${tape.sha256.slice(0, 12)}…`]
      : []),
    ...(madeOn.model && !model.sha256.startsWith(madeOn.model)
      ? [`a model with SHA-256 ${madeOn.model}…; ${model.name} here is ${model.sha256.slice(0, 12)}…`]
      : []),
  ];
  if (dismissed || differs.length === 0) return null;
  return (
    <Notice tone="warning" title="This link was made on other data: its figures differ from the sender’s" testId="link-mismatch">
      <p>
        {scenario ? `“${scenario}” was` : 'The view was'} shared from {differs.join('; and ')}. The levers are the same; load the sender’s
        tape and model to see their figures.
      </p>
      <Button className="mt-2" onClick={() => setDismissed(true)}>
        Understood
      </Button>
    </Notice>
  );
}
