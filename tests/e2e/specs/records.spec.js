// No edit ever lost: stale saves refused and merged, deletes and undo from the current copy, other
// tabs kept current, shift-click after a search, and exports that a spreadsheet cannot run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import config from "../playwright.config.js";
import { test, expect, openSeeded } from "./fixtures.js";

/** Adds a person from the customers page and opens their page. */
async function addAndOpen(page, first, last, email) {
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill(first);
  await form.getByLabel("Last name").fill(last);
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await page.getByLabel("Search people").fill(email);
  await page.getByRole("link", { name: `${first} ${last}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${first} ${last}` })).toBeVisible();
}

test("two tabs edit one person: the stale save is refused, says why, and merges without losing the other tab's edit", async ({ context, page }) => {
  await openSeeded(page, "/customers");
  await addAndOpen(page, "Greta", "Stale", "greta.stale@example.org");
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("heading", { level: 1, name: "Greta Stale" })).toBeVisible();

  // The first tab saves a job title.
  await page.getByLabel("Job title").fill("Buyer");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  // The second tab shows it without a reload, while its form still holds what it was filled from.
  await expect(other.getByRole("region", { name: "Details" })).toContainText("Buyer");

  await other.getByLabel("Owner").fill("Mia");
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByRole("alert")).toContainText("changed elsewhere");
  await expect(other.getByRole("region", { name: "Details" })).not.toContainText("Mia");
  await other.getByRole("button", { name: "Merge my changes" }).click();
  await expect(other.getByText("Changes saved")).toBeVisible();

  for (const tab of [page, other]) {
    await tab.reload();
    const details = tab.getByRole("region", { name: "Details" });
    await expect(details).toContainText("Buyer");
    await expect(details).toContainText("Mia");
  }
  // Reload discards this tab's edit for the stored copy.
  await page.getByLabel("Owner").fill("Sam");
  await other.getByLabel("Job title").fill("Head buyer");
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByText("Changes saved")).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("changed elsewhere");
  await page.getByRole("button", { name: "Reload (discard my changes)" }).click();
  await expect(page.getByLabel("Job title")).toHaveValue("Head buyer");
  await expect(page.getByLabel("Owner")).toHaveValue("Mia");
});

test("another tab's list shows a new person without a reload", async ({ context, page }) => {
  await openSeeded(page, "/customers");
  const other = await context.newPage();
  await other.goto("/customers");
  await other.getByLabel("Search people").fill("tabby.cross@example.org");
  await expect(other.getByText("Showing 0 of 2,000 people")).toBeVisible();
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("Tabby");
  await form.getByLabel("Last name").fill("Cross");
  await form.getByLabel("Email").fill("tabby.cross@example.org");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await expect(other.getByText("Showing 1 of 2,001 people")).toBeVisible();
  await expect(other.getByRole("row", { name: /Tabby Cross/ })).toBeVisible();
});

test("edit, delete and restore a person: the edited copy comes back", async ({ page }) => {
  await openSeeded(page, "/customers");
  await addAndOpen(page, "Rhea", "Restore", "rhea.restore@example.org");
  await page.getByLabel("Job title").fill("Chief tester");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  await page.getByRole("button", { name: "Delete person" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByRole("link", { name: "Trash" }).click();
  await page.getByRole("button", { name: "Restore Rhea Restore" }).click();
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByLabel("Search people").fill("rhea.restore@example.org");
  await page.getByRole("link", { name: "Rhea Restore" }).click();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Chief tester");
});

test("bulk-tag, edit one of them, undo: the undo is refused and the edit kept", async ({ page }) => {
  await openSeeded(page, "/customers");
  await page.getByLabel("Search people").fill("anderson");
  await page.getByRole("checkbox", { name: "Select all matching people" }).check();
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected people" });
  await toolbar.getByLabel("Tag to add").fill("undo-check");
  await toolbar.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Tagged: \d+ records/ })).toBeVisible();

  const first = page.getByRole("table").locator("tbody tr:not(.spacer) td:nth-child(2) a").first();
  const name = await first.textContent();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByLabel("Job title").fill("Edited after the bulk tag");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();

  await page.getByRole("status").filter({ hasText: "Tagged" }).getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Cannot undo" })).toBeVisible();
  await page.reload();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("Edited after the bulk tag");
  await expect(details).toContainText("undo-check");
});

test("shift-click after a search narrowed the list selects within the results", async ({ page }) => {
  await openSeeded(page, "/customers");
  const boxes = page.getByRole("table").getByRole("checkbox", { name: /^Select (?!all)/ });
  const names = page.getByRole("table").locator("tbody tr:not(.spacer) td:nth-child(2)");
  const firstName = await names.first().textContent();
  // The anchor: the sixth row of the whole list.
  await boxes.nth(5).click();
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected people" });
  await expect(toolbar).toContainText("1 selected");
  await toolbar.getByRole("button", { name: "Clear selection" }).click();
  // A search leaves fewer rows than the anchor's position, and not the anchor itself.
  await page.getByLabel("Search people").fill(firstName);
  await expect(page.getByText(/^Showing [1-5] of 2,000 people$/)).toBeVisible();
  await boxes.nth(0).click({ modifiers: ["Shift"] });
  await expect(toolbar).toContainText("1 selected");
  await expect(boxes.nth(0)).toBeChecked();
});

test("an exported cell that starts a formula is written as text", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("=HYPERLINK(\"http://127.0.0.1/x\",\"click\")");
  await form.getByLabel("Last name").fill("Formula");
  await form.getByLabel("Email").fill("formula@example.org");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await page.getByLabel("Search people").fill("formula@example.org");
  await expect(page.getByText("Showing 1 of 2,001 people")).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const text = await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString("utf8"));
  const row = text.split(/\r?\n/)[1];
  expect(row.startsWith("\"'=HYPERLINK(") || row.startsWith("'=HYPERLINK("), row).toBe(true);
});

test("clearing only IndexedDB leads to the 'your data is gone' choice, never to demo data", async ({ page }) => {
  await openSeeded(page, "/");
  // The page's own connection closes on the deletion's versionchange, so it goes through.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase("hearth-crm.workspace");
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
  }));
  await expect(page.getByRole("heading", { name: "This workspace changed under this page" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your data is gone from this browser" })).toBeVisible();
  await page.getByRole("button", { name: "Start empty" }).click();
  await expect(page.getByRole("group", { name: "People" })).toContainText("0");
  await page.reload();
  await expect(page.getByRole("group", { name: "People" })).toContainText("0");
});

test("a full disk says storage is full and writes nothing", async ({ playwright }) => {
  // Chromium enforces an overridden quota only on an on-disk profile, and reads it when it opens
  // the database's files (which it keeps open for a moment after the last connection closes).
  const profile = mkdtempSync(join(tmpdir(), "hearth-quota-"));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...config.use.launchOptions,
    baseURL: config.use.baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await openSeeded(page, "/customers");
    const url = page.url();
    await page.goto("about:blank");
    await page.waitForTimeout(3_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(url).origin, quotaSize: 1000 });
    await page.goto(url);
    const form = page.getByRole("region", { name: "New person" });
    await form.getByLabel("First name").fill("Quota");
    await form.getByLabel("Last name").fill("Buster");
    await form.getByLabel("Email").fill("quota.buster@example.org");
    await form.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Storage is full" })).toBeVisible();
    await page.getByLabel("Search people").fill("quota.buster@example.org");
    await expect(page.getByText("Showing 0 of 2,000 people")).toBeVisible();
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(url).origin });
    await page.goto("about:blank");
    await page.waitForTimeout(3_000);
    await page.goto(url);
    await expect(page.getByRole("group", { name: "People" })).toContainText("2,000");
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
