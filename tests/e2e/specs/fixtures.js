// Shared test setup: every test records each request its browser context makes and fails if any
// leaves 127.0.0.1, and fails on uncaught page errors or dialogs (an XSS would open one).
import { test as base, expect } from "@playwright/test";

const LOCAL_PROTOCOLS = new Set(["data:", "blob:", "about:", "chrome-extension:"]);

export const test = base.extend({
  context: async ({ context }, use) => {
    const foreign = [];
    context.on("request", (request) => {
      const url = new URL(request.url());
      if (!LOCAL_PROTOCOLS.has(url.protocol) && url.hostname !== "127.0.0.1") foreign.push(url.href);
    });
    await use(context);
    expect(foreign, "requests that left 127.0.0.1").toEqual([]);
  },
  page: async ({ page }, use) => {
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", async (dialog) => {
      problems.push(`unexpected dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await use(page);
    expect(problems).toEqual([]);
  },
});

export { expect };

/** Opens the dashboard, waits until the demo workspace is seeded and counted, then opens `path`. */
export async function openSeeded(page, path = "/") {
  await page.goto("/");
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,000", { timeout: 60_000 });
  if (path !== "/") await page.goto(path);
}
