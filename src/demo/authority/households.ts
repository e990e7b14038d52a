import { citizenByKey, demoCitizens, type DemoCitizen } from '../citizens.js';
import { demoMarriages } from './civil-facts.js';

/**
 * The household a citizen belongs to: everyone reachable through partner, child and parent
 * relations. The head is the household's first adult in demo order; everyone else is described
 * relative to the head, as an Italian "stato di famiglia" does.
 */
export function householdOf(citizen: DemoCitizen): Array<{ member: DemoCitizen; relationship: string }> {
  const keys = new Set<string>();
  const queue = [citizen.key];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (keys.has(key)) continue;
    const member = citizenByKey(key);
    if (!member || member.country !== citizen.country) continue;
    keys.add(key);
    const { partner, children = [], parents = [] } = member.relations;
    queue.push(...(partner ? [partner] : []), ...children, ...parents);
  }
  const members = demoCitizens.filter((c) => keys.has(c.key));
  const head = members.find((m) => !m.relations.parents?.length) ?? citizen;
  return [head, ...members.filter((m) => m !== head)].map((member) => ({ member, relationship: relationshipToHead(head, member) }));
}

function relationshipToHead(head: DemoCitizen, member: DemoCitizen): string {
  if (member === head) return 'head';
  if (head.relations.partner === member.key) {
    const married = demoMarriages.some((m) => m.spouses.includes(head.key) && m.spouses.includes(member.key));
    return married ? 'spouse' : 'partner';
  }
  if (head.relations.children?.includes(member.key)) return 'child';
  if (head.relations.parents?.includes(member.key)) return 'parent';
  return 'relative';
}
