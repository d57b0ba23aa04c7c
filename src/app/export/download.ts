/** Saves bytes as a file through a temporary link (works in every current browser). */
export function downloadBytes(data: Uint8Array | string, filename: string, type: string): void {
  const part: BlobPart = typeof data === "string" ? data : (data.slice().buffer as ArrayBuffer);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the document title, without characters file systems refuse. */
export function safeFileBase(title: string, fallback = "nagare"): string {
  const cleaned = [...title.trim()].map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? "_" : c)).join("");
  return cleaned.slice(0, 80) || fallback;
}
