'use client';

/** The keyboard shortcuts, as `?` shows them. */
export interface Shortcut {
  keys: string;
  does: string;
}

export function ShortcutsHelp({ shortcuts, onClose }: { shortcuts: readonly Shortcut[]; onClose: () => void }) {
  return (
    <div className="fixed inset-0 z-[60] grid place-items-center bg-slate-900/40 p-4" onClick={onClose} data-testid="shortcuts-help">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="w-full max-w-md rounded-xl bg-white p-5 shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="flex items-center justify-between">
          <h2 id="shortcuts-title" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <button type="button" className="rounded-md border border-slate-300 px-2 py-0.5 text-sm" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
        <table className="mt-3 w-full text-sm">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.keys} className="border-t border-slate-100">
                <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{s.keys}</kbd>
                </th>
                <td className="py-1.5 text-slate-700">{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
