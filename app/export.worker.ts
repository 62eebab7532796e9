/// <reference lib="webworker" />
/** Makes the exports that take time on a big book (the workbook, every loan's figures) off the page's thread. */
import { runExportJob, type ExportJob } from '@/lib/export';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<ExportJob>) => {
  void runExportJob(event.data, (message) => scope.postMessage(message));
});
