export type * from './event-bus';
