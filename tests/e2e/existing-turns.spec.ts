import { assistantTurns, openConversation, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { readFootprint } from './extension-state.ts';

/** A conversation opened with replies already on screen: each reply is analysed once and marked. */
for (const site of Object.values(CHAT_SITES)) {
  test(`${site.host}: the assistant turns already on the page are analysed and marked`, async ({
    extension,
  }) => {
    const page = await openConversation(extension, site);
    const turns = await assistantTurns(page, site).count();
    expect(turns, 'the fixture page shows an earlier reply').toBeGreaterThan(0);

    const marks = await waitForAnalysedTurns(page, site, turns);

    const records = await readFootprint(extension);
    expect(records.map((record) => record.site)).toEqual(Array(turns).fill(site.site));
    expect(records.map((record) => record.level).sort()).toEqual([...marks].sort());
  });
}
