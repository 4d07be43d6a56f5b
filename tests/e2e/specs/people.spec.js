// Living with the customer list: find a person, open them, keep their record and timeline up to
// date, filter and sort the list, and find all of it again after a reload.
import { test, expect, openSeeded } from "./fixtures.js";
import { readFile } from "node:fs/promises";

test("find a person, edit them, log a note and a task, and find it all after a reload", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("José");
  await form.getByLabel("Last name").fill("Núñez");
  await form.getByLabel("Email").fill("jose.nunez@example.org");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();

  // Quick search ignores case and accents and spans emails.
  await page.getByLabel("Search people").fill("JOSE nunez@example.org");
  await expect(page.getByText("Showing 1 of 2,001 people")).toBeVisible();
  await page.getByRole("link", { name: "José Núñez" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "José Núñez" })).toBeVisible();

  await page.getByLabel("Summary").fill("Discussed the renewal");
  await page.getByLabel("Description").fill("Wants a three-year term.");
  await page.getByRole("button", { name: "Log it" }).click();
  await expect(page.getByText("Activity logged")).toBeVisible();

  await page.getByLabel("Task", { exact: true }).fill("Send the quote");
  await page.getByLabel("Due").fill("2030-01-15T10:00");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("Task added")).toBeVisible();

  await page.getByLabel("Job title").fill("Head of buying");
  await page.getByLabel("Tags").fill("vip, renewal");
  await page.getByLabel("Lifecycle").selectOption({ label: "Customer" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "José Núñez" })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expect(timeline.getByRole("listitem").first()).toContainText("Send the quote");
  await expect(timeline.getByRole("listitem").nth(1)).toContainText("Discussed the renewal");
  await page.getByLabel("Show").selectOption({ label: "Note" });
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("Head of buying");
  await expect(details).toContainText("vip, renewal");
  await expect(details).toContainText("Customer");

  // A filter on tags finds them, lives in the address, and survives a reload.
  await page.getByRole("link", { name: "All customers" }).click();
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Tags" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("VIP");
  await expect(page.getByRole("row", { name: /José Núñez/ })).toBeVisible();
  await expect(page).toHaveURL(/view=/);
  await page.reload();
  await expect(page.getByLabel("Filter value 1")).toHaveValue("VIP");
  await expect(page.getByRole("row", { name: /José Núñez/ })).toBeVisible();
});

test("the list sorts by a column and renders only the rows in view", async ({ page }) => {
  await openSeeded(page, "/customers");
  await expect(page.getByText("Showing 2,000 of 2,000 people")).toBeVisible();
  const table = page.getByRole("table");
  // 2,000 people, but only a screenful (plus overscan) of rows is in the page.
  expect(await table.locator("tbody tr:not(.spacer)").count()).toBeLessThan(60);

  const nameHeader = page.getByRole("columnheader", { name: "Name" });
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  const firstNames = await table.locator("tbody tr:not(.spacer) td:nth-child(2)").allTextContents();
  const sorted = [...firstNames].sort((a, b) =>
    a.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase() < b.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase() ? -1 : 1);
  expect(firstNames).toEqual(sorted);
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");

  // Scrolling to the end brings the last rows in.
  await page.getByRole("region", { name: "People table" }).evaluate((viewport) => {
    viewport.scrollTop = viewport.scrollHeight;
  });
  await expect(table.locator("tbody tr:not(.spacer)").last()).toHaveAttribute("aria-rowindex", "2001");
});

test("a saved view keeps its filter and columns and comes back after a reload", async ({ page }) => {
  await openSeeded(page, "/customers");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Lifecycle" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("churned");
  await page.getByText("Columns").click();
  await page.getByRole("checkbox", { name: "Job title" }).check();
  const footer = page.getByText(/^Showing [\d,]+ of 2,000 people$/);
  const churned = await footer.textContent();
  expect(churned).not.toBe("Showing 2,000 of 2,000 people");

  await page.getByLabel("Save this view as").fill("Churned accounts");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("status").filter({ hasText: "View saved" })).toBeVisible();

  await page.goto("/customers");
  await expect(page.getByText("Showing 2,000 of 2,000 people")).toBeVisible();
  await page.getByLabel("View", { exact: true }).selectOption({ label: "Churned accounts" });
  await expect(page.getByText(churned)).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Job title" })).toBeVisible();
  await expect(page.getByLabel("Filter value 1")).toHaveValue("churned");
});

test("a filter group mixes AND and OR, and lives in the address", async ({ page }) => {
  await openSeeded(page, "/customers");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Lifecycle" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("churned");
  const count = async () => Number((await page.getByText(/^Showing [\d,]+ of 2,000 people$/).textContent()).match(/Showing ([\d,]+)/)[1].replace(",", ""));
  await expect(page.getByText("Showing 2,000 of 2,000 people")).toBeHidden();
  const churned = await count();

  // churned OR (lead AND name contains "an")
  await page.getByLabel("Match", { exact: true }).first().selectOption({ label: "any condition (OR)" });
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByLabel("Group 1 filter field 1").selectOption({ label: "Lifecycle" });
  await page.getByLabel("Group 1 filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Group 1 filter value 1").fill("lead");
  const group = page.getByRole("group", { name: "Group 1" });
  await group.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Group 1 filter value 2").fill("an");
  await expect.poll(count).toBeGreaterThan(churned);
  const mixed = await count();

  await page.reload();
  await expect(page.getByLabel("Group 1 filter value 2")).toHaveValue("an");
  await expect.poll(count).toBe(mixed);
});

test("the people a search finds export as vCards an address book reads", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("小明");
  await form.getByLabel("Last name").fill("王");
  await form.getByLabel("Email").fill("wang.vcard@example.cn");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await page.getByLabel("Search people").fill("wang.vcard@example.cn");
  await expect(page.getByText("Showing 1 of 2,001 people")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export vCard" }).click()]);
  expect(download.suggestedFilename()).toBe("people.vcf");
  const text = await readFile(await download.path(), "utf8");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe("BEGIN:VCARD");
  expect(lines).toContain("FN:王小明");
  expect(lines).toContain("N:王;小明;;;");
  expect(lines).toContain("EMAIL;PREF=1:wang.vcard@example.cn");
  expect(text.match(/BEGIN:VCARD/g)).toHaveLength(1);
});
