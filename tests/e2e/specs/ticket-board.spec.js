// The ticket board as a support agent uses it: a new ticket shows in "New", is dragged to "Open"
// with the mouse, moved on with the keyboard and through its "Move to" menu; every move is in
// the ticket's history under the agent's name, and the board is the same after a reload and in
// a second tab.
import { test, expect, openSeeded } from "./fixtures.js";

test.use({ viewport: { width: 1600, height: 900 } });

const column = (page, name) => page.getByRole("region", { name, exact: true });
const card = (page, title) => page.getByRole("article", { name: title });

test("ticket board: drag, keyboard, menu, history, reload, second tab", async ({ page, context }) => {
  await openSeeded(page, "/settings");
  await page.getByLabel("Your name").fill("Sam Support");
  await page.getByRole("navigation").getByRole("link", { name: "Tickets", exact: true }).click();
  const form = page.getByRole("region", { name: "New ticket" });
  await form.getByLabel("Subject").fill("Scale reads 5 g heavy");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ticket saved" })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Ticket board" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ticket board" })).toBeVisible();
  await expect(column(page, "New").getByRole("article", { name: "Scale reads 5 g heavy" })).toBeVisible();
  await expect(column(page, "New")).toContainText(/Tickets: [\d,]+/);

  // The mouse drags it to Open.
  const from = await card(page, "Scale reads 5 g heavy").locator(".hint").boundingBox();
  const to = await column(page, "Open").boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
  await expect(column(page, "Open").getByRole("article", { name: "Scale reads 5 g heavy" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Moved “Scale reads 5 g heavy” to Open" })).toBeAttached();

  // The keyboard: → moves it to Pending, the focus stays on the card.
  await card(page, "Scale reads 5 g heavy").focus();
  await page.keyboard.press("ArrowRight");
  await expect(column(page, "Pending").getByRole("article", { name: "Scale reads 5 g heavy" })).toBeVisible();
  await expect(card(page, "Scale reads 5 g heavy")).toBeFocused();

  // The "Move to" menu: resolved.
  await card(page, "Scale reads 5 g heavy").getByLabel("Move to").selectOption({ label: "Resolved" });
  await expect(column(page, "Resolved").getByRole("article", { name: "Scale reads 5 g heavy" })).toBeVisible();

  // Every move is in the ticket's history, by the agent (its page shows them once written).
  await column(page, "Resolved").getByRole("link", { name: "Scale reads 5 g heavy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scale reads 5 g heavy" })).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Sam Support · Status: New → Open");
  await expect(history).toContainText("Status: Open → Pending");
  await expect(history).toContainText("Status: Pending → Resolved");

  // Kept after a reload, and seen by a second tab.
  await page.goto("/ticket-board");
  await expect(column(page, "Resolved").getByRole("article", { name: "Scale reads 5 g heavy" })).toBeVisible();
  const second = await context.newPage();
  await second.setViewportSize({ width: 1600, height: 900 });
  await second.goto("/ticket-board");
  await expect(column(second, "Resolved").getByRole("article", { name: "Scale reads 5 g heavy" })).toBeVisible();
  await second.close();
});
