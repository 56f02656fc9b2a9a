import { threatMapping } from './threat-mapping';

describe('threatMapping', () => {
  it('names ATT&CK techniques and sub-techniques, ATLAS techniques, and falls back to the id', () => {
    const { threat, owaspLlm } = threatMapping([
      'attack.credential-access',
      'attack.t1552.001',
      'attack.t1003',
      'attack.t9999',
      'atlas.aml.t0034',
      'owasp.llm10',
    ]);
    const attack = threat.find((t) => t.framework === 'MITRE ATT&CK');
    expect(attack?.tactic?.name).toEqual(['Credential Access']);
    expect(attack?.technique?.id).toEqual(['T1552', 'T1003', 'T9999']);
    expect(attack?.technique?.name).toEqual(['Unsecured Credentials', 'OS Credential Dumping', 'T9999']);
    expect(attack?.technique?.subtechnique).toEqual({
      id: ['T1552.001'],
      name: ['Credentials In Files'],
      reference: ['https://attack.mitre.org/techniques/T1552/001/'],
    });
    const atlas = threat.find((t) => t.framework === 'MITRE ATLAS');
    expect(atlas?.technique?.name).toEqual(['Cost Harvesting']);
    expect(owaspLlm).toEqual(['LLM10:2025 Unbounded Consumption']);
  });
});
