/** Headers every response carries (the middleware adds them; so does the direct lesson save). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Astro's CSP (when the page has one) plus what a meta tag cannot say: no framing by anyone. */
export const withFrameAncestors = (csp: string | null | undefined) => (csp ? `${csp}; frame-ancestors 'none'` : "frame-ancestors 'none'");
