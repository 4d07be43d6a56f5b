// Tasks as a user keeps them: their own name, overdue and today, ticking off, the dashboard's
// overdue count, and the in-page reminder when a task falls due.
import { test, expect, openSeeded } from "./fixtures.js";

test("my tasks: overdue and due today, ticked off, counted on the dashboard, reminded when due", async ({ page }) => {
  // A fixed clock, so "today" and the reminder are certain; fastForward moves it on.
  await page.clock.install({ time: new Date("2026-11-28T10:00:00") });
  await openSeeded(page, "/");
  const overdueCard = page.getByRole("group", { name: "Overdue tasks" });
  await expect(overdueCard).not.toContainText("…");
  const overdueBefore = Number((await overdueCard.textContent()).replace(/\D/g, ""));

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Your name").fill("Mia Chen");
  await page.getByRole("link", { name: "Tasks" }).click();
  await page.getByLabel("Only my tasks").check();
  await expect(page.getByRole("region", { name: /Overdue/ })).toContainText("Nothing overdue.");

  const form = page.getByRole("region", { name: "New task" });
  for (const [title, due] of [["Chase the invoice", "2026-11-20T09:00"], ["Call Ada back", "2026-11-28T10:05"]]) {
    await form.getByLabel("Task").fill(title);
    await form.getByLabel("Due").fill(due);
    await expect(form.getByLabel("Assignee")).toHaveValue("Mia Chen");
    await form.getByRole("button", { name: "Add task" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Task added" })).toBeVisible();
  }
  const overdue = page.getByRole("region", { name: /Overdue/ });
  const today = page.getByRole("region", { name: /Due today/ });
  await expect(overdue.getByRole("listitem")).toHaveText([/Chase the invoice/]);
  await expect(today.getByRole("listitem")).toHaveText([/Call Ada back/]);

  // The reminder speaks up once the clock passes 10:05.
  await page.clock.fastForward("06:00");
  const reminder = page.getByRole("alert").filter({ hasText: "Due now:" });
  await expect(reminder).toContainText("Call Ada back");
  await reminder.getByRole("button", { name: "Dismiss" }).click();
  await expect(reminder).toHaveCount(0);

  // It is now past 10:05, so both new tasks are overdue.
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(overdueCard).toContainText(String(overdueBefore + 2));

  await page.getByRole("link", { name: "Tasks" }).click();
  // A click, as a user ticks it; the outcome is asserted below (check() would also demand the old
  // element stay put while the agenda re-renders from the write it causes).
  await page.getByRole("checkbox", { name: "Mark done: Chase the invoice" }).click();
  await expect(page.getByRole("region", { name: /Recently done/ })).toContainText("Chase the invoice");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Reopen: Chase the invoice" })).toBeChecked();
});
