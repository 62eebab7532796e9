'use client';

import { memo, useState, type ChangeEvent, type DragEvent } from 'react';
import { Button } from './ui/button';

/**
 * The user's own model: an .onnx file, with its model card (.json) where there is one, chosen or
 * dropped; read in this browser. The way back to the deployment's model, and the card to download.
 * Memoised: a slider step does not touch it.
 */
export const ModelPicker = memo(function ModelPicker({
  onChoose,
  broughtModel,
  onUseBundled,
  cardDownload,
}: {
  onChoose: (files: File[]) => void;
  /** The brought model in use, or null while the deployment's runs. */
  broughtModel: string | null;
  onUseBundled: () => void;
  /** The card the model in use runs with, as a file to download (a drafted one included). */
  cardDownload?: { fileName: string; json: string };
}) {
  const [dragging, setDragging] = useState(false);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    if (files.length) onChoose(files);
    e.target.value = '';
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) onChoose(files);
  };
  const download = () => {
    if (!cardDownload) return;
    const url = URL.createObjectURL(new Blob([cardDownload.json], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: cardDownload.fileName });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div
      className={`mt-3 border-t border-slate-100 px-4 pt-3 text-xs text-slate-600 ${dragging ? 'bg-indigo-50' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="model-drop"
    >
      <label className="block font-medium text-slate-700" htmlFor="model-file">
        Run your own model (ONNX, with its card if you have one)
      </label>
      <input
        id="model-file"
        type="file"
        accept=".onnx,.json,application/json"
        multiple
        onChange={onChange}
        data-testid="model-file"
        className="mt-1 block w-full text-xs file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-slate-700"
      />
      <p className="mt-1">Or drop the files here. Verified and run in this browser; the model never leaves the device.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {cardDownload && (
          <Button onClick={download} data-testid="model-card-download">
            Download the model card
          </Button>
        )}
        {broughtModel && (
          <Button onClick={onUseBundled} data-testid="use-bundled-model">
            Use the bundled model
          </Button>
        )}
      </div>
    </div>
  );
});
