/** Kiosks: the list (staff); pairing, renaming and unpairing (admin). The live list comes over the socket. */
import type { KioskDto, KioskRefDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export function listKiosks(signal?: AbortSignal): Promise<KioskDto[]> {
  return request('/kiosks', { signal });
}

export function pairKiosk(code: string, name: string): Promise<KioskRefDto> {
  return request('/kiosks', { method: 'POST', body: { code, name } });
}

export function renameKiosk(id: string, name: string): Promise<KioskRefDto> {
  return request(`/kiosks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function unpairKiosk(id: string): Promise<void> {
  return request(`/kiosks/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
