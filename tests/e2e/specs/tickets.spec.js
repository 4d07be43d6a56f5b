// Tickets as a support agent works them: one opened from the tickets page, found in the list,
// worked on its page (assigned, resolved with a satisfaction rating), bulk-assigned with others,
// and all of it kept after a reload.
import { test, expect, openSeeded } from "./fixtures.js";

test("a ticket opened, found, assigned, resolved with a rating, bulk status, kept after reload", async ({ page }) => {
  await openSeeded(page, "/tickets");
  await expect(page.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();
  const form = page.getByRole("region", { name: "New ticket" });
  await form.getByLabel("Subject").fill("Grinder jams on fine setting");
  await form.getByLabel("Priority").selectOption({ label: "Urgent" });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ticket saved" })).toBeVisible();

  await page.getByLabel("Search tickets").fill("grinder jams");
  await expect(page.getByText(/^Showing 1 of [\d,]+ tickets$/)).toBeVisible();
  await page.getByRole("link", { name: "Grinder jams on fine setting" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Grinder jams on fine setting" })).toBeVisible();

  const edit = page.getByRole("region", { name: "Edit" });
  await edit.getByLabel("Assignee").fill("Sam Support");
  await edit.getByLabel("Status", { exact: true }).selectOption({ label: "Resolved" });
  await edit.getByLabel("Satisfaction (1–5)").fill("5");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("Sam Support");
  await expect(details).toContainText("Resolved");

  // A rating outside 1–5 is refused, naming the field.
  await edit.getByLabel("Satisfaction (1–5)").fill("9");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Satisfaction");

  await page.reload();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Sam Support");

  // Back on the list: the matching tickets closed in one action.
  await page.getByRole("link", { name: "All tickets" }).first().click();
  await page.getByLabel("Search tickets").fill("grinder jams");
  await page.getByRole("checkbox", { name: "Select all matching tickets" }).check();
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected tickets" });
  await toolbar.getByLabel("Field to set").selectOption({ label: "Status" });
  await toolbar.getByLabel("Value", { exact: true }).fill("closed");
  await toolbar.getByRole("button", { name: "Set field" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Field set: 1 records" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "Grinder jams" })).toContainText("Closed");
});
