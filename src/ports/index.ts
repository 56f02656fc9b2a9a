export type * from './event-bus';
export type * from './document-sink';
