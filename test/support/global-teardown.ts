export default async function globalTeardown(): Promise<void> {
  await globalThis.__E2E_FERRETDB__?.stop();
  globalThis.__E2E_FERRETDB__ = undefined;
}
