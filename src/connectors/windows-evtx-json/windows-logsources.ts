/**
 * Sigma's Windows log sources, as the taxonomy appendix of the Sigma specification defines them
 * (sigma-appendix-taxonomy.md, "Windows Folder"): which event log channel is which `service`, and which
 * channel and event ids make up each `category`. Data only, one row per row of the specification.
 */

export const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const POWERSHELL_CHANNELS = ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'];
const POWERSHELL_CLASSIC_CHANNEL = 'Windows PowerShell';

/** `service` by channel. */
export const SERVICE_CHANNELS: Readonly<Record<string, readonly string[]>> = {
  application: ['Application'],
  'application-experience': [
    'Microsoft-Windows-Application-Experience/Program-Telemetry',
    'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant',
  ],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  bitlocker: ['Microsoft-Windows-BitLocker/BitLocker Management'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': [
    'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
  ],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'dns-server': ['DNS Server'],
  'dns-server-analytic': ['Microsoft-Windows-DNS-Server/Analytical'],
  'dns-server-audit': ['Microsoft-Windows-DNS-Server/Audit'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'hyper-v-worker': ['Microsoft-Windows-Hyper-V-Worker'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
  'kernel-event-tracing': ['Microsoft-Windows-Kernel-EventTracing'],
  // The specification writes the second one as Splunk names it, `WinEventLog:<channel>`.
  'kernel-shimengine': [
    'Microsoft-Windows-Kernel-ShimEngine/Operational',
    'Microsoft-Windows-Kernel-ShimEngine/Diagnostic',
  ],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'msexchange-management': ['MSExchange Management'],
  ntfs: ['Microsoft-Windows-Ntfs/Operational'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  openssh: ['OpenSSH/Operational'],
  // The service table names only the first; the ps_* categories put PowerShell 7's channel beside it.
  powershell: POWERSHELL_CHANNELS,
  'powershell-classic': [POWERSHELL_CLASSIC_CHANNEL],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  security: ['Security'],
  'security-mitigations': [
    'Microsoft-Windows-Security-Mitigations/Kernel Mode',
    'Microsoft-Windows-Security-Mitigations/User Mode',
  ],
  sense: ['Microsoft-Windows-SENSE/Operational'],
  'servicebus-client': ['Microsoft-ServiceBus-Client/Operational', 'Microsoft-ServiceBus-Client/Admin'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  sysmon: [SYSMON_CHANNEL],
  system: ['System'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  'terminalservices-localsessionmanager': [
    'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  ],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
};

export interface CategorySource {
  category: string;
  channels: readonly string[];
  eventIds: readonly number[];
}

/**
 * `category` by channel and event id. An event can be in several: a Sysmon registry event is both
 * `registry_event` and the specific `registry_*` category. (`file_access` and `file_rename` come from
 * the ETW provider Microsoft-Windows-Kernel-File, not from an event log channel, so they are not here.)
 */
export const CATEGORY_SOURCES: readonly CategorySource[] = [
  { category: 'process_creation', channels: [SYSMON_CHANNEL], eventIds: [1] },
  { category: 'file_change', channels: [SYSMON_CHANNEL], eventIds: [2] },
  { category: 'network_connection', channels: [SYSMON_CHANNEL], eventIds: [3] },
  { category: 'sysmon_status', channels: [SYSMON_CHANNEL], eventIds: [4, 16] },
  { category: 'process_termination', channels: [SYSMON_CHANNEL], eventIds: [5] },
  { category: 'driver_load', channels: [SYSMON_CHANNEL], eventIds: [6] },
  { category: 'image_load', channels: [SYSMON_CHANNEL], eventIds: [7] },
  { category: 'create_remote_thread', channels: [SYSMON_CHANNEL], eventIds: [8] },
  { category: 'raw_access_thread', channels: [SYSMON_CHANNEL], eventIds: [9] },
  { category: 'process_access', channels: [SYSMON_CHANNEL], eventIds: [10] },
  { category: 'file_event', channels: [SYSMON_CHANNEL], eventIds: [11] },
  { category: 'registry_event', channels: [SYSMON_CHANNEL], eventIds: [12, 13, 14] },
  { category: 'registry_add', channels: [SYSMON_CHANNEL], eventIds: [12] },
  { category: 'registry_delete', channels: [SYSMON_CHANNEL], eventIds: [12] },
  { category: 'registry_set', channels: [SYSMON_CHANNEL], eventIds: [13] },
  { category: 'registry_rename', channels: [SYSMON_CHANNEL], eventIds: [14] },
  { category: 'create_stream_hash', channels: [SYSMON_CHANNEL], eventIds: [15] },
  { category: 'pipe_created', channels: [SYSMON_CHANNEL], eventIds: [17, 18] },
  { category: 'wmi_event', channels: [SYSMON_CHANNEL], eventIds: [19, 20, 21] },
  { category: 'dns_query', channels: [SYSMON_CHANNEL], eventIds: [22] },
  { category: 'file_delete', channels: [SYSMON_CHANNEL], eventIds: [23] },
  { category: 'clipboard_capture', channels: [SYSMON_CHANNEL], eventIds: [24] },
  { category: 'process_tampering', channels: [SYSMON_CHANNEL], eventIds: [25] },
  { category: 'file_delete_detected', channels: [SYSMON_CHANNEL], eventIds: [26] },
  { category: 'file_block_executable', channels: [SYSMON_CHANNEL], eventIds: [27] },
  { category: 'file_block_shredding', channels: [SYSMON_CHANNEL], eventIds: [28] },
  { category: 'file_executable_detected', channels: [SYSMON_CHANNEL], eventIds: [29] },
  { category: 'sysmon_error', channels: [SYSMON_CHANNEL], eventIds: [255] },
  { category: 'ps_classic_start', channels: [POWERSHELL_CLASSIC_CHANNEL], eventIds: [400] },
  { category: 'ps_classic_provider_start', channels: [POWERSHELL_CLASSIC_CHANNEL], eventIds: [600] },
  { category: 'ps_classic_script', channels: [POWERSHELL_CLASSIC_CHANNEL], eventIds: [800] },
  { category: 'ps_module', channels: POWERSHELL_CHANNELS, eventIds: [4103] },
  { category: 'ps_script', channels: POWERSHELL_CHANNELS, eventIds: [4104] },
];

/**
 * The channel a provider writes to, for events whose channel is missing or not one of the above
 * (Sysmon events re-exported under another log name): they still get the Sysmon log source.
 */
export const CHANNEL_BY_PROVIDER: Readonly<Record<string, string>> = {
  'Microsoft-Windows-Sysmon': SYSMON_CHANNEL,
};
