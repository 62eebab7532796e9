import type { ComponentProps } from 'react';

const VARIANTS = {
  /** A bordered button: copy the link, export. */
  outline: 'rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-400',
  /** A text button for secondary actions: reset. */
  quiet:
    'rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-400 disabled:hover:bg-transparent',
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

export function Button({
  variant = 'outline',
  className = '',
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: ButtonVariant }) {
  // Controls do not print: the paper page is the figures and what they rest on.
  return <button type={type} className={`${VARIANTS[variant]} print:hidden ${className}`} {...props} />;
}
