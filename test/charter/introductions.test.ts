// "Someone in our team knows this person" and introduction requests: what the asker sees, the
// messages queued for owners and asker, and that a decline never names the owner.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { answerIntroduction, listIntroductions, requestIntroduction } from '../../src/app/charter/introductions.js';
import { presentWhoKnows } from '../../src/app/present/queries.js';
import { howToReach, listContacts, whoKnows, whoKnowsWhomAt } from '../../src/app/queries.js';
import type { Reply } from '../../src/app/reply.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { introductionRequests, outboundMessages } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore } from '../helpers/store.js';
import { addAccount, addContact, addMember, addRelationship, as, setCharter } from './helpers.js';

describe(`introductions on ${driverName}`, () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  /** Olga and Oscar know Peter privately; Rita asks. Hidden relationships show as existence. */
  async function setUp(label: string) {
    const tenantId = await createTestTenant(store, label);
    const olga = await addMember(store, tenantId, 'Olga Owner', { slackUserId: 'U0OLGA' });
    const oscar = await addMember(store, tenantId, 'Oscar Owner', { teamsAadObjectId: '0f9d2c61-7d2b-4a3e-9a55-2d8f4b1c6e70', locale: 'fr' });
    const rita = await addMember(store, tenantId, 'Rita Requester', { slackUserId: 'U0RITA' });
    const account = await addAccount(store, tenantId, 'Initech');
    const peter = await addContact(store, tenantId, account, 'Peter Gibbons');
    await addRelationship(store, tenantId, olga, peter, 'private');
    await addRelationship(store, tenantId, oscar, peter, 'deal_team');
    await setCharter(store, tenantId, { hiddenRelationships: 'existence' });
    return { tenantId, olga, oscar, rita, peter };
  }

  const notices = async (tenantId: string) =>
    (await store.db.select().from(outboundMessages).where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.kind, 'notice')))).map((row) => ({
      target: row.target,
      platform: row.platform,
      text: ((row.payload as { parts: Reply[] }).parts[0]!).text,
      body: JSON.stringify(row.payload),
    }));

  it('shows that someone knows the person, and nobody’s details', async () => {
    const { tenantId, rita } = await setUp('existence');
    const ctx = as(store, tenantId, rita, 'Rita Requester');
    const result = await whoKnows(ctx, 'Peter Gibbons');
    expect(result.knownBy).toEqual([]);
    expect(result.othersKnow).toBe(true);
    const reply = presentWhoKnows(result, translator('en'), 'en');
    const text = JSON.stringify(reply);
    expect(reply.text).toContain('Someone in our team knows Peter Gibbons');
    expect(text).not.toContain('Olga');
    expect(text).not.toContain('Oscar');
    expect(text).toContain('introduction request \\"Peter Gibbons\\" at \\"Initech\\"');

    expect((await whoKnowsWhomAt(ctx, 'Initech')).contacts[0]).toMatchObject({ knownBy: [], othersKnow: true });
    expect((await listContacts(ctx, 'Initech')).contacts[0]).toMatchObject({ knownByCount: 0, othersKnow: true });
    expect(await howToReach(ctx, 'Peter Gibbons')).toMatchObject({ paths: [], othersKnow: true });
  });

  it('shows nothing when the tenant hides everything', async () => {
    const { tenantId, rita } = await setUp('nothing');
    await setCharter(store, tenantId, { hiddenRelationships: 'nothing' });
    const result = await whoKnows(as(store, tenantId, rita), 'Peter Gibbons');
    expect(result.othersKnow).toBeUndefined();
    await expect(requestIntroduction(as(store, tenantId, rita, 'Rita Requester'), 'Peter Gibbons')).rejects.toMatchObject({ messageKey: 'charter.intro.disabled' });
  });

  it('asks every owner, in their language', async () => {
    const { tenantId, rita, olga, oscar } = await setUp('request');
    const party = await requestIntroduction(as(store, tenantId, rita, 'Rita Requester'), 'Peter Gibbons');
    expect(party).toMatchObject({ contact: 'Peter Gibbons', account: 'Initech' });
    const sent = await notices(tenantId);
    expect(sent.map((notice) => notice.target)).toEqual(expect.arrayContaining([{ memberId: olga }, { memberId: oscar }]));
    expect(sent.find((notice) => notice.platform === 'slack')?.text).toBe('Rita Requester asks you for an introduction to Peter Gibbons (Initech).');
    expect(sent.find((notice) => notice.platform === 'teams')?.text).toBe('Rita Requester vous demande une mise en relation avec Peter Gibbons (Initech).');
    expect(sent[0]!.body).toContain('introduction accept ');
    await expect(requestIntroduction(as(store, tenantId, rita, 'Rita Requester'), 'Peter Gibbons')).rejects.toMatchObject({ code: 'conflict', messageKey: 'charter.intro.alreadyRequested' });
  });

  it('tells the asker who accepted and closes the rest', async () => {
    const { tenantId, rita, olga, oscar } = await setUp('accept');
    await requestIntroduction(as(store, tenantId, rita, 'Rita Requester'), 'Peter Gibbons');
    const [request] = await store.db.select().from(introductionRequests).where(and(eq(introductionRequests.tenantId, tenantId), eq(introductionRequests.ownerId, olga)));
    const answer = await answerIntroduction(as(store, tenantId, olga, 'Olga Owner'), request!.id, 'accept');
    expect(answer).toMatchObject({ decision: 'accept', requester: 'Rita Requester' });

    const toRita = (await notices(tenantId)).filter((notice) => (notice.target as { memberId: string }).memberId === rita);
    expect(toRita.map((notice) => notice.text)).toEqual(['Olga Owner will introduce you to Peter Gibbons (Initech). Get in touch with Olga Owner to arrange it.']);
    const [oscarRow] = await store.db.select().from(introductionRequests).where(and(eq(introductionRequests.tenantId, tenantId), eq(introductionRequests.ownerId, oscar)));
    expect(oscarRow?.status).toBe('closed');
    await expect(answerIntroduction(as(store, tenantId, oscar), oscarRow!.id, 'decline')).rejects.toMatchObject({ code: 'conflict', messageKey: 'charter.intro.alreadyAnswered.closed' });

    const overview = await listIntroductions(as(store, tenantId, rita));
    expect(overview.asked).toEqual([expect.objectContaining({ contact: 'Peter Gibbons', status: 'accepted', acceptedBy: 'Olga Owner' })]);
  });

  it('tells the asker of a decline only once everyone declined, naming nobody', async () => {
    const { tenantId, rita, olga, oscar } = await setUp('decline');
    await requestIntroduction(as(store, tenantId, rita, 'Rita Requester'), 'Peter Gibbons');
    const rows = await store.db.select().from(introductionRequests).where(eq(introductionRequests.tenantId, tenantId));
    const of = (owner: string) => rows.find((row) => row.ownerId === owner)!.id;

    await answerIntroduction(as(store, tenantId, olga), of(olga), 'decline');
    const forRita = async () => (await notices(tenantId)).filter((notice) => (notice.target as { memberId: string }).memberId === rita);
    expect(await forRita()).toEqual([]);

    await answerIntroduction(as(store, tenantId, oscar), of(oscar), 'decline');
    const told = await forRita();
    expect(told.map((notice) => notice.text)).toEqual(['Your request for an introduction to Peter Gibbons (Initech) was declined.']);
    expect(told[0]!.body).not.toContain('Olga');
    expect(told[0]!.body).not.toContain('Oscar');
    const overview = await listIntroductions(as(store, tenantId, rita));
    expect(overview.asked[0]).toMatchObject({ status: 'declined', acceptedBy: null });
  });

  it('lets only the owner answer', async () => {
    const { tenantId, rita, olga } = await setUp('not-yours');
    await requestIntroduction(as(store, tenantId, rita, 'Rita Requester'), 'Peter Gibbons');
    const [request] = await store.db.select().from(introductionRequests).where(and(eq(introductionRequests.tenantId, tenantId), eq(introductionRequests.ownerId, olga)));
    await expect(answerIntroduction(as(store, tenantId, rita), request!.id, 'accept')).rejects.toMatchObject({ code: 'forbidden' });
    const pending = await listIntroductions(as(store, tenantId, olga));
    expect(pending.toAnswer).toEqual([expect.objectContaining({ requestId: request!.id, requester: 'Rita Requester', contact: 'Peter Gibbons' })]);
  });

  it('sends the asker to the people they can already see', async () => {
    const { tenantId, rita, peter } = await setUp('visible');
    const visible = await addMember(store, tenantId, 'Vera Visible');
    await addRelationship(store, tenantId, visible, peter, 'tenant');
    await setCharter(store, tenantId, { hiddenRelationships: 'existence' });
    const result = await whoKnows(as(store, tenantId, rita), 'Peter Gibbons');
    expect(result.knownBy.map((entry) => entry.member.name)).toEqual(['Vera Visible']);
    expect(result.othersKnow).toBe(true);
  });
});
