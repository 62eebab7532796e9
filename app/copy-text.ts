/**
 * Puts text on the clipboard: the Clipboard API where the page has it (a secure context), otherwise the
 * older copy command on a selected, off-screen text area, which works over plain http on a LAN.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.left = '-9999px';
  document.body.append(area);
  area.select();
  try {
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy the link.');
  } finally {
    area.remove();
  }
}
