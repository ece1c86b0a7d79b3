// The power-map use case: loads a deal's or an account's people, committee and our coverage,
// cuts large organisations down, lays the map out and draws it as SVG and, on request, PNG.
import { classifySeat, type CoveragePolicy } from '../../domain/coverage.js';
import { buildPowerMap, DEFAULT_MAP_LIMIT, type MapPerson, type PowerMapModel } from '../../domain/power-map/model.js';
import { translator } from '../../i18n/index.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import type { MapTarget } from '../deals/actions.js';
import { resolveDeal, resolveDealOrAccount } from '../deals/lookup.js';
import { groupTies, loadAccountScope, loadDealScope, type CoverageScope } from '../deals/scope.js';
import { labelOf, readTenantSettings } from '../settings.js';
import { layoutPowerMap } from './layout.js';
import { renderPng } from './png.js';
import { renderMapSvg } from './svg.js';

type ReadContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'logger' | 'locale'>;

export interface PowerMap {
  model: PowerMapModel;
  svg: string;
  /** Set when PNG was asked for. */
  png?: Buffer;
  width: number;
  height: number;
  title: string;
  caption: string;
  /** Text alternative for chat clients and screen readers. */
  alt: string;
}

export interface PowerMapOptions {
  format?: 'svg' | 'png';
  /** Most people shown before branches collapse. */
  limit?: number;
  account?: string;
}

/** Draws the power map of a deal or an account named by the user. */
export async function drawPowerMap(ctx: ReadContext, query: string, options: PowerMapOptions = {}): Promise<PowerMap> {
  let target: MapTarget;
  if (options.account) target = { type: 'deal', id: (await resolveDeal(ctx, query, options)).id };
  else {
    const found = await resolveDealOrAccount(ctx, query);
    target = found.type === 'deal' ? { type: 'deal', id: found.deal.id } : { type: 'account', id: found.account.id };
  }
  return drawPowerMapOf(ctx, target, options);
}

/** Draws the power map of a deal or an account given by id (as map buttons carry it). */
export async function drawPowerMapOf(ctx: ReadContext, target: MapTarget, options: PowerMapOptions = {}): Promise<PowerMap> {
  await recordAudit(ctx, { action: 'lookup.map', targetType: target.type, targetId: target.id });
  const scope = target.type === 'deal' ? await loadDealScope(ctx, target.id) : await loadAccountScope(ctx, target.id);
  const settings = await readTenantSettings(ctx);
  const people = mapPeople(scope, settings.coverage, ctx.now().toISOString().slice(0, 10));
  const model = buildPowerMap(people, scope.influence.map((link) => ({ fromId: link.fromContactId, toId: link.toContactId, weight: link.weight })), options.limit ?? DEFAULT_MAP_LIMIT);

  const t = translator(ctx.locale);
  const title = scope.deal ? t('deals.map.titleDeal', { name: scope.deal.name, account: scope.account.name }) : t('deals.map.titleAccount', { name: scope.account.name });
  const caption = model.collapsed ? t('deals.map.captionCollapsed', { shown: model.shown, total: model.total }) : t('deals.map.captionFull', { count: model.total });
  const layout = layoutPowerMap(model);
  const { svg, width, height } = renderMapSvg(model, layout, { title, caption, t, label: (kind, id) => labelOf(settings.deals, kind, id, t) });
  const alt = t('deals.map.alt', { name: scope.deal?.name ?? scope.account.name, shown: model.shown, reporting: model.reportingEdges.filter((edge) => !edge.toId.startsWith('hidden:')).length, influence: model.influenceEdges.length });
  return { model, svg, width, height, title, caption, alt, ...(options.format === 'png' && { png: renderPng(svg, width) }) };
}

/** People of the map: everyone active at the account, plus committee members who have left. */
function mapPeople(scope: CoverageScope, policy: CoveragePolicy, today: string): MapPerson[] {
  const seats = new Map(scope.seats.map((seat) => [seat.contactId, seat]));
  const ties = groupTies(scope.ties);
  const everyone = [...scope.people, ...scope.seats.filter((seat) => !scope.people.some((person) => person.id === seat.contactId)).map((seat) => seat.person)];
  return everyone.map((person) => {
    const seat = seats.get(person.id);
    const personTies = ties.get(person.id) ?? [];
    const state = seat || personTies.length > 0 ? classifySeat({ contactId: person.id, role: null, attitude: null, influence: 'medium', ties: personTies }, policy, today).state : null;
    return {
      id: person.id,
      label: person.label,
      // A person known only by title is labelled with it; the second line then gives the unit.
      title: person.name ? person.title : person.unit,
      managerId: person.managerId,
      role: seat?.role ?? null,
      attitude: seat?.attitude ?? null,
      coverage: {
        state,
        knownBy: [...personTies].sort((a, b) => b.strength - a.strength).map((tie) => ({ memberName: scope.memberNames.get(tie.memberId) ?? '?', strength: tie.strength })),
      },
    };
  });
}
