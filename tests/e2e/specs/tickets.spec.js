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

test("an urgent ticket breaches its first response after an hour; a reply, a resolve with a rating and a comment, all in its history", async ({ page }) => {
  // A fixed clock that the test moves on: the service-level clocks are certain.
  await page.clock.install({ time: new Date("2026-12-07T09:00:00Z") });
  await openSeeded(page, "/settings");
  await page.getByLabel("Your name").fill("Sam Support");
  await page.getByRole("navigation").getByRole("link", { name: "Tickets" }).click();
  const form = page.getByRole("region", { name: "New ticket" });
  await form.getByLabel("Subject").fill("Kettle leaks at the base");
  await form.getByLabel("Priority").selectOption({ label: "Urgent" });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ticket saved" })).toBeVisible();
  await page.getByLabel("Search tickets").fill("kettle leaks");
  await page.getByRole("link", { name: "Kettle leaks at the base" }).click();

  // Urgent: a first response within an hour, resolution within four.
  const level = page.getByRole("region", { name: "Service level" });
  const firstResponse = level.getByRole("definition").first();
  const resolution = level.getByRole("definition").last();
  await expect(firstResponse).toHaveText("on track, due 2026-12-07 10:00 UTC");
  await expect(resolution).toHaveText("on track, due 2026-12-07 13:00 UTC");

  // An hour and a half later, unanswered: breached (on a fresh look at the page).
  await page.clock.fastForward("01:30:00");
  await page.reload();
  await expect(firstResponse).toHaveText("breached, due 2026-12-07 10:00 UTC");

  // A reply is logged, in the history with who and when; the ticket is open now.
  const reply = page.getByRole("form", { name: "Reply" });
  await reply.getByLabel("Reply to the customer").fill("Sorry about that: a new seal is on its way.");
  await reply.getByRole("button", { name: "Log reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem").first()).toHaveText(
    "2026-12-07 10:30 UTC · Sam Support · Reply: Sorry about that: a new seal is on its way.",
  );
  await expect(history).toContainText("Sam Support · Status: New → Open");
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Open");

  // Resolved with the customer's rating and comment, asked on resolving: the resolution clock is
  // met, and the history has both.
  const resolve = page.getByRole("form", { name: "Resolution" });
  await resolve.getByRole("radio", { name: "4" }).check();
  await resolve.getByLabel("Customer's comment").fill("Quick, thanks");
  await resolve.getByRole("button", { name: "Resolve ticket" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await expect(resolution).toHaveText("met");
  await expect(history).toContainText("Status: Open → Resolved");
  await expect(history.getByRole("listitem").first()).toContainText("Satisfaction (1–5): — → 4 · Quick, thanks");
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Quick, thanks");

  // Reopened: open again, the rating and the history kept.
  await resolve.getByRole("button", { name: "Reopen ticket" }).click();
  await expect(history.getByRole("listitem").first()).toContainText("Status: Resolved → Open");
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Quick, thanks");

  // Kept after a reload, history included.
  await page.reload();
  await expect(history.getByRole("listitem")).toHaveCount(5);
  await expect(firstResponse).toHaveText("breached, due 2026-12-07 10:00 UTC");
});

test("a ticket shows on its requester's timeline and links to its page", async ({ page }) => {
  await openSeeded(page, "/customers/1");
  const name = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  await page.getByRole("navigation").getByRole("link", { name: "Tickets", exact: true }).click();
  const form = page.getByRole("region", { name: "New ticket" });
  await form.getByLabel("Subject").fill("Milk frother hums");
  const requester = form.getByLabel("Requester", { exact: true });
  await requester.focus();
  await form.getByLabel("Find in Requester").fill(name);
  await requester.selectOption({ label: name });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ticket saved" })).toBeVisible();

  await page.goto("/customers/1");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("link", { name: "Milk frother hums" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Milk frother hums" })).toBeVisible();
});
