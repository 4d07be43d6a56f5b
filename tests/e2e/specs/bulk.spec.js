// Acting on many people at once, the trash, undo, and merging duplicates.
import { test, expect, openSeeded } from "./fixtures.js";

test("bulk-tag the matching people, undo it, delete a shift-clicked range and restore from the trash", async ({ page }) => {
  await openSeeded(page, "/customers");
  const search = page.getByLabel("Search people");
  await search.fill("anderson");
  const footer = page.getByText(/^Showing [\d,]+ of 2,000 people$/);
  const matching = Number((await footer.textContent()).match(/Showing ([\d,]+)/)[1].replace(",", ""));
  expect(matching).toBeGreaterThan(2);

  await page.getByRole("checkbox", { name: "Select all matching people" }).check();
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected people" });
  await expect(toolbar).toContainText(`${matching} selected`);
  await toolbar.getByLabel("Tag to add").fill("q4-push");
  await toolbar.getByRole("button", { name: "Add tag" }).click();
  const undoBar = page.getByRole("status").filter({ hasText: "Tagged" });
  await expect(undoBar).toHaveText(new RegExp(`Tagged: ${matching} records`));

  await search.fill("q4-push");
  await expect(page.getByText(`Showing ${matching} of 2,000 people`)).toBeVisible();
  await undoBar.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Showing 0 of 2,000 people")).toBeVisible();

  // Any field, here Source, set on the same selection.
  await search.fill("anderson");
  await toolbar.getByLabel("Field to set").selectOption({ label: "Source" });
  await toolbar.getByLabel("Value", { exact: true }).fill("Trade fair");
  await toolbar.getByRole("button", { name: "Set field" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Field set: ${matching} records` })).toBeVisible();
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Source" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("trade fair");
  await expect(page.getByText(`Showing ${matching} of 2,000 people`)).toBeVisible();
  await page.getByRole("button", { name: "Remove filter 1" }).click();

  // Click the first row, shift-click the third: three people selected, then deleted to the trash.
  await toolbar.getByRole("button", { name: "Clear selection" }).click();
  const boxes = page.getByRole("table").getByRole("checkbox", { name: /^Select (?!all)/ });
  await boxes.nth(0).click();
  await boxes.nth(2).click({ modifiers: ["Shift"] });
  await expect(toolbar).toContainText("3 selected");
  const names = await page.getByRole("table").locator("tbody tr:not(.spacer) td:nth-child(2)").allTextContents();
  await toolbar.getByRole("button", { name: "Delete selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved to the trash: 3 records" })).toBeVisible();
  await expect(page.getByText(`Showing ${matching - 3} of 1,997 people`)).toBeVisible();

  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(4);
  await page.getByRole("button", { name: `Restore ${names[0]}` }).click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
  await page.reload();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("group", { name: "People" })).toContainText("1,998");
});

test("merge two records of one person and undo the merge", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  for (const [first, email] of [["Ann", "ann.lee@example.net"], ["Anne", "ANN.LEE@example.net"]]) {
    await form.getByLabel("First name").fill(first);
    await form.getByLabel("Last name").fill("Lee");
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  }

  await page.getByRole("link", { name: "Find duplicates" }).click();
  const pair = page.getByRole("listitem").filter({ hasText: "ann.lee@example.net" });
  await pair.getByRole("button", { name: "Merge…" }).click();
  const merge = pair.getByRole("region", { name: "Merge two people" });
  await merge.getByRole("group", { name: "First name" }).getByLabel("Anne").check();
  await merge.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged: 2 records" })).toBeVisible();

  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByLabel("Search people").fill("ann.lee@example.net");
  await expect(page.getByText(/^Showing 1 of 2,001 people$/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Anne Lee/ })).toBeVisible();

  await page.getByRole("status").filter({ hasText: "Merged" }).getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(/^Showing 2 of 2,002 people$/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Ann Lee/ })).toBeVisible();
});
