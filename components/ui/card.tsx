import type { ComponentProps } from 'react';

/** The one card shell of the page: white, hairline border, soft shadow. Padding is the caller's. */
export function Card({ className = '', ...props }: ComponentProps<'section'>) {
  return <section className={`rounded-xl border border-slate-200 bg-white shadow-sm ${className}`} {...props} />;
}
