// Replies about deals: one deal with its team and buying committee, and a list of deals.
import { formatDate, type Locale, type Translate } from '../../i18n/index.js';
import type { Deal, DealView } from '../deals.js';
import type { Reply, ReplyBlock, ReplyItem } from '../reply.js';
import { labelOf, type DealSettings } from '../settings.js';

/** Formats an amount in its currency ("€250,000.00", "250 000,00 €"). */
export function formatAmount(amount: string | null, currency: string | null, locale: Locale): string | null {
  if (amount === null) return null;
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: currency ?? 'EUR' }).format(value);
  } catch {
    return `${value} ${currency ?? ''}`.trim();
  }
}

/** Builds the reply showing one deal. */
export function presentDeal(view: DealView, settings: DealSettings, t: Translate, locale: Locale): Reply {
  const { deal } = view;
  const heading = t('deals.show.heading', { name: deal.name, account: view.account.name });
  const none = t('deals.show.none');
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: heading },
    {
      type: 'fields',
      fields: [
        { label: t('deals.show.stage'), value: labelOf(settings, 'stage', deal.stage, t) },
        { label: t('deals.show.buyingStage'), value: deal.buyingStage ? labelOf(settings, 'buyingStage', deal.buyingStage, t) : none },
        { label: t('deals.show.status'), value: t(`deals.status.${deal.status}`) },
        { label: t('deals.show.close'), value: deal.expectedCloseOn ? formatDate(deal.expectedCloseOn, locale) : none },
        { label: t('deals.show.amount'), value: formatAmount(deal.amount, deal.currency, locale) ?? none },
      ],
    },
    { type: 'heading', text: t('deals.show.team') },
    view.team.length === 0
      ? { type: 'text', text: t('deals.show.noTeam') }
      : { type: 'items', items: view.team.map((member) => ({ title: member.name, subtitle: labelOf(settings, 'teamRole', member.role, t) })) },
    { type: 'heading', text: t('deals.show.committee') },
    view.committee.length === 0 ? { type: 'text', text: t('deals.show.noCommittee') } : { type: 'items', items: view.committee.map((row) => committeeItem(row, settings, t)) },
  ];
  return { text: t('deals.summary', { heading, value: labelOf(settings, 'stage', deal.stage, t) }), blocks };
}

function committeeItem(row: DealView['committee'][number], settings: DealSettings, t: Translate): ReplyItem {
  const label = row.name ?? row.title ?? '?';
  const subtitle = [
    labelOf(settings, 'committeeRole', row.role, t),
    labelOf(settings, 'attitude', row.attitude, t),
    t('deals.show.influence', { level: labelOf(settings, 'influence', row.influence, t) }),
  ].join(' · ');
  const lines = [
    ...(row.name && row.title ? [row.title] : []),
    ...(row.status === 'left' ? [t('deals.show.left')] : []),
    ...(row.motivations ? [t('deals.show.motivations', { text: row.motivations })] : []),
    ...(row.motivationTags.length > 0 ? [t('deals.show.tags', { tags: row.motivationTags.map((tag) => labelOf(settings, 'motivationTag', tag, t)).join(', ') })] : []),
  ];
  return { title: label, subtitle, ...(lines.length > 0 && { lines }) };
}

/** Builds the reply listing deals. */
export function presentDealList(rows: Array<Deal & { accountName: string }>, settings: DealSettings, t: Translate, locale: Locale): Reply {
  if (rows.length === 0) return { text: t('deals.reply.noDeals'), blocks: [{ type: 'text', text: t('deals.reply.noDeals') }] };
  const columns = ['deal', 'account', 'stage', 'status', 'close'].map((column) => t(`deals.show.columns.${column}`));
  const tableRows = rows.map((deal) => [
    deal.name,
    deal.accountName,
    labelOf(settings, 'stage', deal.stage, t),
    t(`deals.status.${deal.status}`),
    deal.expectedCloseOn ? formatDate(deal.expectedCloseOn, locale) : t('deals.show.none'),
  ]);
  return { text: t('deals.show.listHeading'), blocks: [{ type: 'heading', text: t('deals.show.listHeading') }, { type: 'table', columns, rows: tableRows }] };
}
