// Service levels as a support lead sets them and an agent lives by them: targets per priority in
// Settings, counted in working hours with a holiday; a new urgent ticket due across the holiday;
// the clock passing its target; the dashboard's breach count leading to the breached tickets.
import { test, expect, openSeeded } from "./fixtures.js";

test("urgent tickets in working hours skip a holiday, breach, and the dashboard leads to them", async ({ page }) => {
  // Monday 7 December 2026, 16:00 UTC: an hour before closing.
  await page.clock.install({ time: new Date("2026-12-07T16:00:00Z") });
  await openSeeded(page, "/settings");
  const levels = page.getByRole("region", { name: "Service levels (SLA)" });
  await expect(levels.getByLabel("Urgent · First response (hours)")).toHaveValue("1");

  // A zone the browser does not know is refused, naming the input; nothing is kept.
  await levels.getByLabel("Time zone").fill("Mars/Olympus");
  await levels.getByRole("button", { name: "Save service levels" }).click();
  await expect(levels.getByRole("alert")).toContainText("Time zone: is not a time zone this browser knows");

  // Urgent: a first response within 2 working hours, 9:00–17:00 UTC, Tuesday a holiday.
  await levels.getByLabel("Urgent · First response (hours)").fill("2");
  await levels.getByLabel("Urgent · Working hours only").check();
  await levels.getByLabel("Time zone").fill("UTC");
  await levels.getByLabel("Holidays (one date per line)").fill("2026-12-08");
  await levels.getByRole("button", { name: "Save service levels" }).click();
  await expect(levels.getByRole("status")).toContainText("Service levels saved");
  await page.reload();
  await expect(levels.getByLabel("Urgent · First response (hours)")).toHaveValue("2");
  await expect(levels.getByLabel("Urgent · Working hours only")).toBeChecked();
  await expect(levels.getByLabel("Holidays (one date per line)")).toHaveValue("2026-12-08");

  await page.getByRole("navigation").getByRole("link", { name: "Tickets", exact: true }).click();
  const form = page.getByRole("region", { name: "New ticket" });
  await form.getByLabel("Subject").fill("Espresso machine leaks steam");
  await form.getByLabel("Priority").selectOption({ label: "Urgent" });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ticket saved" })).toBeVisible();

  // One working hour on Monday, none on the holiday, the second on Wednesday 9:00–10:00.
  await page.getByLabel("Search tickets").fill("espresso machine leaks");
  const row = page.getByRole("table").getByRole("row").filter({ hasText: "Espresso machine leaks steam" });
  await expect(row).toContainText("On track");
  await row.getByRole("link", { name: "Espresso machine leaks steam" }).click();
  const level = page.getByRole("region", { name: "Service level" });
  await expect(level.getByRole("definition").first()).toHaveText("on track, due 2026-12-09 10:00 UTC");

  // Wednesday 9:45: due soon; 10:30: breached, on the list and on the dashboard.
  await page.clock.fastForward("41:45:00");
  await page.reload();
  await expect(level.getByRole("definition").first()).toHaveText("due soon: 2026-12-09 10:00 UTC");
  await page.clock.fastForward("00:45:00");
  await page.getByRole("navigation").getByRole("link", { name: "Dashboard" }).click();
  const tickets = page.getByRole("group", { name: "Open tickets" });
  await expect(tickets).toContainText(/[\d,]+ past their SLA · [\d,]+ due soon/);
  await tickets.getByRole("link", { name: /past their SLA/ }).click();
  await expect(page).toHaveURL(/\/tickets\?view=/);
  await expect(page.getByText(/^Showing [\d,]+ of [\d,]+ tickets$/)).toBeVisible();
  await page.getByLabel("Search tickets").fill("espresso machine leaks");
  await expect(page.getByText(/^Showing 1 of [\d,]+ tickets$/)).toBeVisible();
  await expect(row).toContainText("Breached");
  // Every ticket the filter shows is breached.
  await page.getByLabel("Search tickets").fill("");
  const states = await page.locator("table.virtual tbody tr:not(.spacer)").allInnerTexts();
  expect(states.length).toBeGreaterThan(0);
  for (const text of states) expect(text).toContain("Breached");
});

test("a ticket's due times and history are shown in the service levels' time zone", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-12-07T09:00:00Z") });
  await openSeeded(page, "/settings");
  const levels = page.getByRole("region", { name: "Service levels (SLA)" });
  await levels.getByLabel("Time zone").fill("Asia/Shanghai");
  await levels.getByRole("button", { name: "Save service levels" }).click();
  await expect(levels.getByRole("status")).toContainText("Service levels saved");

  await page.getByRole("navigation").getByRole("link", { name: "Tickets", exact: true }).click();
  const form = page.getByRole("region", { name: "New ticket" });
  await form.getByLabel("Subject").fill("Grinder burr squeaks");
  await form.getByLabel("Priority").selectOption({ label: "Urgent" });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ticket saved" })).toBeVisible();
  await page.getByLabel("Search tickets").fill("grinder burr squeaks");
  await page.getByRole("link", { name: "Grinder burr squeaks" }).click();

  // Urgent: a first response within an hour of 09:00 UTC, 17:00 in Shanghai.
  const level = page.getByRole("region", { name: "Service level" });
  await expect(level.getByRole("definition").first()).toHaveText("on track, due 2026-12-07 18:00 UTC+8");
  const reply = page.getByRole("form", { name: "Reply" });
  await reply.getByLabel("Reply to the customer").fill("On it.");
  await reply.getByRole("button", { name: "Log reply" }).click();
  await expect(page.getByRole("region", { name: "History" }).getByRole("listitem").first()).toContainText("2026-12-07 17:00 UTC+8 ·");
});
