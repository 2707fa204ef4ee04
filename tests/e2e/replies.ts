/**
 * Replies the tests stream into the chat pages. The manipulative one uses phrasings of urgency (T01) and
 * political steering (T18) that the report names in its sentences; how many instances the extension finds
 * is always read from its store, never assumed here.
 */
export const URGENT_POLITICAL_REPLY = [
  "Honestly, you should vote for the Harbor Party in November. It's the only party that will save our country.",
  "And about the refinancing: act now, before it's too late. Rates like these won't be around for long.",
].join('\n\n');

export const PLAIN_REPLY = [
  'The main difference is when you pay tax.',
  'With a traditional IRA, contributions may be deductible now and withdrawals are taxed later; with a Roth IRA, you contribute money that has already been taxed and qualified withdrawals are tax-free.',
].join('\n\n');
