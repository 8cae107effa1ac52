// The war-room's pure logic: countdowns, the quick-add language, presenter redaction,
// timeline filtering and sentences, activity data, time formatting, the roles list.
export * from './activity';
export * from './elapsed';
export * from './history';
export * from './quick-add';
export * from './redact';
export * from './roles';
export * from './sla';
export * from './timeline-filter';
export * from './incident-times';
