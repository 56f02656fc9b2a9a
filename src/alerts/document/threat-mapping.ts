import { ATTACK_TECHNIQUE_NAMES } from './attack-techniques';
import { ATLAS, ATLAS_TECHNIQUES, ATTACK, ATTACK_TACTICS, OWASP_LLM_2025 } from './threat-frameworks';

/** One ECS `threat` entry: a framework with its tactics and techniques. */
export interface ThreatEntry {
  framework: string;
  tactic?: { id: string[]; name: string[]; reference: string[] };
  technique?: {
    id: string[];
    name: string[];
    reference: string[];
    subtechnique?: { id: string[]; name: string[]; reference: string[] };
  };
}

export interface ThreatMapping {
  threat: ThreatEntry[];
  owaspLlm: string[];
}

/**
 * Reads a rule's tags (`attack.t1059.001`, `attack.execution`, `atlas.aml.t0034`, `owasp.llm10`) into
 * ECS threat entries, one per framework, and the OWASP LLM 2025 categories.
 */
export function threatMapping(tags: readonly string[]): ThreatMapping {
  const attack = emptyEntry(ATTACK);
  const atlas = emptyEntry(ATLAS);
  const owaspLlm: string[] = [];
  for (const raw of tags) {
    const tag = raw.toLowerCase();
    if (tag.startsWith('attack.')) {
      const rest = tag.slice('attack.'.length);
      const technique = /^t(\d{4})(?:\.(\d{3}))?$/.exec(rest);
      if (technique) {
        addTechnique(attack, `T${technique[1]}`, technique[2], attackUrl);
      } else if (ATTACK_TACTICS[rest]) {
        const tactic = ATTACK_TACTICS[rest];
        addTactic(
          attack,
          tactic.id ?? rest,
          tactic.name,
          tactic.id ? `https://attack.mitre.org/tactics/${tactic.id}/` : '',
        );
      }
    } else if (tag.startsWith('atlas.')) {
      const technique = /^aml\.t(\d{4})(?:\.(\d{3}))?$/.exec(tag.slice('atlas.'.length));
      if (technique) addTechnique(atlas, `AML.T${technique[1]}`, technique[2], atlasUrl);
    } else if (tag.startsWith('owasp.')) {
      const name = OWASP_LLM_2025[tag.slice('owasp.'.length)];
      if (name && !owaspLlm.includes(name)) owaspLlm.push(name);
    }
  }
  return { threat: [attack, atlas].filter((e) => e.tactic || e.technique), owaspLlm };
}

function emptyEntry(framework: string): ThreatEntry {
  return { framework };
}

function addTactic(entry: ThreatEntry, id: string, name: string, reference: string): void {
  entry.tactic ??= { id: [], name: [], reference: [] };
  if (entry.tactic.id.includes(id)) return;
  entry.tactic.id.push(id);
  entry.tactic.name.push(name);
  entry.tactic.reference.push(reference);
}

function addTechnique(
  entry: ThreatEntry,
  id: string,
  sub: string | undefined,
  url: (id: string) => string,
): void {
  entry.technique ??= { id: [], name: [], reference: [] };
  const technique = entry.technique;
  if (!technique.id.includes(id)) {
    technique.id.push(id);
    technique.name.push(
      (entry.framework === ATLAS ? ATLAS_TECHNIQUES[id] : ATTACK_TECHNIQUE_NAMES[id]) ?? id,
    );
    technique.reference.push(url(id));
  }
  if (sub === undefined) return;
  const subId = `${id}.${sub}`;
  technique.subtechnique ??= { id: [], name: [], reference: [] };
  if (technique.subtechnique.id.includes(subId)) return;
  technique.subtechnique.id.push(subId);
  technique.subtechnique.name.push(
    (entry.framework === ATLAS ? undefined : ATTACK_TECHNIQUE_NAMES[subId]) ?? subId,
  );
  technique.subtechnique.reference.push(url(subId));
}

function attackUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

function atlasUrl(id: string): string {
  return `https://atlas.mitre.org/techniques/${id}`;
}
