// The post-mortem's pure logic: the draft from the record, action items, the Markdown export,
// the sanitising renderer and the printable HTML. See README.md for the action items rule.
export * from './action-items';
export * from './activity-svg';
export * from './draft';
export * from './format';
export * from './html';
export * from './markdown';
export * from './milestones';
export * from './messages-slot';
export * from './record-sections';
export * from './templates';
export * from './render';
export * from './source';
export * from './revisions';
