/** Wait on a condition, never a fixed time: retries `check` until it stops throwing (or returns truthy). */
export async function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false) return value;
      throw new Error('condition is false');
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
