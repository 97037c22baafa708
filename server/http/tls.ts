/** The HTTPS server's TLS settings. */
import type { TlsOptions } from 'node:tls';

/**
 * What the HTTPS server offers (docs/design.md: Security model, Transport). TLS 1.2 at least; under TLS 1.2 only
 * forward-secret AEAD suites (ECDHE with AES-GCM or ChaCha20-Poly1305): no CBC suites (Lucky Thirteen and other
 * padding oracles), no static RSA key exchange, no SHA-1 MACs. TLS 1.3 keeps its own suites, all of them AEAD.
 */
export const TLS_OPTIONS = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
} as const satisfies TlsOptions;
