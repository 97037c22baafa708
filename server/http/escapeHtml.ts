/** Text or an attribute value for server-rendered HTML (the printed reports, the kiosk's page): every value escaped. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (v: unknown): string => String(v).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
