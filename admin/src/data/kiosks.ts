/**
 * Kiosks: the list (staff); pairing, renaming, unpairing, moving to a room, launch kits and the Safe Exam Browser
 * config (admin). The live list comes over the socket.
 */
import type { KioskDto, KioskRefDto } from '../../../shared/protocol.ts';
import { ApiError, failure, request } from './http.ts';

export function listKiosks(signal?: AbortSignal): Promise<KioskDto[]> {
  return request('/kiosks', { signal });
}

/** `roomId`: the room the new kiosk stands in (one that requires Safe Exam Browser checks the kiosk first). */
export function pairKiosk(code: string, name: string, roomId: string | null = null): Promise<KioskRefDto> {
  return request('/kiosks', { method: 'POST', body: { code, name, roomId } });
}

export function renameKiosk(id: string, name: string): Promise<KioskRefDto> {
  return request(`/kiosks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function unpairKiosk(id: string): Promise<void> {
  return request(`/kiosks/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Puts a kiosk in a room, or in none (`null`). */
export function moveKiosk(id: string, roomId: string | null): Promise<KioskRefDto> {
  return request(`/kiosks/${encodeURIComponent(id)}/room`, { method: 'PATCH', body: { roomId } });
}

export type LaunchKitKind = 'desktop' | 'systemd' | 'windows';

/** The address of a kiosk's launch kit: a plain link downloads it with the session cookie. */
export function launchKitHref(id: string, kind: LaunchKitKind): string {
  return `/api/kiosks/${encodeURIComponent(id)}/launch-kit/${kind}`;
}

export interface SebConfig { file: Blob; filename: string; configKey: string }

/** The Safe Exam Browser config file for the kiosk page, quitting with `quitPassword`, and its Config Key. */
export async function sebConfig(quitPassword: string): Promise<SebConfig> {
  let res: Response;
  try {
    res = await fetch('/api/kiosks/seb-config', {
      method: 'POST',
      headers: { accept: 'application/octet-stream, application/json', 'content-type': 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      body: JSON.stringify({ quitPassword }),
    });
  } catch {
    throw new ApiError('network', 'network', 0);
  }
  if (!res.ok) {
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    throw failure(res.status, res.statusText, data);
  }
  const filename = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'inzage-kiosk.seb';
  return { file: await res.blob(), filename, configKey: res.headers.get('x-seb-config-key') ?? '' };
}
