// Progress monitoring in the browser. The demo school member completes a benchmark assessment of
// their school for a period the demo data leaves unassessed — rated item by item (saved as they go,
// one from the keyboard; a teammate's save meanwhile offers a reload), submit explained while items
// are missing, then submitted and read-only. The district leader sees the district's roll-up count
// one more school assessed, logs a barrier, updates it, starts work and resolves it (the resolution
// is required), confirms the milestone the submitted assessment proposed (dismisses another, adds
// one of their own), and downloads the PDF report (its title names the district). A readiness
// survey's link is answered anonymously in a fresh browser with no session, its results withheld
// under five answers. Axe-clean on every page and dialog; the overview fits a phone.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn } from './support/session';

interface RollUp {
  current: { unitsAssessed: number; unitsInScope: number };
}

/** The calendar quarter of a UTC day, and the quarters before it (as the period picker offers them). */
function recentQuarters(count: number): string[] {
  const now = new Date();
  let year = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  while (out.length < count) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

test('a school completes a benchmark assessment; the district sees the roll-up change, works a barrier, confirms a celebration and downloads the report', async ({ page, browser, baseURL }) => {
  // 39 items rated one by one, then four pages and four dialogs checked with axe.
  test.setTimeout(300_000);
  const member = await apiAs(baseURL!, 'schoolMember');
  const leader = await apiAs(baseURL!, 'districtLeader');
  const schoolId = (await member.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const districtId = (await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const school = await member.get<{ name: string }>(`/api/units/${schoolId}`);
  const district = await leader.get<{ name: string }>(`/api/units/${districtId}`);
  // A period the demo data has not assessed at this school (the current quarter unless the demo uses it).
  const taken = new Set((await member.get<{ period: string }[]>(`/api/units/${schoolId}/benchmark-assessments`)).map((a) => a.period));
  const period = recentQuarters(8).find((p) => !taken.has(p))!;
  const before = (await leader.get<RollUp>(`/api/units/${districtId}/benchmark-rollup?period=${period}`)).current.unitsAssessed;
  // The shipped checklist, as the server has it.
  const instruments = await member.get<{ benchmark: { id: string; areas: { key: string }[]; items: { key: string; title: string; area: string }[] }[] }>(`/api/units/${schoolId}/progress-instruments`);
  const checklist = instruments.benchmark.find((i) => i.id === 'trellis-benchmarks')!;
  // In the page's order: by area.
  const items = checklist.areas.flatMap((a) => checklist.items.filter((i) => i.area === a.key));

  // The member finds Progress from the school's page and starts the assessment for the period.
  await signIn(page, 'schoolMember');
  await page.goto(`/units/${schoolId}`);
  await page.getByRole('link', { name: /^Progress:/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Progress: ${school.name}` })).toBeVisible();
  await expectAccessible(page, 'the school’s progress overview');
  await page.getByRole('navigation', { name: 'Progress sections' }).getByRole('link', { name: 'Benchmarks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benchmarks: ${school.name}` })).toBeVisible();
  await page.getByRole('combobox', { name: 'Period' }).selectOption(period);
  await expectAccessible(page, 'the school’s benchmark assessments');
  await page.getByRole('button', { name: `Start the ${period} assessment` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benchmark assessment ${period}: ${school.name}` })).toBeVisible();
  await expect(page.getByTestId('rated-count')).toHaveText(`0 of ${items.length} rated`);
  await expect(page.getByRole('button', { name: 'Submit the assessment' })).toBeDisabled();
  await expect(page.locator('#submit-why')).toContainText(`Submitting is possible once every item is rated: ${items.length} to go`);
  await expectAccessible(page, 'a new assessment');

  // Every item rated: the first three fully in place (milestones to celebrate), the rest developing.
  const rows = page.getByTestId('benchmark-item');
  await expect(rows).toHaveCount(items.length);
  const first = rows.first();
  await first.getByRole('textbox', { name: 'Evidence notes' }).fill('Minutes of the October leadership meeting.');
  await first.getByRole('textbox', { name: 'Links to evidence' }).fill('https://example.org/minutes-october');
  const assessmentId = page.url().split('/').pop()!;
  for (let i = 0; i < items.length; i++) {
    const group = rows.nth(i).getByRole('radiogroup', { name: items[i]!.title });
    if (i === 5) {
      // A teammate saves a rating meanwhile: the page's next save is refused, said so, and the reload shows theirs.
      await expect(page.getByTestId('save-state')).toContainText('All changes saved');
      const current = await member.get<{ version: number }>(`/api/benchmark-assessments/${assessmentId}`);
      await member.patch(`/api/benchmark-assessments/${assessmentId}`, { version: current.version, ratings: [{ itemKey: items[30]!.key, rating: 'planned' }] });
      await group.getByRole('radio', { name: 'Developing' }).check();
      await expect(page.getByTestId('stale-alert')).toBeVisible();
      await expectAccessible(page, 'an assessment someone else saved meanwhile');
      await page.getByRole('button', { name: 'Reload the latest ratings' }).click();
      await expect(page.getByTestId('stale-alert')).toHaveCount(0);
      await expect(page.getByTestId('rated-count')).toHaveText(`6 of ${items.length} rated`);
      await expect(rows.nth(30).getByRole('radio', { name: 'Planned' })).toBeChecked();
    }
    if (i === 1) {
      // From the keyboard: Space picks the focused point of the scale, the arrow keys move along it.
      await group.getByRole('radio', { name: 'Not yet' }).focus();
      await page.keyboard.press('Space');
      for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
      await expect(group.getByRole('radio', { name: 'Fully in place' })).toBeChecked();
      continue;
    }
    await group.getByRole('radio', { name: i < 3 ? 'Fully in place' : 'Developing' }).check();
    if (i === items.length - 2) await expect(page.locator('#submit-why')).toContainText('1 to go');
  }
  await expect(page.getByTestId('rated-count')).toHaveText(`${items.length} of ${items.length} rated`);
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
  // Every rating reached the server, the first with its evidence.
  const saved = await member.get<{ id: string; completeness: { rated: number }; ratings: { itemKey: string; evidence: string | null; links: { url: string }[] }[] }>(
    `/api/benchmark-assessments/${assessmentId}`,
  );
  expect(saved.completeness.rated).toBe(items.length);
  expect(saved.ratings.find((r) => r.itemKey === items[0]!.key)).toMatchObject({ evidence: 'Minutes of the October leadership meeting.', links: [{ url: 'https://example.org/minutes-october' }] });
  await expectAccessible(page, 'a fully rated assessment');

  await page.getByRole('button', { name: 'Submit the assessment' }).click();
  const confirm = page.getByRole('dialog', { name: `Submit the ${period} assessment?` });
  await expectAccessible(page, 'the submit dialog');
  await confirm.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByTestId('assessment-status')).toHaveText('Submitted');
  await expect(page.getByTestId('submitted-note')).toContainText('A submitted assessment is final');
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(rows.first()).toContainText('Rating: Fully in place');
  await expectAccessible(page, 'a submitted assessment');

  // The district leader, in a session of their own, sees one more school assessed in the roll-up.
  const leaderContext = await browser.newContext();
  const lp = await leaderContext.newPage();
  await signIn(lp, 'districtLeader');
  await lp.goto(`/units/${districtId}/progress?period=${period}`);
  await expect(lp.getByRole('heading', { level: 1, name: `Progress: ${district.name}` })).toBeVisible();
  await expect(lp.getByTestId('units-assessed')).toContainText(`${before + 1} of `);
  await expect(lp.getByTestId('rollup-areas')).toBeVisible();
  await expectAccessible(lp, 'the district’s progress overview with its roll-up');
  // The overview fits a phone: nothing wider than the screen.
  await lp.setViewportSize({ width: 390, height: 844 });
  // (Polled: the layout settles a moment after the resize.)
  await expect.poll(() => lp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  await lp.setViewportSize({ width: 1280, height: 860 });

  // A barrier logged at the district, then resolved (the dialog refuses an empty resolution).
  await lp.getByRole('navigation', { name: 'Progress sections' }).getByRole('link', { name: 'Barriers' }).click();
  await expect(lp.getByRole('heading', { level: 1, name: `Barriers: ${district.name}` })).toBeVisible();
  // Stale barriers (the demo's, if any) are flagged with why.
  const stale = (await leader.get<{ description: string; staleness: { stale: boolean } }[]>(`/api/units/${districtId}/barriers?subtree=true`)).filter((b) => b.staleness.stale);
  for (const b of stale) await expect(lp.getByTestId('barrier').filter({ hasText: b.description })).toContainText(/Needs attention: (no update for \d+ days?|\d+ days? past its target date)/);
  await lp.getByRole('button', { name: 'Log a barrier' }).click();
  const log = lp.getByRole('dialog', { name: `Log a barrier at ${district.name}` });
  const description = `No common planning time for the change team (e2e ${Date.now()})`;
  await log.getByRole('combobox', { name: 'Kind of barrier' }).selectOption({ label: 'Resources' });
  await log.getByRole('textbox', { name: 'What stands in the way' }).fill(description);
  await log.getByRole('textbox', { name: 'Next step' }).fill('Ask the superintendent for a weekly common period.');
  await log.getByLabel('Target date').fill('2027-01-15');
  await expectAccessible(lp, 'the log-a-barrier dialog');
  await log.getByRole('button', { name: 'Log the barrier' }).click();
  await expect(log).toBeHidden();
  const card = lp.getByTestId('open-barriers').getByTestId('barrier').filter({ hasText: description });
  await expect(card).toContainText('Open');
  await expect(card).toContainText('Marcus Bell');
  await expectAccessible(lp, 'the barriers with one open');
  await card.getByRole('button', { name: 'Update' }).click();
  const update = lp.getByRole('dialog', { name: 'Update the barrier' });
  await expect(update.getByRole('textbox', { name: 'What stands in the way' })).toHaveValue(description);
  await update.getByRole('textbox', { name: 'Next step' }).fill('Put a weekly common period to the superintendent on Monday.');
  await update.getByRole('button', { name: 'Save' }).click();
  await expect(update).toBeHidden();
  await expect(card).toContainText('Put a weekly common period to the superintendent on Monday.');
  // Work starts before a barrier is resolved: an open one offers "Start work", not "Resolve".
  await expect(card.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
  await card.getByRole('button', { name: 'Start work' }).click();
  await expect(card).toContainText('In progress');
  await card.getByRole('button', { name: 'Resolve' }).click();
  const resolve = lp.getByRole('dialog', { name: 'Resolve the barrier' });
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve.getByText('Must say how the barrier was resolved')).toBeVisible();
  await expectAccessible(lp, 'the resolve dialog refusing an empty resolution');
  await resolve.getByRole('textbox', { name: 'How it was resolved' }).fill('A common period on Thursday afternoons.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  const done = lp.getByTestId('closed-barriers').getByTestId('barrier').filter({ hasText: description });
  await expect(done).toContainText('Resolved');
  await expect(done).toContainText('0 days to resolve');
  await expect(done).toContainText('A common period on Thursday afternoons.');
  await expectAccessible(lp, 'the barriers with one resolved');
  // The log downloads as the page shows it (with the units below): the resolved barrier is in it.
  const csvLink = lp.getByTestId('download-barriers-csv');
  await expect(csvLink).toHaveAttribute('href', `/api/units/${districtId}/barriers/export?subtree=true&format=csv`);
  const csv = await lp.request.get((await csvLink.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  const line = (await csv.text()).split('\n').find((l) => l.includes(description));
  expect(line).toContain(',Resolved,');
  expect(line).toContain('A common period on Thursday afternoons.');

  // The school's submitted assessment proposed its fully-in-place items; the leader confirms one.
  await lp.goto(`/units/${schoolId}/progress/celebrations`);
  await expect(lp.getByRole('heading', { level: 1, name: `Celebrations: ${school.name}` })).toBeVisible();
  const milestone = `Fully in place: ${items[0]!.title}`;
  const proposal = lp.getByTestId('proposed-celebration').filter({ hasText: milestone });
  await expect(proposal).toBeVisible();
  await expectAccessible(lp, 'the school’s celebrations with milestones to confirm');
  await proposal.getByRole('button', { name: 'Confirm' }).click();
  await expect(lp.getByTestId('celebration-feed').getByTestId('celebration').filter({ hasText: milestone })).toBeVisible();
  await expect(proposal).toHaveCount(0);
  // Another is dismissed (not proposed again), and the leader adds one of their own.
  const other = lp.getByTestId('proposed-celebration').filter({ hasText: `Fully in place: ${items[1]!.title}` });
  await other.getByRole('button', { name: 'Dismiss' }).click();
  await expect(other).toHaveCount(0);
  await lp.getByRole('button', { name: 'Add a celebration' }).click();
  const add = lp.getByRole('dialog', { name: 'Add a celebration' });
  await add.getByRole('textbox', { name: 'What is celebrated' }).fill('First family night on learning supports');
  await expectAccessible(lp, 'the add-a-celebration dialog');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  await expect(lp.getByTestId('celebration-feed').getByTestId('celebration').filter({ hasText: 'First family night on learning supports' })).toBeVisible();
  await expect(lp.getByTestId('celebration-feed').getByTestId('celebration').filter({ hasText: `Fully in place: ${items[1]!.title}` })).toHaveCount(0);
  await expectAccessible(lp, 'the school’s celebrations after confirming one');
  // The feed downloads: the leader's own celebration is in it.
  const feedCsv = await lp.request.get((await lp.getByTestId('download-celebrations-csv').getAttribute('href'))!);
  expect(feedCsv.status()).toBe(200);
  expect(await feedCsv.text()).toContain('First family night on learning supports');

  // The district's report for the period, on screen and as a PDF whose title names the district.
  await lp.goto(`/units/${districtId}/progress/report?period=${period}`);
  await expect(lp.getByRole('heading', { level: 1, name: `Progress report: ${district.name}` })).toBeVisible();
  await expect(lp.getByTestId('report-rollup')).toContainText(`${before + 1} assessed`);
  await expectAccessible(lp, 'the district’s progress report');
  const [download] = await Promise.all([lp.waitForEvent('download'), lp.getByRole('link', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^progress-report-.*-${period}\\.pdf$`));
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).toContain(`Progress report: ${district.name}`);
  await leaderContext.close();
  await member.dispose();
  await leader.dispose();
});

test('a readiness survey is sent by link and answered anonymously in a browser with no session; results wait for five answers', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const districtId = (await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const district = await leader.get<{ name: string }>(`/api/units/${districtId}`);
  await leader.dispose();

  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}/progress/readiness`);
  await expect(page.getByRole('heading', { level: 1, name: `Readiness and commitment: ${district.name}` })).toBeVisible();
  const surveysBefore = await page.getByTestId('survey').count();
  await page.getByRole('button', { name: 'Send a survey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a readiness survey' });
  await expectAccessible(page, 'the send-a-survey dialog');
  await dialog.getByRole('button', { name: 'Create the link' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('survey')).toHaveCount(surveysBefore + 1);
  const newest = page.getByTestId('survey').first();
  await expect(newest.getByTestId('survey-responses')).toHaveText(/^0 answers/);
  const link = await newest.getByTestId('survey-link').inputValue();
  expect(link).toMatch(/\/survey\/[A-Za-z0-9_-]{24}$/);
  await expectAccessible(page, 'the readiness page with a survey link');

  // Someone with the link and no account answers it.
  const stranger = await browser.newContext();
  const sp = await stranger.newPage();
  await sp.goto(link);
  await expect(sp.getByTestId('survey-unit')).toHaveText(district.name);
  await expect(sp.getByTestId('signed-in-person')).toHaveCount(0);
  await expectAccessible(sp, 'the public survey');
  await sp.getByRole('button', { name: 'Send my answers' }).click();
  await expect(sp.getByText('Answer at least one statement before sending.')).toBeVisible();
  const groups = sp.getByRole('radiogroup');
  const count = await groups.count();
  expect(count).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < count; i++) await groups.nth(i).getByRole('radio', { name: i % 2 ? '4 — Agree' : '5 — Strongly agree' }).check();
  await sp.getByRole('button', { name: 'Send my answers' }).click();
  await expect(sp.getByTestId('survey-thanks')).toBeVisible();
  await expectAccessible(sp, 'the survey’s thank-you');
  await stranger.close();

  // The leader sees the answer counted, the results withheld under the floor, then closes the survey.
  await page.reload();
  await expect(page.getByTestId('survey').first().getByTestId('survey-responses')).toHaveText(/^1 answer/);
  await expect(page.getByTestId('readiness-latest')).toContainText('Results are shown once five have answered');
  await expect(page.getByTestId('readiness-trend')).toContainText('Shown once five have answered');
  await page.getByTestId('survey').first().getByRole('button', { name: 'Close the survey' }).click();
  await expect(page.getByTestId('survey').first()).toContainText('Closed');
  const closed = await browser.newContext();
  const cp = await closed.newPage();
  await cp.goto(link);
  await expect(cp.getByTestId('survey-closed')).toBeVisible();
  await expectAccessible(cp, 'a closed survey');
  await closed.close();
});
