/** Names of the frameworks tripline maps rule tags onto (ECS `threat.framework`). */
export const ATTACK = 'MITRE ATT&CK';
export const ATLAS = 'MITRE ATLAS';

/** ATT&CK tactics by Sigma tag name (`attack.credential-access`). */
export const ATTACK_TACTICS: Record<string, { id?: string; name: string }> = {
  reconnaissance: { id: 'TA0043', name: 'Reconnaissance' },
  'resource-development': { id: 'TA0042', name: 'Resource Development' },
  'initial-access': { id: 'TA0001', name: 'Initial Access' },
  execution: { id: 'TA0002', name: 'Execution' },
  persistence: { id: 'TA0003', name: 'Persistence' },
  'privilege-escalation': { id: 'TA0004', name: 'Privilege Escalation' },
  'defense-evasion': { id: 'TA0005', name: 'Defense Evasion' },
  'credential-access': { id: 'TA0006', name: 'Credential Access' },
  discovery: { id: 'TA0007', name: 'Discovery' },
  'lateral-movement': { id: 'TA0008', name: 'Lateral Movement' },
  collection: { id: 'TA0009', name: 'Collection' },
  exfiltration: { id: 'TA0010', name: 'Exfiltration' },
  'command-and-control': { id: 'TA0011', name: 'Command and Control' },
  impact: { id: 'TA0040', name: 'Impact' },
  // Tactics of newer ATT&CK releases used by recent SigmaHQ rules; ids are given only where known here.
  stealth: { name: 'Stealth' },
  'defense-impairment': { name: 'Defense Impairment' },
};

/** ATLAS techniques the bundled rules and the AI-abuse catalogue refer to (ATLAS 5.6). */
export const ATLAS_TECHNIQUES: Record<string, string> = {
  'AML.T0007': 'Discover AI Artifacts',
  'AML.T0010': 'AI Supply Chain Compromise',
  'AML.T0012': 'Valid Accounts',
  'AML.T0016': 'Obtain Capabilities',
  'AML.T0018': 'Manipulate AI Model',
  'AML.T0024': 'Exfiltration via AI Inference API',
  'AML.T0025': 'Exfiltration via Cyber Means',
  'AML.T0029': 'Denial of AI Service',
  'AML.T0034': 'Cost Harvesting',
  'AML.T0035': 'AI Artifact Collection',
  'AML.T0040': 'AI Model Inference API Access',
  'AML.T0044': 'Full AI Model Access',
  'AML.T0048': 'External Harms',
  'AML.T0049': 'Exploit Public-Facing Application',
  'AML.T0051': 'LLM Prompt Injection',
  'AML.T0053': 'AI Agent Tool Invocation',
  'AML.T0054': 'LLM Jailbreak',
  'AML.T0055': 'Unsecured Credentials',
  'AML.T0056': 'Extract LLM System Prompt',
  'AML.T0057': 'LLM Data Leakage',
  'AML.T0068': 'LLM Prompt Obfuscation',
  'AML.T0070': 'RAG Poisoning',
  'AML.T0072': 'Reverse Shell',
  'AML.T0075': 'Cloud Service Discovery',
  'AML.T0081': 'Modify AI Agent Configuration',
  'AML.T0091': 'Use Alternate Authentication Material',
  'AML.T0105': 'Escape to Host',
  'AML.T0112': 'Machine Compromise',
};

/** OWASP Top 10 for LLM Applications 2025, by tag (`owasp.llm01`). */
export const OWASP_LLM_2025: Record<string, string> = {
  llm01: 'LLM01:2025 Prompt Injection',
  llm02: 'LLM02:2025 Sensitive Information Disclosure',
  llm03: 'LLM03:2025 Supply Chain',
  llm04: 'LLM04:2025 Data and Model Poisoning',
  llm05: 'LLM05:2025 Improper Output Handling',
  llm06: 'LLM06:2025 Excessive Agency',
  llm07: 'LLM07:2025 System Prompt Leakage',
  llm08: 'LLM08:2025 Vector and Embedding Weaknesses',
  llm09: 'LLM09:2025 Misinformation',
  llm10: 'LLM10:2025 Unbounded Consumption',
};
