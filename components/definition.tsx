'use client';

import { useId, useState } from 'react';

/**
 * A term's definition, opened by a small button: reachable by keyboard (Tab, Enter) and by touch, not
 * by hover alone; with a link to its formula in the docs the page serves.
 */
export function DefinitionToggle({
  term,
  open,
  onToggle,
  controls,
}: {
  term: string;
  open: boolean;
  onToggle: () => void;
  controls: string;
}) {
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={controls}
      aria-label={`What is ${term}?`}
      className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full border print:hidden border-slate-300 text-[11px] font-semibold leading-none text-slate-600 hover:bg-slate-100 aria-expanded:border-indigo-600 aria-expanded:bg-indigo-50 aria-expanded:text-indigo-800"
      data-testid="definition-toggle"
    >
      ?
    </button>
  );
}

export function DefinitionText({ id, text, href }: { id: string; text: string; href?: string }) {
  return (
    <p id={id} className="mt-2 rounded-md bg-slate-50 px-2 py-1.5 text-xs leading-snug text-slate-700" data-testid="definition">
      {text}
      {href && (
        <>
          {' '}
          <a href={href} className="whitespace-nowrap font-medium text-indigo-700 underline">
            Formula
          </a>
        </>
      )}
    </p>
  );
}

/** The toggle's state and the id tying the button to its text. */
export function useDefinition() {
  const id = useId();
  const [open, setOpen] = useState(false);
  return { id, open, toggle: () => setOpen((o) => !o) };
}
