/** The Scenario tab. English; merged into i18n/locales/en.ts. */
export const scenarioEn = {
  scenario: {
    intro:
      'Run a scenario file (the command line’s format) on this session: its sends go through this session, its expects check what arrives here.',
    load: 'Load file…',
    loadTitle: 'A scenario file: .yaml, .yml or .json',
    loaded: 'Loaded: {{name}}',
    text: 'Scenario',
    format: 'Format',
    destination: 'Send to',
    destinationTitle: 'UDP: where the scenario’s sends go; empty: the file’s first target',
    firstTarget: 'the file’s first target',
    run: 'Run',
    runTitle: 'Run the steps in order; a failed step skips the rest',
    cancel: 'Cancel',
    running: 'Running…',
    pass: 'PASS',
    fail: 'FAIL',
    skip: 'SKIP',
    received: 'Received',
    receivedText: 'text',
    receivedHex: 'hex',
    allPassed_one: '{{name}}: the one step passed',
    allPassed_other: '{{name}}: all {{count}} steps passed',
    someFailed: '{{name}}: {{passed}} passed, {{failed}} failed, {{skipped}} skipped',
    cancelled: '{{name}}: cancelled; {{passed}} passed, {{skipped}} skipped',
  },
};
