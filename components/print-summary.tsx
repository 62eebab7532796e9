/**
 * On paper only (the browser's print, a PDF saved from it): what the figures above rest on, since the
 * sliders and the header's controls do not print. Every lever and the settings that differ from their
 * defaults, the scenario weights, the model and the tape with their SHA-256, and the link to the view.
 */
export function PrintSummary({
  levers,
  settings,
  weights,
  model,
  tape,
  link,
}: {
  levers: { label: string; value: string; moved: boolean }[];
  settings: string[];
  weights: string;
  model: { name: string; sha256: string; cardSha256: string };
  tape: { name: string; loans: number; sha256: string };
  link: string;
}) {
  return (
    <section
      className="hidden break-inside-avoid space-y-2 border-t border-slate-300 pt-3 text-xs text-slate-700 print:block"
      data-testid="print-summary"
    >
      <h2 className="text-sm font-semibold text-slate-900">Assumptions</h2>
      <p>
        {levers.map((l, k) => (
          <span key={l.label} className={l.moved ? 'font-semibold text-slate-900' : ''}>
            {l.label} {l.value}
            {k < levers.length - 1 ? ' · ' : ''}
          </span>
        ))}
      </p>
      <p>{settings.join(' · ')}</p>
      <p>Scenario weights: {weights}</p>
      <h2 className="text-sm font-semibold text-slate-900">Provenance</h2>
      <p className="break-all">
        Model {model.name}, SHA-256 {model.sha256}; card SHA-256 {model.cardSha256}. Tape {tape.name}, {tape.loans.toLocaleString('en-US')}{' '}
        loans, SHA-256 {tape.sha256}. Printed {new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC from Riskdial.
      </p>
      <p className="break-all">View: {link}</p>
    </section>
  );
}
