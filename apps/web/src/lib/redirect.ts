/** Where to go after signing in: a path inside this app (never another site, never sign-in again). */
export function safeRedirect(target: unknown, fallback = '/organization'): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/sign-in') ? target : fallback;
}
