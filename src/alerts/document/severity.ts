/** ECS / Kibana severity of a Sigma level, and the risk score (0–100) Elastic uses for each severity. */
export function severityOf(level: string): {
  severity: 'low' | 'medium' | 'high' | 'critical';
  riskScore: number;
  eventSeverity: number;
} {
  switch (level) {
    case 'critical':
      return { severity: 'critical', riskScore: 99, eventSeverity: 99 };
    case 'high':
      return { severity: 'high', riskScore: 73, eventSeverity: 73 };
    case 'medium':
      return { severity: 'medium', riskScore: 47, eventSeverity: 47 };
    case 'informational':
      return { severity: 'low', riskScore: 10, eventSeverity: 10 };
    default:
      return { severity: 'low', riskScore: 21, eventSeverity: 21 };
  }
}
