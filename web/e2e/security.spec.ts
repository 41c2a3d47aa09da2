import type { Page } from "@playwright/test";
import { api, email, payOpenInvoices, expect, expectClean, go, PASSWORD, screen, test, url } from "./helpers";

/** A tenant made through the API: an owner with a site of one sector (and its id, token). */
async function tenant(name: string, plan?: string) {
  const mail = email(name);
  const reg = await api("POST", "/api/v1/auth/register/", undefined, { email: mail, password: PASSWORD, account_name: name, ...(plan ? { plan_slug: plan } : {}) });
  const token: string = reg.data.access;
  if (plan) await payOpenInvoices(token);
  const site = await api("POST", "/api/v1/auth/sites/", token, { name: `${name} site` });
  const inds = await api("GET", "/api/v1/auth/industries/");
  const ind = inds.results[0];
  await api("POST", `/api/v1/auth/sites/${site.data.id}/select_sectors/`, token, { industry_slug: ind.slug, sector_slugs: [ind.sectors[0].slug] });
  const sectors = await api("GET", `/api/v1/auth/sites/${site.data.id}/sectors/`, token);
  return { mail, token, siteId: site.data.id as number, sectorId: sectors.results[0].id as number };
}

/** Signs in with the keyboard only. */
async function keyboardSignIn(page: Page, mail: string) {
  await page.goto(url("/login"));
  await expect(page.getByRole("heading", { name: "Sign in to IGNY8" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("E-mail")).toBeFocused();
  await page.keyboard.type(mail);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Sites", level: 1 })).toBeVisible();
}

test("the session: no token a script can read, a reload keeps it, sign-out ends it; another tenant's URL is not found", async ({ page, context, problems }) => {
  const a = await tenant("alice");
  const b = await tenant("bob");
  const other = await api("POST", "/api/v1/writer/content/", b.token, { site_id: b.siteId, sector_id: b.sectorId, title: "Bob's secret", content_html: "<p>secret</p>" });

  await page.goto(url("/forgot-password"));
  await screen(page, "00-forgot-password");
  await page.goto(url("/reset-password?token=nope"));
  await screen(page, "00-reset-password");
  await page.goto(url("/login"));
  await screen(page, "00-login");
  await keyboardSignIn(page, a.mail);

  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  expect(storage).not.toMatch(/eyJ/); // no JWT anywhere a script can read
  expect(await page.evaluate(() => document.cookie)).not.toContain("igny8_refresh");
  const cookie = (await context.cookies()).find((c) => c.name === "igny8_refresh");
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/api/v1/auth/" });

  // A reload keeps the session (the cookie), without a token in storage.
  await go(page, "Keywords");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Keywords", level: 1 })).toBeVisible();
  await expect(page.getByText(a.mail)).toBeVisible();

  // Another tenant's article: not found, like a missing one.
  await page.goto(url(`/content/${other.data.id}`));
  await expect(page.getByRole("alert")).toContainText("Not found");
  await expect(page.getByText("Bob's secret")).toHaveCount(0);
  await page.goto(url("/no-such-screen"));
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // Sign out: back to the sign-in page, and a reload does not bring the session back.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to IGNY8" })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === "igny8_refresh")).toBeUndefined();
  await page.goto(url("/keywords"));
  await expect(page.getByRole("heading", { name: "Sign in to IGNY8" })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=%2Fkeywords/);

  expectClean(problems, [/status of 404/]);
});

test("a viewer sees no write controls", async ({ page, problems }) => {
  // A plan with room for a second user (a paid one: its first invoice is paid by transfer).
  const plans = await api("GET", "/api/v1/auth/plans/");
  const roomy = plans.results.filter((p: any) => (p.max_users ?? 0) >= 2).sort((x: any, y: any) => (x.price_cents ?? 0) - (y.price_cents ?? 0))[0];
  const owner = await tenant("olga", roomy.slug);
  const viewerMail = email("viewer");
  const member = await api("POST", "/api/v1/auth/users/", owner.token, { email: viewerMail, password: PASSWORD, role: "viewer" });
  await api("POST", "/api/v1/auth/site-access/", owner.token, { user_id: member.data.id, site_id: owner.siteId });
  await api("POST", `/api/v1/planner/keywords/`, owner.token, { site_id: owner.siteId, sector_id: owner.sectorId, keyword: "viewer visible keyword" });

  await keyboardSignIn(page, viewerMail);
  const write = /^(Create site|Save sectors|Import|Cluster selected|Generate|Create tasks|Run now|Save settings|Buy|Connect|Generate a site key|Save publishing settings|Approve|Publish|Edit|Pay)/;
  for (const [nav, heading] of [["Sites", "Sites"], ["Keywords", "Keywords"], ["Clusters", "Clusters"], ["Ideas", "Ideas"], ["Tasks", "Writer tasks"], ["Content", "Content"], ["Automation", "Automation"], ["WordPress", "WordPress"], ["Billing", "Billing"]]) {
    await go(page, nav);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("button", { name: write })).toHaveCount(0);
  }
  await go(page, "Keywords");
  await expect(page.getByText("viewer visible keyword")).toBeVisible();
  await screen(page, "12-viewer-keywords");
  expectClean(problems);
});
