import type http from "node:http";

/**
 * Headers on every response. The app is one origin: scripts only from it (no inline script, no eval),
 * no framing, no referrer (the token lives in the URL fragment, but be sure), WebSockets back to the
 * same host only. Inline style attributes stay allowed because the canvas positions elements with them.
 */
export function securityHeaders(req: http.IncomingMessage): Record<string, string> {
  const host = sanitizeHost(req.headers.host);
  const ws = host ? ` ws://${host} wss://${host}` : "";
  return {
    "content-security-policy": [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${ws}`,
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
}

/** Only a plain host[:port] may be echoed into the policy. */
function sanitizeHost(host: string | undefined): string | null {
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host) ? host : null;
}

export function applySecurityHeaders(req: http.IncomingMessage, res: http.ServerResponse): void {
  for (const [k, v] of Object.entries(securityHeaders(req))) res.setHeader(k, v);
}
