/** How long the object URL outlives the click: the browser reads the blob asynchronously. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Hands bytes to the browser's download as a file: an object URL (the bytes never leave the device) and
 * a temporary <a download>.
 */
export function downloadFile(
  bytes: Uint8Array,
  fileName: string,
  type: string,
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
