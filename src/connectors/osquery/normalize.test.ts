import { join } from 'node:path';
import { loadRuleYaml, normalizeOk } from '../testing/connector-tests';
import { describeGoldenSamples, GOLDEN_CONTEXT } from '../testing/golden-samples';
import { osqueryConnector } from './index';

describeGoldenSamples(osqueryConnector, join(__dirname, 'testdata'), 3);

const envelope = {
  name: 'pack/ai-hosts/process_events',
  hostIdentifier: 'gpu-a100-03.ml.internal',
  calendarTime: 'Thu Apr  2 14:05:31 2026 UTC',
  unixTime: 1775138731,
  epoch: 0,
  counter: 412,
  decorations: { host_uuid: '4C4C4544-0052-3910-8034-B4C04F4B3732' },
};
const socketRow = {
  pid: '8842',
  path: '/usr/bin/python3.11',
  family: '2',
  protocol: '6',
  local_address: '10.0.3.7',
  local_port: '53311',
  remote_address: '160.79.104.10',
  remote_port: '443',
  action: 'connect',
};

describe('osquery', () => {
  it('splits snapshot, batched and TLS-logger results into rows, dropping the node key', () => {
    const rows = osqueryConnector.unwrap({ ...envelope, snapshot: [{ pid: '1' }, { pid: '2' }] });
    expect(rows).toEqual([
      { ...envelope, action: 'snapshot', columns: { pid: '1' } },
      { ...envelope, action: 'snapshot', columns: { pid: '2' } },
    ]);
    const batch = { ...envelope, diffResults: { added: [{ pid: '3' }], removed: [{ pid: '4' }] } };
    expect(osqueryConnector.unwrap({ node_key: 'secret', log_type: 'result', data: [batch] })).toEqual([
      { ...envelope, action: 'added', columns: { pid: '3' } },
      { ...envelope, action: 'removed', columns: { pid: '4' } },
    ]);
  });

  it('detects results and rejects other records', () => {
    expect(osqueryConnector.detect({ ...envelope, columns: {}, action: 'added' })).toBe(true);
    expect(osqueryConnector.detect({ name: 'x', hostIdentifier: 'h' })).toBe(false);
    expect(osqueryConnector.normalize({ kind: 'Event' }, GOLDEN_CONTEXT).ok).toBe(false);
  });

  it('takes the time from the row, then unixTime, then calendarTime, and rejects rows without one', () => {
    const at = (record: Record<string, unknown>): string | false => {
      const outcome = osqueryConnector.normalize(record, GOLDEN_CONTEXT);
      return outcome.ok && outcome.event.timestamp;
    };
    expect(at({ ...envelope, columns: { time: '1775138729' }, action: 'added' })).toBe(
      '2026-04-02T14:05:29.000Z',
    );
    expect(at({ ...envelope, columns: {}, action: 'added' })).toBe('2026-04-02T14:05:31.000Z');
    expect(at({ ...envelope, unixTime: '', columns: {}, action: 'added' })).toBe('2026-04-02T14:05:31.000Z');
    expect(
      osqueryConnector.normalize(
        { ...envelope, unixTime: 'x', calendarTime: 'y', columns: {} },
        GOLDEN_CONTEXT,
      ),
    ).toEqual({ ok: false, reason: 'unixTime is missing or not a time: "x"' });
  });

  it('keys events by hostIdentifier and picks the product from decorations', () => {
    const event = normalizeOk(osqueryConnector, {
      ...envelope,
      decorations: { platform: 'darwin' },
      columns: socketRow,
      action: 'added',
    });
    expect(event.key).toBe('gpu-a100-03.ml.internal');
    expect(event.logsource).toEqual({
      product: 'macos',
      categories: ['network_connection'],
      services: [],
    });
  });

  it('gives process rows that disappeared no process_creation category', () => {
    expect(
      normalizeOk(osqueryConnector, {
        ...envelope,
        columns: { pid: '9', path: '/usr/bin/curl', cmdline: 'curl x' },
        action: 'removed',
      }).logsource.categories,
    ).toEqual([]);
  });

  it("maps Sigma's network_connection names through its pipeline", async () => {
    const ruleSets = await loadRuleYaml(osqueryConnector, [
      'title: Python connects out to port 443',
      'id: 2e4f6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a7b',
      'logsource: { product: linux, category: network_connection }',
      'detection:',
      '  selection:',
      "    Image|endswith: '/python3.11'",
      '    DestinationPort: 443',
      "    DestinationIp|cidr: '160.79.104.0/23'",
      "    Initiated: 'true'",
      '  condition: selection',
      'level: low',
    ]);
    const event = normalizeOk(osqueryConnector, { ...envelope, columns: socketRow, action: 'added' });
    expect(ruleSets.detect(event).map((a) => a.rule.id)).toEqual(['2e4f6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a7b']);
  });
});
