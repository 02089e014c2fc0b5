/** Hosts the app may open in the user's browser (documentation and support only). */
export const EXTERNAL_LINK_HOSTS = ['docs.keeptrusts.com', 'keeptrusts.com', 'www.keeptrusts.com'] as const;

/** True when `url` may be handed to the OS browser: https, no credentials, and an allow-listed host. */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && allowedHosts.includes(parsed.hostname);
}

/** Opens `url` in the OS browser only when it is allowed; returns whether it did. */
export async function openExternalSafely(shell: { openExternal(url: string): Promise<void> }, url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
