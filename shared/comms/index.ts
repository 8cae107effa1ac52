// Stakeholder updates: audiences, cadences, drafts from the record, the updates sent.
export * from './audiences';
export * from './cadence';
export * from './clock';
export * from './draft';
export * from './format';
export * from './placeholders';
export * from './postmortem-section';
export * from './public-text';
export * from './updates';
