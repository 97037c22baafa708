/**
 * Safe Exam Browser's proof for the server (docs/design.md: Kiosk PCs): in SEB, `SafeExamBrowser.security` holds the
 * Config Key and Browser Exam Key hashed with this page's URL; the server checks them against the room's keys.
 * SEB 3.0 for macOS/iOS fills them only after `updateKeys(callback)`; later versions have them at load. Outside SEB
 * there is nothing to send.
 */
interface SebSecurity { configKey?: string; browserExamKey?: string; updateKeys?: (done: () => void) => void }
declare global {
  interface Window { SafeExamBrowser?: { security?: SebSecurity } }
}

export interface SebProof { url: string; configKey?: string; browserExamKey?: string }

export async function sebProof(win: Window = window): Promise<SebProof | null> {
  const security = win.SafeExamBrowser?.security;
  if (!security) return null;
  if (typeof security.updateKeys === 'function' && !security.configKey && !security.browserExamKey) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000); // a SEB that never calls back: send what there is
      security.updateKeys!(() => { clearTimeout(timer); resolve(); });
    });
  }
  const url = win.location.href.split('#')[0]!;
  return { url, ...(security.configKey ? { configKey: security.configKey } : {}), ...(security.browserExamKey ? { browserExamKey: security.browserExamKey } : {}) };
}
